/**
 * Bearer sessions are cached like keys (one node, in process; SQLite or MariaDB): a cached session costs no
 * SQL statement, and ends on this node the moment it is logged out, its user disabled, or the key that opened
 * it deleted — the cache never outlives the change (the test clock stands still, so no TTL runs out here).
 */
import { apiKeyAuth, CREATE_KEY, DELETE_KEY } from '../api-keys/helpers';
import { createUser } from '../helpers/seed';
import { startTestServer, type TestServer } from '../helpers/server';

let t: TestServer;
beforeAll(async () => {
  // No webhook outbox poll during the counts: its background SELECT is not the request's.
  t = await startTestServer({ WEBHOOK_POLL_INTERVAL: '1h' });
});
afterAll(() => t.close());

const TYPENAME = `{ __typename }`;

test('a cached Bearer session authenticates with no SQL statement', async () => {
  const { token } = await createUser(t, 'Cached Session');
  expect((await t.gql(TYPENAME, {}, { token })).errors).toBeUndefined(); // the first use loads and caches
  t.sql.reset();
  const again = await t.gql(TYPENAME, {}, { token });
  expect(again.errors).toBeUndefined();
  expect(t.sql.statements).toEqual([]);
});

test('a logout ends the session on this node at once', async () => {
  const { token } = await createUser(t, 'Logging Out');
  expect((await t.gql(`{ viewer { id } }`, {}, { token })).errors).toBeUndefined();
  expect((await t.gql(`mutation { logout }`, {}, { token })).data.logout).toBe(true);
  expect((await t.gql(`{ viewer { id } }`, {}, { token })).code).toBe('UNAUTHENTICATED');
});

test('disabling the user ends its cached sessions at once', async () => {
  const { token } = await createUser(t, 'Soon Disabled');
  const id = (await t.gql(`{ viewer { id } }`, {}, { token })).data.viewer.id;
  const disabled = await t.gql(`mutation($input: SetUserDisabledInput!) { setUserDisabled(input: $input) { disabled } }`, { input: { id, disabled: true } }, { token: t.adminToken });
  expect(disabled.errors).toBeUndefined();
  expect((await t.gql(`{ viewer { id } }`, {}, { token })).code).toBe('UNAUTHENTICATED');
});

test('deleting the key that opened a session ends the cached session at once', async () => {
  const created = await t.gql(CREATE_KEY, { input: { name: 'opens-a-session' } }, { token: t.adminToken });
  const session = await t.gql(`mutation($input: AuthenticateInput!) { authenticate(input: $input) { token } }`, { input: { apiKey: created.data.createApiKey.secret } }, apiKeyAuth(created.data.createApiKey.secret));
  const token = session.data.authenticate.token;
  expect((await t.gql(`{ viewer { id } }`, {}, { token })).errors).toBeUndefined();
  expect((await t.gql(DELETE_KEY, { input: { id: created.data.createApiKey.apiKey.id } }, { token: t.adminToken })).errors).toBeUndefined();
  expect((await t.gql(`{ viewer { id } }`, {}, { token })).code).toBe('UNAUTHENTICATED');
});

