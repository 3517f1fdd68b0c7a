/**
 * Finding 10: `reportLeakedSecret` was an anonymous amplifier. One request
 * with aliases wrote a thousand audit rows no account could see, and each
 * alias of a real leaked secret sent its owner another KEY_LEAKED notice and
 * email. Now: once per request, throttled per IP, one notice an hour per
 * key, and every report audited where an auditor looks.
 */
import { startSmtpServer, type TestSmtpServer } from '../helpers/mail';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/server';
import { createUser as seedUser } from '../helpers/seed';
import { auditTrail, countRows, createOwnAccount } from './edge-helpers';

let t: TestServer;
let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await startTestServer({ SMTP_URL: smtp.url });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

const REPORT = `mutation($s: String!) { reportLeakedSecret(secret: $s) }`;
const report = (secret: string, localAddress: string) => t.gql(REPORT, { s: secret }, { localAddress });

test('aliases of reportLeakedSecret in one anonymous request are refused whole, and write nothing', async () => {
  const before = await countRows(t, 'audit_events');
  const aliases = Array.from({ length: 50 }, (_, n) => `r${n}: reportLeakedSecret(secret: "kw_${'x'.repeat(40)}${n}")`).join('\n');
  const flood = await t.gql(`mutation { ${aliases} }`, {}, { localAddress: '127.0.0.21' });
  expect(flood.code).toBe('BAD_USER_INPUT');
  expect(flood.data).toBeFalsy();
  expect(await countRows(t, 'audit_events')).toBe(before);
});

test('a secret reported again and again tells its owner once, and each report lands in the key\'s account trail', async () => {
  const owner = await seedUser(t, 'Leaky Owner');
  const tenant = await createOwnAccount(t, owner.token, 'Leaky tenant');
  const inTenant = { token: owner.token, headers: { 'x-account-id': tenant } };
  const made = await t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }`, { input: { name: 'leaky' } }, inTenant);
  expect(made.errors).toBeUndefined();
  const { secret, apiKey } = made.data.createApiKey;

  // The same paste, found by three scanners on three addresses.
  for (const address of ['127.0.0.22', '127.0.0.23', '127.0.0.24']) expect((await report(secret, address)).data.reportLeakedSecret).toBe(true);

  const bell = await t.gql(`{ notifications(first: 50) { edges { node { kind subjectId } } } }`, {}, { token: owner.token });
  expect(bell.data.notifications.edges.map((e: any) => e.node)).toEqual([{ kind: 'KEY_LEAKED', subjectId: apiKey.id }]);
  expect(await countRows(t, 'email_outbox', 'to_address = ?', [owner.email])).toBe(1);

  // The tenant's Administrator (the owner) audits every report, in the tenant.
  const trail = await auditTrail(t, 'apikey.report_leaked', inTenant);
  expect(trail.map((e) => [e.outcome, e.accountId, e.ip])).toEqual([
    ['SUCCESS', tenant, '127.0.0.24'],
    ['SUCCESS', tenant, '127.0.0.23'],
    ['SUCCESS', tenant, '127.0.0.22'],
  ]);
  expect(trail.map((e) => e.details?.ownerNotified)).toEqual([false, false, true]);

  // An hour on, the key is news again.
  t.clock.advance(61 * 60_000);
  expect((await report(secret, '127.0.0.27')).data.reportLeakedSecret).toBe(true);
  const later = await t.gql(`{ notifications(first: 50) { edges { node { kind } } } }`, {}, { token: await t.login(owner.email, owner.password) });
  expect(later.data.notifications.edges.map((e: any) => e.node.kind)).toEqual(['KEY_LEAKED', 'KEY_LEAKED']);
});

test('reports that match no key are audited into the operator account, and one address is throttled after ten', async () => {
  const answers: (string | undefined)[] = [];
  for (let n = 0; n < 12; n++) answers.push((await report(`not-a-secret-${n}`, '127.0.0.25')).code);
  expect(answers).toEqual([...Array(10).fill(undefined), 'RATE_LIMITED', 'RATE_LIMITED']);
  // Another address is still heard.
  expect((await report('not-a-secret-either', '127.0.0.26')).data.reportLeakedSecret).toBe(true);

  const admin = { token: await t.login(ADMIN_EMAIL, ADMIN_PASSWORD) }; // the clock moved past the first session
  const operatorAccount = (await t.gql(`{ viewer { account { id } } }`, {}, admin)).data.viewer.account.id;
  const trail = (await auditTrail(t, 'apikey.report_leaked', admin)).filter((e) => e.ip === '127.0.0.25');
  expect(trail).toHaveLength(12);
  expect(new Set(trail.map((e) => e.accountId))).toEqual(new Set([operatorAccount]));
  expect(trail.filter((e) => e.outcome === 'DENIED')).toHaveLength(2);
});
