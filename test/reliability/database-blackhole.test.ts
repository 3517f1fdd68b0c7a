/**
 * A gray database failure (MariaDB/MySQL only): the proxy in front of the
 * database keeps every connection open and passes nothing ("blackhole"), as
 * a hung server does. With DB_QUERY_TIMEOUT_MS=1000, every request that needs
 * the database is answered — INTERNAL_SERVER_ERROR, HTTP 503 — before the
 * client gives up at deadline + 1 s, on pooled connections and on new ones;
 * /healthz and requests with a cached key or a cached session keep answering, without asking the rate-limit
 * store (it is in the database too); /readyz is 503.
 * When the proxy forwards again, requests succeed without a restart and no
 * acknowledged write is lost.
 */
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { createApiKeyFor, viewerId } from '../helpers/seed';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/server';
import { codeOf, send, sendGql, sleep, TcpProxy, type Answer } from './support';

const DEADLINE_MS = 1_000;
/** The client gives up here: an answer later than this is a hang. */
const ANSWER_BOUND_MS = DEADLINE_MS + 1_000;
const RECOVERY_BOUND_MS = 10_000;

const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
const LIST_KEYS = `{ apiKeys(first: 5) { edges { node { id name } } } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token } }`;

let db: TestDatabase;
let proxy: TcpProxy;
let t: TestServer;

beforeAll(async () => {
  db = await createTestDatabase();
  const real = new URL(db.url);
  proxy = new TcpProxy(real.hostname, Number(real.port || 3306));
  const proxied = new URL(db.url);
  proxied.port = String(await proxy.start());
  // A long key cache: the cached key must outlive the blackhole.
  t = await startTestServer({ DATABASE_URL: proxied.toString(), DB_QUERY_TIMEOUT_MS: String(DEADLINE_MS), KEY_CACHE_TTL_MS: '60000' });
});

afterAll(async () => {
  await t?.close();
  await proxy?.stop();
  await db?.drop();
});

let written = 0;
function createUser(auth: { token?: string; headers?: Record<string, string> }): Promise<Answer> {
  written++;
  return sendGql(t.url, CREATE_USER, { input: { email: `bh${written}@example.com`, name: `Blackhole ${written}`, federated: true } }, { ...auth, timeoutMs: ANSWER_BOUND_MS });
}
const createdId = (answer: Answer): string | undefined => (answer.kind === 'answered' ? answer.body?.data?.createUser?.id : undefined);

test('blackholed database: answers within deadline + 1 s (503), /healthz and cached keys serve, /readyz 503; forwarding again recovers with no write lost', async () => {
  const adminId = await viewerId(t, t.adminToken);
  const { token: apiKey } = await createApiKeyFor(t, adminId, { name: 'cached-through-the-outage' });
  const keyAuth = { headers: { authorization: `ApiKey ${apiKey}` } };
  expect(codeOf(await sendGql(t.url, `{ viewer { id } }`, {}, keyAuth))).toBe('ok'); // now cached
  // A session opened and never used: not cached, so resuming it needs the database (the admin's is cached).
  const uncachedSession = await t.login(ADMIN_EMAIL, ADMIN_PASSWORD);

  const acknowledged: string[] = [];
  for (let i = 0; i < 5; i++) acknowledged.push(createdId(await createUser({ token: t.adminToken }))!);
  expect(acknowledged.every(Boolean)).toBe(true);

  proxy.blackhole();
  // A cached key first, before anything has met the blackhole: it needs nothing of the database, the
  // refused-credential limit included (checked in memory; only refusals reach the limit store). It used to
  // ask the store first and wait out its deadline (a quarter of DB_QUERY_TIMEOUT_MS), logged as an outage.
  const STORE_AWAY = 'rate limit store unavailable';
  const cachedFirst = await sendGql(t.url, `{ viewer { id } }`, {}, { ...keyAuth, timeoutMs: ANSWER_BOUND_MS });
  expect(codeOf(cachedFirst)).toBe('ok');
  expect(t.logs.filter((line) => line.includes(STORE_AWAY))).toEqual([]);
  // Needs the database: a session not yet cached, a list, writes (with a cached session and with the cached
  // key, which the permission check needs the database for), a login. Twice: the first wave meets the pooled
  // connections, the second new ones (the first wave's were destroyed at their deadline), whose handshake never ends.
  const needsDatabase = () => [
    sendGql(t.url, `{ viewer { id } }`, {}, { token: uncachedSession, timeoutMs: ANSWER_BOUND_MS }),
    sendGql(t.url, LIST_KEYS, {}, { token: t.adminToken, timeoutMs: ANSWER_BOUND_MS }),
    createUser({ token: t.adminToken }),
    createUser(keyAuth),
    sendGql(t.url, LOGIN, { input: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } }, { timeoutMs: ANSWER_BOUND_MS }),
    ...Array.from({ length: 15 }, () => sendGql(t.url, `{ viewer { id name } }`, {}, { token: uncachedSession, timeoutMs: ANSWER_BOUND_MS })),
  ];
  const firstWave = await Promise.all(needsDatabase());
  const secondWave = await Promise.all(needsDatabase());
  // Needs no database: liveness, and requests whose key or session is cached.
  const health = await send(`${t.origin}/healthz`, null, { timeoutMs: ANSWER_BOUND_MS });
  const cached = await sendGql(t.url, `{ viewer { id } }`, {}, { ...keyAuth, timeoutMs: ANSWER_BOUND_MS });
  const cachedSession = await sendGql(t.url, `{ viewer { id } }`, {}, { token: t.adminToken, timeoutMs: ANSWER_BOUND_MS });
  const ready = await send(`${t.origin}/readyz`, null, { timeoutMs: 5_000 });

  const during = [...firstWave, ...secondWave];
  const times = (answers: Answer[]) => answers.map((a) => a.ms);
  console.log(
    `database blackholed (deadline ${DEADLINE_MS} ms): first wave ${Math.min(...times(firstWave))}–${Math.max(...times(firstWave))} ms, ` +
      `second wave ${Math.min(...times(secondWave))}–${Math.max(...times(secondWave))} ms; /healthz ${health.ms} ms, cached key ${cachedFirst.ms} ms first, ${cached.ms} ms after, /readyz ${ready.ms} ms`,
  );

  // Every one answered before the client gave up, as INTERNAL_SERVER_ERROR with 503, and told nothing of the cause.
  expect(during.map((a) => a.kind)).toEqual(during.map(() => 'answered'));
  expect(during.map(codeOf)).toEqual(during.map(() => 'INTERNAL_SERVER_ERROR'));
  expect(during.map((a) => (a as { status: number }).status)).toEqual(during.map(() => 503));
  for (const answer of during) expect((answer as { text: string }).text).not.toMatch(/DB_TIMEOUT|did not answer|ETIMEDOUT|stacktrace/);
  expect(health).toMatchObject({ kind: 'answered', status: 200 });
  expect(codeOf(cached)).toBe('ok');
  expect((cached as { body: any }).body.data.viewer.id).toBe(adminId);
  expect(codeOf(cachedSession)).toBe('ok');
  expect((cachedSession as { body: any }).body.data.viewer.id).toBe(adminId);
  expect(ready).toMatchObject({ kind: 'answered', status: 503 });
  // The login above did reach the limit store (its attempt is counted before the password is checked), so the
  // check on the cached key saw a store that was away.
  expect(t.logs.filter((line) => line.includes(STORE_AWAY))).toHaveLength(1);

  proxy.restore();
  const restoredAt = Date.now();
  let recoveredAt: number | null = null;
  while (recoveredAt === null && Date.now() - restoredAt < RECOVERY_BOUND_MS) {
    const read = await sendGql(t.url, `{ viewer { id } }`, {}, { token: t.adminToken, timeoutMs: ANSWER_BOUND_MS });
    const write = await createUser({ token: t.adminToken });
    if (codeOf(read) === 'ok' && codeOf(write) === 'ok') {
      recoveredAt = Date.now();
      acknowledged.push(createdId(write)!);
    } else {
      await sleep(100);
    }
  }
  console.log(`database forwarding again: recovered ${recoveredAt === null ? 'never' : `${recoveredAt - restoredAt} ms`} after`);
  expect(recoveredAt).not.toBeNull();
  expect(await send(`${t.origin}/readyz`, null, { timeoutMs: 5_000 })).toMatchObject({ kind: 'answered', status: 200 });

  // No acknowledged write is lost (none was acknowledged during the blackhole, and no request said so).
  const stored = new Set<string>((await t.server.dataSource.query(`SELECT id FROM principals`)).map((r: { id: string }) => r.id));
  expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  expect(during.map(createdId).filter(Boolean)).toEqual([]);
});
