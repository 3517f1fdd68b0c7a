/** Users: the hierarchy and its cycles, creating children, email visibility, disabling and deleting. */
import { startTestServer, type TestServer } from '../helpers/server';
import { createApiKey, createUser, PASSWORD, roleId, setKeyLocked, viewerId } from './helpers';

let t: TestServer;
let adminId: string;
beforeAll(async () => {
  t = await startTestServer();
  adminId = await viewerId(t, t.adminToken);
});
afterAll(() => t.close());

const UPDATE = `mutation($input: UpdateUserInput!) { updateUser(input: $input) { id name parent { id } } }`;
const DISABLE = `mutation($input: SetUserDisabledInput!) { setUserDisabled(input: $input) { id disabled } }`;
const DELETE = `mutation($id: ID!, $dryRun: Boolean) { deleteUser(id: $id, dryRun: $dryRun) { deletedId dryRun } }`;

test('ancestors come nearest first, children are paged, and the creator becomes the parent by default', async () => {
  const manager = await createUser(t, t.adminToken, { email: 'h-manager@example.com' });
  const managerToken = await t.login('h-manager@example.com', PASSWORD);
  // A user without users.manage creates its own child: it becomes the parent.
  const engineer = await createUser(t, managerToken, { email: 'h-engineer@example.com' });
  const second = await createUser(t, managerToken, { email: 'h-engineer2@example.com' });

  const result = await t.gql(
    `query($id: ID!) { user(id: $id) { ancestors { id } parent { id } } manager: user(id: "${manager}") { children(first: 1) { edges { node { id } } pageInfo { hasNextPage endCursor } totalCount } } }`,
    { id: engineer },
    { token: t.adminToken },
  );
  expect(result.errors).toBeUndefined();
  expect(result.data.user.ancestors.map((u: any) => u.id)).toEqual([manager, adminId]);
  expect(result.data.user.parent.id).toBe(manager);
  const page = result.data.manager.children;
  expect(page.edges.map((e: any) => e.node.id)).toEqual([second]); // newest first
  expect(page.pageInfo.hasNextPage).toBe(true);
  expect(page.totalCount).toBe(2);
  const next = await t.gql(`{ user(id: "${manager}") { children(first: 1, after: "${page.pageInfo.endCursor}") { edges { node { id } } pageInfo { hasNextPage } } } }`, {}, { token: t.adminToken });
  expect(next.data.user.children.edges.map((e: any) => e.node.id)).toEqual([engineer]);
  expect(next.data.user.children.pageInfo.hasNextPage).toBe(false);
});

test('User.children lists only the children that belong to the active account', async () => {
  const other = (await t.gql(`mutation { createAccount(input: { name: "Elsewhere" }) { id } }`, {}, { token: t.adminToken })).data.createAccount.id;
  const headers = { 'x-account-id': other };
  const elsewhere = await t.gql(`mutation { createUser(input: { email: "h-elsewhere@example.com", name: "E", federated: true }) { id parent { id } } }`, {}, { token: t.adminToken, headers });
  expect(elsewhere.data.createUser.parent.id).toBe(adminId);
  const childrenIn = async (h?: Record<string, string>) =>
    (await t.gql(`{ user(id: "${adminId}") { children(first: 100) { edges { node { id } } totalCount } } }`, {}, { token: t.adminToken, headers: h })).data.user.children;
  const there = await childrenIn(headers);
  expect(there.edges.map((e: any) => e.node.id)).toEqual([elsewhere.data.createUser.id]);
  expect(there.totalCount).toBe(1);
  const home = await childrenIn();
  expect(home.edges.map((e: any) => e.node.id)).not.toContain(elsewhere.data.createUser.id);
  expect(home.totalCount).toBe(home.edges.length);
});

test('without users.manage a user may not name another parent or move users', async () => {
  const lead = await createUser(t, t.adminToken, { email: 'p-lead@example.com' });
  const leadToken = await t.login('p-lead@example.com', PASSWORD);
  const other = await t.gql(`mutation { createUser(input: { email: "p-x@example.com", name: "X", password: "${PASSWORD}", parentId: "${adminId}" }) { id } }`, {}, { token: leadToken });
  expect(other.code).toBe('FORBIDDEN');
  const child = await createUser(t, leadToken, { email: 'p-child@example.com' });
  // An ancestor may rename its child but not move it.
  expect((await t.gql(UPDATE, { input: { id: child, name: 'Renamed' } }, { token: leadToken })).data.updateUser.name).toBe('Renamed');
  expect((await t.gql(UPDATE, { input: { id: child, parentId: adminId } }, { token: leadToken })).code).toBe('FORBIDDEN');
  // A user may not touch a user that is neither itself nor below it.
  expect((await t.gql(UPDATE, { input: { id: lead, name: 'Self rename' } }, { token: leadToken })).data.updateUser.name).toBe('Self rename');
  expect((await t.gql(UPDATE, { input: { id: adminId, name: 'Pwned' } }, { token: leadToken })).code).toBe('FORBIDDEN');
});

test('a user cannot make its parent (or any user below it) its parent: BAD_USER_INPUT, nothing changes', async () => {
  const top = await createUser(t, t.adminToken, { email: 'c-top@example.com' });
  const middle = await createUser(t, t.adminToken, { email: 'c-middle@example.com', parentId: top });
  const bottom = await createUser(t, t.adminToken, { email: 'c-bottom@example.com', parentId: middle });

  const direct = await t.gql(UPDATE, { input: { id: top, parentId: middle } }, { token: t.adminToken });
  expect(direct.code).toBe('BAD_USER_INPUT');
  expect(direct.errors![0].message).toMatch(/cycle/);
  expect((await t.gql(UPDATE, { input: { id: top, parentId: bottom } }, { token: t.adminToken })).code).toBe('BAD_USER_INPUT');
  expect((await t.gql(UPDATE, { input: { id: top, parentId: top } }, { token: t.adminToken })).code).toBe('BAD_USER_INPUT');
  const unchanged = await t.gql(`{ user(id: "${top}") { parent { id } } }`, {}, { token: t.adminToken });
  expect(unchanged.data.user.parent.id).toBe(adminId);

  // A legal move works, and the hierarchy follows it.
  const moved = await t.gql(UPDATE, { input: { id: bottom, parentId: top } }, { token: t.adminToken });
  expect(moved.data.updateUser.parent.id).toBe(top);
  expect((await t.gql(UPDATE, { input: { id: top, parentId: null } }, { token: t.adminToken })).data.updateUser.parent).toBeNull();
});

test('email is visible to the user, its ancestors and users.read holders only; null for anyone else', async () => {
  const boss = await createUser(t, t.adminToken, { email: 'e-boss@example.com' });
  const bossToken = await t.login('e-boss@example.com', PASSWORD);
  const report = await createUser(t, bossToken, { email: 'e-report@example.com' });
  const reportToken = await t.login('e-report@example.com', PASSWORD);
  const peer = await createUser(t, t.adminToken, { email: 'e-peer@example.com' });
  const peerToken = await t.login('e-peer@example.com', PASSWORD);
  const reader = await createUser(t, t.adminToken, { email: 'e-reader@example.com', roleIds: [await roleId(t, 'Viewer')] });
  const readerToken = await t.login('e-reader@example.com', PASSWORD);
  expect(reader).toBeDefined();

  const emailOf = async (id: string, token: string) => {
    const result = await t.gql(`{ user(id: "${id}") { email } }`, {}, { token });
    expect(result.errors).toBeUndefined();
    return result.data.user.email;
  };
  expect(await emailOf(report, reportToken)).toBe('e-report@example.com'); // self
  expect(await emailOf(report, bossToken)).toBe('e-report@example.com'); // ancestor
  expect(await emailOf(report, readerToken)).toBe('e-report@example.com'); // users.read
  expect(await emailOf(report, peerToken)).toBeNull(); // none of these
  expect(await emailOf(boss, reportToken)).toBeNull(); // a descendant does not see its ancestors' emails
  expect(await emailOf(adminId, peerToken)).toBeNull();

  // In a list, hidden emails are nulls, not errors.
  const list = await t.gql(`{ users(first: 100) { edges { node { id email } } } }`, {}, { token: peerToken });
  expect(list.errors).toBeUndefined();
  const emails = new Map(list.data.users.edges.map((e: any) => [e.node.id, e.node.email]));
  expect(emails.get(peer)).toBe('e-peer@example.com');
  expect(emails.get(adminId)).toBeNull();
  expect(emails.get(report)).toBeNull();
});

test('a disabled user\'s sessions and keys stop in the next request; enabling brings the keys back', async () => {
  const user = await createUser(t, t.adminToken, { email: 'd-user@example.com' });
  const session = await t.login('d-user@example.com', PASSWORD);
  const key = await createApiKey(t, user);
  // Both work, and the key's verdict is now in the authenticator's cache.
  expect((await t.gql(`{ viewer { id } }`, {}, { token: session })).data.viewer.id).toBe(user);
  expect((await t.gql(`{ viewer { id } }`, {}, { authorization: key.authorization })).data.viewer.id).toBe(user);

  const disabled = await t.gql(DISABLE, { input: { id: user, disabled: true } }, { token: t.adminToken });
  expect(disabled.data.setUserDisabled.disabled).toBe(true);

  expect((await t.gql(`{ viewer { id } }`, {}, { token: session })).code).toBe('UNAUTHENTICATED');
  expect((await t.gql(`{ viewer { id } }`, {}, { authorization: key.authorization })).code).toBe('UNAUTHENTICATED');
  const sessions = await t.server.dataSource.query(`SELECT COUNT(*) AS n FROM sessions WHERE principal_id = ?`, [user]);
  expect(Number(sessions[0].n)).toBe(0);
  expect((await t.gql(`mutation { login(input: { email: "d-user@example.com", password: "${PASSWORD}" }) { token } }`)).code).toBe('UNAUTHENTICATED');

  await t.gql(DISABLE, { input: { id: user, disabled: false } }, { token: t.adminToken });
  expect((await t.gql(`{ viewer { id } }`, {}, { authorization: key.authorization })).data.viewer.id).toBe(user);
});

test('a user with children or functional IDs cannot be deleted: CONFLICT naming them', async () => {
  const parent = await createUser(t, t.adminToken, { email: 'x-parent@example.com', name: 'Parent' });
  const child = await createUser(t, t.adminToken, { email: 'x-child@example.com', name: 'Kiddo', parentId: parent });
  const refused = await t.gql(DELETE, { id: parent }, { token: t.adminToken });
  expect(refused.code).toBe('CONFLICT');
  expect(refused.errors![0].message).toContain(`Kiddo (${child})`);
  expect(refused.errors![0].extensions!.childIds).toEqual([child]);

  const owner = await createUser(t, t.adminToken, { email: 'x-owner@example.com', name: 'Owner' });
  const fid = await t.gql(`mutation { createFunctionalId(input: { name: "ci/x-owned", ownerId: "${owner}" }) { id } }`, {}, { token: t.adminToken });
  const refusedOwner = await t.gql(DELETE, { id: owner }, { token: t.adminToken });
  expect(refusedOwner.code).toBe('CONFLICT');
  expect(refusedOwner.errors![0].message).toContain(`ci/x-owned (${fid.data.createFunctionalId.id})`);
  expect(refusedOwner.errors![0].extensions!.functionalIdIds).toEqual([fid.data.createFunctionalId.id]);

  // Once the child is gone, the parent goes.
  expect((await t.gql(DELETE, { id: child }, { token: t.adminToken })).data.deleteUser.deletedId).toBe(child);
  expect((await t.gql(DELETE, { id: parent }, { token: t.adminToken })).data.deleteUser.deletedId).toBe(parent);
  expect((await t.gql(`{ user(id: "${parent}") { id } }`, {}, { token: t.adminToken })).code).toBe('NOT_FOUND');
});

test('a user holding a locked key cannot be deleted (KEY_LOCKED); otherwise its keys go with it', async () => {
  const user = await createUser(t, t.adminToken, { email: 'k-user@example.com' });
  const open = await createApiKey(t, user);
  const locked = await createApiKey(t, user, { locked: true });

  const refused = await t.gql(DELETE, { id: user }, { token: t.adminToken });
  expect(refused.code).toBe('KEY_LOCKED');
  expect((await t.gql(`{ user(id: "${user}") { id } }`, {}, { token: t.adminToken })).data.user.id).toBe(user);

  // Once unlocked, a dry run writes nothing.
  await setKeyLocked(t, locked.id, false);
  expect((await t.gql(DELETE, { id: user, dryRun: true }, { token: t.adminToken })).data.deleteUser).toEqual({ deletedId: user, dryRun: true });
  expect((await t.gql(`{ viewer { id } }`, {}, { authorization: open.authorization })).data.viewer.id).toBe(user);

  expect((await t.gql(DELETE, { id: user }, { token: t.adminToken })).data.deleteUser).toEqual({ deletedId: user, dryRun: false });
  const keys = await t.server.dataSource.query(`SELECT COUNT(*) AS n FROM api_keys WHERE owner_id = ?`, [user]);
  expect(Number(keys[0].n)).toBe(0);
  // The cached key verdict went too.
  expect((await t.gql(`{ viewer { id } }`, {}, { authorization: open.authorization })).code).toBe('UNAUTHENTICATED');
});

test('user mutations are audited inside their transaction, with their action names', async () => {
  const user = await createUser(t, t.adminToken, { email: 'a-user@example.com' });
  await t.gql(DISABLE, { input: { id: user, disabled: true } }, { token: t.adminToken });
  await t.gql(DISABLE, { input: { id: user, disabled: false } }, { token: t.adminToken });
  const rows: { action: string; outcome: string; target_id: string }[] = await t.server.dataSource.query(
    `SELECT action, outcome, target_id FROM audit_events WHERE target_id = ? ORDER BY id`,
    [user],
  );
  expect(rows.map((r) => [r.action, r.outcome])).toEqual([
    ['user.create', 'SUCCESS'],
    ['user.disable', 'SUCCESS'],
    ['user.enable', 'SUCCESS'],
  ]);
});

test('federated: turning it on removes the password and ends password sessions; turning it off needs a password', async () => {
  const user = await createUser(t, t.adminToken, { email: 'fed-user@example.com' });
  const session = await t.login('fed-user@example.com', PASSWORD);
  const FEDERATE = `mutation($input: UpdateUserInput!) { updateUser(input: $input) { federated } }`;
  // The user itself may change only its name.
  expect((await t.gql(FEDERATE, { input: { id: user, federated: true } }, { token: session })).code).toBe('FORBIDDEN');
  expect((await t.gql(FEDERATE, { input: { id: user, federated: true } }, { token: t.adminToken })).data.updateUser.federated).toBe(true);
  expect((await t.gql(`{ viewer { id } }`, {}, { token: session })).code).toBe('UNAUTHENTICATED');
  const login = `mutation($p: String!) { login(input: { email: "fed-user@example.com", password: $p }) { token } }`;
  expect((await t.gql(login, { p: PASSWORD })).code).toBe('UNAUTHENTICATED');

  expect((await t.gql(FEDERATE, { input: { id: user, federated: false } }, { token: t.adminToken })).code).toBe('BAD_USER_INPUT');
  const back = await t.gql(FEDERATE, { input: { id: user, federated: false, password: 'another-password-2' } }, { token: t.adminToken });
  expect(back.data.updateUser.federated).toBe(false);
  expect((await t.gql(login, { p: 'another-password-2' })).data.login.token).toMatch(/^kws_/);
});
