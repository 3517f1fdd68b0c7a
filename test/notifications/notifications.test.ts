/**
 * The bell: each principal reads and marks only its own notifications;
 * role and group changes notify the principal (through the functions
 * setPrincipalRoles / addGroupMembers will call at merge).
 */
import { AuditEventEntity } from '../../src/modules/audit/audit-event.entity';
import { createUser, roleId, type SeededUser } from '../helpers/seed';
import { startTestServer, type TestServer } from '../helpers/server';

const LIST = `query($unreadOnly: Boolean, $first: Int, $after: String) {
  notifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
    totalCount edges { cursor node { id kind message subjectId createdAt readAt } } pageInfo { hasNextPage endCursor }
  }
}`;
const MARK = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`;

let t: TestServer;
let alice: SeededUser;
let bruno: SeededUser;
let accountId: string;

beforeAll(async () => {
  t = await startTestServer();
  accountId = (await t.gql(`{ account { id } }`, {}, { token: t.adminToken })).data.account.id;
  alice = await createUser(t, 'Alice');
  bruno = await createUser(t, 'Bruno');
});
afterAll(() => t.close());

async function list(token: string, variables: Record<string, unknown> = {}) {
  const result = await t.gql(LIST, variables, { token });
  expect(result.errors).toBeUndefined();
  return result.data.notifications;
}

test('adding a user to a group gives that user one GROUPS_CHANGED notification, and nobody else', async () => {
  // What addGroupMembers does at merge, inside its transaction.
  await t.server.dataSource.transaction((manager) =>
    t.server.services.notifications.notifyGroupsChanged(manager, { principalIds: [alice.id], joined: [{ id: 'grp_01M84G00000000000000000000', name: 'Deployers', accountId: accountId }] }),
  );
  const mine = await list(alice.token);
  expect(mine.totalCount).toBe(1);
  expect(mine.edges[0].node).toMatchObject({ kind: 'GROUPS_CHANGED', subjectId: 'grp_01M84G00000000000000000000', readAt: null });
  expect(mine.edges[0].node.message).toContain('Deployers');
  expect((await list(bruno.token)).totalCount).toBe(0);
});

test('a role change gives the principal one ROLES_CHANGED naming the roles', async () => {
  const viewerRole = await roleId(t, 'Viewer');
  // What setPrincipalRoles does at merge, inside its transaction.
  await t.server.dataSource.transaction((manager) =>
    t.server.services.notifications.notifyRolesChanged(manager, { principalId: bruno.id, added: [{ id: viewerRole, name: 'Viewer', accountId: accountId }], removed: [] }),
  );
  const brunos = await list(bruno.token);
  expect(brunos.edges.map((e: any) => e.node.kind)).toEqual(['ROLES_CHANGED']);
  expect(brunos.edges[0].node.message).toContain('"Viewer"');
  expect(brunos.edges[0].node.subjectId).toBe(bruno.id);
  // Nothing changed, nothing said.
  await t.server.dataSource.transaction((manager) => t.server.services.notifications.notifyRolesChanged(manager, { principalId: bruno.id }));
  expect((await list(bruno.token)).totalCount).toBe(1);
});

test('nobody can read or mark another principal\'s notifications', async () => {
  const alicesId = (await list(alice.token)).edges[0].node.id;

  // Bruno's list never shows Alice's; node() hides it as if it did not exist.
  expect((await list(bruno.token)).edges.map((e: any) => e.node.id)).not.toContain(alicesId);
  const peek = await t.gql(`query($id: ID!) { node(id: $id) { id ... on Notification { message } } }`, { id: alicesId }, { token: bruno.token });
  expect(peek.code).toBe('NOT_FOUND');
  expect(peek.data?.node ?? null).toBeNull();

  // Bruno marking it changes nothing.
  const bruteMark = await t.gql(MARK, { ids: [alicesId] }, { token: bruno.token });
  expect(bruteMark.errors).toBeUndefined();
  expect(bruteMark.data.markNotificationsRead).toBe(0);
  expect((await list(alice.token, { unreadOnly: true })).totalCount).toBe(1);

  // Alice marks hers: once.
  const own = await t.gql(MARK, { ids: [alicesId, 'ntf_junk'] }, { token: alice.token });
  expect(own.data.markNotificationsRead).toBe(1);
  expect((await t.gql(MARK, { ids: [alicesId] }, { token: alice.token })).data.markNotificationsRead).toBe(0);
  expect((await list(alice.token, { unreadOnly: true })).totalCount).toBe(0);
  const read = (await list(alice.token)).edges[0].node;
  expect(read.readAt).not.toBeNull();
  const mine = await t.gql(`query($id: ID!) { node(id: $id) { id ... on Notification { kind } } }`, { id: alicesId }, { token: alice.token });
  expect(mine.data.node).toEqual({ id: alicesId, kind: 'GROUPS_CHANGED' });

  // Anonymous callers have no bell.
  expect((await t.gql(`{ notifications { totalCount } }`)).code).toBe('UNAUTHENTICATED');
  expect((await t.gql(MARK, { ids: [alicesId] })).code).toBe('UNAUTHENTICATED');
});

test('markAllNotificationsRead marks only the viewer\'s, and each mark writes one audit event', async () => {
  await t.server.dataSource.transaction((manager) =>
    t.server.services.notifications.notify(manager, { recipientIds: [alice.id, bruno.id, alice.id], kind: 'KEY_LOCKED', message: 'test notice', subjectId: null }),
  );
  const result = await t.gql(`mutation { markAllNotificationsRead }`, {}, { token: alice.token });
  expect(result.data.markAllNotificationsRead).toBe(1);
  expect((await list(bruno.token, { unreadOnly: true })).totalCount).toBe(2);
  const events = await t.server.dataSource.getRepository(AuditEventEntity).findBy({ requestId: result.body.extensions!.requestId });
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ action: 'notification.mark_all_read', outcome: 'SUCCESS', actorId: alice.id, details: { count: 1 } });
});

test('pages newest first with cursors', async () => {
  await t.server.dataSource.transaction(async (manager) => {
    for (let i = 0; i < 3; i++) {
      t.clock.advance(1000);
      await t.server.services.notifications.notify(manager, { recipientIds: [bruno.id], kind: 'KEY_UNLOCKED', message: `page ${i}` });
    }
  });
  const first = await list(bruno.token, { first: 2 });
  expect(first.edges.map((e: any) => e.node.message)).toEqual(['page 2', 'page 1']);
  expect(first.pageInfo.hasNextPage).toBe(true);
  const next = await list(bruno.token, { first: 2, after: first.pageInfo.endCursor });
  expect(next.edges.map((e: any) => e.node.message)).toEqual(['page 0', 'test notice']);
  expect((await t.gql(LIST, { first: 101 }, { token: bruno.token })).code).toBe('BAD_USER_INPUT');
});

test('a notification commits or rolls back with the change that made it', async () => {
  const before = (await list(alice.token)).totalCount;
  await expect(
    t.server.dataSource.transaction(async (manager) => {
      await t.server.services.notifications.notify(manager, { recipientIds: [alice.id], kind: 'KEY_DELETED', message: 'rolled back' });
      throw new Error('the change failed');
    }),
  ).rejects.toThrow('the change failed');
  expect((await list(alice.token)).totalCount).toBe(before);
});

test('concurrent transactions stay apart: one that fails does not undo another one\'s notifications', async () => {
  const before = (await list(alice.token)).totalCount;
  const notifications = t.server.services.notifications;
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  // On SQLite both run on one connection: unserialised, the second would nest in the first and its rollback would take the first's rows.
  const kept = t.server.dataSource.transaction(async (manager) => {
    await tick();
    await notifications.notify(manager, { recipientIds: [alice.id], kind: 'KEY_CREATED', message: 'kept' });
    await tick();
  });
  const failed = t.server.dataSource.transaction(async (manager) => {
    await notifications.notify(manager, { recipientIds: [alice.id], kind: 'KEY_DELETED', message: 'rolled back' });
    await tick();
    await tick();
    throw new Error('the change failed');
  });
  await expect(failed).rejects.toThrow('the change failed');
  await kept;
  const after = await list(alice.token);
  expect(after.totalCount).toBe(before + 1);
  expect(after.edges[0].node.message).toBe('kept');
});
