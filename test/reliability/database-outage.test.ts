/**
 * Database outage (MariaDB/MySQL only): a TCP proxy sits between the server
 * and the database. Under a steady mix of reads and writes the proxy is cut
 * for 5 s: every request is still answered (fast, INTERNAL_SERVER_ERROR with
 * HTTP 503 — never a hang), /readyz says 503, the process stays up; within 5 s of the
 * proxy's return everything answers again, and no acknowledged write is lost.
 */
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/server';
import { codeOf, send, sendGql, sleep, TcpProxy, type Answer } from './support';

const OUTAGE_MS = 5_000;
const RECOVERY_BOUND_MS = 5_000;
/** Longer than the pool's connectTimeout: a request that takes this long is hanging. */
const REQUEST_TIMEOUT_MS = 8_000;
const LANES = 6;

const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
const VIEWER = `{ viewer { id } }`;
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
  // startTestServer makes (and later drops) a database of its own; DATABASE_URL here points the server at ours, through the proxy.
  t = await startTestServer({ DATABASE_URL: proxied.toString() });
});

afterAll(async () => {
  await t?.close();
  await proxy?.stop();
  await db?.drop();
});

interface Sample {
  phase: 'before' | 'outage' | 'after';
  operation: 'createUser' | 'viewer' | 'login';
  answer: Answer;
  createdId?: string;
}

test('requests fail fast during a 5 s cut, /readyz says 503, the process stays up, service returns within 5 s, no acknowledged write is lost', async () => {
  let phase: Sample['phase'] = 'before';
  let running = true;
  const samples: Sample[] = [];
  let sequence = 0;

  async function lane(): Promise<void> {
    while (running) {
      const n = sequence++;
      const operation = (['createUser', 'viewer', 'viewer', 'login'] as const)[n % 4];
      const at = phase;
      let answer: Answer;
      if (operation === 'createUser') {
        // Federated users have no password: the write costs no argon2 hash.
        answer = await sendGql(t.url, CREATE_USER, { input: { email: `load${n}@example.com`, name: `Load ${n}`, federated: true } }, { token: t.adminToken, timeoutMs: REQUEST_TIMEOUT_MS });
      } else if (operation === 'viewer') {
        answer = await sendGql(t.url, VIEWER, {}, { token: t.adminToken, timeoutMs: REQUEST_TIMEOUT_MS });
      } else {
        answer = await sendGql(t.url, LOGIN, { input: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } }, { timeoutMs: REQUEST_TIMEOUT_MS });
      }
      const createdId = operation === 'createUser' && answer.kind === 'answered' ? answer.body?.data?.createUser?.id : undefined;
      samples.push({ phase: at, operation, answer, createdId });
      if (at === 'outage' && answer.kind === 'answered') await sleep(20); // keep the failing loop from spinning the CPU
    }
  }
  const lanes = Array.from({ length: LANES }, () => lane());

  await sleep(2_000);
  phase = 'outage';
  proxy.cut();
  await sleep(1_500);
  const readyDuringOutage = await send(`${t.origin}/readyz`, null, { timeoutMs: REQUEST_TIMEOUT_MS });
  const healthDuringOutage = await send(`${t.origin}/healthz`, null, { timeoutMs: REQUEST_TIMEOUT_MS });
  await sleep(OUTAGE_MS - 1_500);
  proxy.restore();
  const restoredAt = Date.now();
  phase = 'after';

  // Recovery: a read and a write succeed again, polled until the bound.
  let recoveredAt: number | null = null;
  while (Date.now() - restoredAt < RECOVERY_BOUND_MS) {
    const read = await sendGql(t.url, VIEWER, {}, { token: t.adminToken, timeoutMs: REQUEST_TIMEOUT_MS });
    const write = await sendGql(t.url, CREATE_USER, { input: { email: `probe${Date.now()}@example.com`, name: 'Probe', federated: true } }, { token: t.adminToken, timeoutMs: REQUEST_TIMEOUT_MS });
    if (codeOf(read) === 'ok' && codeOf(write) === 'ok') {
      recoveredAt = Date.now();
      samples.push({ phase: 'after', operation: 'createUser', answer: write, createdId: write.kind === 'answered' ? write.body.data.createUser.id : undefined });
      break;
    }
    await sleep(100);
  }
  await sleep(1_500);
  running = false;
  await Promise.all(lanes);

  const readyAfter = await send(`${t.origin}/readyz`, null, { timeoutMs: REQUEST_TIMEOUT_MS });
  const outage = samples.filter((s) => s.phase === 'outage');
  const summary = (list: Sample[]) => list.reduce<Record<string, number>>((acc, s) => ((acc[`${s.operation}:${codeOf(s.answer)}`] = (acc[`${s.operation}:${codeOf(s.answer)}`] ?? 0) + 1), acc), {});
  console.log(`outage run: before ${JSON.stringify(summary(samples.filter((s) => s.phase === 'before')))}, during ${JSON.stringify(summary(outage))}, after ${JSON.stringify(summary(samples.filter((s) => s.phase === 'after')))}; slowest answer during the cut ${Math.max(...outage.map((s) => s.answer.ms))} ms; recovered ${recoveredAt === null ? 'never' : `${recoveredAt - restoredAt} ms`} after the proxy returned`);

  // Never a hang, never a reset connection: every request got an HTTP answer.
  expect(samples.filter((s) => s.answer.kind !== 'answered').map((s) => `${s.phase} ${s.operation} ${s.answer.kind}`)).toEqual([]);
  // During the cut: only INTERNAL_SERVER_ERROR with HTTP 503 (the database is away), or a request that finished before the cut.
  expect(outage.length).toBeGreaterThan(0);
  expect(outage.filter((s) => codeOf(s.answer) === 'INTERNAL_SERVER_ERROR').length).toBeGreaterThan(0);
  for (const s of outage) {
    expect(['ok', 'INTERNAL_SERVER_ERROR']).toContain(codeOf(s.answer));
    expect((s.answer as { status: number }).status).toBe(codeOf(s.answer) === 'ok' ? 200 : 503);
    expect((s.answer as { text: string }).text).not.toMatch(/stacktrace|ECONNREFUSED|PROTOCOL_CONNECTION_LOST|\bat \S+ \(/);
  }
  expect(readyDuringOutage).toMatchObject({ kind: 'answered', status: 503 });
  expect(healthDuringOutage).toMatchObject({ kind: 'answered', status: 200 });

  // Back within the bound, and everything answers.
  expect(recoveredAt).not.toBeNull();
  expect(readyAfter).toMatchObject({ kind: 'answered', status: 200 });
  const lastOfEach = ['createUser', 'viewer', 'login'].map((op) => samples.filter((s) => s.operation === op).at(-1)!);
  expect(lastOfEach.map((s) => codeOf(s.answer))).toEqual(['ok', 'ok', 'ok']);

  // Every acknowledged write is stored.
  const acknowledged = samples.map((s) => s.createdId).filter((id): id is string => typeof id === 'string');
  expect(acknowledged.length).toBeGreaterThan(0);
  const stored = new Set<string>((await t.server.dataSource.query(`SELECT id FROM principals`)).map((r: { id: string }) => r.id));
  expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
});
