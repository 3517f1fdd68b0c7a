/**
 * Key access (BMC Helix): a key with roles or groups of its own acts with
 * what they grant, capped by its owner's permissions at each request
 * (Keystone); a key with none acts with its owner's permissions.
 */
import { startTestServer, type TestServer } from '../helpers/server';
import {
  CREATE_KEY,
  LOCK_KEY,
  SET_ACCESS,
  SET_ROLES,
  apiKeyAuth,
  createGroup,
  createKey,
  createRole,
  createUser,
  inAccount,
  ok,
  roleIdsByName,
  viewerOf,
  type TestUser,
} from './helpers';

let t: TestServer;
let adminId: string;
let userManagerRole: string, viewerRole: string, keyAdminRole: string;
beforeAll(async () => {
  t = await startTestServer();
  ({ id: adminId } = await viewerOf(t, { token: t.adminToken }));
  userManagerRole = await createRole(t, 'UserManager', ['users.manage', 'users.read']);
  [viewerRole, keyAdminRole] = await roleIdsByName(t, ['Viewer', 'KeyAdministrator']);
});
afterAll(() => t.close());

let counter = 0;
/** `createUser` with a parent other than the caller: a users.manage holder's prerogative. */
async function createUserUnderAdmin(options: { token?: string; authorization?: string }) {
  counter++;
  return t.gql(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
    input: { email: `made-${counter}@example.com`, name: `Made ${counter}`, federated: true, parentId: adminId },
  }, options);
}
const listAllKeys = (options: { authorization?: string; token?: string }) => t.gql(`{ apiKeys(filter: {scope: ALL}) { totalCount } }`, {}, options);

test('a key scoped to Viewer cannot createUser though its owner can; the unscoped key can, until the owner loses users.manage (next request)', async () => {
  const owner = await createUser(t, { roleNames: ['UserManager', 'Viewer'] });
  const scoped = await createKey(t, { token: owner.token }, { name: 'viewer-only', roleIds: [viewerRole] });
  const roles = await t.gql(`query($id: ID!) { apiKey(id: $id) { roles { name } } }`, { id: scoped.key.id }, { token: owner.token });
  expect(roles.data.apiKey.roles).toEqual([{ name: 'Viewer' }]);
  const unscoped = await createKey(t, { token: owner.token }, { name: 'everything' });

  const refused = await createUserUnderAdmin(apiKeyAuth(scoped.secret));
  expect(refused.code).toBe('FORBIDDEN');
  expect((await createUserUnderAdmin({ token: owner.token })).errors).toBeUndefined();
  expect((await createUserUnderAdmin(apiKeyAuth(unscoped.secret))).errors).toBeUndefined();

  await ok(t, SET_ROLES, { input: { principalId: owner.id, roleIds: [viewerRole] } }, { token: t.adminToken });
  expect((await createUserUnderAdmin(apiKeyAuth(unscoped.secret))).code).toBe('FORBIDDEN');
  expect((await createUserUnderAdmin({ token: owner.token })).code).toBe('FORBIDDEN');
});

test('a scoped key is capped by its owner now: when the owner loses the role, the key given that role loses it in the next request', async () => {
  const owner = await createUser(t, { roleNames: ['KeyAdministrator'] });
  const scoped = await createKey(t, { token: owner.token }, { name: 'key-admin', roleIds: [keyAdminRole] });
  expect((await listAllKeys(apiKeyAuth(scoped.secret))).errors).toBeUndefined();
  await ok(t, SET_ROLES, { input: { principalId: owner.id, roleIds: [] } }, { token: t.adminToken });
  expect((await listAllKeys(apiKeyAuth(scoped.secret))).code).toBe('FORBIDDEN');
  // Given back to the owner, the key's role works again: the grant was kept, only capped.
  await ok(t, SET_ROLES, { input: { principalId: owner.id, roleIds: [keyAdminRole] } }, { token: t.adminToken });
  expect((await listAllKeys(apiKeyAuth(scoped.secret))).errors).toBeUndefined();
});

test('groups: a key given a group acts with its roles; a role held through a group may be given; a group granting nothing scopes the key to nothing', async () => {
  const owner = await createUser(t);
  const keyAdmins = await createGroup(t, 'Key admins', [keyAdminRole], [owner.id]);
  const empty = await createGroup(t, 'Nothing', [], [owner.id]);
  const viaGroup = await createKey(t, { token: owner.token }, { name: 'via-group', groupIds: [keyAdmins] });
  const roleViaGroup = await createKey(t, { token: owner.token }, { name: 'role-via-group', roleIds: [keyAdminRole] });
  const nothing = await createKey(t, { token: owner.token }, { name: 'nothing', groupIds: [empty] });
  const read = await t.gql(`query($id: ID!) { apiKey(id: $id) { roles { name } groups { name } } }`, { id: viaGroup.key.id }, { token: owner.token });
  expect(read.data.apiKey).toEqual({ roles: [], groups: [{ name: 'Key admins' }] });

  expect((await listAllKeys(apiKeyAuth(viaGroup.secret))).errors).toBeUndefined();
  expect((await listAllKeys(apiKeyAuth(roleViaGroup.secret))).errors).toBeUndefined();
  expect((await listAllKeys(apiKeyAuth(nothing.secret))).code).toBe('FORBIDDEN');
  expect((await listAllKeys({ token: owner.token })).errors).toBeUndefined();

  // Clearing the key's access: it acts with its owner's permissions again.
  const cleared = await ok(t, SET_ACCESS, { input: { id: nothing.key.id, roleIds: [], groupIds: [] } }, { token: owner.token });
  expect(cleared.setApiKeyAccess).toMatchObject({ roles: [], groups: [] });
  expect((await listAllKeys(apiKeyAuth(nothing.secret))).errors).toBeUndefined();
});

test('deleting the only role a key was given leaves the key able to do nothing, not everything its owner may', async () => {
  const listKeysRole = await createRole(t, 'KeyLister', ['apikeys.manage_all']);
  const owner = await createUser(t, { roleNames: ['KeyAdministrator', 'KeyLister'] });
  const { key, secret } = await createKey(t, { token: owner.token }, { name: 'lister', roleIds: [listKeysRole] });
  expect((await listAllKeys(apiKeyAuth(secret))).errors).toBeUndefined();

  await ok(t, `mutation($id: ID!) { deleteRole(id: $id) { deletedId } }`, { id: listKeysRole }, { token: t.adminToken });
  const read = await ok(t, `query($id: ID!) { apiKey(id: $id) { accessScoped roles { id } groups { id } } }`, { id: key.id }, { token: owner.token });
  expect(read.apiKey).toEqual({ accessScoped: true, roles: [], groups: [] });
  expect((await listAllKeys(apiKeyAuth(secret))).code).toBe('FORBIDDEN');
  expect((await listAllKeys({ token: owner.token })).errors).toBeUndefined();

  // Cleared on purpose, the key acts with its owner's permissions again.
  const cleared = await ok(t, `mutation($id: ID!) { setApiKeyAccess(input: { id: $id, roleIds: [], groupIds: [] }) { accessScoped } }`, { id: key.id }, { token: owner.token });
  expect(cleared.setApiKeyAccess.accessScoped).toBe(false);
  expect((await listAllKeys(apiKeyAuth(secret))).errors).toBeUndefined();
});

// Permissions are compared, not role or group identity (DESIGN.md "Credentials", finding 14): a group grants a key
// nothing its owner lacks, whether or not the owner is in it.
test('giving a key a role or a group with permissions its owner lacks is FORBIDDEN; roles and groups of another account are BAD_USER_INPUT', async () => {
  const owner = await createUser(t, { roleNames: ['Viewer'] });
  const otherGroup = await createGroup(t, 'Not mine', [keyAdminRole], []);
  const { key } = await createKey(t, { token: owner.token }, { name: 'to-scope' });

  const lacking = await t.gql(SET_ACCESS, { input: { id: key.id, roleIds: [keyAdminRole] } }, { token: owner.token });
  expect(lacking.code).toBe('FORBIDDEN');
  expect(lacking.errors![0].message).toContain('KeyAdministrator');
  // The same rule binds an administrator acting on the owner's key, and createApiKey.
  expect((await t.gql(SET_ACCESS, { input: { id: key.id, roleIds: [keyAdminRole] } }, { token: t.adminToken })).code).toBe('FORBIDDEN');
  expect((await t.gql(CREATE_KEY, { input: { name: 'too-much', roleIds: [keyAdminRole] } }, { token: owner.token })).code).toBe('FORBIDDEN');
  const notMember = await t.gql(SET_ACCESS, { input: { id: key.id, groupIds: [otherGroup] } }, { token: owner.token });
  expect(notMember.code).toBe('FORBIDDEN');
  expect(notMember.errors![0].message).toContain('Not mine');

  const foreign = await t.gql(`mutation { createAccount(input: { name: "Elsewhere" }) { id } }`, {}, { token: t.adminToken });
  const elsewhere = foreign.data.createAccount.id;
  const foreignRoles = await t.gql(`{ roles { id name } }`, {}, { token: t.adminToken, headers: inAccount(elsewhere) });
  const foreignViewer = foreignRoles.data.roles.find((r: any) => r.name === 'Viewer').id;
  const foreignGroup = await createGroup(t, 'Foreign', [], [], { token: t.adminToken, headers: inAccount(elsewhere) });
  const badRole = await t.gql(SET_ACCESS, { input: { id: key.id, roleIds: [foreignViewer] } }, { token: owner.token });
  expect([badRole.code, badRole.errors![0].extensions!.field]).toEqual(['BAD_USER_INPUT', 'roleIds']);
  const badGroup = await t.gql(SET_ACCESS, { input: { id: key.id, groupIds: [foreignGroup] } }, { token: owner.token });
  expect([badGroup.code, badGroup.errors![0].extensions!.field]).toEqual(['BAD_USER_INPUT', 'groupIds']);
  const badCreate = await t.gql(CREATE_KEY, { input: { name: 'foreign', groupIds: [foreignGroup] } }, { token: owner.token });
  expect([badCreate.code, badCreate.errors![0].extensions!.field]).toEqual(['BAD_USER_INPUT', 'groupIds']);

  // Nothing was written by the refusals.
  const after = await t.gql(`query($id: ID!) { apiKey(id: $id) { etag roles { id } groups { id } } }`, { id: key.id }, { token: owner.token });
  expect(after.data.apiKey).toEqual({ etag: key.etag, roles: [], groups: [] });
});

test('setApiKeyAccess bumps the etag; a stale ifMatch is PRECONDITION_FAILED; a locked key is KEY_LOCKED; a restricted key may not re-scope', async () => {
  const owner: TestUser = await createUser(t, { roleNames: ['Viewer'] });
  const { key, secret } = await createKey(t, { token: owner.token }, { name: 'versioned' });
  const set = await ok(t, SET_ACCESS, { input: { id: key.id, roleIds: [viewerRole], ifMatch: key.etag } }, { token: owner.token });
  expect(set.setApiKeyAccess.etag).not.toBe(key.etag);
  expect(set.setApiKeyAccess.roles.map((r: any) => r.name)).toEqual(['Viewer']);

  expect((await t.gql(SET_ACCESS, { input: { id: key.id, roleIds: [], ifMatch: key.etag } }, { token: owner.token })).code).toBe('PRECONDITION_FAILED');
  // The restricted key itself (created without `unrestricted`) may not change any key's access.
  expect((await t.gql(SET_ACCESS, { input: { id: key.id, roleIds: [] } }, apiKeyAuth(secret))).code).toBe('FORBIDDEN');

  await ok(t, LOCK_KEY, { id: key.id }, { token: owner.token });
  expect((await t.gql(SET_ACCESS, { input: { id: key.id, roleIds: [] } }, { token: owner.token })).code).toBe('KEY_LOCKED');
  expect((await t.gql(SET_ACCESS, { input: { id: key.id, roleIds: [] } }, { token: t.adminToken })).code).toBe('KEY_LOCKED');

  const events: { action: string; outcome: string }[] = await t.server.dataSource.query(
    `SELECT action, outcome FROM audit_events WHERE target_id = ? AND action = ? ORDER BY id`,
    [key.id, 'apikey.set_access'],
  );
  expect(events.map((e) => e.outcome)).toEqual(['SUCCESS', 'FAILED', 'DENIED', 'DENIED', 'DENIED']);
});

test('a session opened with a scoped key is scoped like the key', async () => {
  const owner = await createUser(t, { roleNames: ['KeyAdministrator', 'Viewer'] });
  const { secret } = await createKey(t, { token: owner.token }, { name: 'viewer-session', roleIds: [viewerRole] });
  const session = await ok(t, `mutation($input: AuthenticateInput!) { authenticate(input: $input) { token } }`, { input: { apiKey: secret } }, {});
  expect((await listAllKeys({ token: session.authenticate.token })).code).toBe('FORBIDDEN');
  expect((await listAllKeys({ token: owner.token })).errors).toBeUndefined();
});
