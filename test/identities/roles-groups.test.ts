/** Roles (catalog only, built-ins read-only) and groups (members hold the group's roles in its account). */
import { startTestServer, type TestServer } from '../helpers/server';
import { createUser, PASSWORD, roleId, viewerId } from './helpers';

let t: TestServer;
let adminId: string;
beforeAll(async () => {
  t = await startTestServer();
  adminId = await viewerId(t, t.adminToken);
});
afterAll(() => t.close());

const CREATE_ROLE = `mutation($input: CreateRoleInput!) { createRole(input: $input) { id name permissions builtIn } }`;
const UPDATE_ROLE = `mutation($input: UpdateRoleInput!) { updateRole(input: $input) { id name permissions } }`;
const CREATE_GROUP = `mutation($input: CreateGroupInput!) { createGroup(input: $input) { id name roles { name } } }`;
const ADD = `mutation($input: GroupMembersInput!) { addGroupMembers(input: $input) { id } }`;
const REMOVE = `mutation($input: GroupMembersInput!) { removeGroupMembers(input: $input) { id } }`;

test('custom roles take permissions from the catalog only; an unknown one is BAD_USER_INPUT naming it', async () => {
  const catalog = (await t.gql(`{ permissionCatalog }`, {}, { token: t.adminToken })).data.permissionCatalog;
  expect(catalog).toEqual(expect.arrayContaining(['users.read', 'users.manage', 'apikeys.manage_all', 'account.manage']));

  const refused = await t.gql(CREATE_ROLE, { input: { name: 'Bad', permissions: ['users.read', 'users.destroy'] } }, { token: t.adminToken });
  expect(refused.code).toBe('BAD_USER_INPUT');
  expect(refused.errors![0].message).toContain('"users.destroy"');

  const role = (await t.gql(CREATE_ROLE, { input: { name: 'Auditor', permissions: ['audit.read', 'users.read', 'audit.read'] } }, { token: t.adminToken })).data.createRole;
  expect(role).toMatchObject({ name: 'Auditor', permissions: ['audit.read', 'users.read'], builtIn: false });
  expect((await t.gql(CREATE_ROLE, { input: { name: 'Auditor', permissions: [] } }, { token: t.adminToken })).code).toBe('CONFLICT');
  expect((await t.gql(UPDATE_ROLE, { input: { id: role.id, permissions: ['nope'] } }, { token: t.adminToken })).code).toBe('BAD_USER_INPUT');
  expect((await t.gql(UPDATE_ROLE, { input: { id: role.id, permissions: ['audit.read'] } }, { token: t.adminToken })).data.updateRole.permissions).toEqual(['audit.read']);
  const deleted = await t.gql(`mutation { deleteRole(id: "${role.id}") { deletedId } }`, {}, { token: t.adminToken });
  expect(deleted.data.deleteRole.deletedId).toBe(role.id);
});

test('built-in roles are read-only: FORBIDDEN, and only roles.manage holders change roles', async () => {
  const viewerRole = await roleId(t, 'Viewer');
  expect((await t.gql(UPDATE_ROLE, { input: { id: viewerRole, permissions: ['users.manage'] } }, { token: t.adminToken })).code).toBe('FORBIDDEN');
  expect((await t.gql(`mutation { deleteRole(id: "${viewerRole}") { deletedId } }`, {}, { token: t.adminToken })).code).toBe('FORBIDDEN');
  const roles = (await t.gql(`{ roles { name permissions } }`, {}, { token: t.adminToken })).data.roles;
  expect(roles.find((r: any) => r.name === 'Viewer').permissions).toEqual(['users.read']);

  await createUser(t, t.adminToken, { email: 'r-plain@example.com' });
  const plain = await t.login('r-plain@example.com', PASSWORD);
  expect((await t.gql(CREATE_ROLE, { input: { name: 'Mine', permissions: [] } }, { token: plain })).code).toBe('FORBIDDEN');
});

test('setPrincipalRoles replaces the roles held in the account; the new permissions apply in the next request', async () => {
  const user = await createUser(t, t.adminToken, { email: 'r-set@example.com' });
  const token = await t.login('r-set@example.com', PASSWORD);
  const set = `mutation($input: SetPrincipalRolesInput!) { setPrincipalRoles(input: $input) { id roles { name } } }`;
  expect((await t.gql(`{ groups { totalCount } }`, {}, { token })).errors).toBeUndefined();
  expect((await t.gql(CREATE_GROUP, { input: { name: 'r-g' } }, { token })).code).toBe('FORBIDDEN');

  const admin = await roleId(t, 'Administrator');
  const result = await t.gql(set, { input: { principalId: user, roleIds: [admin] } }, { token: t.adminToken });
  expect(result.data.setPrincipalRoles.roles.map((r: any) => r.name)).toEqual(['Administrator']);
  expect((await t.gql(CREATE_GROUP, { input: { name: 'r-g' } }, { token })).errors).toBeUndefined();

  await t.gql(set, { input: { principalId: user, roleIds: [] } }, { token: t.adminToken });
  expect((await t.gql(CREATE_GROUP, { input: { name: 'r-g2' } }, { token })).code).toBe('FORBIDDEN');
  expect((await t.gql(set, { input: { principalId: user, roleIds: ['rol_01ARZ3NDEKTSV4RRFFQ69G5FAV'] } }, { token: t.adminToken })).code).toBe('BAD_USER_INPUT');
});

test('a user gains users.manage through a group and can act on it; removal takes it away in the next request', async () => {
  const user = await createUser(t, t.adminToken, { email: 'g-user@example.com' });
  const token = await t.login('g-user@example.com', PASSWORD);
  // Naming a parent other than oneself needs users.manage.
  const createElsewhere = (n: number) =>
    t.gql(`mutation { createUser(input: { email: "g-new${n}@example.com", name: "New", password: "${PASSWORD}", parentId: "${adminId}" }) { id parent { id } } }`, {}, { token });
  expect((await createElsewhere(1)).code).toBe('FORBIDDEN');

  const managers = await t.gql(CREATE_ROLE, { input: { name: 'UserManagers', permissions: ['users.manage'] } }, { token: t.adminToken });
  const group = (await t.gql(CREATE_GROUP, { input: { name: 'People team', roleIds: [managers.data.createRole.id] } }, { token: t.adminToken })).data.createGroup;
  expect(group.roles.map((r: any) => r.name)).toEqual(['UserManagers']);
  expect((await t.gql(ADD, { input: { groupId: group.id, principalIds: [user] } }, { token: t.adminToken })).errors).toBeUndefined();

  const viewer = await t.gql(`{ viewer { roles { name } groups { name } } }`, {}, { token });
  // Every member holds Member (DESIGN.md rule 5): the user has no role of its own besides.
  expect(viewer.data.viewer).toEqual({ roles: [{ name: 'Member' }], groups: [{ name: 'People team' }] });
  const created = await createElsewhere(2);
  expect(created.errors).toBeUndefined();
  expect(created.data.createUser.parent.id).toBe(adminId);

  await t.gql(REMOVE, { input: { groupId: group.id, principalIds: [user] } }, { token: t.adminToken });
  expect((await createElsewhere(3)).code).toBe('FORBIDDEN');
});

test('Group.members is paged over users and functional IDs; members must belong to the account', async () => {
  const group = (await t.gql(CREATE_GROUP, { input: { name: 'Paged' } }, { token: t.adminToken })).data.createGroup;
  const a = await createUser(t, t.adminToken, { email: 'gm-a@example.com' });
  const b = await createUser(t, t.adminToken, { email: 'gm-b@example.com' });
  const fid = (await t.gql(`mutation { createFunctionalId(input: { name: "gm/bot" }) { id } }`, {}, { token: t.adminToken })).data.createFunctionalId.id;
  await t.gql(ADD, { input: { groupId: group.id, principalIds: [a, b, fid] } }, { token: t.adminToken });
  await t.gql(ADD, { input: { groupId: group.id, principalIds: [a] } }, { token: t.adminToken }); // already in: no error

  const members = `query($after: String) { groups(first: 100) { edges { node { id members(first: 2, after: $after) { edges { node { id kind } } pageInfo { hasNextPage endCursor } totalCount } } } } }`;
  const first = (await t.gql(members, {}, { token: t.adminToken })).data.groups.edges.find((e: any) => e.node.id === group.id).node.members;
  // Ordered by principal ID, descending: users (`usr_`) newest first, then functional IDs (`fid_`).
  expect(first.edges.map((e: any) => e.node.id)).toEqual([b, a]);
  expect(first.pageInfo.hasNextPage).toBe(true);
  expect(first.totalCount).toBe(3);
  const second = (await t.gql(members, { after: first.pageInfo.endCursor }, { token: t.adminToken })).data.groups.edges.find((e: any) => e.node.id === group.id).node.members;
  expect(second.edges.map((e: any) => e.node)).toEqual([{ id: fid, kind: 'FUNCTIONAL_ID' }]);

  const stranger = await t.gql(ADD, { input: { groupId: group.id, principalIds: ['usr_01ARZ3NDEKTSV4RRFFQ69G5FAV'] } }, { token: t.adminToken });
  expect(stranger.code).toBe('BAD_USER_INPUT');

  // node(id) reaches groups; the group's changes are audited under their action names.
  expect((await t.gql(`{ node(id: "${group.id}") { ... on Group { name } } }`, {}, { token: t.adminToken })).data.node).toEqual({ name: 'Paged' });
  const audit: { action: string; outcome: string }[] = await t.server.dataSource.query(
    `SELECT action, outcome FROM audit_events WHERE target_id = ? ORDER BY id`,
    [group.id],
  );
  expect(audit.map((e) => `${e.action}:${e.outcome}`)).toEqual([
    'group.create:SUCCESS',
    'group.add_members:SUCCESS',
    'group.add_members:SUCCESS',
    'group.add_members:FAILED',
  ]);
});

test('no escalation: a groups.manage holder cannot hand itself roles it does not hold', async () => {
  const groupAdmins = await t.gql(CREATE_ROLE, { input: { name: 'GroupAdmins', permissions: ['groups.manage'] } }, { token: t.adminToken });
  const user = await createUser(t, t.adminToken, { email: 'esc@example.com', roleIds: [groupAdmins.data.createRole.id] });
  const token = await t.login('esc@example.com', PASSWORD);
  const admin = await roleId(t, 'Administrator');
  expect((await t.gql(CREATE_GROUP, { input: { name: 'Sneaky', roleIds: [admin] } }, { token })).code).toBe('FORBIDDEN');
  const adminsGroup = (await t.gql(CREATE_GROUP, { input: { name: 'Admins', roleIds: [admin] } }, { token: t.adminToken })).data.createGroup;
  expect((await t.gql(ADD, { input: { groupId: adminsGroup.id, principalIds: [user] } }, { token })).code).toBe('FORBIDDEN');
});

test('roles and groups given at creation show on the principal; updateGroup replaces the roles a group grants', async () => {
  const viewerRole = await roleId(t, 'Viewer');
  const keyAdmin = await roleId(t, 'KeyAdministrator');
  const group = (await t.gql(CREATE_GROUP, { input: { name: 'Bots', roleIds: [viewerRole] } }, { token: t.adminToken })).data.createGroup;
  const fid = await t.gql(
    `mutation($input: CreateFunctionalIdInput!) { createFunctionalId(input: $input) { id roles { name } groups { name roles { name } } } }`,
    { input: { name: 'bots/one', roleIds: [keyAdmin], groupIds: [group.id] } },
    { token: t.adminToken },
  );
  expect(fid.data.createFunctionalId).toMatchObject({ roles: [{ name: 'KeyAdministrator' }], groups: [{ name: 'Bots', roles: [{ name: 'Viewer' }] }] });

  const updated = await t.gql(`mutation($input: UpdateGroupInput!) { updateGroup(input: $input) { name roles { name } } }`, { input: { id: group.id, name: 'Robots', roleIds: [keyAdmin] } }, { token: t.adminToken });
  expect(updated.data.updateGroup).toEqual({ name: 'Robots', roles: [{ name: 'KeyAdministrator' }] });
  const user = await createUser(t, t.adminToken, { email: 'rg-user@example.com', roleIds: [viewerRole], groupIds: [group.id] });
  const seen = await t.gql(`{ user(id: "${user}") { roles { name } groups { name } } }`, {}, { token: t.adminToken });
  expect({ ...seen.data.user, roles: seen.data.user.roles.map((r: any) => r.name).sort() }).toEqual({ roles: ['Member', 'Viewer'], groups: [{ name: 'Robots' }] });
});
