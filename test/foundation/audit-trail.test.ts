/** Every mutation leaves exactly one audit event: SUCCESS in the change's transaction, DENIED or FAILED otherwise. */
import { AuditEventEntity } from '../../src/modules/audit/audit-event.entity';
import { startTestServer, type TestServer } from '../helpers/server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const events = (requestId: string) => t.server.dataSource.getRepository(AuditEventEntity).findBy({ requestId });

test('a successful mutation writes one SUCCESS event naming actor, method and target', async () => {
  const result = await t.gql(`mutation { createUser(input: { email: "a1@example.com", name: "A1", password: "a1-password-long" }) { id } }`, {}, { token: t.adminToken, headers: { 'x-request-id': 'audit-ok-1' } });
  const [event, ...more] = await events('audit-ok-1');
  expect(more).toEqual([]);
  const viewer = await t.gql(`{ viewer { id account { id } } }`, {}, { token: t.adminToken });
  expect(event).toMatchObject({
    action: 'user.create',
    outcome: 'SUCCESS',
    actorId: viewer.data.viewer.id,
    authMethod: 'SESSION',
    targetType: 'User',
    targetId: result.data.createUser.id,
    accountId: viewer.data.viewer.account.id,
  });
});

test('a refused mutation writes one DENIED event; an invalid one one FAILED event; a refused login the reason', async () => {
  await t.gql(`mutation { createUser(input: { email: "a2@example.com", name: "A2", password: "a2-password-long" }) { id } }`, {}, { headers: { 'x-request-id': 'audit-denied-1' } });
  expect(await events('audit-denied-1')).toEqual([expect.objectContaining({ action: 'user.create', outcome: 'DENIED', errorCode: 'UNAUTHENTICATED', authMethod: 'ANONYMOUS' })]);

  await t.gql(`mutation { createUser(input: { email: "a1@example.com", name: "Again", password: "a1-password-long" }) { id } }`, {}, { token: t.adminToken, headers: { 'x-request-id': 'audit-failed-1' } });
  expect(await events('audit-failed-1')).toEqual([expect.objectContaining({ action: 'user.create', outcome: 'FAILED', errorCode: 'CONFLICT' })]);

  await t.gql(`mutation { login(input: { email: "a1@example.com", password: "wrong-password" }) { token } }`, {}, { headers: { 'x-request-id': 'audit-login-1' } });
  const [refused] = await events('audit-login-1');
  expect(refused).toMatchObject({ action: 'auth.login', outcome: 'DENIED', details: { reason: 'wrong password' } });
  expect(JSON.stringify(refused)).not.toContain('wrong-password');
});

test('a refused credential on any request writes one DENIED auth.credentials event', async () => {
  await t.gql(`{ viewer { id } }`, {}, { authorization: 'Bearer kws_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', headers: { 'x-request-id': 'audit-cred-1' } });
  expect(await events('audit-cred-1')).toEqual([expect.objectContaining({ action: 'auth.credentials', outcome: 'DENIED', details: { reason: 'unknown session' } })]);
});

test('a successful login is audited as done by the user it proved', async () => {
  const login = await t.gql(`mutation { login(input: { email: "a1@example.com", password: "a1-password-long" }) { principal { id } } }`, {}, { headers: { 'x-request-id': 'audit-login-ok' } });
  const userId = login.data.login.principal.id;
  expect(await events('audit-login-ok')).toEqual([expect.objectContaining({ action: 'auth.login', outcome: 'SUCCESS', actorId: userId, authMethod: 'PASSWORD', targetId: userId })]);
});
