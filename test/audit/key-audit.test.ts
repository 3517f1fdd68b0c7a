/** Locking, deleting, a refused delete of a locked key and a failed key authentication: one audit event each, with the right outcome. */
import { AuditEventEntity } from '../../src/modules/audit/audit-event.entity';
import { CREATE_KEY, DELETE_KEY, LOCK_KEY } from '../api-keys/helpers';
import { startTestServer, type TestServer } from '../helpers/server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const eventsOf = (requestId: string) => t.server.dataSource.getRepository(AuditEventEntity).findBy({ requestId });
const as = (requestId: string) => ({ token: t.adminToken, headers: { 'x-request-id': requestId } });

test('each key action leaves exactly one event', async () => {
  const created = await t.gql(CREATE_KEY, { input: { name: 'audited' } }, as('ka-create'));
  const { apiKey, secret } = created.data.createApiKey;
  expect(await eventsOf('ka-create')).toEqual([expect.objectContaining({ action: 'apikey.create', outcome: 'SUCCESS', targetId: apiKey.id })]);

  await t.gql(LOCK_KEY, { id: apiKey.id }, as('ka-lock'));
  expect(await eventsOf('ka-lock')).toEqual([expect.objectContaining({ action: 'apikey.lock', outcome: 'SUCCESS', targetType: 'ApiKey', targetId: apiKey.id })]);

  const refused = await t.gql(DELETE_KEY, { input: { id: apiKey.id } }, as('ka-delete-locked'));
  expect(refused.code).toBe('KEY_LOCKED');
  expect(await eventsOf('ka-delete-locked')).toEqual([expect.objectContaining({ action: 'apikey.delete', outcome: 'DENIED', errorCode: 'KEY_LOCKED', targetId: apiKey.id })]);

  await t.gql(`mutation($id: ID!) { unlockApiKey(id: $id) { id } }`, { id: apiKey.id }, as('ka-unlock'));
  await t.gql(DELETE_KEY, { input: { id: apiKey.id } }, as('ka-delete'));
  expect(await eventsOf('ka-delete')).toEqual([expect.objectContaining({ action: 'apikey.delete', outcome: 'SUCCESS', targetId: apiKey.id })]);

  const failed = await t.gql(`{ viewer { id } }`, {}, { authorization: `ApiKey ${secret}`, headers: { 'x-request-id': 'ka-authn' } });
  expect(failed.code).toBe('UNAUTHENTICATED');
  const [authn, ...more] = await eventsOf('ka-authn');
  expect(more).toEqual([]);
  expect(authn).toMatchObject({ action: 'auth.credentials', outcome: 'DENIED', authMethod: 'API_KEY', details: { reason: 'no such key' } });
  expect(JSON.stringify(authn)).not.toContain(secret);
});
