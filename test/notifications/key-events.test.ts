/** Key events from the real mutations tell the key's owner, once, unless the owner did it. */
import { CREATE_KEY, createUser, LOCK_KEY, RESET_SECRET, SET_EXPIRY, type TestUser } from '../api-keys/helpers';
import { startTestServer, type TestServer } from '../helpers/server';

let t: TestServer;
let manager: TestUser;
let engineer: TestUser;
beforeAll(async () => {
  t = await startTestServer();
  manager = await createUser(t, { name: 'Manager' });
  engineer = await createUser(t, { name: 'Engineer', parentId: manager.id });
});
afterAll(() => t.close());

const BELL = `{ notifications(first: 50) { edges { node { kind subjectId message } } } }`;
const kinds = async (token: string) => (await t.gql(BELL, {}, { token })).data.notifications.edges.map((e: any) => e.node.kind);

test('a manager locking and resetting an engineer\'s key tells the engineer; the engineer\'s own changes tell nobody', async () => {
  const created = await t.gql(CREATE_KEY, { input: { name: 'deploy' } }, { token: engineer.token });
  const id = created.data.createApiKey.apiKey.id;
  await t.gql(LOCK_KEY, { id }, { token: engineer.token });
  expect(await kinds(engineer.token)).toEqual([]);

  await t.gql(`mutation($id: ID!) { unlockApiKey(id: $id) { id } }`, { id }, { token: manager.token });
  const reset = await t.gql(RESET_SECRET, { input: { id } }, { token: manager.token });
  expect(reset.errors).toBeUndefined();
  expect(await kinds(engineer.token)).toEqual(['KEY_SECRET_RESET', 'KEY_UNLOCKED']);
  expect(await kinds(manager.token)).toEqual([]);
  const messages = (await t.gql(BELL, {}, { token: engineer.token })).data.notifications.edges.map((e: any) => e.node.message).join(' ');
  expect(messages).not.toContain(reset.data.resetApiKeySecret.secret);
});

test('a key created for someone, and a leak report, reach the owner', async () => {
  const created = await t.gql(CREATE_KEY, { input: { name: 'for-engineer', ownerId: engineer.id } }, { token: manager.token });
  const { apiKey, secret } = created.data.createApiKey;
  expect((await kinds(engineer.token)).filter((k: string) => k === 'KEY_CREATED')).toHaveLength(1);
  expect((await t.gql(`mutation($s: String!) { reportLeakedSecret(secret: $s) }`, { s: secret })).data.reportLeakedSecret).toBe(true);
  const bell = (await t.gql(BELL, {}, { token: engineer.token })).data.notifications.edges.map((e: any) => e.node);
  expect(bell.filter((n: any) => n.kind === 'KEY_LEAKED')).toEqual([expect.objectContaining({ subjectId: apiKey.id, message: expect.stringContaining('DISABLE') })]);
});

test('setApiKeyExpiry re-arms the expiry notices, so a date moved away and back notifies again', async () => {
  const created = await t.gql(CREATE_KEY, { input: { name: 'expiring', expiresInDays: 1 } }, { token: engineer.token });
  const key = created.data.createApiKey.apiKey;
  await t.server.services.expirySweeper.sweep();
  const expiring = async () => (await kinds(engineer.token)).filter((k: string) => k === 'KEY_EXPIRING').length;
  expect(await expiring()).toBe(1);
  await t.server.services.expirySweeper.sweep();
  expect(await expiring()).toBe(1);
  const weekOn = new Date(new Date(key.expiresAt).getTime() + 7 * 86_400_000).toISOString();
  await t.gql(SET_EXPIRY, { input: { id: key.id, expiresAt: weekOn } }, { token: engineer.token });
  await t.gql(SET_EXPIRY, { input: { id: key.id, expiresAt: key.expiresAt } }, { token: engineer.token });
  await t.server.services.expirySweeper.sweep();
  expect(await expiring()).toBe(2);
});
