/** Services and their permissions through GraphQL: who manages them, how roles hold them, and what keys carry. */
import { startTestServer, type TestServer } from '../helpers/server';
import { createKey, createUser, roleIdsByName } from '../api-keys/helpers';
import { callerHolding, createRole, createService, setRoles } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const SERVICE_FIELDS = `id name audience description permissions { name description } createdAt`;

test('holders of services.manage create services; the catalog lists their permissions and Administrator holds them', async () => {
  const created = await t.gql(
    `mutation($input: CreateServiceInput!) { createService(input: $input) { ${SERVICE_FIELDS} } }`,
    { input: { name: 'billing', audience: 'https://billing.example.com', description: 'Invoices', permissions: [{ name: 'invoices.read', description: 'Read' }, { name: 'invoices.write' }] } },
    { token: t.adminToken },
  );
  expect(created.data.createService).toMatchObject({ id: expect.stringMatching(/^svc_/), name: 'billing', permissions: [{ name: 'invoices.read', description: 'Read' }, { name: 'invoices.write', description: null }] });
  const id = created.data.createService.id;

  const catalog = await t.gql(`{ permissionCatalog }`, {}, { token: t.adminToken });
  expect(catalog.data.permissionCatalog).toEqual(expect.arrayContaining(['services.manage', 'credentials.introspect', 'billing:invoices.read', 'billing:invoices.write']));
  const roles = await t.gql(`{ roles { name permissions } }`, {}, { token: t.adminToken });
  expect(roles.data.roles.find((r: { name: string }) => r.name === 'Administrator').permissions).toEqual(
    expect.arrayContaining(['services.manage', 'credentials.introspect', 'billing:invoices.read', 'billing:invoices.write']),
  );

  expect((await t.gql(`query($id: ID!) { service(id: $id) { name audience } }`, { id }, { token: t.adminToken })).data.service).toEqual({ name: 'billing', audience: 'https://billing.example.com' });
  expect((await t.gql(`query($id: ID!) { node(id: $id) { ... on Service { name } } }`, { id }, { token: t.adminToken })).data.node).toEqual({ name: 'billing' });
  const list = await t.gql(`{ services(first: 10) { totalCount edges { node { id } } } }`, {}, { token: t.adminToken });
  expect(list.data.services.totalCount).toBe(1);

  const viewer = await createUser(t, { roleNames: ['Viewer'] });
  const refused = await t.gql(`mutation { createService(input: { name: "other", audience: "https://other.example.com" }) { id } }`, {}, { token: viewer.token });
  expect(refused.code).toBe('FORBIDDEN');
});

test('names, audiences and permission names are checked; a taken name or audience is CONFLICT naming the field', async () => {
  const service = await createService(t);
  const create = (input: Record<string, unknown>) => t.gql(`mutation($input: CreateServiceInput!) { createService(input: $input) { id } }`, { input }, { token: t.adminToken });
  expect((await create({ name: 'Bad_Name', audience: 'https://x.example.com' })).code).toBe('BAD_USER_INPUT');
  expect((await create({ name: 'fine', audience: 'not a uri' })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'audience' });
  expect((await create({ name: 'fine', audience: 'https://y.example.com', permissions: [{ name: 'a' }, { name: 'a' }] })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'permissions' });
  expect((await create({ name: 'fine', audience: 'https://y.example.com', permissions: [{ name: 'has space' }] })).code).toBe('BAD_USER_INPUT');
  expect((await create({ name: service.name, audience: 'https://z.example.com' })).errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'name' });
  expect((await create({ name: 'fresh-name', audience: service.audience })).errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'audience' });
});

test('roles hold custom permissions of the account only; a service cannot be deleted, nor a held permission removed, while a custom role holds it', async () => {
  const service = await createService(t);
  const unknown = await t.gql(`mutation { createRole(input: { name: "ghost", permissions: ["nowhere:invoices.read"] }) { id } }`, {}, { token: t.adminToken });
  expect(unknown.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'permissions' });
  const roleId = await createRole(t, `reader-${service.name}`, [`${service.name}:invoices.read`]);

  const deleteService = (dryRun = false) => t.gql(`mutation($id: ID!, $dryRun: Boolean) { deleteService(id: $id, dryRun: $dryRun) { deletedId dryRun } }`, { id: service.id, dryRun }, { token: t.adminToken });
  expect((await deleteService()).code).toBe('CONFLICT');
  const narrow = await t.gql(`mutation($input: UpdateServiceInput!) { updateService(input: $input) { id } }`, { input: { id: service.id, permissions: [{ name: 'invoices.write' }] } }, { token: t.adminToken });
  expect(narrow.code).toBe('CONFLICT');
  const rename = await t.gql(`mutation($input: UpdateServiceInput!) { updateService(input: $input) { id } }`, { input: { id: service.id, name: `${service.name}-x` } }, { token: t.adminToken });
  expect(rename.code).toBe('CONFLICT');

  // An unheld permission may go; Administrator follows.
  const dropWrite = await t.gql(`mutation($input: UpdateServiceInput!) { updateService(input: $input) { permissions { name } } }`, { input: { id: service.id, permissions: [{ name: 'invoices.read' }, { name: 'refunds.issue' }] } }, { token: t.adminToken });
  expect(dropWrite.data.updateService.permissions).toEqual([{ name: 'invoices.read' }, { name: 'refunds.issue' }]);
  const adminRole = async () => (await t.gql(`{ roles { name permissions } }`, {}, { token: t.adminToken })).data.roles.find((r: { name: string }) => r.name === 'Administrator').permissions as string[];
  expect(await adminRole()).toEqual(expect.arrayContaining([`${service.name}:invoices.read`, `${service.name}:refunds.issue`]));
  expect(await adminRole()).not.toContain(`${service.name}:invoices.write`);

  expect((await t.gql(`mutation($id: ID!) { deleteRole(id: $id) { deletedId } }`, { id: roleId }, { token: t.adminToken })).errors).toBeUndefined();
  expect((await deleteService(true)).data.deleteService).toEqual({ deletedId: service.id, dryRun: true });
  expect((await deleteService()).data.deleteService).toEqual({ deletedId: service.id, dryRun: false });
  expect((await adminRole()).some((p) => p.startsWith(`${service.name}:`))).toBe(false);
  expect((await t.gql(`{ permissionCatalog }`, {}, { token: t.adminToken })).data.permissionCatalog).not.toContain(`${service.name}:invoices.read`);
});

test('ApiKey.servicePermissions shows what a key carries, capped by its owner', async () => {
  const service = await createService(t);
  const caller = await callerHolding(t, [`${service.name}:invoices.read`]);
  const read = await t.gql(`query($id: ID!) { apiKey(id: $id) { servicePermissions } }`, { id: caller.apiKey.id }, { token: caller.user.token });
  expect(read.data.apiKey.servicePermissions).toEqual([`${service.name}:invoices.read`]);

  // A key given a role its owner later loses carries nothing of it.
  const writerRole = await createRole(t, `writer-${service.name}`, [`${service.name}:invoices.write`]);
  const owner = await createUser(t);
  await setRoles(t, owner.id, [...(await roleIdsByName(t, ['Member'])), writerRole]);
  const key = await createKey(t, { token: owner.token }, { name: 'capped', unrestricted: true });
  await t.gql(`mutation($input: SetApiKeyAccessInput!) { setApiKeyAccess(input: $input) { id } }`, { input: { id: key.key.id, roleIds: [writerRole] } }, { token: owner.token });
  await setRoles(t, owner.id, await roleIdsByName(t, ['Member', 'Viewer']));
  const capped = await t.gql(`query($id: ID!) { apiKey(id: $id) { servicePermissions } }`, { id: key.key.id }, { token: t.adminToken });
  expect(capped.data.apiKey.servicePermissions).toEqual([]);
});
