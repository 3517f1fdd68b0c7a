/**
 * The embedded default under the garbage collector: the built server on SQLite (whatever DATABASE_URL says,
 * this is about the default database) takes a minute of mixed writes and reads while V8 collects garbage
 * far more often than usual, then sits idle, then gets SIGTERM. better-sqlite3 12 could abort the process on
 * Node 24 when the collector finalized its statements; 13 (Node-API) must never abort, and the server must
 * exit 0. Bounded: the load stops after LOAD_MS, every request has a timeout.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TEST_SECRET } from '../helpers/server';
import { codeOf, inParallel, sendGql, sleep, startBuiltServer, type ChildServer } from './support';

const LOAD_MS = 60_000;
const IDLE_MS = 5_000;
const LANES = 4;
/** A full collection every this many allocations: thousands of collections a minute, finalizing statements as they go. */
const GC_INTERVAL = 20_000;

let cwd: string;
let server: ChildServer | undefined;

beforeAll(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'keywarden-soak-'));
});
afterAll(async () => {
  if (server && server.child.exitCode === null && server.child.signalCode === null) await server.stop('SIGKILL');
  fs.rmSync(cwd, { recursive: true, force: true });
});

test('a minute of writes and reads on SQLite with the collector forced, idle, then SIGTERM: no abort, exit 0', async () => {
  server = await startBuiltServer(
    {
      NODE_ENV: 'production',
      DATABASE_URL: `sqlite:${path.join(cwd, 'keywarden.sqlite')}`,
      KEYWARDEN_SECRET: TEST_SECRET,
      BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    },
    cwd,
    [`--gc-interval=${GC_INTERVAL}`],
  );
  const url = server.url;
  const login = await sendGql(url, `mutation($i: LoginInput!) { login(input: $i) { token } }`, { i: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } }, { timeoutMs: 30_000 });
  expect(codeOf(login)).toBe('ok');
  const token = login.kind === 'answered' ? (login.body.data.login.token as string) : '';

  const codes = new Map<string, number>();
  const count = (code: string) => codes.set(code, (codes.get(code) ?? 0) + 1);
  const until = Date.now() + LOAD_MS;
  await inParallel(
    Array.from({ length: LANES }, (_, lane) => lane),
    LANES,
    async (lane) => {
      for (let round = 0; Date.now() < until; round++) {
        const name = `soak/${lane}/${round}`;
        const made = await sendGql(url, `mutation($n: String!) { createApiKey(input: { name: $n }) { apiKey { id etag } secret } }`, { n: name }, { token, timeoutMs: 30_000 });
        count(codeOf(made));
        if (codeOf(made) !== 'ok' || made.kind !== 'answered') continue;
        const { id, etag } = made.body.data.createApiKey.apiKey;
        count(codeOf(await sendGql(url, `mutation($i: UpdateApiKeyInput!) { updateApiKey(input: $i) { id } }`, { i: { id, ifMatch: etag, description: `round ${round}` } }, { token, timeoutMs: 30_000 })));
        count(codeOf(await sendGql(url, `{ apiKeys(first: 20) { totalCount edges { node { id name roles { name } owner { id } } } } }`, {}, { token, timeoutMs: 30_000 })));
        count(codeOf(await sendGql(url, `{ viewer { id name } auditEvents(first: 10) { edges { node { id action } } } }`, {}, { token, timeoutMs: 30_000 })));
        count(codeOf(await sendGql(url, `mutation($i: DeleteApiKeyInput!) { deleteApiKey(input: $i) { deletedId } }`, { i: { id } }, { token, timeoutMs: 30_000 })));
      }
    },
  );
  // Work was done, and every request was answered without an error (a timeout or reset would show here).
  expect([...codes.keys()]).toEqual(['ok']);
  expect(codes.get('ok')!).toBeGreaterThan(100);

  await sleep(IDLE_MS);
  expect(server.child.exitCode).toBeNull();
  const exitCode = await server.stop('SIGTERM');
  expect(server.child.signalCode).toBeNull(); // an abort ends the process by SIGABRT, not by a code
  expect(exitCode).toBe(0);
  expect(server.lines.join('\n')).not.toMatch(/Assertion failed|FATAL ERROR|Segmentation fault/);
}, 180_000);
