/** Restricted by default (Keystone): a request made with a key that is not `unrestricted` cannot create or reset keys. */
import { startTestServer, type TestServer } from '../helpers/server';
import { CREATE_KEY, RESET_SECRET, UPDATE_KEY, apiKeyAuth, createKey, createUser, type TestUser } from './helpers';

let t: TestServer;
let kim: TestUser;
beforeAll(async () => {
  t = await startTestServer();
  kim = await createUser(t);
});
afterAll(() => t.close());

const AUTHENTICATE = `mutation($input: AuthenticateInput!) { authenticate(input: $input) { token } }`;

test('a restricted key, and a session it opened, cannot create or reset keys; it can still update them', async () => {
  const restricted = await createKey(t, { token: kim.token }, { name: 'restricted' });
  expect(restricted.key.unrestricted).toBe(false);
  const session = (await t.gql(AUTHENTICATE, { input: { apiKey: restricted.secret } })).data.authenticate.token;

  for (const via of [apiKeyAuth(restricted.secret), { token: session }]) {
    expect((await t.gql(CREATE_KEY, { input: { name: 'spawned' } }, via)).code).toBe('FORBIDDEN');
    expect((await t.gql(RESET_SECRET, { input: { id: restricted.key.id } }, via)).code).toBe('FORBIDDEN');
    expect((await t.gql(UPDATE_KEY, { input: { id: restricted.key.id, description: 'allowed' } }, via)).data.updateApiKey.description).toBe('allowed');
  }
});

test('an unrestricted key creates and resets keys', async () => {
  const free = await createKey(t, { token: kim.token }, { name: 'unrestricted', unrestricted: true });
  const spawned = await t.gql(CREATE_KEY, { input: { name: 'spawned-by-key' } }, apiKeyAuth(free.secret));
  expect(spawned.data.createApiKey.apiKey.createdBy.id).toBe(kim.id);
  const reset = await t.gql(RESET_SECRET, { input: { id: spawned.data.createApiKey.apiKey.id } }, apiKeyAuth(free.secret));
  expect(reset.data.resetApiKeySecret.secret).toMatch(/^kw_/);
});
