/**
 * SIGTERM while the database is blackholed (MariaDB/MySQL only): the built
 * server, with DB_QUERY_TIMEOUT_MS=1000 and SHUTDOWN_GRACE_MS=3000, has 50
 * requests in flight, all waiting for a database that answers nothing. It
 * exits before the grace period ends, says in one log line how the stop
 * went, and every request got an HTTP answer (success or error), none a reset.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TEST_SECRET } from '../helpers/server';
import { codeOf, sendGql, sleep, startBuiltServer, TcpProxy, within, type ChildServer } from './support';

const DEADLINE_MS = 1_000;
const GRACE_MS = 3_000;
const REQUESTS = 50;
/** Longer than the grace period: a request still unanswered by then was dropped, not answered. */
const CLIENT_TIMEOUT_MS = GRACE_MS + 2_000;

let cwd: string;
let db: TestDatabase;
let proxy: TcpProxy;
let server: ChildServer | undefined;

beforeAll(async () => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'keywarden-shutdown-'));
  db = await createTestDatabase();
  const real = new URL(db.url);
  proxy = new TcpProxy(real.hostname, Number(real.port || 3306));
  const proxied = new URL(db.url);
  proxied.port = String(await proxy.start());
  server = await startBuiltServer(
    {
      NODE_ENV: 'production',
      DATABASE_URL: proxied.toString(),
      KEYWARDEN_SECRET: TEST_SECRET,
      BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      DB_QUERY_TIMEOUT_MS: String(DEADLINE_MS),
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
    },
    cwd,
  );
});

afterAll(async () => {
  if (server && server.child.exitCode === null) await server.stop('SIGKILL');
  await proxy?.stop();
  await db?.drop();
  fs.rmSync(cwd, { recursive: true, force: true });
});

test('SIGTERM with 50 requests waiting on a blackholed database: exits within the grace period with a clear log line; every request is answered', async () => {
  const login = await sendGql(server!.url, `mutation($i: LoginInput!) { login(input: $i) { token } }`, { i: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
  expect(codeOf(login)).toBe('ok');
  const token = (login as { body: any }).body.data.login.token as string;

  proxy.blackhole();
  const inFlight = Array.from({ length: REQUESTS }, (_, n) =>
    n % 2
      ? sendGql(server!.url, `{ viewer { id } }`, {}, { token, timeoutMs: CLIENT_TIMEOUT_MS })
      : sendGql(server!.url, `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { email: `s${n}@example.com`, name: `S ${n}`, federated: true } }, { token, timeoutMs: CLIENT_TIMEOUT_MS }),
  );
  await sleep(300); // all connected and read: each now waits for the database
  const sigtermAt = Date.now();
  const exited = server!.stop('SIGTERM').then((code) => ({ code, at: Date.now() }));
  const outcome = await within(exited, GRACE_MS + 1_000);
  const answers = await Promise.all(inFlight);

  const stopLine = server!.lines.map((line) => { try { return JSON.parse(line); } catch { return null; } }).find((entry) => /^stopped/.test(entry?.msg ?? ''));
  const codes = answers.reduce<Record<string, number>>((acc, a) => ((acc[`${codeOf(a)}/${(a as { status?: number }).status ?? '-'}`] = (acc[`${codeOf(a)}/${(a as { status?: number }).status ?? '-'}`] ?? 0) + 1), acc), {});
  console.log(
    `shutdown with the database blackholed (deadline ${DEADLINE_MS} ms, grace ${GRACE_MS} ms): exit ${outcome ? `code ${outcome.code} after ${outcome.at - sigtermAt} ms` : 'none within the grace period'}; ` +
      `answers ${JSON.stringify(codes)} in ${Math.min(...answers.map((a) => a.ms))}–${Math.max(...answers.map((a) => a.ms))} ms; last line: ${JSON.stringify(stopLine)}`,
  );

  expect(outcome).not.toBeNull();
  expect(answers.every((a) => a.connectedAt !== undefined && a.connectedAt < sigtermAt)).toBe(true);
  // Answered, not reset or left hanging: an error (the database is away) or, for none here, a success.
  expect(answers.map((a) => a.kind)).toEqual(answers.map(() => 'answered'));
  for (const answer of answers) expect(['ok', 'INTERNAL_SERVER_ERROR']).toContain(codeOf(answer));
  // One line says how the stop went, and the exit code agrees with it.
  expect(stopLine).toMatchObject({ msg: expect.stringMatching(/^stopped(: everything drained| with work left undone)$/) });
  expect(outcome!.code).toBe(stopLine.drained ? 0 : 1);
});
