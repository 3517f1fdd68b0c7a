/**
 * SQLite's gray failure (SQLite only): another process holds the database's
 * write lock and does not let go. The built server, with
 * DB_QUERY_TIMEOUT_MS=1000 as its busy timeout, answers a write
 * INTERNAL_SERVER_ERROR with HTTP 503 before the client gives up at deadline
 * + 1 s, keeps answering /healthz, and writes again once the lock is released,
 * without a restart.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TEST_SECRET } from '../helpers/server';
import { codeOf, send, sendGql, startBuiltServer, type Answer, type ChildServer } from './support';

const DEADLINE_MS = 1_000;
const ANSWER_BOUND_MS = DEADLINE_MS + 1_000;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;

let cwd: string;
let server: ChildServer | undefined;

beforeAll(async () => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'keywarden-sqlite-locked-'));
  server = await startBuiltServer(
    {
      NODE_ENV: 'production',
      DATABASE_URL: `sqlite:${path.join(cwd, 'keywarden.sqlite')}`,
      KEYWARDEN_SECRET: TEST_SECRET,
      BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      DB_QUERY_TIMEOUT_MS: String(DEADLINE_MS),
    },
    cwd,
  );
});

afterAll(async () => {
  if (server && server.child.exitCode === null) await server.stop('SIGTERM');
  fs.rmSync(cwd, { recursive: true, force: true });
});

test('another process holds the write lock: a write answers 503 within the busy timeout + 1 s, /healthz answers, writes resume once it lets go', async () => {
  const login = await sendGql(server!.url, `mutation($i: LoginInput!) { login(input: $i) { token } }`, { i: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
  const token = (login as { body: any }).body.data.login.token as string;
  const createUser = (n: number) => sendGql(server!.url, CREATE_USER, { input: { email: `locked${n}@example.com`, name: `Locked ${n}`, federated: true } }, { token, timeoutMs: ANSWER_BOUND_MS });

  const other = new Database(path.join(cwd, 'keywarden.sqlite'));
  let blocked: Answer, health: Answer;
  try {
    other.exec('BEGIN EXCLUSIVE');
    blocked = await createUser(1);
    health = await send(`${server!.origin}/healthz`, null, { timeoutMs: ANSWER_BOUND_MS });
  } finally {
    other.exec('COMMIT');
    other.close();
  }
  const after = await createUser(2);
  console.log(`SQLite locked by another process (busy timeout ${DEADLINE_MS} ms): write answered in ${blocked.ms} ms (${codeOf(blocked)}), /healthz ${health.ms} ms; after release ${after.ms} ms (${codeOf(after)})`);

  expect(blocked).toMatchObject({ kind: 'answered', status: 503 });
  expect(codeOf(blocked)).toBe('INTERNAL_SERVER_ERROR');
  expect((blocked as { text: string }).text).not.toMatch(/SQLITE|locked|busy/i);
  expect(health).toMatchObject({ kind: 'answered', status: 200 });
  expect(codeOf(after)).toBe('ok');
});
