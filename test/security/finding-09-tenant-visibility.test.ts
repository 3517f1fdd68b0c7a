/**
 * Finding 9: tenants saw each other. A Viewer of one tenant read, through
 * `parent`, `ancestors` and `account`, the first Administrator's ID and
 * email and the Default account's settings. Fields now stop at the account
 * boundary: principals outside the active account read null (or are left
 * out of lists), accounts the viewer is not a member of read null.
 */
import { startTestServer, type TestServer } from '../helpers/server';
import { createUser as seedUser } from '../helpers/seed';
import { createOwnAccount } from './edge-helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const LOOK_AROUND = `{ viewer { id account { id name settings { maxApiKeysPerPrincipal } } ... on User {
  parent { id email account { id name settings { maxApiKeysPerPrincipal } } parent { id email } }
  ancestors { id email account { id } } } } }`;

test('a Viewer of a tenant reads its manager, but neither the Administrator above it nor the Default account', async () => {
  const adminId = (await t.gql(`{ viewer { id account { id } } }`, {}, { token: t.adminToken })).data.viewer;
  // A user of the Default account opens a tenant of its own and puts a Viewer there, below itself.
  const founder = await seedUser(t, 'Founder');
  const tenant = await createOwnAccount(t, founder.token, 'Tenant');
  const inTenant = { token: founder.token, headers: { 'x-account-id': tenant } };
  const viewerRole = (await t.gql(`{ roles { id name } }`, {}, inTenant)).data.roles.find((r: { name: string }) => r.name === 'Viewer').id;
  const created = await t.gql(
    `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
    { input: { email: 'tenant.viewer@example.com', name: 'Tenant Viewer', password: 'tenant-viewer-password', roleIds: [viewerRole] } },
    inTenant,
  );
  expect(created.errors).toBeUndefined();
  const spy = await t.login('tenant.viewer@example.com', 'tenant-viewer-password');

  const seen = await t.gql(LOOK_AROUND, {}, { token: spy });
  expect(seen.errors).toBeUndefined();
  const me = seen.data.viewer;
  expect(me.account.id).toBe(tenant);
  // The founder is a member of the tenant: seen, with its email (Viewer holds users.read there).
  expect(me.parent).toMatchObject({ id: founder.id, email: founder.email });
  // …but its home account is Default, where the spy is no member; and above it is the Administrator.
  expect(me.parent.account).toBeNull();
  expect(me.parent.parent).toBeNull();
  expect(me.ancestors.map((a: { id: string }) => a.id)).toEqual([founder.id]);
  expect(JSON.stringify(seen.body)).not.toContain(adminId.id);
  expect(JSON.stringify(seen.body)).not.toContain(adminId.account.id);
  expect(JSON.stringify(seen.body)).not.toContain('admin@example.com');

  // The founder itself, a member of both, still sees its own home account.
  expect((await t.gql(`{ viewer { account { id } } }`, {}, inTenant)).data.viewer.account.id).toBe(adminId.account.id);
});

test('the boundary costs the same number of SQL statements for 3 users as for 9', async () => {
  const LIST = `{ users(first: 50) { edges { node { id account { id } parent { id } ancestors { id } } } } }`;
  const founder = await seedUser(t, 'Counter');
  const tenant = await createOwnAccount(t, founder.token, 'Counting tenant');
  const inTenant = { token: founder.token, headers: { 'x-account-id': tenant } };
  const addUsers = async (from: number, to: number) => {
    for (let n = from; n < to; n++) {
      const made = await t.gql(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
        input: { email: `counted.${n}@example.com`, name: `Counted ${n}`, federated: true },
      }, inTenant);
      expect(made.errors).toBeUndefined();
    }
  };
  const statements = async () => {
    t.sql.reset();
    const listed = await t.gql(LIST, {}, inTenant);
    expect(listed.errors).toBeUndefined();
    return { count: t.sql.count, users: listed.data.users.edges.length };
  };
  await addUsers(0, 2);
  const few = await statements();
  await addUsers(2, 8);
  const many = await statements();
  expect([few.users, many.users]).toEqual([3, 9]);
  expect(many.count).toBe(few.count);
});
