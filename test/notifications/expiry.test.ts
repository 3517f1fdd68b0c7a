/**
 * Expiry notices: a key expiring within 48 h notifies its owner, creator,
 * last modifier and the account's administrators once per expiry date, in
 * the bell and by email (to a real SMTP server), however many sweeps run at
 * once — in this process and in `npm run notify:expiring`. The account keeps
 * only the two-day threshold here (`expiryNoticeDays: [2]`); the thresholds
 * themselves are proven in expiry-thresholds.test.ts.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ApiKeyEntity } from '../../src/modules/api-keys/api-key.entity';
import { NotificationEntity } from '../../src/modules/notifications/notification.entity';
import { OutboxEmailEntity } from '../../src/modules/notifications/outbox-email.entity';
import { startSmtpServer, waitFor, type TestSmtpServer } from '../helpers/mail';
import { CREATE_KEY, SET_EXPIRY, UPDATE_KEY } from '../api-keys/helpers';
import { createUser, roleId, type SeededUser } from '../helpers/seed';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/server';

const HOUR = 3_600_000;
const NOTIFICATIONS = `query($unreadOnly: Boolean) { notifications(unreadOnly: $unreadOnly, first: 100) { totalCount edges { node { id kind message subjectId createdAt readAt } } } }`;

let t: TestServer;
let smtp: TestSmtpServer;
let owner: SeededUser;
let creator: SeededUser;
let modifier: SeededUser;
let secondAdmin: SeededUser;
let bystander: SeededUser;
let key: ApiKeyEntity;
let token: string;
let audience: { name: string; token: string; email: string; password: string }[];

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await startTestServer({ SMTP_URL: smtp.url, MAIL_FROM: 'Keywarden <keywarden@example.com>', OUTBOX_POLL_INTERVAL: '200ms' });
  const settings = await t.gql(`mutation { updateAccountSettings(input: { expiryNoticeDays: [2] }) { settings { expiryNoticeDays } } }`, {}, { token: t.adminToken });
  expect(settings.data.updateAccountSettings.settings.expiryNoticeDays).toEqual([2]);
  const administrator = await roleId(t, 'Administrator');
  const keyAdministrator = await roleId(t, 'KeyAdministrator');
  owner = await createUser(t, 'Olivia Owner');
  // Key administrators may create and change keys of anyone in the account (they are not account administrators).
  creator = await createUser(t, 'Carl Creator', { roleIds: [keyAdministrator] });
  modifier = await createUser(t, 'Mia Modifier', { roleIds: [keyAdministrator] });
  secondAdmin = await createUser(t, 'Ada Admin', { roleIds: [administrator] });
  bystander = await createUser(t, 'Bob Bystander');
  // Carl creates the key for Olivia; Mia changes it last.
  const created = await t.gql(CREATE_KEY, { input: { name: 'deploy-prod', ownerId: owner.id, expiresAt: new Date(t.clock.now().getTime() + 47 * HOUR).toISOString() } }, { token: creator.token });
  token = created.data.createApiKey.secret;
  await t.gql(UPDATE_KEY, { input: { id: created.data.createApiKey.apiKey.id, description: 'production deploys' } }, { token: modifier.token });
  key = await t.server.dataSource.getRepository(ApiKeyEntity).findOneByOrFail({ id: created.data.createApiKey.apiKey.id });
  expect(key).toMatchObject({ ownerId: owner.id, createdById: creator.id, updatedById: modifier.id });
  audience = [
    { ...owner, name: 'owner' },
    { ...creator, name: 'creator' },
    { ...modifier, name: 'last modifier' },
    { name: 'bootstrap administrator', token: t.adminToken, email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    { ...secondAdmin, name: 'second administrator' },
  ];
});

afterAll(async () => {
  await t.close();
  await smtp.close();
});

async function kindsOf(userToken: string, kind: string) {
  const result = await t.gql(NOTIFICATIONS, {}, { token: userToken });
  expect(result.errors).toBeUndefined();
  return result.data.notifications.edges.map((e: any) => e.node).filter((n: any) => n.kind === kind && n.subjectId === key.id);
}

function emailsTo(address: string) {
  return smtp.received.filter((m) => m.to.includes(address));
}

/** `npm run notify:expiring` as cron runs it: another process on the same database and SMTP server. */
function runCli() {
  return promisify(execFile)(process.execPath, [path.resolve(__dirname, '../../dist/scripts/notify-expiring.js')], {
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: t.db.url, SMTP_URL: smtp.url, MAIL_FROM: 'Keywarden <keywarden@example.com>', LOG_LEVEL: 'warn' },
  });
}

test('a key expiring in 47 h notifies owner, creator, last modifier and each administrator exactly once, in-app and by email, even with sweeps running at once', async () => {
  const sweeper = t.server.services.expirySweeper;
  // Two sweeps in this process and one in another process (the cron script), all at once.
  const [cli, first, second] = await Promise.all([runCli(), sweeper.sweep(), sweeper.sweep()]);
  const cliReport = JSON.parse(cli.stdout.trim().split('\n').pop()!);
  expect(cliReport.expiring + first.expiring + second.expiring).toBe(1);

  for (const person of audience) {
    const notices = await kindsOf(person.token, 'KEY_EXPIRING');
    expect({ who: person.name, count: notices.length }).toEqual({ who: person.name, count: 1 });
    expect(notices[0].message).toContain('deploy-prod');
    expect(notices[0].message).toContain(key.prefix);
    expect(notices[0].message).toContain(key.expiresAt!.toISOString());
    expect(notices[0].readAt).toBeNull();
  }
  expect(await kindsOf(bystander.token, 'KEY_EXPIRING')).toHaveLength(0);
  expect(await t.server.dataSource.getRepository(NotificationEntity).countBy({ subjectId: key.id, kind: 'KEY_EXPIRING' })).toBe(audience.length);

  await waitFor(() => audience.every((p) => emailsTo(p.email).length >= 1), 'one email per recipient');
  await t.server.services.mailOutbox.deliverDue();
  await sweeper.sweep();
  for (const person of audience) {
    const emails = emailsTo(person.email);
    expect({ who: person.name, count: emails.length }).toEqual({ who: person.name, count: 1 });
    const body = emails[0].text;
    expect(emails[0].from).toBe('keywarden@example.com');
    expect(body).toMatch(/^Subject: .*deploy-prod/m);
    for (const fact of ['deploy-prod', key.prefix, 'Olivia Owner', owner.email, key.expiresAt!.toISOString(), key.id]) expect(body).toContain(fact);
    expect(body).toMatch(/Content-Type: text\/plain/);
    expect(body).toMatch(/Content-Type: text\/html/);
    expect(body).not.toContain(token);
    expect(body).not.toContain(key.secretHash);
  }
  expect(smtp.received).toHaveLength(audience.length);
  const outbox = await t.server.dataSource.getRepository(OutboxEmailEntity).find();
  expect(outbox.map((e) => e.state)).toEqual(audience.map(() => 'SENT'));
  expect(outbox.map((e) => e.subject)).toEqual(audience.map(() => `API key "deploy-prod" expires on ${key.expiresAt!.toISOString()}`));
});

test('moving the expiry a week on and back re-arms the notice: one more notification and email each', async () => {
  const sweeper = t.server.services.expirySweeper;
  const original = key.expiresAt!;
  const moveTo = (date: Date) => t.gql(SET_EXPIRY, { input: { id: key.id, expiresAt: date.toISOString() } }, { token: modifier.token });
  expect((await moveTo(new Date(original.getTime() + 7 * 24 * HOUR))).errors).toBeUndefined();
  expect((await sweeper.sweep()).expiring).toBe(0);
  expect((await moveTo(original)).errors).toBeUndefined();
  const [a, b] = await Promise.all([sweeper.sweep(), sweeper.sweep()]);
  expect(a.expiring + b.expiring).toBe(1);

  for (const person of audience) expect({ who: person.name, count: (await kindsOf(person.token, 'KEY_EXPIRING')).length }).toEqual({ who: person.name, count: 2 });
  await waitFor(() => audience.every((p) => emailsTo(p.email).length >= 2), 'a second email per recipient');
  await t.server.services.mailOutbox.deliverDue();
  for (const person of audience) expect({ who: person.name, count: emailsTo(person.email).length }).toEqual({ who: person.name, count: 2 });
  expect(smtp.received).toHaveLength(2 * audience.length);

  // Without a re-arm, the same date is not notified again.
  expect((await sweeper.sweep()).expiring).toBe(0);
});

test('a new expiry date within the window notifies again without any re-arm', async () => {
  // Written directly, without setApiKeyExpiry's re-arm: the sweeper's claim alone tells dates apart.
  const repository = t.server.dataSource.getRepository(ApiKeyEntity);
  key.expiresAt = new Date(key.expiresAt!.getTime() - HOUR);
  await repository.update({ id: key.id }, { expiresAt: key.expiresAt });
  expect((await t.server.services.expirySweeper.sweep()).expiring).toBe(1);
  expect(await kindsOf(owner.token, 'KEY_EXPIRING')).toHaveLength(3);
});

test('an expired key gives one KEY_EXPIRED to each, however many sweeps run', async () => {
  t.clock.advance(48 * HOUR);
  for (const person of audience) person.token = await t.login(person.email, person.password); // sessions last an hour
  const sweeper = t.server.services.expirySweeper;
  const reports = await Promise.all([sweeper.sweep(), sweeper.sweep(), sweeper.sweep()]);
  expect(reports.reduce((sum, r) => sum + r.expired, 0)).toBe(1);
  await sweeper.sweep();
  for (const person of audience) {
    const expired = await kindsOf(person.token, 'KEY_EXPIRED');
    expect({ who: person.name, count: expired.length }).toEqual({ who: person.name, count: 1 });
    expect(expired[0].message).toContain('expired');
  }
  await waitFor(() => audience.every((p) => emailsTo(p.email).some((m) => m.text.includes(' expired on '))), 'the expired emails');
  await t.server.services.mailOutbox.deliverDue();
  for (const person of audience) expect(emailsTo(person.email).filter((m) => m.text.includes(' expired on '))).toHaveLength(1);
});

test('the notifications hold no secret of the key, and the logs neither', async () => {
  const rows = await t.server.dataSource.getRepository(NotificationEntity).find();
  const outbox = await t.server.dataSource.getRepository(OutboxEmailEntity).find();
  const everything = JSON.stringify([rows, outbox]) + t.logs.join('\n') + smtp.received.map((m) => m.text).join('\n');
  const secrets = [token, key.secretHash, t.adminToken, ADMIN_PASSWORD, ...audience.flatMap((p) => [p.password, p.token])];
  for (const secret of secrets) expect(everything).not.toContain(secret);
});
