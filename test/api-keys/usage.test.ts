/** lastUsedAt and authnCount are counted in memory and written in batches, never one write per request. */
import { startTestServer, type TestServer } from '../helpers/server';
import { GET_KEY, LIST_KEYS, apiKeyAuth, createKey, createUser } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

test('five authentications cost no write; one flush records them; a cached key costs no query', async () => {
  const mia = await createUser(t);
  const { key, secret } = await createKey(t, { token: mia.token }, { name: 'busy' });
  await t.gql(`{ viewer { id } }`, {}, apiKeyAuth(secret)); // warms the cache
  t.sql.reset();
  for (let i = 0; i < 4; i++) await t.gql(`{ viewer { id } }`, {}, apiKeyAuth(secret));
  expect(t.sql.statements.filter((s) => /api_keys/.test(s))).toEqual([]);

  const before = (await t.gql(GET_KEY, { id: key.id }, { token: mia.token })).data.apiKey;
  expect(before).toMatchObject({ lastUsedAt: null, authnCount: 0 });

  const usedAt = t.clock.now().toISOString();
  await t.server.services.keyAuthenticator.flushUsage();
  const after = (await t.gql(GET_KEY, { id: key.id }, { token: mia.token })).data.apiKey;
  expect(after.authnCount).toBe(5);
  expect(after.lastUsedAt).toBe(usedAt);
});

test('unusedForDays lists keys neither used nor created for that long', async () => {
  const ned = await createUser(t);
  const used = await createKey(t, { token: ned.token }, { name: 'used' });
  const unused = await createKey(t, { token: ned.token }, { name: 'unused' });
  t.clock.advance(10 * 86_400_000);
  await t.gql(`{ viewer { id } }`, {}, apiKeyAuth(used.secret));
  await t.server.services.keyAuthenticator.flushUsage();
  const token = await t.login(ned.email, ned.password);
  const stale = await t.gql(LIST_KEYS, { filter: { unusedForDays: 5 } }, { token });
  expect(stale.data.apiKeys.edges.map((e: any) => e.node.id)).toEqual([unused.key.id]);
});
