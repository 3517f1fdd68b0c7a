/** dryRun on create, reset and delete: every check runs, nothing is written, no secret is made. */
import { startTestServer, type TestServer } from '../helpers/server';
import { CREATE_KEY, DELETE_KEY, LOCK_KEY, RESET_SECRET, apiKeyAuth, createKey, createUser, type TestUser } from './helpers';

let t: TestServer;
let jack: TestUser;
beforeAll(async () => {
  t = await startTestServer();
  jack = await createUser(t);
});
afterAll(() => t.close());

const keyRows = async () => Number((await t.server.dataSource.query(`SELECT COUNT(*) AS n FROM api_keys`))[0].n);

test('a dry-run create returns the would-be key without a secret and writes nothing', async () => {
  const before = await keyRows();
  const result = await t.gql(CREATE_KEY, { input: { name: 'dry', type: 'ACCESS_KEY', dryRun: true } }, { token: jack.token });
  expect(result.errors).toBeUndefined();
  expect(result.data.createApiKey).toMatchObject({ dryRun: true, secret: null, apiKey: { name: 'dry', type: 'ACCESS_KEY', state: 'ACTIVE' } });
  expect(await keyRows()).toBe(before);
  expect((await t.gql(`query($id: ID!) { apiKey(id: $id) { id } }`, { id: result.data.createApiKey.apiKey.id }, { token: jack.token })).code).toBe('NOT_FOUND');
});

test('a dry-run create runs every check: name, limit, expiry, owner', async () => {
  await createKey(t, { token: jack.token }, { name: 'taken' });
  await createKey(t, { token: jack.token }, { name: 'ak-1', type: 'ACCESS_KEY' });
  await createKey(t, { token: jack.token }, { name: 'ak-2', type: 'ACCESS_KEY' });
  const dry = (input: Record<string, unknown>) => t.gql(CREATE_KEY, { input: { ...input, dryRun: true } }, { token: jack.token });
  expect((await dry({ name: 'taken' })).code).toBe('CONFLICT');
  expect((await dry({ name: 'ak-3', type: 'ACCESS_KEY' })).code).toBe('LIMIT_EXCEEDED');
  expect((await dry({ name: 'past', expiresAt: new Date(t.clock.now().getTime() - 1).toISOString() })).code).toBe('BAD_USER_INPUT');
  expect((await dry({ name: 'for-admin', ownerId: (await t.gql(`{ viewer { id } }`, {}, { token: t.adminToken })).data.viewer.id })).code).toBe('FORBIDDEN');
});

test('a dry-run reset keeps the old secret working and the etag unchanged; on a locked key it says KEY_LOCKED', async () => {
  const { key, secret } = await createKey(t, { token: jack.token }, { name: 'reset-me' });
  const result = await t.gql(RESET_SECRET, { input: { id: key.id, dryRun: true } }, { token: jack.token });
  expect(result.data.resetApiKeySecret).toMatchObject({ dryRun: true, secret: null, apiKey: { id: key.id, etag: key.etag } });
  expect((await t.gql(`{ viewer { id } }`, {}, apiKeyAuth(secret))).data.viewer.id).toBe(jack.id);
  const stale = await t.gql(RESET_SECRET, { input: { id: key.id, dryRun: true, ifMatch: 'v999' } }, { token: jack.token });
  expect(stale.code).toBe('PRECONDITION_FAILED');
  await t.gql(LOCK_KEY, { id: key.id }, { token: jack.token });
  expect((await t.gql(RESET_SECRET, { input: { id: key.id, dryRun: true } }, { token: jack.token })).code).toBe('KEY_LOCKED');
});

test('a dry-run delete keeps the key; it still checks ifMatch and the lock', async () => {
  const { key, secret } = await createKey(t, { token: jack.token }, { name: 'delete-me' });
  const result = await t.gql(DELETE_KEY, { input: { id: key.id, dryRun: true, ifMatch: key.etag } }, { token: jack.token });
  expect(result.data.deleteApiKey).toEqual({ deletedId: key.id, dryRun: true });
  expect((await t.gql(`{ viewer { id } }`, {}, apiKeyAuth(secret))).data.viewer.id).toBe(jack.id);
  expect((await t.gql(DELETE_KEY, { input: { id: key.id, dryRun: true, ifMatch: 'v7' } }, { token: jack.token })).code).toBe('PRECONDITION_FAILED');
  await t.gql(LOCK_KEY, { id: key.id }, { token: jack.token });
  expect((await t.gql(DELETE_KEY, { input: { id: key.id, dryRun: true } }, { token: jack.token })).code).toBe('KEY_LOCKED');
});
