/**
 * A gray SMTP failure: the relay behind a proxy accepts connections and never
 * speaks ("blackhole"). The built server runs with SMTP_TIMEOUT_MS=1000 and
 * SHUTDOWN_GRACE_MS=3000, emails queued (leaked-key notices). Requests are
 * unaffected; each send is given up at the SMTP deadline and retried later
 * with backoff, and the outbox moves on — once SMTP answers, a new email goes
 * out while the timed-out ones wait out their backoff. SIGTERM with a send
 * hanging exits within the grace period, the unsent emails still queued; a
 * restart with SMTP back sends every one of them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../ormconfig';
import { loadDatabaseConfig } from '../../src/config';
import { OutboxEmailEntity } from '../../src/modules/notifications/outbox-email.entity';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startSmtpServer, waitFor, type TestSmtpServer } from '../helpers/mail';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, TEST_SECRET, type TestServer } from '../helpers/server';
import { codeOf, sendGql, sleep, startBuiltServer, TcpProxy, within, type Answer, type ChildServer } from './support';

const SMTP_TIMEOUT_MS = 1_000;
const GRACE_MS = 3_000;
const HOUR = 3_600_000;

let cwd: string;
let db: TestDatabase;
let smtp: TestSmtpServer;
let proxy: TcpProxy;
let observer: DataSource;
let server: ChildServer | undefined;
let restarted: TestServer | undefined;

beforeAll(async () => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'keywarden-smtp-'));
  db = await createTestDatabase();
  smtp = await startSmtpServer();
  proxy = new TcpProxy('127.0.0.1', smtp.port);
  await proxy.start();
  proxy.blackhole();
  server = await startBuiltServer(
    {
      NODE_ENV: 'production',
      DATABASE_URL: db.url,
      KEYWARDEN_SECRET: TEST_SECRET,
      BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      SMTP_URL: `smtp://127.0.0.1:${proxy.port}`,
      SMTP_TIMEOUT_MS: String(SMTP_TIMEOUT_MS),
      OUTBOX_POLL_INTERVAL: '200ms',
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
    },
    cwd,
  );
  observer = createDataSource(loadDatabaseConfig({ DATABASE_URL: db.url }));
  await observer.initialize();
});

afterAll(async () => {
  if (server && server.child.exitCode === null) await server.stop('SIGKILL');
  await restarted?.close();
  await observer?.destroy();
  await proxy?.stop();
  await smtp?.close();
  await db?.drop();
  fs.rmSync(cwd, { recursive: true, force: true });
});

const emails = () => observer.getRepository(OutboxEmailEntity).find({ order: { id: 'ASC' } });

test('SMTP blackholed: requests unaffected, the outbox gives up each send at the deadline and moves on, SIGTERM exits in time with the unsent emails queued, a restart sends them', async () => {
  const login = await sendGql(server!.url, `mutation($i: LoginInput!) { login(input: $i) { token } }`, { i: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
  const token = (login as { body: any }).body.data.login.token as string;
  const requests: Answer[] = [];
  // Each leaked key queues one email to its owner. A request that waited for SMTP would miss the client's bound.
  async function leakKey(name: string): Promise<void> {
    const created = await sendGql(server!.url, `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret } }`, { i: { name } }, { token, timeoutMs: SMTP_TIMEOUT_MS });
    requests.push(created);
    const secret = created.kind === 'answered' ? created.body?.data?.createApiKey?.secret : undefined;
    requests.push(await sendGql(server!.url, `mutation($s: String!) { reportLeakedSecret(secret: $s) }`, { s: String(secret) }, { timeoutMs: SMTP_TIMEOUT_MS }));
    requests.push(await sendGql(server!.url, `{ viewer { id } }`, {}, { token, timeoutMs: SMTP_TIMEOUT_MS }));
  }

  for (const name of ['first', 'second', 'third']) await leakKey(name);
  const failedAttempts = async () => (await emails()).filter((e) => e.attempts >= 1 && e.lastError !== null);
  // The first send times out at the deadline; the next pass moves on to another email.
  await waitFor(async () => (await failedAttempts()).length >= 2, 'two emails given up at the SMTP deadline', 10_000);
  const timedOut = await failedAttempts();
  expect(timedOut.every((e) => e.state === 'PENDING' && /ETIMEDOUT/.test(e.lastError ?? ''))).toBe(true);

  // SMTP answers again: a new email goes out while the timed-out ones wait out their backoff.
  proxy.restore();
  await leakKey('fourth');
  const fourthSent = async () => (await emails()).some((e) => e.subject.includes('"fourth"') && e.state === 'SENT');
  await waitFor(fourthSent, 'the new email sent once SMTP answers', 10_000);
  const afterRestore = await emails();
  for (const e of timedOut) expect(afterRestore.find((a) => a.id === e.id)).toMatchObject({ state: 'PENDING', sentAt: null });

  // Blackholed again, two more emails queued, a send hanging: SIGTERM.
  proxy.blackhole();
  for (const name of ['fifth', 'sixth']) await leakKey(name);
  await sleep(300);
  const sigtermAt = Date.now();
  const exit = await within(server!.stop('SIGTERM').then((code) => ({ code, ms: Date.now() - sigtermAt })), GRACE_MS + 1_000);
  const stopLines = server!.lines.filter((line) => /"msg":"stop/.test(line));
  const queued = await emails();
  const unsent = queued.filter((e) => e.state !== 'SENT');
  console.log(
    `SMTP blackholed (deadline ${SMTP_TIMEOUT_MS} ms, grace ${GRACE_MS} ms): requests ${Math.min(...requests.map((r) => r.ms))}–${Math.max(...requests.map((r) => r.ms))} ms; ` +
      `exit ${exit ? `code ${exit.code} after ${exit.ms} ms` : 'none within the grace period'}; ${unsent.length} of ${queued.length} emails unsent; ${stopLines.join(' ')}`,
  );

  expect(requests.map(codeOf)).toEqual(requests.map(() => 'ok'));
  expect(exit).toMatchObject({ code: 0 });
  expect(stopLines.some((line) => line.includes('"msg":"stopped: everything drained"'))).toBe(true);
  expect(stopLines.some((line) => line.includes(`"queuedEmails":${unsent.length}`))).toBe(true);
  // Nothing given up or lost: the unsent emails wait in the database.
  expect(unsent.length).toBeGreaterThanOrEqual(timedOut.length + 2);
  expect(unsent.some((e) => e.subject.includes('"fourth"'))).toBe(false);
  expect(unsent.map((e) => e.state)).toEqual(unsent.map(() => 'PENDING'));

  // A restart with SMTP back (a clock past every backoff and lease) sends every one of them.
  proxy.restore();
  restarted = await startTestServer({ DATABASE_URL: db.url, SMTP_URL: `smtp://127.0.0.1:${proxy.port}`, OUTBOX_POLL_INTERVAL: '1h' });
  restarted.clock.advance(2 * HOUR);
  await restarted.server.services.mailOutbox.deliverDue();
  const final = await emails();
  expect(final.map((e) => e.state)).toEqual(final.map(() => 'SENT'));
  // At least once: a send given up at the deadline may still have reached the relay once it answered.
  expect(smtp.received.length).toBeGreaterThanOrEqual(final.length);
});
