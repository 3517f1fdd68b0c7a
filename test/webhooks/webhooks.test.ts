/**
 * Webhooks as an account administrator and a receiver see them: a local
 * HTTP receiver gets a signed delivery for each event kind, verified as a
 * Standard Webhooks receiver does (by the spec, and by the `standardwebhooks`
 * library); a replayed timestamp is refused; a receiver answering 500 gets
 * retries with backoff, then success; the secret rotates with overlap; no
 * payload, row or log holds a secret; internal addresses are refused.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { WebhookDeliveryEntity, WebhookEntity } from '../../src/modules/webhooks/webhook.entity';
import { CREATE_KEY, DELETE_KEY, LOCK_KEY, RESET_SECRET, SET_STATE } from '../api-keys/helpers';
import { waitFor } from '../helpers/mail';
import { createUser, roleId, type SeededUser } from '../helpers/seed';
import { ADMIN_PASSWORD, startTestServer, TEST_SECRET, type TestServer } from '../helpers/server';
import { ALL_EVENTS, CREATE_WEBHOOK, createWebhook, DELIVERIES, startReceiver, verifyAsReceiver, type Receiver } from './helpers';

const DAY = 86_400_000;
let t: TestServer;
let receiver: Receiver;
let owner: SeededUser;
let webhook: { id: string; secret: string };
/** Every secret the server handed out in this file. */
const secrets: string[] = [];

beforeAll(async () => {
  receiver = await startReceiver();
  t = await startTestServer({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_POLL_INTERVAL: '200ms', WEBHOOK_TIMEOUT_MS: '500' });
  owner = await createUser(t, 'Hook Owner');
  webhook = await createWebhook(t, receiver.url);
  secrets.push(webhook.secret, owner.password, owner.token, t.adminToken, ADMIN_PASSWORD);
});
afterAll(async () => {
  await t.close();
  await receiver.close();
});

const nowSeconds = () => Math.floor(t.clock.now().getTime() / 1000);
/** Deliveries of a type in the order of their events (message IDs sort by time; one pass sends its batch at once). */
const ofType = (type: string) =>
  receiver.received.filter((d) => d.json.type === type).sort((a, b) => String(a.headers['webhook-id']).localeCompare(String(b.headers['webhook-id'])));

async function deliveries(webhookId = webhook.id) {
  const result = await t.gql(DELIVERIES, { webhookId, first: 100 }, { token: t.adminToken });
  expect(result.errors).toBeUndefined();
  return result.data.webhookDeliveries.edges.map((e: any) => e.node);
}

test('createWebhook shows a whsec_ secret once; the row keeps it sealed, never in clear', async () => {
  expect(webhook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  const listed = await t.gql(`{ webhooks { totalCount edges { node { id url events enabled } } } }`, {}, { token: t.adminToken });
  expect(listed.data.webhooks.edges[0].node).toEqual({ id: webhook.id, url: receiver.url, events: ALL_EVENTS, enabled: true });
  const row = await t.server.dataSource.getRepository(WebhookEntity).findOneByOrFail({ id: webhook.id });
  expect(row.secretSealed).toMatch(/^v1\./);
  expect(JSON.stringify(row)).not.toContain(webhook.secret.slice(6));
  // A dry run checks everything and makes no secret.
  const dry = await t.gql(CREATE_WEBHOOK, { input: { url: receiver.url, events: ['apikey.created'], dryRun: true } }, { token: t.adminToken });
  expect(dry.data.createWebhook).toMatchObject({ secret: null, dryRun: true });
  expect(await t.server.dataSource.getRepository(WebhookEntity).count()).toBe(1);
});

test('only holders of webhooks.manage manage webhooks: a member without it is FORBIDDEN', async () => {
  for (const query of [`{ webhooks { totalCount } }`, `query($id: ID!) { webhookDeliveries(webhookId: $id) { totalCount } }`]) {
    expect((await t.gql(query, { id: webhook.id }, { token: owner.token })).code).toBe('FORBIDDEN');
  }
  const created = await t.gql(CREATE_WEBHOOK, { input: { url: receiver.url, events: ['apikey.created'] } }, { token: owner.token });
  expect(created.code).toBe('FORBIDDEN');
  const catalog = await t.gql(`{ permissionCatalog roles { name permissions } }`, {}, { token: t.adminToken });
  expect(catalog.data.permissionCatalog).toContain('webhooks.manage');
  expect(catalog.data.roles.find((r: any) => r.name === 'Administrator').permissions).toContain('webhooks.manage');
});

test('a webhook URL to an internal or disallowed host is refused with BAD_USER_INPUT naming url; unknown events name events', async () => {
  for (const url of ['http://10.0.0.7/hook', 'https://169.254.169.254/latest/meta-data', 'https://[::1]/hook', 'http://192.168.1.20/', 'https://127.0.0.2/', 'ftp://127.0.0.1/', 'not a url']) {
    const result = await t.gql(CREATE_WEBHOOK, { input: { url, events: ['apikey.created'] } }, { token: t.adminToken });
    expect({ url, code: result.code, field: result.errors?.[0].extensions?.field }).toEqual({ url, code: 'BAD_USER_INPUT', field: 'url' });
  }
  const updated = await t.gql(`mutation($input: UpdateWebhookInput!) { updateWebhook(input: $input) { url } }`, { input: { id: webhook.id, url: 'http://10.1.2.3/' } }, { token: t.adminToken });
  expect({ code: updated.code, field: updated.errors?.[0].extensions?.field }).toEqual({ code: 'BAD_USER_INPUT', field: 'url' });
  const badEvent = await t.gql(CREATE_WEBHOOK, { input: { url: receiver.url, events: ['apikey.everything'] } }, { token: t.adminToken });
  expect({ code: badEvent.code, field: badEvent.errors?.[0].extensions?.field }).toEqual({ code: 'BAD_USER_INPUT', field: 'events' });
});

test('each event kind reaches the receiver signed as Standard Webhooks say, with no secret in any payload', async () => {
  const admin = { token: t.adminToken };
  const created = await t.gql(CREATE_KEY, { input: { name: 'hooked', ownerId: owner.id } }, admin);
  const key = created.data.createApiKey.apiKey;
  secrets.push(created.data.createApiKey.secret);
  await t.gql(SET_STATE, { input: { id: key.id, state: 'INACTIVE' } }, admin);
  await t.gql(SET_STATE, { input: { id: key.id, state: 'ACTIVE' } }, admin);
  const reset = await t.gql(RESET_SECRET, { input: { id: key.id } }, admin);
  secrets.push(reset.data.resetApiKeySecret.secret);
  await t.gql(`mutation($s: String!) { reportLeakedSecret(secret: $s) }`, { s: reset.data.resetApiKeySecret.secret });
  await t.gql(LOCK_KEY, { id: key.id }, admin);
  await t.gql(`mutation($id: ID!) { unlockApiKey(id: $id) { id } }`, { id: key.id }, admin);
  await t.gql(DELETE_KEY, { input: { id: key.id } }, admin);
  await t.gql(`mutation($input: SetPrincipalRolesInput!) { setPrincipalRoles(input: $input) { id } }`, { input: { principalId: owner.id, roleIds: [await roleId(t, 'Viewer')] } }, admin);
  // Expiring: a key 29 days from expiry is inside the default 30-day threshold.
  const expiring = await t.gql(CREATE_KEY, { input: { name: 'expiring', ownerId: owner.id, expiresAt: new Date(t.clock.now().getTime() + 29 * DAY).toISOString() } }, admin);
  secrets.push(expiring.data.createApiKey.secret);
  await t.server.services.expirySweeper.sweep();

  const expected = ALL_EVENTS.filter((type) => type !== 'apikey.expired');
  await waitFor(() => expected.every((type) => ofType(type).length > 0), 'a delivery of each event kind');
  const library = new StandardWebhook(webhook.secret);
  for (const delivery of receiver.received) {
    // The spec's receiver, and the reference library (which checks the timestamp against the real clock).
    expect(verifyAsReceiver(webhook.secret, delivery, nowSeconds())).toEqual(delivery.json);
    expect(library.verify(delivery.body, delivery.headers as Record<string, string>)).toEqual(delivery.json);
    expect(delivery.headers['webhook-id']).toMatch(/^msg_[0-9A-Z]{26}$/);
    expect(delivery.headers['content-type']).toBe('application/json');
    for (const secret of secrets) expect(delivery.body).not.toContain(secret);
    expect(delivery.body).not.toMatch(/secretHash|whsec_|kw_[A-Za-z0-9]{38}/);
  }
  expect(ofType('apikey.created')[0].json.data).toMatchObject({ key: { id: key.id, name: 'hooked', prefix: key.prefix, ownerId: owner.id, state: 'ACTIVE' } });
  expect(ofType('apikey.state_changed').map((d) => d.json.data.change)).toEqual(['DISABLED', 'ENABLED', 'LOCKED', 'UNLOCKED']);
  expect(ofType('apikey.leaked')[0].json.data).toMatchObject({ action: 'DISABLE', key: { id: key.id, state: 'INACTIVE' }, actorId: null });
  expect(ofType('apikey.deleted')[0].json.data.key.id).toBe(key.id);
  expect(ofType('apikey.expiring')[0].json.data).toMatchObject({ noticeDays: 30, key: { name: 'expiring' } });
  expect(ofType('principal.access_changed')[0].json.data).toMatchObject({ principalId: owner.id, rolesAdded: [{ name: 'Viewer' }] });

  // Expired: a month on, the expiring key has expired a day ago (the library would now refuse the clock skew; the spec's check runs at the server's time).
  t.clock.advance(30 * DAY);
  t.adminToken = await t.login('admin@example.com', ADMIN_PASSWORD);
  await t.server.services.expirySweeper.sweep();
  await waitFor(() => ofType('apikey.expired').length === 1, 'the apikey.expired delivery');
  expect(verifyAsReceiver(webhook.secret, ofType('apikey.expired')[0], nowSeconds())).toMatchObject({ data: { key: { name: 'expiring' } } });
});

test('a receiver refuses a replayed delivery whose timestamp is more than five minutes old', () => {
  const captured = receiver.received[0];
  const stamped = Number(captured.headers['webhook-timestamp']);
  expect(verifyAsReceiver(webhook.secret, captured, stamped + 299)).toBeDefined();
  expect(() => verifyAsReceiver(webhook.secret, captured, stamped + 301)).toThrow(/tolerance/);
  // A tampered body or a wrong secret never verifies.
  expect(() => verifyAsReceiver(webhook.secret, { ...captured, body: captured.body.replace('"type"', '"tipe"') }, stamped)).toThrow(/signature/);
  expect(() => verifyAsReceiver('whsec_' + Buffer.alloc(32).toString('base64'), captured, stamped)).toThrow(/signature/);
});

test('a receiver answering 500 gets retries with exponential backoff under the same webhook-id, then success', async () => {
  const dispatcher = t.server.services.webhookDispatcher;
  await dispatcher.deliverDue(); // nothing left over
  receiver.answers.push(500, 500, 500);
  const before = receiver.received.length;
  await t.gql(CREATE_KEY, { input: { name: 'retried', ownerId: owner.id } }, { token: t.adminToken });
  await waitFor(() => receiver.received.length === before + 1, 'the first attempt');
  await dispatcher.deliverDue();
  const first = (await deliveries()).find((d: any) => d.eventType === 'apikey.created' && JSON.parse(d.payload).data.key.name === 'retried');
  expect(first).toMatchObject({ state: 'PENDING', attempts: 1, lastStatus: 500, lastError: 'the receiver answered HTTP 500' });
  // Due again 10 s after the attempt, then 20 s, then 40 s: nothing is sent before its time.
  const delays: number[] = [];
  let previousAttempt = Date.parse(first.lastAttemptAt);
  for (const delay of [10_000, 20_000, 40_000]) {
    const row = await t.server.dataSource.getRepository(WebhookDeliveryEntity).findOneByOrFail({ id: first.id });
    delays.push(row.nextAttemptAt.getTime() - previousAttempt);
    t.clock.advance(delay - 1000);
    await dispatcher.deliverDue();
    expect((await t.server.dataSource.getRepository(WebhookDeliveryEntity).findOneByOrFail({ id: first.id })).attempts).toBe(row.attempts);
    t.clock.advance(1000);
    await dispatcher.deliverDue();
    previousAttempt = t.clock.now().getTime();
  }
  expect(delays).toEqual([10_000, 20_000, 40_000]);
  const attempts = receiver.received.slice(before);
  expect(attempts).toHaveLength(4);
  expect(new Set(attempts.map((a) => a.headers['webhook-id'])).size).toBe(1);
  // Each attempt is signed afresh, at its own time.
  expect(attempts.map((a) => Number(a.headers['webhook-timestamp']))).toEqual([...attempts.map((a) => Number(a.headers['webhook-timestamp']))].sort());
  for (const attempt of attempts) expect(verifyAsReceiver(webhook.secret, attempt, Number(attempt.headers['webhook-timestamp']))).toBeDefined();
  const done = (await deliveries()).find((d: any) => d.id === first.id);
  expect(done).toMatchObject({ state: 'DELIVERED', attempts: 4, lastStatus: 204, lastError: null, nextAttemptAt: null });
  expect(done.deliveredAt).not.toBeNull();
});

test('a receiver that never answers does not hold up the mutation, and its attempt ends at the WEBHOOK_TIMEOUT_MS deadline', async () => {
  const hanging = http.createServer(() => undefined); // accepts, reads, never answers
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/`;
  const silent = await createWebhook(t, url, ['apikey.deleted']);
  const created = await t.gql(CREATE_KEY, { input: { name: 'to-delete', ownerId: owner.id } }, { token: t.adminToken });
  const deleted = await t.gql(DELETE_KEY, { input: { id: created.data.createApiKey.apiKey.id } }, { token: t.adminToken });
  expect(deleted.data.deleteApiKey.deletedId).toBe(created.data.createApiKey.apiKey.id);
  await waitFor(async () => (await deliveries(silent.id)).some((d: any) => d.attempts === 1 && d.lastError !== null), 'the attempt to end');
  const [attempt] = await deliveries(silent.id);
  expect(attempt).toMatchObject({ state: 'PENDING', attempts: 1, lastStatus: null, lastError: 'no complete answer within 500 ms' });
  await t.gql(`mutation($id: ID!) { deleteWebhook(id: $id) { deletedId } }`, { id: silent.id }, { token: t.adminToken });
  hanging.closeAllConnections();
  await new Promise<void>((resolve) => hanging.close(() => resolve()));
});

test('rotating the secret signs with both secrets during the overlap, then with the new one only', async () => {
  const rotated = await t.gql(
    `mutation($input: RotateWebhookSecretInput!) { rotateWebhookSecret(input: $input) { secret webhook { id previousSecretExpiresAt } } }`,
    { input: { id: webhook.id, gracePeriodSeconds: 3600 } },
    { token: t.adminToken },
  );
  const fresh = rotated.data.rotateWebhookSecret.secret as string;
  secrets.push(fresh);
  expect(fresh).toMatch(/^whsec_/);
  expect(fresh).not.toBe(webhook.secret);
  const before = receiver.received.length;
  await t.gql(CREATE_KEY, { input: { name: 'during-overlap', ownerId: owner.id } }, { token: t.adminToken });
  await waitFor(() => receiver.received.length === before + 1, 'a delivery during the overlap');
  const during = receiver.received[before];
  expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);
  for (const secret of [webhook.secret, fresh]) expect(verifyAsReceiver(secret, during, nowSeconds())).toBeDefined();

  t.clock.advance(3601_000);
  t.adminToken = await t.login('admin@example.com', ADMIN_PASSWORD);
  await t.gql(CREATE_KEY, { input: { name: 'after-overlap', ownerId: owner.id } }, { token: t.adminToken });
  await waitFor(() => receiver.received.length === before + 2, 'a delivery after the overlap');
  const after = receiver.received[before + 1];
  expect(String(after.headers['webhook-signature']).split(' ')).toHaveLength(1);
  expect(verifyAsReceiver(fresh, after, nowSeconds())).toBeDefined();
  expect(() => verifyAsReceiver(webhook.secret, after, nowSeconds())).toThrow(/signature/);
  webhook.secret = fresh;
});

test('redeliverWebhook sends an event again under its webhook-id; a paused webhook queues nothing; a deleted one takes its deliveries', async () => {
  const [latest] = await deliveries();
  const before = receiver.received.length;
  const again = await t.gql(`mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { id messageId state payload } }`, { id: latest.id }, { token: t.adminToken });
  expect(again.data.redeliverWebhook).toMatchObject({ messageId: latest.messageId, state: 'PENDING', payload: latest.payload });
  await waitFor(() => receiver.received.length === before + 1, 'the redelivery');
  expect(receiver.received[before].headers['webhook-id']).toBe(latest.messageId);
  expect(receiver.received[before].body).toBe(latest.payload);

  const paused = await t.gql(`mutation($input: UpdateWebhookInput!) { updateWebhook(input: $input) { enabled } }`, { input: { id: webhook.id, enabled: false } }, { token: t.adminToken });
  expect(paused.data.updateWebhook.enabled).toBe(false);
  const count = (await deliveries()).length;
  await t.gql(CREATE_KEY, { input: { name: 'while-paused', ownerId: owner.id } }, { token: t.adminToken });
  expect((await deliveries()).length).toBe(count);

  const deleted = await t.gql(`mutation($id: ID!) { deleteWebhook(id: $id) { deletedId } }`, { id: webhook.id }, { token: t.adminToken });
  expect(deleted.data.deleteWebhook.deletedId).toBe(webhook.id);
  expect(await t.server.dataSource.getRepository(WebhookDeliveryEntity).countBy({ webhookId: webhook.id })).toBe(0);
  expect((await t.gql(DELIVERIES, { webhookId: webhook.id }, { token: t.adminToken })).code).toBe('NOT_FOUND');
});

test('no secret in clear in any webhook row, delivery, audit event or log', async () => {
  const rows = await t.server.dataSource.query('SELECT * FROM webhooks');
  const deliveryRows = await t.server.dataSource.query('SELECT * FROM webhook_deliveries');
  const audit = await t.server.dataSource.query('SELECT * FROM audit_events');
  const everything = JSON.stringify([rows, deliveryRows, audit]) + t.logs.join('\n');
  for (const secret of secrets) {
    expect(everything).not.toContain(secret);
    if (secret.startsWith('whsec_')) expect(everything).not.toContain(secret.slice(6));
  }
  expect(everything).not.toContain(TEST_SECRET);
});

test('the address is checked again at delivery: after the operator drops it from WEBHOOK_ALLOWED_HOSTS, nothing reaches it', async () => {
  const hooks = await startReceiver();
  const before = await startTestServer({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_POLL_INTERVAL: '1h' });
  const hook = await createWebhook(before, hooks.url, ['apikey.created']);
  const someone = await createUser(before, 'Late Check');
  await before.gql(CREATE_KEY, { input: { name: 'queued', ownerId: someone.id } }, { token: before.adminToken });
  await before.server.close(); // the event is queued, not sent; the database stays
  // The same database, restarted with the default allowlist (public addresses only).
  const after = await startTestServer({ WEBHOOK_POLL_INTERVAL: '1h' }, { database: before.db });
  try {
    await after.server.services.webhookDispatcher.deliverDue();
    const listed = await after.gql(DELIVERIES, { webhookId: hook.id }, { token: after.adminToken });
    expect(listed.errors).toBeUndefined();
    const [delivery] = listed.data.webhookDeliveries.edges.map((e: any) => e.node);
    expect(delivery).toMatchObject({ state: 'PENDING', attempts: 1, lastStatus: null, lastError: 'address 127.0.0.1 is not allowed' });
    expect(hooks.received).toHaveLength(0);
  } finally {
    await after.close();
    await before.db.drop();
    await hooks.close();
  }
});
