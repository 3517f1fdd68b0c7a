/**
 * Background work in the server: the sweeper runs by itself every
 * EXPIRY_SWEEP_INTERVAL, and key events notify the owner (not the actor),
 * a leak also by email.
 */
import { NotificationEntity } from '../../src/modules/notifications/notification.entity';
import { startSmtpServer, waitFor, type TestSmtpServer } from '../helpers/mail';
import { createApiKeyFor, createUser } from '../helpers/seed';
import { startTestServer, type TestServer } from '../helpers/server';

const HOUR = 3_600_000;
let t: TestServer;
let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await startTestServer({ EXPIRY_SWEEP_INTERVAL: '200ms', SMTP_URL: smtp.url, OUTBOX_POLL_INTERVAL: '200ms' });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

test('the server sweeps on its own every EXPIRY_SWEEP_INTERVAL', async () => {
  const owner = await createUser(t, 'Timer Owner');
  const { key } = await createApiKeyFor(t, owner.id, { expiresAt: new Date(t.clock.now().getTime() + 47 * HOUR) });
  const notices = () => t.server.dataSource.getRepository(NotificationEntity).countBy({ subjectId: key.id, kind: 'KEY_EXPIRING' });
  await waitFor(async () => (await notices()) === 2, 'the sweeper to notify the owner and the administrator');
  await waitFor(() => smtp.received.length === 2, 'the two emails');
  // More sweeps (beside the timer's own) add nothing.
  await Promise.all([t.server.services.expirySweeper.sweep(), t.server.services.expirySweeper.sweep()]);
  await t.server.services.mailOutbox.deliverDue();
  expect(await notices()).toBe(2);
  expect(smtp.received).toHaveLength(2);
});

test('a key event notifies its owner but not the one who did it; a leak is also emailed', async () => {
  const owner = await createUser(t, 'Event Owner');
  const { key, token } = await createApiKeyFor(t, owner.id, { name: 'ci-token' });
  await t.gql(`mutation($id: ID!) { lockApiKey(id: $id) { id } }`, { id: key.id }, { token: t.adminToken });
  await t.gql(`mutation($id: ID!) { unlockApiKey(id: $id) { id } }`, { id: key.id }, { token: owner.token });
  await t.gql(`mutation($s: String!) { reportLeakedSecret(secret: $s) }`, { s: token });

  const bell = await t.gql(`{ notifications { edges { node { kind message subjectId } } } }`, {}, { token: owner.token });
  expect(bell.data.notifications.edges.map((e: any) => e.node.kind)).toEqual(['KEY_LEAKED', 'KEY_LOCKED', 'KEY_CREATED']);
  expect(bell.data.notifications.edges[1].node.message).toBe(`API key "ci-token" (${key.prefix}) was locked by Administrator.`);
  expect(bell.data.notifications.edges.every((e: any) => e.node.subjectId === key.id)).toBe(true);
  await waitFor(() => smtp.received.some((m) => m.to.includes(owner.email)), 'the leak email');
  const leakEmail = smtp.received.find((m) => m.to.includes(owner.email))!;
  expect(leakEmail.text).toContain('ci-token');
  expect(leakEmail.text).toContain('Action taken: DISABLE');
  expect(leakEmail.text).not.toContain(token);
});
