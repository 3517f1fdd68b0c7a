/**
 * Finding 18: refused credentials that named no key (a malformed or deleted
 * key, an unknown email) were audited with no account, so no auditor ever
 * saw brute force. They now land in the operator account (the first one,
 * made at bootstrap), where its audit.read holders see them.
 */
import { startTestServer, type TestServer } from '../helpers/server';
import { createUser as seedUser, createApiKeyFor } from '../helpers/seed';
import { auditTrail } from './edge-helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

test('malformed, deleted and unknown credentials are seen by the operator account\'s auditor', async () => {
  const operatorAccount = (await t.gql(`{ viewer { account { id } } }`, {}, { token: t.adminToken })).data.viewer.account.id;
  const worker = await seedUser(t, 'Short Lived');
  const { key, token } = await createApiKeyFor(t, worker.id);
  const deleted = await t.gql(`mutation($input: DeleteApiKeyInput!) { deleteApiKey(input: $input) { deletedId } }`, { input: { id: key.id } }, { token: t.adminToken });
  expect(deleted.errors).toBeUndefined();

  const attempts = [
    { authorization: 'Bearer not-a-session-token', localAddress: '127.0.0.81' },
    { authorization: `ApiKey ${token}`, localAddress: '127.0.0.82' },
    { authorization: 'Basic AAAA', localAddress: '127.0.0.83' },
  ];
  for (const attempt of attempts) expect((await t.gql(`{ viewer { id } }`, {}, attempt)).code).toBe('UNAUTHENTICATED');
  const unknownEmail = await t.gql(`mutation { login(input: {email: "nobody@nowhere.example", password: "whatever-it-is"}) { token } }`, {}, { localAddress: '127.0.0.84' });
  expect(unknownEmail.code).toBe('UNAUTHENTICATED');

  const refusals = (await auditTrail(t, 'auth.credentials')).filter((e) => e.ip?.startsWith('127.0.0.8'));
  expect(refusals.map((e) => [e.ip, e.outcome, e.accountId])).toEqual([
    ['127.0.0.83', 'DENIED', operatorAccount],
    ['127.0.0.82', 'DENIED', operatorAccount],
    ['127.0.0.81', 'DENIED', operatorAccount],
  ]);
  const logins = (await auditTrail(t, 'auth.login')).filter((e) => e.ip === '127.0.0.84');
  expect(logins.map((e) => [e.outcome, e.accountId])).toEqual([['DENIED', operatorAccount]]);
});
