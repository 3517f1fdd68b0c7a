/** Account settings that gate keys, set with `updateAccountSettings`. */
import { startTestServer, type TestServer } from '../helpers/server';
import { CREATE_KEY, SET_EXPIRY, createKey, createUser, createFunctionalId, setAccountSettings, viewerOf } from './helpers';

let t: TestServer;
let accountId: string;
beforeAll(async () => {
  t = await startTestServer();
  accountId = (await viewerOf(t, { token: t.adminToken })).accountId;
});
afterEach(() => setAccountSettings(t, accountId, { maxApiKeysPerPrincipal: 20, maxKeyLifetimeDays: null, restrictUserApiKeyCreation: false }));
afterAll(() => t.close());

test('maxApiKeysPerPrincipal caps API keys per principal', async () => {
  await setAccountSettings(t, accountId, { maxApiKeysPerPrincipal: 2 });
  const olga = await createUser(t);
  await createKey(t, { token: olga.token }, { name: 'one' });
  await createKey(t, { token: olga.token }, { name: 'two' });
  const third = await t.gql(CREATE_KEY, { input: { name: 'three' } }, { token: olga.token });
  expect(third.code).toBe('LIMIT_EXCEEDED');
  expect(third.errors![0].message).toContain('maxApiKeysPerPrincipal');
});

test('maxKeyLifetimeDays: new keys and expiry changes must expire within it; "never" is refused', async () => {
  await setAccountSettings(t, accountId, { maxKeyLifetimeDays: 30 });
  const pat = await createUser(t);
  const never = await t.gql(CREATE_KEY, { input: { name: 'forever' } }, { token: pat.token });
  expect(never.code).toBe('BAD_USER_INPUT');
  expect(never.errors![0].message).toContain('maxKeyLifetimeDays');
  expect((await t.gql(CREATE_KEY, { input: { name: 'too-long', expiresInDays: 31 } }, { token: pat.token })).code).toBe('BAD_USER_INPUT');
  const { key } = await createKey(t, { token: pat.token }, { name: 'fits', expiresInDays: 30 });

  const removeExpiry = await t.gql(SET_EXPIRY, { input: { id: key.id, expiresAt: null } }, { token: pat.token });
  expect(removeExpiry.code).toBe('BAD_USER_INPUT');
  expect(removeExpiry.errors![0].message).toContain('maxKeyLifetimeDays');
  const tooFar = new Date(t.clock.now().getTime() + 40 * 86_400_000).toISOString();
  expect((await t.gql(SET_EXPIRY, { input: { id: key.id, expiresAt: tooFar } }, { token: pat.token })).code).toBe('BAD_USER_INPUT');
  const within = new Date(t.clock.now().getTime() + 10 * 86_400_000).toISOString();
  expect((await t.gql(SET_EXPIRY, { input: { id: key.id, expiresAt: within } }, { token: pat.token })).data.setApiKeyExpiry.expiresAt).toBe(within);
});

test('restrictUserApiKeyCreation: only key administrators create keys for users; functional IDs are unaffected', async () => {
  await setAccountSettings(t, accountId, { restrictUserApiKeyCreation: true });
  const quinn = await createUser(t);
  const keyAdmin = await createUser(t, { roleNames: ['KeyAdministrator'] });
  expect((await t.gql(CREATE_KEY, { input: { name: 'self-service' } }, { token: quinn.token })).code).toBe('FORBIDDEN');
  const byAdmin = await createKey(t, { token: keyAdmin.token }, { name: 'issued', ownerId: quinn.id });
  expect(byAdmin.key.owner.id).toBe(quinn.id);

  const fid = await createFunctionalId(t, quinn.id, 'quinn/robot');
  const forFid = await t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`, { input: { name: 'robot', ownerId: fid } }, { token: quinn.token });
  expect(forFid.data.createApiKey.secret).toMatch(/^kw_/);
});
