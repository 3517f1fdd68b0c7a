/**
 * Every path that makes a secret, with email on: afterwards no secret the
 * test made appears in any table (audit rows and notifications included),
 * in the logs, or in any email.
 */
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/server';
import { startSmtpServer, waitFor, type TestSmtpServer } from '../helpers/mail';
import { CREATE_KEY, createUser, RESET_SECRET, type TestUser } from '../api-keys/helpers';

let t: TestServer;
let smtp: TestSmtpServer;
let engineer: TestUser;
beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await startTestServer({ SMTP_URL: smtp.url, OUTBOX_POLL_INTERVAL: '200ms' });
  engineer = await createUser(t, { name: 'Engineer' });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

test('no secret in the database, the logs, notifications, audit rows or emails', async () => {
  const secrets: string[] = [ADMIN_PASSWORD, engineer.password, engineer.token, t.adminToken];
  const keep = (value: string) => (secrets.push(value), value);

  const apiKey = await t.gql(CREATE_KEY, { input: { name: 'scan-api', ownerId: engineer.id, expiresInDays: 1 } }, { token: t.adminToken });
  keep(apiKey.data.createApiKey.secret);
  const accessKey = await t.gql(CREATE_KEY, { input: { name: 'scan-access', type: 'ACCESS_KEY' } }, { token: t.adminToken });
  keep(accessKey.data.createApiKey.secret);
  const reset = await t.gql(RESET_SECRET, { input: { id: apiKey.data.createApiKey.apiKey.id, gracePeriodSeconds: 60 } }, { token: t.adminToken });
  keep(reset.data.resetApiKeySecret.secret);
  const session = await t.gql(`mutation($i: AuthenticateInput!) { authenticate(input: $i) { token } }`, { i: { apiKey: reset.data.resetApiKeySecret.secret } });
  keep(session.data.authenticate.token);
  const pair = { accessKeyId: accessKey.data.createApiKey.apiKey.accessKeyId, secretAccessKey: accessKey.data.createApiKey.secret };
  await t.gql(`{ viewer { id } }`, {}, { authorization: `Basic ${Buffer.from(`${pair.accessKeyId}:${pair.secretAccessKey}`).toString('base64')}` });
  await t.gql(`mutation { login(input: { email: "nobody@example.com", password: "a-guessed-password" }) { token } }`);
  keep('a-guessed-password');
  await t.server.services.expirySweeper.sweep(); // the key expires within 48 h: owner, creator and administrators are emailed
  await t.gql(`mutation($s: String!) { reportLeakedSecret(secret: $s) }`, { s: reset.data.resetApiKeySecret.secret });
  await waitFor(() => smtp.received.some((m) => /leak/i.test(m.text)) && smtp.received.length >= 3, 'emails');

  const tables: { name: string }[] = await t.server.dataSource.query(
    t.db.kind === 'mysql' ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()` : `SELECT name FROM sqlite_master WHERE type = 'table'`,
  );
  let dump = '';
  for (const { name } of tables) dump += JSON.stringify(await t.server.dataSource.query(`SELECT * FROM ${name}`));
  expect(dump.includes('unknown email')).toBe(true); // the scan reads the audit rows
  expect(dump.includes('KEY_LEAKED')).toBe(true); // and the notifications
  const places = { database: dump, logs: t.logs.join('\n'), emails: smtp.received.map((m) => m.text).join('\n') };
  for (const secret of secrets) {
    for (const [place, text] of Object.entries(places)) {
      if (text.includes(secret)) throw new Error(`a secret (${secret.slice(0, 6)}…) appears in the ${place}`);
    }
  }
  expect(places.emails.includes(reset.data.resetApiKeySecret.apiKey.prefix)).toBe(true); // emails name keys by prefix
});
