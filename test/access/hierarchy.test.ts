/**
 * The three-level hierarchy (admin → manager → engineer) and a functional ID
 * owned by the engineer: who manages which keys, through the key mutations.
 */
import { startTestServer, type TestServer } from '../helpers/server';
import { DELETE_KEY, GET_KEY, LOCK_KEY, UNLOCK_KEY, UPDATE_KEY, createKey, createUser, ok, viewerOf, type TestUser } from './helpers';

let t: TestServer;
let manager: TestUser, engineer: TestUser, peer: TestUser;
let functionalId: string;
beforeAll(async () => {
  t = await startTestServer();
  const { id: adminId } = await viewerOf(t, { token: t.adminToken });
  manager = await createUser(t, { name: 'Manager', parentId: adminId });
  engineer = await createUser(t, { name: 'Engineer', parentId: manager.id });
  peer = await createUser(t, { name: 'Peer of the manager', parentId: adminId });
  const created = await ok(t, `mutation { createFunctionalId(input: { name: "ci/deploy" }) { id owner { id } } }`, {}, { token: engineer.token });
  expect(created.createFunctionalId.owner.id).toBe(engineer.id);
  functionalId = created.createFunctionalId.id;
});
afterAll(() => t.close());

test.each([
  ['the engineer\'s key', () => ({ name: 'engineer-key' })],
  ['the functional ID\'s key', () => ({ name: 'deploy-key', ownerId: functionalId })],
])('the manager updates, locks, unlocks and deletes %s', async (_what, input) => {
  const { key } = await createKey(t, { token: engineer.token }, input());
  const token = manager.token;
  expect((await ok(t, UPDATE_KEY, { input: { id: key.id, description: 'reviewed by the manager' } }, { token })).updateApiKey.description).toBe('reviewed by the manager');
  expect((await ok(t, LOCK_KEY, { id: key.id }, { token })).lockApiKey.locked).toBe(true);
  expect((await t.gql(DELETE_KEY, { input: { id: key.id } }, { token })).code).toBe('KEY_LOCKED');
  expect((await ok(t, UNLOCK_KEY, { id: key.id }, { token })).unlockApiKey.locked).toBe(false);
  expect((await ok(t, DELETE_KEY, { input: { id: key.id } }, { token })).deleteApiKey.deletedId).toBe(key.id);
  expect((await t.gql(GET_KEY, { id: key.id }, { token: engineer.token })).code).toBe('NOT_FOUND');
});

test('the engineer cannot see or touch the manager\'s key: NOT_FOUND, as for a key that does not exist', async () => {
  const { key } = await createKey(t, { token: manager.token }, { name: 'manager-key' });
  const token = engineer.token;
  expect((await t.gql(GET_KEY, { id: key.id }, { token })).code).toBe('NOT_FOUND');
  expect((await t.gql(UPDATE_KEY, { input: { id: key.id, name: 'mine-now' } }, { token })).code).toBe('NOT_FOUND');
  expect((await t.gql(LOCK_KEY, { id: key.id }, { token })).code).toBe('NOT_FOUND');
  expect((await t.gql(DELETE_KEY, { input: { id: key.id } }, { token })).code).toBe('NOT_FOUND');
  expect((await ok(t, GET_KEY, { id: key.id }, { token: manager.token })).apiKey).toMatchObject({ name: 'manager-key', locked: false });
});

test('a peer of the manager sees nothing of the engineer\'s nor of the functional ID\'s keys (NOT_FOUND)', async () => {
  const engineerKey = (await createKey(t, { token: engineer.token }, { name: 'engineer-key-2' })).key;
  const fidKey = (await createKey(t, { token: engineer.token }, { name: 'deploy-key-2', ownerId: functionalId })).key;
  const token = peer.token;
  for (const key of [engineerKey, fidKey]) {
    expect((await t.gql(GET_KEY, { id: key.id }, { token })).code).toBe('NOT_FOUND');
    expect((await t.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: key.id }, { token })).code).toBe('NOT_FOUND');
    expect((await t.gql(UPDATE_KEY, { input: { id: key.id, name: 'taken-over' } }, { token })).code).toBe('NOT_FOUND');
    expect((await t.gql(LOCK_KEY, { id: key.id }, { token })).code).toBe('NOT_FOUND');
    expect((await t.gql(DELETE_KEY, { input: { id: key.id } }, { token })).code).toBe('NOT_FOUND');
  }
  const managed = await ok(t, `{ apiKeys(filter: {scope: MANAGED}, first: 100) { edges { node { id } } } }`, {}, { token });
  expect(managed.apiKeys.edges).toEqual([]);
  // The manager's MANAGED list holds both.
  const managersList = await ok(t, `{ apiKeys(filter: {scope: MANAGED}, first: 100) { edges { node { id } } } }`, {}, { token: manager.token });
  expect(managersList.apiKeys.edges.map((e: any) => e.node.id)).toEqual(expect.arrayContaining([engineerKey.id, fidKey.id]));
});
