/** Listing users with their roles, groups and ancestors costs a fixed number of SQL statements, whatever the page size. */
import { startTestServer, type TestServer } from '../helpers/server';
import { createUser, roleId, viewerId } from './helpers';

let t: TestServer;
beforeAll(async () => {
  // No webhook outbox poll during the counts: its background SELECT is not the request's.
  t = await startTestServer({ WEBHOOK_POLL_INTERVAL: '1h' });
});
afterAll(() => t.close());

const LIST = `query($first: Int!) { users(first: $first) {
  edges { node { id name email roles { name } groups { name } ancestors { id } parent { id } } } pageInfo { hasNextPage } } }`;

async function statementsToList(first: number): Promise<number> {
  t.sql.reset();
  const result = await t.gql(LIST, { first }, { token: t.adminToken });
  expect(result.errors).toBeUndefined();
  expect(result.data.users.edges).toHaveLength(first);
  return t.sql.count;
}

/** Users in a chain three deep, each with a role and a group. */
async function addUsers(count: number, parentIds: string[], roleIds: string[], groupId: string, offset: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const n = offset + i;
    await createUser(t, t.adminToken, {
      email: `sql-${n}@example.com`,
      federated: true, // no password: no argon2 cost in the set-up
      parentId: parentIds[n % parentIds.length],
      roleIds: [roleIds[n % roleIds.length]],
      groupIds: [groupId],
    });
  }
}

test('users with roles, groups and ancestors: the same number of statements for 10 and for 50 users', async () => {
  const adminId = await viewerId(t, t.adminToken);
  const manager = await createUser(t, t.adminToken, { email: 'sql-manager@example.com', federated: true });
  const lead = await createUser(t, t.adminToken, { email: 'sql-lead@example.com', federated: true, parentId: manager });
  const roleIds = [await roleId(t, 'Viewer'), await roleId(t, 'KeyAdministrator')];
  const group = await t.gql(`mutation { createGroup(input: { name: "Everyone" }) { id } }`, {}, { token: t.adminToken });
  const groupId = group.data.createGroup.id;
  const parents = [adminId, manager, lead];

  await addUsers(10, parents, roleIds, groupId, 0);
  const forTen = await statementsToList(10);
  await addUsers(40, parents, roleIds, groupId, 10);
  const forFifty = await statementsToList(50);

  expect(forFifty).toBe(forTen);
  // Measured: 8 — the page, the permissions, then one each for role assignments, roles, group memberships,
  // groups, ancestor IDs and the ancestors themselves. The session and its principal come from the session
  // cache (they were 2 more statements before it).
  expect(forTen).toBeLessThanOrEqual(8);
});
