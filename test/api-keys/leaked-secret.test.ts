/** reportLeakedSecret: anonymous, always true, applies the key's actionWhenLeaked. */
import { startTestServer, type TestServer } from '../helpers/server';
import { GET_KEY, LOCK_KEY, apiKeyAuth, basicAuth, createKey, createUser, expectInvalidCredentials, tampered, type TestUser } from './helpers';

let t: TestServer;
let lee: TestUser;
beforeAll(async () => {
  t = await startTestServer();
  lee = await createUser(t);
});
afterAll(() => t.close());

const REPORT = `mutation($secret: String!) { reportLeakedSecret(secret: $secret) }`;
const report = async (secret: string) => (await t.gql(REPORT, { secret })).data.reportLeakedSecret;

test('DISABLE (the default) makes the key INACTIVE; the report needs no authentication and is audited', async () => {
  const { key, secret } = await createKey(t, { token: lee.token }, { name: 'leaky' });
  expect(await report(secret)).toBe(true);
  expect((await t.gql(GET_KEY, { id: key.id }, { token: lee.token })).data.apiKey.state).toBe('INACTIVE');
  expectInvalidCredentials(await t.gql(`{ viewer { id } }`, {}, apiKeyAuth(secret)));
  const [event] = await t.server.dataSource.query(`SELECT outcome, auth_method, details FROM audit_events WHERE action = 'apikey.report_leaked' AND target_id = ?`, [key.id]);
  expect(event).toMatchObject({ outcome: 'SUCCESS', auth_method: 'ANONYMOUS' });
  expect(JSON.parse(event.details).leakAction).toBe('DISABLE');
});

test('DELETE deletes the key, but only disables a locked one; NONE leaves it working', async () => {
  const deleting = await createKey(t, { token: lee.token }, { name: 'delete-on-leak', actionWhenLeaked: 'DELETE' });
  const lockedDeleting = await createKey(t, { token: lee.token }, { name: 'locked-delete-on-leak', actionWhenLeaked: 'DELETE' });
  const ignoring = await createKey(t, { token: lee.token }, { name: 'ignore-leak', actionWhenLeaked: 'NONE' });
  await t.gql(LOCK_KEY, { id: lockedDeleting.key.id }, { token: lee.token });

  expect(await report(deleting.secret)).toBe(true);
  expect(await report(lockedDeleting.secret)).toBe(true);
  expect(await report(ignoring.secret)).toBe(true);

  expect((await t.gql(GET_KEY, { id: deleting.key.id }, { token: lee.token })).code).toBe('NOT_FOUND');
  expect((await t.gql(GET_KEY, { id: lockedDeleting.key.id }, { token: lee.token })).data.apiKey).toMatchObject({ state: 'INACTIVE', locked: true });
  expect((await t.gql(`{ viewer { id } }`, {}, apiKeyAuth(ignoring.secret))).data.viewer.id).toBe(lee.id);
});

test('an access key secret, alone or as accessKeyId:secret, is recognised', async () => {
  const first = await createKey(t, { token: lee.token }, { name: 'ak-leak-1', type: 'ACCESS_KEY' });
  const second = await createKey(t, { token: lee.token }, { name: 'ak-leak-2', type: 'ACCESS_KEY' });
  expect(await report(first.secret)).toBe(true);
  expect(await report(`${second.key.accessKeyId}:${second.secret}`)).toBe(true);
  expectInvalidCredentials(await t.gql(`{ viewer { id } }`, {}, basicAuth(first.key.accessKeyId, first.secret)));
  expectInvalidCredentials(await t.gql(`{ viewer { id } }`, {}, basicAuth(second.key.accessKeyId, second.secret)));
});

test('garbage and unknown well-formed secrets answer true and change nothing', async () => {
  const { key, secret } = await createKey(t, { token: lee.token }, { name: 'bystander' });
  expect(await report('not a secret at all')).toBe(true);
  expect(await report(`kw_${'A'.repeat(38)}`)).toBe(true);
  expect(await report(tampered(secret))).toBe(true);
  expect((await t.gql(GET_KEY, { id: key.id }, { token: lee.token })).data.apiKey.state).toBe('ACTIVE');
});
