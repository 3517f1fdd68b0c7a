/**
 * Expiry notices at every threshold of the account's `expiryNoticeDays`
 * (default 30, 7 and 2 days): one each per expiry date, to the people of
 * the two-day notice (owner, creator, last modifier, administrators), in the
 * bell and as `apikey.expiring` webhooks; the clock is moved, never waited
 * for. Then two server processes and the cron script sweeping one database
 * at once give one notice each.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startBuiltServer, type ChildServer } from '../../scripts/child-server';
import { NotificationEntity } from '../../src/modules/notifications/notification.entity';
import { WebhookDeliveryEntity } from '../../src/modules/webhooks/webhook.entity';
import { CREATE_KEY, SET_EXPIRY } from '../api-keys/helpers';
import { waitFor } from '../helpers/mail';
import { createUser, type SeededUser } from '../helpers/seed';
import { ADMIN_PASSWORD, startTestServer, TEST_SECRET, type TestServer } from '../helpers/server';
import { createWebhook, startReceiver, verifyAsReceiver, type Receiver } from '../webhooks/helpers';

const DAY = 86_400_000;
const MINUTE = 60_000;
let t: TestServer;
let receiver: Receiver;
let owner: SeededUser;

beforeAll(async () => {
  receiver = await startReceiver();
  t = await startTestServer({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_POLL_INTERVAL: '1h' });
  owner = await createUser(t, 'Threshold Owner');
  await createWebhook(t, receiver.url, ['apikey.expiring']);
});
afterAll(async () => {
  await t.close();
  await receiver.close();
});

const expiringNotices = (keyId: string) => t.server.dataSource.getRepository(NotificationEntity).findBy({ subjectId: keyId, kind: 'KEY_EXPIRING' });
const expiringWebhooks = async (keyId: string) =>
  (await t.server.dataSource.getRepository(WebhookDeliveryEntity).findBy({ eventType: 'apikey.expiring' })).map((d) => JSON.parse(d.payload).data).filter((d) => d.key.id === keyId);

async function createKey(name: string, expiresInMs: number): Promise<string> {
  const created = await t.gql(CREATE_KEY, { input: { name, ownerId: owner.id, expiresAt: new Date(t.clock.now().getTime() + expiresInMs).toISOString() } }, { token: t.adminToken });
  if (!created.data?.createApiKey) throw new Error(JSON.stringify(created.errors));
  return created.data.createApiKey.apiKey.id;
}

/** Moves the clock; sessions last an hour, so the administrator logs in again. */
async function advance(ms: number): Promise<void> {
  t.clock.advance(ms);
  t.adminToken = await t.login('admin@example.com', ADMIN_PASSWORD);
}

test('a new account notifies at 30, 7 and 2 days by default', async () => {
  const account = await t.gql(`{ account { settings { expiryNoticeDays } } }`, {}, { token: t.adminToken });
  expect(account.data.account.settings.expiryNoticeDays).toEqual([30, 7, 2]);
});

test('a key expiring in 31 days gets its 30-day notice once, then the 7- and 2-day ones when the clock reaches them', async () => {
  const sweeper = t.server.services.expirySweeper;
  const keyId = await createKey('thirty-one', 31 * DAY);
  // The owner and the administrator (who created and last changed it).
  const perNotice = 2;
  expect((await sweeper.sweep()).expiring).toBe(0);

  await advance(1 * DAY + MINUTE); // 30 days less a minute to go
  const [a, b] = await Promise.all([sweeper.sweep(), sweeper.sweep()]);
  expect(a.expiring + b.expiring).toBe(1);
  expect(await expiringNotices(keyId)).toHaveLength(perNotice);
  expect((await expiringNotices(keyId))[0].message).toContain('in 29 days');
  expect((await sweeper.sweep()).expiring).toBe(0);

  await advance(22 * DAY); // 8 days to go: between thresholds
  expect((await sweeper.sweep()).expiring).toBe(0);
  await advance(1 * DAY); // 7 days less a minute
  expect((await sweeper.sweep()).expiring).toBe(1);
  expect(await expiringNotices(keyId)).toHaveLength(2 * perNotice);
  expect((await sweeper.sweep()).expiring).toBe(0);

  await advance(5 * DAY); // 2 days less a minute
  expect((await sweeper.sweep()).expiring).toBe(1);
  expect(await expiringNotices(keyId)).toHaveLength(3 * perNotice);
  await advance(1 * DAY);
  expect((await sweeper.sweep()).expiring).toBe(0);

  expect((await expiringWebhooks(keyId)).map((d) => d.noticeDays)).toEqual([30, 7, 2]);
  // The webhooks go out signed, like every delivery.
  await t.server.services.webhookDispatcher.deliverDue();
  const sent = receiver.received.filter((d) => d.json.data.key.id === keyId);
  expect(sent.map((d) => d.json.data.noticeDays).sort((x, y) => y - x)).toEqual([30, 7, 2]);
});

test('a key made to expire in 5 days gets one notice (the 7-day one), not the 30-day one too; then the 2-day one', async () => {
  const sweeper = t.server.services.expirySweeper;
  const keyId = await createKey('five-days', 5 * DAY);
  expect((await sweeper.sweep()).expiring).toBe(1);
  expect((await expiringWebhooks(keyId)).map((d) => d.noticeDays)).toEqual([7]);
  await advance(3 * DAY + MINUTE);
  expect((await sweeper.sweep()).expiring).toBe(1);
  expect((await expiringWebhooks(keyId)).map((d) => d.noticeDays)).toEqual([7, 2]);
});

test('a change of expiry date re-arms every threshold; the account may choose its own', async () => {
  const sweeper = t.server.services.expirySweeper;
  const keyId = await createKey('re-armed', 10 * DAY);
  expect((await sweeper.sweep()).expiring).toBe(1); // the 30-day notice
  const moved = await t.gql(SET_EXPIRY, { input: { id: keyId, expiresAt: new Date(t.clock.now().getTime() + 20 * DAY).toISOString() } }, { token: t.adminToken });
  expect(moved.errors).toBeUndefined();
  expect((await sweeper.sweep()).expiring).toBe(1); // the new date's 30-day notice
  expect((await expiringWebhooks(keyId)).map((d) => d.noticeDays)).toEqual([30, 30]);

  const settings = await t.gql(`mutation { updateAccountSettings(input: { expiryNoticeDays: [1, 14, 14] }) { settings { expiryNoticeDays } } }`, {}, { token: t.adminToken });
  expect(settings.data.updateAccountSettings.settings.expiryNoticeDays).toEqual([14, 1]);
  await advance(6 * DAY + MINUTE); // 14 days less a minute
  expect((await sweeper.sweep()).expiring).toBe(1);
  expect((await expiringWebhooks(keyId)).map((d) => d.noticeDays)).toEqual([30, 30, 14]);
  const refused = await t.gql(`mutation { updateAccountSettings(input: { expiryNoticeDays: [0] }) { id } }`, {}, { token: t.adminToken });
  expect(refused.code).toBe('BAD_USER_INPUT');
  await t.gql(`mutation { updateAccountSettings(input: { expiryNoticeDays: [30, 7, 2] }) { id } }`, {}, { token: t.adminToken });
});

describe('two server processes and the cron script on one database', () => {
  let shared: TestServer;
  let nodes: ChildServer[] = [];
  let folder: string;
  let hooks: Receiver;

  beforeAll(async () => {
    hooks = await startReceiver();
    // Seeded through its own server (system time: the child processes run on the real clock).
    shared = await startTestServer({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_POLL_INTERVAL: '1h', EXPIRY_SWEEP_INTERVAL: '1h' });
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'keywarden-nodes-'));
  });
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    await shared.close();
    await hooks.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test('keys at each threshold get one notice and one webhook each, however many nodes sweep', async () => {
    const hook = await createWebhook(shared, hooks.url, ['apikey.expiring']);
    const people = await createUser(shared, 'Node Owner');
    const now = Date.now();
    const keys: Record<number, string> = {};
    for (const [days, inDays] of [[30, 29], [7, 6], [2, 1]]) {
      const created = await shared.gql(CREATE_KEY, { input: { name: `node-${days}`, ownerId: people.id, expiresAt: new Date(now + inDays * DAY).toISOString() } }, { token: shared.adminToken });
      keys[days] = created.data.createApiKey.apiKey.id;
    }
    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: shared.db.url,
      KEYWARDEN_SECRET: TEST_SECRET,
      WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
      WEBHOOK_POLL_INTERVAL: '100ms',
      EXPIRY_SWEEP_INTERVAL: '100ms',
      LOG_LEVEL: 'info',
    };
    const cron = promisify(execFile)(process.execPath, [path.resolve(__dirname, '../../dist/scripts/notify-expiring.js')], { env: { ...process.env, ...env, LOG_LEVEL: 'warn' } });
    nodes = await Promise.all([startBuiltServer(env, folder), startBuiltServer(env, folder)]);
    await Promise.all([cron, shared.server.services.expirySweeper.sweep()]);
    await waitFor(async () => hooks.received.length >= 3, 'the three webhooks');
    // Let both nodes sweep and poll the outbox some fifteen times more: nothing may be added.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(nodes.every((node) => node.child.exitCode === null)).toBe(true);

    const notices = await shared.server.dataSource.getRepository(NotificationEntity).findBy({ kind: 'KEY_EXPIRING' });
    for (const days of [30, 7, 2]) {
      // The owner and the administrator: one each.
      expect({ days, count: notices.filter((n) => n.subjectId === keys[days]).length }).toEqual({ days, count: 2 });
    }
    const deliveries = await shared.server.dataSource.getRepository(WebhookDeliveryEntity).findBy({ eventType: 'apikey.expiring' });
    expect(deliveries.map((d) => JSON.parse(d.payload).data.noticeDays).sort((x, y) => y - x)).toEqual([30, 7, 2]);
    expect(deliveries.every((d) => d.state === 'DELIVERED' && d.attempts === 1)).toBe(true);
    expect(hooks.received.map((d) => d.json.data.noticeDays).sort((x, y) => y - x)).toEqual([30, 7, 2]);
    for (const delivery of hooks.received) expect(verifyAsReceiver(hook.secret, delivery, Math.floor(Date.now() / 1000))).toBeDefined();
  });
});
