/** No secret made by these tests appears in clear in any table, in the logs, or in any later response. */
import { startTestServer, TEST_SECRET, type TestServer } from '../helpers/server';
import { DELETE_KEY, GET_KEY, LIST_KEYS, RESET_SECRET, UPDATE_KEY, apiKeyAuth, basicAuth, createKey, createUser } from './helpers';

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
  await call(`{ viewer { id } }`, {}, apiKeyAuth(apiKey.secret.slice(0, -1) + '0'));
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
