/**
 * SMTP outages: emails wait in the outbox, nothing the API does fails or
 * waits for SMTP, and once the server is back each email goes out once.
 */
import { OutboxEmailEntity } from '../../src/modules/notifications/outbox-email.entity';
import { freePort, startSmtpServer, waitFor, type TestSmtpServer } from '../helpers/mail';
import { createApiKeyFor, createUser } from '../helpers/seed';
import { ADMIN_EMAIL, startTestServer, type TestServer } from '../helpers/server';

const HOUR = 3_600_000;
let t: TestServer;
let smtp: TestSmtpServer | undefined;
let port: number;

beforeAll(async () => {
  port = await freePort(); // nothing listens here yet: SMTP is down
  t = await startTestServer({ SMTP_URL: `smtp://127.0.0.1:${port}`, OUTBOX_POLL_INTERVAL: '200ms' });
});

afterAll(async () => {
  await t.close();
  await smtp?.close();
});

test('with SMTP down nothing fails and the emails wait; once it is up each arrives exactly once', async () => {
  const owner = await createUser(t, 'Otto Owner');
  const { key } = await createApiKeyFor(t, owner.id, { name: 'nightly-backup', expiresAt: new Date(t.clock.now().getTime() + 47 * HOUR) });
  const outbox = t.server.dataSource.getRepository(OutboxEmailEntity);

  const report = await t.server.services.expirySweeper.sweep();
  expect(report).toMatchObject({ expiring: 1, emailsSent: 0 });
  // The API answers while SMTP is down: the bell has the notice, and a mutation succeeds.
  const bell = await t.gql(`{ notifications(unreadOnly: true) { totalCount edges { node { kind subjectId } } } }`, {}, { token: owner.token });
  expect(bell.errors).toBeUndefined();
  const expiring = bell.data.notifications.edges.map((e: any) => e.node).filter((n: any) => n.kind === 'KEY_EXPIRING');
  expect(expiring).toEqual([{ kind: 'KEY_EXPIRING', subjectId: key.id }]);
  const created = await t.gql(`mutation { createUser(input: { email: "during-outage@example.com", name: "During Outage", password: "during-outage-pw-1" }) { id } }`, {}, { token: t.adminToken });
  expect(created.errors).toBeUndefined();

  // A pass stops at the first connection error; the background loop (every 200 ms) tries the other email.
  // A claim counts the attempt before the send; lastError lands once it has failed.
  const tried = async () => (await outbox.find()).every((e) => e.attempts >= 1 && e.lastError !== null);
  await waitFor(tried, 'one attempt at each queued email');
  const queued = await outbox.find({ order: { toAddress: 'ASC' } });
  expect(queued.map((e) => e.toAddress).sort()).toEqual([ADMIN_EMAIL, owner.email].sort());
  expect(queued.every((e) => e.state === 'PENDING' && e.attempts >= 1 && e.lastError !== null && e.sentAt === null)).toBe(true);
  // Retries back off: nothing is due again until the clock moves.
  expect(await t.server.services.mailOutbox.deliverDue()).toEqual({ sent: 0, failed: 0 });

  smtp = await startSmtpServer(port);
  t.clock.advance(2 * HOUR); // past any backoff
  await waitFor(() => smtp!.received.length >= 2, 'the queued emails');
  await Promise.all([t.server.services.mailOutbox.deliverDue(), t.server.services.mailOutbox.deliverDue(), t.server.services.expirySweeper.sweep()]);
  t.clock.advance(2 * HOUR);
  await t.server.services.mailOutbox.deliverDue();

  expect(smtp.received.map((m) => m.to).flat().sort()).toEqual([ADMIN_EMAIL, owner.email].sort());
  expect(smtp.received.every((m) => m.text.includes('nightly-backup'))).toBe(true);
  expect((await outbox.find()).map((e) => e.state)).toEqual(['SENT', 'SENT']);
});

test('sent emails are deleted by the sweeper after 30 days', async () => {
  t.clock.advance(31 * 24 * HOUR);
  expect((await t.server.services.expirySweeper.sweep()).emailsPruned).toBe(2);
  // What is left is new: the KEY_EXPIRED emails of this sweep (the key expired meanwhile).
  const left = await t.server.dataSource.getRepository(OutboxEmailEntity).find();
  expect(left.map((e) => e.subject)).toEqual(['API key "nightly-backup" has expired', 'API key "nightly-backup" has expired']);
});
