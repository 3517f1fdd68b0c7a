/** resetApiKeySecret with a grace period: both secrets work until it ends, then only the new one (ManualClock, no sleeping). */
import { startTestServer, type TestServer } from '../helpers/server';
import { RESET_SECRET, apiKeyAuth, basicAuth, createKey, createUser, expectInvalidCredentials, type TestUser } from './helpers';

let t: TestServer;
let gina: TestUser;
beforeAll(async () => {
  t = await startTestServer();
  gina = await createUser(t);
});
afterAll(() => t.close());

const WHO = `{ viewer { id } }`;
const AUTHENTICATE = `mutation($input: AuthenticateInput!) { authenticate(input: $input) { token } }`;

test('with 60 s of grace the old and new tokens both work, then only the new one; a session the old token opened ends with it', async () => {
  const { key, secret: oldToken } = await createKey(t, { token: gina.token }, { name: 'rotating', unrestricted: true });
  const oldSession = (await t.gql(AUTHENTICATE, { input: { apiKey: oldToken } })).data.authenticate.token;

  const reset = await t.gql(RESET_SECRET, { input: { id: key.id, gracePeriodSeconds: 60, ifMatch: key.etag } }, { token: gina.token });
  expect(reset.errors).toBeUndefined();
  const newToken = reset.data.resetApiKeySecret.secret;
  expect(newToken).not.toBe(oldToken);
  expect(reset.data.resetApiKeySecret.apiKey.prefix).toBe(newToken.slice(0, 9));
  expect(reset.data.resetApiKeySecret.apiKey.etag).not.toBe(key.etag);

  t.clock.advance(59_000);
  expect((await t.gql(WHO, {}, apiKeyAuth(oldToken))).data.viewer.id).toBe(gina.id);
  expect((await t.gql(WHO, {}, apiKeyAuth(newToken))).data.viewer.id).toBe(gina.id);
  expect((await t.gql(WHO, {}, { token: oldSession })).data.viewer.id).toBe(gina.id);

  t.clock.advance(2_000);
  expectInvalidCredentials(await t.gql(WHO, {}, apiKeyAuth(oldToken)));
  expectInvalidCredentials(await t.gql(WHO, {}, { token: oldSession }));
  expect((await t.gql(WHO, {}, apiKeyAuth(newToken))).data.viewer.id).toBe(gina.id);
});

test('without grace the old secret of an access key stops at once; the access key ID stays', async () => {
  gina.token = await t.login(gina.email, gina.password);
  const { key, secret } = await createKey(t, { token: gina.token }, { name: 'ak-rotating', type: 'ACCESS_KEY' });
  expect((await t.gql(WHO, {}, basicAuth(key.accessKeyId, secret))).data.viewer.id).toBe(gina.id);
  const reset = await t.gql(RESET_SECRET, { input: { id: key.id } }, { token: gina.token });
  const fresh = reset.data.resetApiKeySecret;
  expect(fresh.apiKey.accessKeyId).toBe(key.accessKeyId);
  expectInvalidCredentials(await t.gql(WHO, {}, basicAuth(key.accessKeyId, secret)));
  expect((await t.gql(WHO, {}, basicAuth(key.accessKeyId, fresh.secret))).data.viewer.id).toBe(gina.id);
});

test('gracePeriodSeconds above 7 days is refused', async () => {
  const { key } = await createKey(t, { token: gina.token }, { name: 'grace-limit' });
  const refused = await t.gql(RESET_SECRET, { input: { id: key.id, gracePeriodSeconds: 604_801 } }, { token: gina.token });
  expect(refused.code).toBe('BAD_USER_INPUT');
});
