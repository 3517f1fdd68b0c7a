/**
 * The account is the boundary (DESIGN.md "Authorization model", rules 1-3), tried as an attacker would:
 * findings 1, 2 and 5 of issue 11.
 */
import { ADMIN_EMAIL, startTestServer, type TestServer } from '../helpers/server';
import {
  CREATE_KEY, INVITE, LIST_KEYS, REMOVE_MEMBER, RESET_SECRET, SETTINGS,
  accountOf, apiKeyAuth, createKey, createUser, inAccount, joinAccount, newAccount, ok, outcome,
} from './attacker';

let t: TestServer;
let home: string;
let adminId: string;
beforeAll(async () => {
  t = await startTestServer();
  home = await accountOf(t, { token: t.adminToken });
  adminId = (await ok(t, `{ viewer { id } }`, {}, { token: t.adminToken })).viewer.id;
});
afterAll(() => t.close());

test('finding 1: a role-less user cannot take over the first Administrator through an account of its own', async () => {
  const attacker = await createUser(t, { name: 'Mallory' });
  const lair = await newAccount(t, { token: attacker.token }, 'Lair');
  const inLair = inAccount({ token: attacker.token }, lair);

  // Adding the victim only invites it: no consent, no membership, so no key can be made for it there.
  await ok(t, INVITE, { input: { accountId: lair, userId: adminId } }, inLair);
  const minted = await t.gql(CREATE_KEY, { input: { name: 'pwn', ownerId: adminId, unrestricted: true } }, inLair);
  expect(outcome(minted)).toBe('NOT_FOUND');

  // Even if the victim accepts by mistake, it holds only Member there, and a key made there acts there only.
  const invitations = (await ok(t, `{ viewer { invitations { id accountName } } }`, {}, { token: t.adminToken })).viewer.invitations;
  expect(invitations).toEqual([{ id: expect.stringMatching(/^acc_inv_/), accountName: 'Lair' }]);
  await ok(t, `mutation($id: ID!) { acceptAccountInvitation(id: $id) { id } }`, { id: invitations[0].id }, { token: t.adminToken });
  const { secret } = await createKey(t, inLair, { name: 'pwn', ownerId: adminId, unrestricted: true });
  const asVictimAtHome = await t.gql(`{ users(first: 5) { totalCount } }`, {}, inAccount(apiKeyAuth(secret), home));
  expect(outcome(asVictimAtHome)).toBe('FORBIDDEN');
  const escalate = await t.gql(`mutation { createUser(input: { email: "owned@example.com", name: "Owned", password: "owned-password-1" }) { id } }`, {}, inAccount(apiKeyAuth(secret), home));
  expect(outcome(escalate)).toBe('FORBIDDEN');
  // And in the lair the key has the victim's permissions there: Member, nothing of its home.
  const there = await ok(t, `{ viewer { ... on User { email } roles { name } } }`, {}, apiKeyAuth(secret));
  expect(there.viewer).toEqual({ email: ADMIN_EMAIL, roles: [{ name: 'Member' }] });
});

test('finding 2: a removed member loses at once every right over its children\'s and functional IDs\' keys there', async () => {
  const shared = await newAccount(t, { token: t.adminToken }, 'Shared');
  const lead = await createUser(t, { name: 'Lead' });
  const report = await createUser(t, { name: 'Report', parentId: lead.id });
  await joinAccount(t, shared, lead.id, { token: lead.token });
  await joinAccount(t, shared, report.id, { token: report.token });
  const leadThere = inAccount({ token: lead.token }, shared);
  const robot = (await ok(t, `mutation { createFunctionalId(input: { name: "ci/robot" }) { id } }`, {}, leadThere)).createFunctionalId.id;
  const reportKey = (await createKey(t, inAccount({ token: report.token }, shared), { name: 'report-key' })).key;
  const robotKey = (await createKey(t, leadThere, { name: 'robot-key', ownerId: robot })).key;

  // While a member, the lead manages both there; the reset is audited in that account.
  const managed = await ok(t, LIST_KEYS, { filter: { scope: 'MANAGED' }, first: 50 }, leadThere);
  expect(managed.apiKeys.edges.map((e: any) => e.node.id)).toEqual(expect.arrayContaining([reportKey.id, robotKey.id]));
  await ok(t, RESET_SECRET, { input: { id: reportKey.id } }, leadThere);
  const audit = await ok(t, `query($f: AuditEventFilter) { auditEvents(filter: $f) { edges { node { accountId } } } }`, { f: { action: 'apikey.reset_secret', targetId: reportKey.id } }, inAccount({ token: t.adminToken }, shared));
  expect(audit.auditEvents.edges.map((e: any) => e.node.accountId)).toEqual([shared]);

  await ok(t, REMOVE_MEMBER, { input: { accountId: shared, userId: lead.id } }, inAccount({ token: t.adminToken }, shared));

  // From home: the keys of that account are not listed, not visible, not resettable.
  const fromHome = await ok(t, LIST_KEYS, { filter: { scope: 'MANAGED' }, first: 50 }, { token: lead.token });
  expect(fromHome.apiKeys.edges.map((e: any) => e.node.id)).not.toEqual(expect.arrayContaining([reportKey.id]));
  expect(fromHome.apiKeys.edges.map((e: any) => e.node.id)).not.toContain(robotKey.id);
  for (const id of [reportKey.id, robotKey.id]) {
    const reset = await t.gql(RESET_SECRET, { input: { id } }, { token: lead.token });
    expect([id, outcome(reset), reset.data?.resetApiKeySecret?.secret]).toEqual([id, 'NOT_FOUND', undefined]);
  }
  // In the account: no longer a member.
  expect(outcome(await t.gql(RESET_SECRET, { input: { id: reportKey.id } }, leadThere))).toBe('FORBIDDEN');
});

test('finding 5: a member cannot bring a key of its own account into one whose key policies it escapes', async () => {
  const strict = await newAccount(t, { token: t.adminToken }, 'Strict');
  await ok(t, SETTINGS, { input: { restrictUserApiKeyCreation: true, maxKeyLifetimeDays: 7 } }, inAccount({ token: t.adminToken }, strict));
  const member = await createUser(t, { name: 'Member of strict' });
  await joinAccount(t, strict, member.id, { token: member.token });

  // In the strict account its policies hold.
  expect(outcome(await t.gql(CREATE_KEY, { input: { name: 'forever', unrestricted: true } }, inAccount({ token: member.token }, strict)))).toBe('FORBIDDEN');

  // A never-expiring unrestricted key made at home, or in an account of its own, does not act in the strict one.
  const own = await newAccount(t, { token: member.token }, 'Mine');
  for (const where of [home, own]) {
    const { key, secret } = await createKey(t, inAccount({ token: member.token }, where), { name: `forever-${where.slice(-4)}`, unrestricted: true });
    expect(key.expiresAt).toBeNull();
    const used = await t.gql(`{ account { id } }`, {}, inAccount(apiKeyAuth(secret), strict));
    expect([where, outcome(used), used.status]).toEqual([where, 'FORBIDDEN', 403]);
    // Nor a session the key opens.
    const session = await ok(t, `mutation($k: String!) { authenticate(input: { apiKey: $k }) { token } }`, { k: secret }, {});
    expect(outcome(await t.gql(`{ account { id } }`, {}, inAccount({ token: session.authenticate.token }, strict)))).toBe('FORBIDDEN');
  }
});
