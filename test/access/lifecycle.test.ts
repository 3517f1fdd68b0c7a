/** Keys and their owner's life: deletion, disabling, and the account's key lifetime policy — all through the real mutations. */
import { startTestServer, type TestServer } from '../helpers/server';
import { CREATE_KEY, LOCK_KEY, SETTINGS, UNLOCK_KEY, apiKeyAuth, createKey, createUser, ok } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const DELETE_USER = `mutation($id: ID!) { deleteUser(id: $id) { deletedId } }`;
const DISABLE = `mutation($input: SetUserDisabledInput!) { setUserDisabled(input: $input) { disabled } }`;
const VIEWER = `{ viewer { id } }`;

test('a user holding a locked key cannot be deleted (KEY_LOCKED); unlocked, it is deleted with its keys', async () => {
  const user = await createUser(t);
  const { key, secret } = await createKey(t, { token: user.token }, { name: 'precious' });
  await ok(t, LOCK_KEY, { id: key.id }, { token: user.token });

  expect((await t.gql(DELETE_USER, { id: user.id }, { token: t.adminToken })).code).toBe('KEY_LOCKED');
  expect((await ok(t, VIEWER, {}, apiKeyAuth(secret))).viewer.id).toBe(user.id);

  await ok(t, UNLOCK_KEY, { id: key.id }, { token: t.adminToken });
  expect((await ok(t, DELETE_USER, { id: user.id }, { token: t.adminToken })).deleteUser.deletedId).toBe(user.id);
  expect((await t.gql(VIEWER, {}, apiKeyAuth(secret))).code).toBe('UNAUTHENTICATED');
});

test('a disabled user\'s keys and sessions stop in the next request', async () => {
  const user = await createUser(t);
  const { secret } = await createKey(t, { token: user.token }, { name: 'daily' });
  const keySession = (await ok(t, `mutation($input: AuthenticateInput!) { authenticate(input: $input) { token } }`, { input: { apiKey: secret } }, {})).authenticate.token;
  // All three work (and the key's verdict is now cached by the authenticator).
  for (const options of [{ token: user.token }, apiKeyAuth(secret), { token: keySession }]) {
    expect((await ok(t, VIEWER, {}, options)).viewer.id).toBe(user.id);
  }
  await ok(t, DISABLE, { input: { id: user.id, disabled: true } }, { token: t.adminToken });
  for (const options of [{ token: user.token }, apiKeyAuth(secret), { token: keySession }]) {
    expect((await t.gql(VIEWER, {}, options)).code).toBe('UNAUTHENTICATED');
  }
});

test('with maxKeyLifetimeDays 90, a never-expiring key and a 365-day key are refused with a message naming the limit', async () => {
  const user = await createUser(t);
  await ok(t, SETTINGS, { input: { maxKeyLifetimeDays: 90 } }, { token: t.adminToken });
  try {
    const never = await t.gql(CREATE_KEY, { input: { name: 'forever' } }, { token: user.token });
    expect(never.code).toBe('BAD_USER_INPUT');
    expect(never.errors![0].message).toMatch(/maxKeyLifetimeDays.*90 days/);
    const year = await t.gql(CREATE_KEY, { input: { name: 'a-year', expiresInDays: 365 } }, { token: user.token });
    expect(year.code).toBe('BAD_USER_INPUT');
    expect(year.errors![0].message).toMatch(/maxKeyLifetimeDays.*90 days/);
    const within = await createKey(t, { token: user.token }, { name: 'a-quarter', expiresInDays: 90 });
    expect(within.key.expiresAt).not.toBeNull();
  } finally {
    await ok(t, SETTINGS, { input: { maxKeyLifetimeDays: null } }, { token: t.adminToken });
  }
});
