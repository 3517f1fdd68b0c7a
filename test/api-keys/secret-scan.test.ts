/** No secret made by these tests (key secrets, sessions, access tokens, signing keys) appears in clear in any table, in the logs, or in any later response. */
import { startTestServer, TEST_SECRET, type TestServer } from '../helpers/server';
import { API_KEY_GRANT, basic, callerHolding, createService, postForm, tokenFor } from '../oauth/helpers';
import { DELETE_KEY, GET_KEY, LIST_KEYS, RESET_SECRET, UPDATE_KEY, apiKeyAuth, basicAuth, createKey, createUser, tampered } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
});
afterAll(() => t.close());

async function dumpEveryTable(): Promise<string> {
  const ds = t.server.dataSource;
  const tables: string[] =
    ds.options.type === 'mysql'
      ? (await ds.query(`SHOW TABLES`)).map((row: Record<string, string>) => Object.values(row)[0])
      : (await ds.query(`SELECT name FROM sqlite_master WHERE type = 'table'`)).map((row: { name: string }) => row.name);
  expect(tables).toEqual(expect.arrayContaining(['api_keys', 'sessions', 'audit_events', 'principals', 'webhooks', 'webhook_deliveries']));
  const dumps = await Promise.all(tables.map(async (table) => JSON.stringify(await ds.query(`SELECT * FROM ${ds.driver.escape(table)}`))));
  return dumps.join('\n');
}

test('secrets of keys, resets, sessions and webhooks are nowhere in clear after they were shown once', async () => {
  const owner = await createUser(t);
  const secrets: string[] = [owner.token, TEST_SECRET];
  // A webhook signing secret must stay readable by the server (it signs): sealed, never in clear, nor its key bytes.
  const webhook = await t.gql(
    `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id } } }`,
    { input: { url: 'http://127.0.0.1:9/hook', events: ['apikey.created', 'apikey.secret_reset', 'apikey.leaked', 'apikey.deleted'] } },
    { token: t.adminToken },
  );
  const rotated = await t.gql(
    `mutation($id: ID!) { rotateWebhookSecret(input: { id: $id, gracePeriodSeconds: 600 }) { secret } }`,
    { id: webhook.data.createWebhook.webhook.id },
    { token: t.adminToken },
  );
  for (const secret of [webhook.data.createWebhook.secret, rotated.data.rotateWebhookSecret.secret]) secrets.push(secret, secret.slice('whsec_'.length));
  const apiKey = await createKey(t, { token: owner.token }, { name: 'scan-api', unrestricted: true });
  const accessKey = await createKey(t, { token: owner.token }, { name: 'scan-access', type: 'ACCESS_KEY' });
  secrets.push(apiKey.secret, accessKey.secret);

  const later: string[] = [];
  const call = async (...args: Parameters<TestServer['gql']>) => {
    const result = await t.gql(...args);
    later.push(JSON.stringify(result.body));
    return result;
  };
  const session = await t.gql(`mutation($input: AuthenticateInput!) { authenticate(input: $input) { token } }`, { input: { apiKey: apiKey.secret } });
  secrets.push(session.data.authenticate.token);
  const reset = await t.gql(RESET_SECRET, { input: { id: apiKey.key.id, gracePeriodSeconds: 60 } }, { token: owner.token });
  secrets.push(reset.data.resetApiKeySecret.secret);

  // Use them, succeed and fail with them, report one leaked, delete one.
  await call(`{ viewer { id } }`, {}, apiKeyAuth(apiKey.secret));
  await call(`{ viewer { id } }`, {}, apiKeyAuth(reset.data.resetApiKeySecret.secret));
  await call(`{ viewer { id } }`, {}, basicAuth(accessKey.key.accessKeyId, accessKey.secret));
  await call(`{ viewer { id } }`, {}, basicAuth(accessKey.key.accessKeyId, 'y'.repeat(40)));
  await call(`{ viewer { id } }`, {}, apiKeyAuth(tampered(apiKey.secret)));
  await call(`{ viewer { id } }`, {}, { token: session.data.authenticate.token });
  await call(UPDATE_KEY, { input: { id: apiKey.key.id, description: 'scanned' } }, { token: owner.token });
  await call(GET_KEY, { id: apiKey.key.id }, { token: owner.token });
  await call(`query($id: ID!) { node(id: $id) { ... on ApiKey { prefix accessKeyId etag } } }`, { id: accessKey.key.id }, { token: owner.token });
  await call(LIST_KEYS, { filter: { scope: 'ALL' } }, { token: t.adminToken });
  await call(`mutation($s: String!) { reportLeakedSecret(secret: $s) }`, { s: accessKey.secret });
  await call(DELETE_KEY, { input: { id: apiKey.key.id } }, { token: owner.token });
  await call(`{ viewer { id } }`, {}, apiKeyAuth(apiKey.secret));
  await t.server.services.keyAuthenticator.flushUsage();
  await t.server.services.webhookDispatcher.deliverDue(); // the receiver is away: attempts fail, their errors are kept

  const database = await dumpEveryTable();
  const logs = t.logs.join('\n');
  const responses = later.join('\n');
  for (const secret of secrets) {
    expect(database).not.toContain(secret);
    expect(logs).not.toContain(secret);
    expect(responses).not.toContain(secret);
  }
  expect(database).not.toContain(owner.password);
  expect(logs).not.toContain(owner.password);
  // The scan did see the keys: their public parts are there.
  expect(database).toContain(accessKey.key.accessKeyId);
  expect(database).toContain(apiKey.key.id);
  expect(database).toContain(webhook.data.createWebhook.webhook.id);
  expect(database).toContain('apikey.secret_reset'); // a delivery's payload
});

test('access tokens, the secrets that obtained them and the token-signing private keys are nowhere in clear', async () => {
  const service = await createService(t);
  const caller = await callerHolding(t, [`${service.name}:invoices.read`]);
  const introspector = await createKey(t, { token: t.adminToken }, { name: 'scan-introspector', type: 'ACCESS_KEY' });
  const secrets: string[] = [caller.accessKey.secret, caller.apiKey.token, introspector.secret];

  const byAccessKey = await tokenFor(t, caller.accessKey, service.audience, 'invoices.read');
  const byApiKey = await postForm(t, '/oauth/token', { grant_type: API_KEY_GRANT, api_key: caller.apiKey.token, audience: service.audience });
  secrets.push(byAccessKey.access_token, byApiKey.body.access_token);
  for (const token of [byAccessKey.access_token, caller.apiKey.token, caller.user.token]) {
    expect((await postForm(t, '/oauth/introspect', { token }, { authorization: basic(introspector.key.accessKeyId, introspector.secret) })).body.active).toBe(true);
  }
  // Refused: a wrong secret, a wrong API key, a bad introspection client.
  await postForm(t, '/oauth/token', { grant_type: 'client_credentials', audience: service.audience }, { authorization: basic(caller.accessKey.accessKeyId, 'w'.repeat(40)) });
  await postForm(t, '/oauth/token', { grant_type: API_KEY_GRANT, api_key: tampered(caller.apiKey.token), audience: service.audience });
  await postForm(t, '/oauth/introspect', { token: byApiKey.body.access_token }, { authorization: basic(introspector.key.accessKeyId, 'v'.repeat(40)) });
  await t.server.services.keyAuthenticator.flushUsage();

  const signing = await t.server.services.signingKeys.current();
  const pkcs8 = signing.privateKey.export({ format: 'der', type: 'pkcs8' });
  const privateParts = [signing.privateKey.export({ format: 'jwk' }).d!, pkcs8.toString('base64'), pkcs8.toString('base64url'), pkcs8.toString('hex')];

  const database = await dumpEveryTable();
  const logs = t.logs.join('\n');
  expect(database).toContain(signing.kid);
  for (const secret of [...secrets, ...privateParts]) {
    expect(database).not.toContain(secret);
    expect(logs).not.toContain(secret);
  }
  // A token's signature alone is not in clear either (nothing stores or logs a token in part).
  expect(database).not.toContain(byAccessKey.access_token.split('.')[2]);
});
