/**
 * Nobody acts above themselves (DESIGN.md "Authorization model", rule 4), tried as an attacker would:
 * findings 3, 4, 14 and 16 of issue 11.
 */
import { startTestServer, type TestServer } from '../helpers/server';
import {
  CREATE_KEY, DELETE_KEY, LOCK_KEY, RESET_SECRET, SET_EXPIRY, SET_ROLES, SET_STATE, UPDATE_USER,
  apiKeyAuth, createKey, createUser, inAccount, joinAccount, newAccount, ok, outcome, roleIdsByName,
} from './attacker';

let t: TestServer;
let adminId: string;
beforeAll(async () => {
  t = await startTestServer();
  adminId = (await ok(t, `{ viewer { id } }`, {}, { token: t.adminToken })).viewer.id;
});
afterAll(() => t.close());

const ADMIN_QUERY = `{ auditEvents(first: 1) { totalCount } }`;

test('finding 3: a role-less ancestor, a users.manage holder and a functionalIds.manage holder cannot borrow an Administrator\'s power', async () => {
  // (a) and (b): a role-less manager whose report was made Administrator.
  const manager = await createUser(t, { name: 'Manager' });
  const report = await createUser(t, { name: 'Report', parentId: manager.id, roleNames: ['Administrator'] });
  const minted = await t.gql(CREATE_KEY, { input: { name: 'borrowed', ownerId: report.id, unrestricted: true } }, { token: manager.token });
  expect([outcome(minted), minted.data?.createApiKey?.secret]).toEqual(['FORBIDDEN', undefined]);
  const federate = await t.gql(UPDATE_USER, { input: { id: report.id, federated: true } }, { token: manager.token });
  expect(outcome(federate)).toBe('FORBIDDEN');
  expect(await t.login(report.email, report.password)).toMatch(/^kws_/); // its password still stands
  // The manager keeps its power over a report that is not above it.
  const plain = await createUser(t, { name: 'Plain report', parentId: manager.id });
  expect(outcome(await t.gql(CREATE_KEY, { input: { name: 'fine', ownerId: plain.id } }, { token: manager.token }))).toBe('ok');

  // (c) users.manage alone cannot move the Administrator under itself.
  const [userManagers, fidManagers] = await Promise.all(
    [['users.manage'], ['functionalIds.manage']].map(async (permissions) =>
      (await ok(t, `mutation($input: CreateRoleInput!) { createRole(input: $input) { id } }`, { input: { name: permissions[0], permissions } }, { token: t.adminToken })).createRole.id),
  );
  const hr = await createUser(t, { name: 'HR' });
  await ok(t, SET_ROLES, { input: { principalId: hr.id, roleIds: [...(await roleIdsByName(t, ['Member'])), userManagers] } }, { token: t.adminToken });
  expect(outcome(await t.gql(UPDATE_USER, { input: { id: adminId, parentId: hr.id } }, { token: hr.token }))).toBe('FORBIDDEN');
  expect(outcome(await t.gql(CREATE_KEY, { input: { name: 'then-this', ownerId: adminId } }, { token: hr.token }))).toBe('FORBIDDEN');

  // (d) functionalIds.manage alone cannot make itself owner of a functional ID holding Administrator.
  const ops = await createUser(t, { name: 'Ops' });
  await ok(t, SET_ROLES, { input: { principalId: ops.id, roleIds: [...(await roleIdsByName(t, ['Member'])), fidManagers] } }, { token: t.adminToken });
  const [administrator] = await roleIdsByName(t, ['Administrator']);
  const robot = (await ok(t, `mutation($input: CreateFunctionalIdInput!) { createFunctionalId(input: $input) { id } }`, { input: { name: 'root-robot', roleIds: [administrator] } }, { token: t.adminToken })).createFunctionalId.id;
  const takeOver = await t.gql(`mutation($input: UpdateFunctionalIdInput!) { updateFunctionalId(input: $input) { id } }`, { input: { id: robot, ownerId: ops.id } }, { token: ops.token });
  expect(outcome(takeOver)).toBe('FORBIDDEN');
  expect(outcome(await t.gql(CREATE_KEY, { input: { name: 'robot-key', ownerId: robot } }, { token: ops.token }))).toBe('FORBIDDEN');
});

test('finding 4: a KeyAdministrator contains the Administrator\'s keys but cannot get a credential of it', async () => {
  const keyAdmin = await createUser(t, { name: 'Key admin', roleNames: ['KeyAdministrator'] });
  const minted = await t.gql(CREATE_KEY, { input: { name: 'as-admin', ownerId: adminId } }, { token: keyAdmin.token });
  expect(outcome(minted)).toBe('FORBIDDEN');
  const { key } = await createKey(t, { token: t.adminToken }, { name: 'admin-key', expiresInDays: 30 });
  const reset = await t.gql(RESET_SECRET, { input: { id: key.id } }, { token: keyAdmin.token });
  expect([outcome(reset), reset.data?.resetApiKeySecret?.secret]).toEqual(['FORBIDDEN', undefined]);
  expect(outcome(await t.gql(RESET_SECRET, { input: { id: key.id, dryRun: true } }, { token: keyAdmin.token }))).toBe('FORBIDDEN');

  // Containment stays: shorten the expiry, set INACTIVE, lock, and (another key) delete.
  const sooner = new Date(Date.now() + 86_400_000).toISOString();
  expect(outcome(await t.gql(SET_EXPIRY, { input: { id: key.id, expiresAt: sooner } }, { token: keyAdmin.token }))).toBe('ok');
  expect(outcome(await t.gql(SET_STATE, { input: { id: key.id, state: 'INACTIVE' } }, { token: keyAdmin.token }))).toBe('ok');
  expect(outcome(await t.gql(LOCK_KEY, { id: key.id }, { token: keyAdmin.token }))).toBe('ok');
  const other = (await createKey(t, { token: t.adminToken }, { name: 'admin-key-2' })).key;
  expect(outcome(await t.gql(DELETE_KEY, { input: { id: other.id } }, { token: keyAdmin.token }))).toBe('ok');
});

test('finding 14: an Administrator makes a read-only key: permissions are compared, not role identity', async () => {
  const [viewer] = await roleIdsByName(t, ['Viewer']);
  const created = await createKey(t, { token: t.adminToken }, { name: 'read-only', roleIds: [viewer] });
  expect(created.key.id).toMatch(/^key_/);
  const reads = await t.gql(`{ users(first: 1) { totalCount } }`, {}, apiKeyAuth(created.secret));
  expect(reads.data.users.totalCount).toBeGreaterThan(0);
  expect(outcome(await t.gql(ADMIN_QUERY, {}, apiKeyAuth(created.secret)))).toBe('FORBIDDEN');
});

test('finding 16: the last Administrator cannot orphan the account', async () => {
  // A fresh account: its founder is its only Administrator.
  const founder = await createUser(t, { name: 'Founder' });
  const account = await newAccount(t, { token: founder.token }, 'Founded');
  const asFounder = inAccount({ token: founder.token }, account);
  const roles = (await ok(t, `{ roles { id name } }`, {}, asFounder)).roles as { id: string; name: string }[];
  const [member, administrator] = ['Member', 'Administrator'].map((name) => roles.find((r) => r.name === name)!.id);

  const orphan = await t.gql(SET_ROLES, { input: { principalId: founder.id, roleIds: [] } }, asFounder);
  expect(outcome(orphan)).toBe('FORBIDDEN');
  expect(outcome(await t.gql(ADMIN_QUERY, {}, asFounder))).toBe('ok');

  // With a second Administrator, stepping down works; the second one, now the last, cannot.
  const deputy = await createUser(t, { name: 'Deputy' });
  await joinAccount(t, account, deputy.id, { token: deputy.token }, { inviter: asFounder, roleIds: [administrator] });
  await ok(t, SET_ROLES, { input: { principalId: founder.id, roleIds: [member] } }, asFounder);
  expect(outcome(await t.gql(ADMIN_QUERY, {}, asFounder))).toBe('FORBIDDEN');
  const asDeputy = inAccount({ token: deputy.token }, account);
  expect(outcome(await t.gql(SET_ROLES, { input: { principalId: deputy.id, roleIds: [member] } }, asDeputy))).toBe('FORBIDDEN');
  expect(outcome(await t.gql(`mutation($input: AccountMemberInput!) { removeAccountMember(input: $input) { id } }`, { input: { accountId: account, userId: deputy.id } }, asDeputy))).toBe('FORBIDDEN');
});
