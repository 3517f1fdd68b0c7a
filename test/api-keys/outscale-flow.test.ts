/** The Outscale / BMC Helix flow: access key pairs, Basic auth and `authenticate`, state, expiry, and the access key limit. */
import { startTestServer, type TestServer } from '../helpers/server';
import { CREATE_KEY, SET_EXPIRY, SET_STATE, basicAuth, createKey, createUser, expectInvalidCredentials, type TestUser } from './helpers';

let t: TestServer;
let bob: TestUser;
beforeAll(async () => {
  t = await startTestServer();
  bob = await createUser(t);
});
afterAll(() => t.close());

const AUTHENTICATE = `mutation($input: AuthenticateInput!) { authenticate(input: $input) { token principal { id } } }`;

test('a non-administrator holds at most 2 access keys; an administrator makes more', async () => {
  const carol = await createUser(t);
  await createKey(t, { token: carol.token }, { name: 'ak-1', type: 'ACCESS_KEY' });
  await createKey(t, { token: carol.token }, { name: 'ak-2', type: 'ACCESS_KEY' });
  const third = await t.gql(CREATE_KEY, { input: { name: 'ak-3', type: 'ACCESS_KEY' } }, { token: carol.token });
  expect(third.code).toBe('LIMIT_EXCEEDED');
  expect(third.errors![0].message).toContain('maxAccessKeysPerPrincipal');
  // API keys are counted apart.
  await createKey(t, { token: carol.token }, { name: 'api-1' });

  for (const n of [1, 2, 3, 4]) await createKey(t, { token: t.adminToken }, { name: `admin-ak-${n}`, type: 'ACCESS_KEY' });
});

test('an access key is created ACTIVE with an expiry, authenticates by Basic and by authenticate, stops when INACTIVE, and loses its expiry', async () => {
  const expiresAt = new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString();
  const { key, secret } = await createKey(t, { token: bob.token }, { name: 'outscale', type: 'ACCESS_KEY', expiresAt });
  expect(key).toMatchObject({ type: 'ACCESS_KEY', state: 'ACTIVE', expiresAt, expired: false });
  expect(key.accessKeyId).toMatch(/^KW[A-Z2-7]{18}$/);
  expect(key.prefix).toBe(key.accessKeyId);
  expect(secret).toMatch(/^[0-9A-Za-z]{40}$/);

  const byBasic = await t.gql(`{ viewer { id } }`, {}, basicAuth(key.accessKeyId, secret));
  expect(byBasic.data.viewer.id).toBe(bob.id);

  const session = await t.gql(AUTHENTICATE, { input: { accessKeyId: key.accessKeyId, secretAccessKey: secret } });
  expect(session.data.authenticate.principal.id).toBe(bob.id);
  const sessionToken = session.data.authenticate.token;
  expect((await t.gql(`{ viewer { id } }`, {}, { token: sessionToken })).data.viewer.id).toBe(bob.id);

  // The wrong secret for a real access key ID is refused.
  expectInvalidCredentials(await t.gql(`{ viewer { id } }`, {}, basicAuth(key.accessKeyId, 'x'.repeat(40))));

  const inactive = await t.gql(SET_STATE, { input: { id: key.id, state: 'INACTIVE', ifMatch: key.etag } }, { token: bob.token });
  expect(inactive.data.setApiKeyState.state).toBe('INACTIVE');
  expectInvalidCredentials(await t.gql(`{ viewer { id } }`, {}, basicAuth(key.accessKeyId, secret)));
  expectInvalidCredentials(await t.gql(`{ viewer { id } }`, {}, { token: sessionToken }));
  expect((await t.gql(AUTHENTICATE, { input: { accessKeyId: key.accessKeyId, secretAccessKey: secret } })).code).toBe('UNAUTHENTICATED');

  const active = await t.gql(SET_STATE, { input: { id: key.id, state: 'ACTIVE' } }, { token: bob.token });
  expect(active.data.setApiKeyState.state).toBe('ACTIVE');
  const neverExpires = await t.gql(SET_EXPIRY, { input: { id: key.id, expiresAt: null, ifMatch: active.data.setApiKeyState.etag } }, { token: bob.token });
  expect(neverExpires.errors).toBeUndefined();
  expect(neverExpires.data.setApiKeyExpiry.expiresAt).toBeNull();

  // Ten days on, past the first expiry, the key still works.
  t.clock.advance(10 * 86_400_000);
  expect((await t.gql(`{ viewer { id } }`, {}, basicAuth(key.accessKeyId, secret))).data.viewer.id).toBe(bob.id);
});

test('extending an expired key revives it', async () => {
  bob.token = await t.login(bob.email, bob.password); // the previous test moved the clock past its session
  const { key, secret } = await createKey(t, { token: bob.token }, { name: 'short', type: 'ACCESS_KEY', expiresInDays: 1 });
  t.clock.advance(2 * 86_400_000);
  const token = await t.login(bob.email, bob.password); // the earlier session expired meanwhile
  expectInvalidCredentials(await t.gql(`{ viewer { id } }`, {}, basicAuth(key.accessKeyId, secret)));
  const got = await t.gql(`query($id: ID!) { apiKey(id: $id) { expired } }`, { id: key.id }, { token });
  expect(got.data.apiKey.expired).toBe(true);
  const past = await t.gql(SET_EXPIRY, { input: { id: key.id, expiresAt: new Date(t.clock.now().getTime() - 1).toISOString() } }, { token });
  expect(past.code).toBe('BAD_USER_INPUT');
  const revived = await t.gql(SET_EXPIRY, { input: { id: key.id, expiresAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString() } }, { token });
  expect(revived.data.setApiKeyExpiry.expired).toBe(false);
  expect((await t.gql(`{ viewer { id } }`, {}, basicAuth(key.accessKeyId, secret))).data.viewer.id).toBe(bob.id);
});
