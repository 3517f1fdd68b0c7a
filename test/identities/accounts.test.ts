/** Accounts: creating one, membership, X-Account-Id, settings and their validation, cross-account restriction. */
import { startTestServer, type TestServer } from '../helpers/server';
import { createUser, PASSWORD, roleId, viewerId } from './helpers';

let t: TestServer;
let homeId: string;
beforeAll(async () => {
  t = await startTestServer();
  homeId = (await t.gql(`{ account { id } }`, {}, { token: t.adminToken })).data.account.id;
});
afterAll(() => t.close());

const CREATE = `mutation($name: String!) { createAccount(input: { name: $name }) { id name settings { maxApiKeysPerPrincipal } } }`;
const ADD = `mutation($input: AccountMemberInput!) { addAccountMember(input: $input) { id } }`;
const REMOVE = `mutation($input: AccountMemberInput!) { removeAccountMember(input: $input) { id } }`;
const SETTINGS = `mutation($input: AccountSettingsInput!) {
  updateAccountSettings(input: $input) { settings { maxApiKeysPerPrincipal maxAccessKeysPerPrincipal maxKeyLifetimeDays restrictUserApiKeyCreation crossAccountRestriction { enabled allowedAccountIds } } } }`;
const inAccount = (accountId: string) => ({ 'x-account-id': accountId });

test('createAccount makes the viewer a member and the Administrator of the new account, which starts with defaults', async () => {
  await createUser(t, t.adminToken, { email: 'acc-founder@example.com' });
  const token = await t.login('acc-founder@example.com', PASSWORD);
  const created = await t.gql(CREATE, { name: 'Founder Inc' }, { token });
  expect(created.errors).toBeUndefined();
  const account = created.data.createAccount;
  expect(account).toMatchObject({ name: 'Founder Inc', settings: { maxApiKeysPerPrincipal: 20 } });

  const there = await t.gql(`{ account { id name } viewer { roles { name } } roles { name builtIn } }`, {}, { token, headers: inAccount(account.id) });
  expect(there.data.account).toEqual({ id: account.id, name: 'Founder Inc' });
  expect(there.data.viewer.roles.map((r: any) => r.name).sort()).toEqual(['Administrator', 'Member']);
  expect(there.data.roles.map((r: any) => r.name)).toEqual(['Administrator', 'KeyAdministrator', 'Member', 'Viewer']);
  // At home the founder is still a plain member.
  const home = await t.gql(`{ account { id } viewer { roles { name } } }`, {}, { token });
  expect(home.data).toEqual({ account: { id: homeId }, viewer: { roles: [{ name: 'Member' }] } });
});

// addAccountMember now invites (DESIGN.md rule 3): the user is a member once it accepts.
test('X-Account-Id: a member acts in the account; a non-member is FORBIDDEN; removal ends it in the next request', async () => {
  const account = (await t.gql(CREATE, { name: 'Shared' }, { token: t.adminToken })).data.createAccount;
  const user = await createUser(t, t.adminToken, { email: 'acc-member@example.com' });
  const token = await t.login('acc-member@example.com', PASSWORD);

  const before = await t.gql(`{ account { id } }`, {}, { token, headers: inAccount(account.id) });
  expect(before.code).toBe('FORBIDDEN');
  expect(before.status).toBe(403);

  const viewer = await roleId(t, 'Viewer', t.adminToken, inAccount(account.id));
  const added = await t.gql(ADD, { input: { accountId: account.id, userId: user, roleIds: [viewer] } }, { token: t.adminToken, headers: inAccount(account.id) });
  expect(added.errors).toBeUndefined();
  // Invited, not yet a member.
  expect((await t.gql(`{ account { id } }`, {}, { token, headers: inAccount(account.id) })).code).toBe('FORBIDDEN');
  expect((await t.gql(ADD, { input: { accountId: account.id, userId: user } }, { token: t.adminToken, headers: inAccount(account.id) })).code).toBe('CONFLICT');
  const invitations = (await t.gql(`{ viewer { invitations { id accountId accountName roleNames } } }`, {}, { token })).data.viewer.invitations;
  expect(invitations).toEqual([{ id: expect.stringMatching(/^acc_inv_/), accountId: account.id, accountName: 'Shared', roleNames: ['Viewer'] }]);
  expect((await t.gql(`mutation($id: ID!) { acceptAccountInvitation(id: $id) { id } }`, { id: invitations[0].id }, { token })).errors).toBeUndefined();
  const after = await t.gql(`{ account { id } viewer { roles { name } } users { edges { node { id } } } }`, {}, { token, headers: inAccount(account.id) });
  expect(after.errors).toBeUndefined();
  expect(after.data.account.id).toBe(account.id);
  expect(after.data.viewer.roles.map((r: any) => r.name).sort()).toEqual(['Member', 'Viewer']);
  expect(after.data.users.edges.map((e: any) => e.node.id).sort()).toEqual([user, await viewerId(t, t.adminToken)].sort());
  expect((await t.gql(ADD, { input: { accountId: account.id, userId: user } }, { token: t.adminToken, headers: inAccount(account.id) })).code).toBe('CONFLICT');

  // Member operations act on the active account only.
  expect((await t.gql(ADD, { input: { accountId: account.id, userId: user } }, { token: t.adminToken })).code).toBe('FORBIDDEN');
  // Nobody leaves their home account this way.
  expect((await t.gql(REMOVE, { input: { accountId: homeId, userId: user } }, { token: t.adminToken })).code).toBe('BAD_USER_INPUT');

  expect((await t.gql(REMOVE, { input: { accountId: account.id, userId: user } }, { token: t.adminToken, headers: inAccount(account.id) })).errors).toBeUndefined();
  expect((await t.gql(`{ account { id } }`, {}, { token, headers: inAccount(account.id) })).code).toBe('FORBIDDEN');
  expect((await t.gql(`{ account { id } }`, {}, { token })).data.account.id).toBe(homeId);
});

test('updateAccountSettings needs account.manage and validates every value', async () => {
  const other = (await t.gql(CREATE, { name: 'Other' }, { token: t.adminToken })).data.createAccount;
  const bad = [
    { maxApiKeysPerPrincipal: 0 },
    { maxApiKeysPerPrincipal: 1001 },
    { maxAccessKeysPerPrincipal: -1 },
    { maxKeyLifetimeDays: 0 },
    { maxKeyLifetimeDays: 3651 },
    { crossAccountRestriction: { enabled: true, allowedAccountIds: ['acc_01ARZ3NDEKTSV4RRFFQ69G5FAV'] } },
    { crossAccountRestriction: { enabled: true, allowedAccountIds: [homeId] } },
  ];
  for (const input of bad) {
    const result = await t.gql(SETTINGS, { input }, { token: t.adminToken });
    expect([JSON.stringify(input), result.code]).toEqual([JSON.stringify(input), 'BAD_USER_INPUT']);
  }

  const updated = await t.gql(
    SETTINGS,
    { input: { maxApiKeysPerPrincipal: 5, maxAccessKeysPerPrincipal: 0, maxKeyLifetimeDays: 90, restrictUserApiKeyCreation: true, crossAccountRestriction: { enabled: true, allowedAccountIds: [other.id, other.id] } } },
    { token: t.adminToken },
  );
  expect(updated.data.updateAccountSettings.settings).toEqual({
    maxApiKeysPerPrincipal: 5,
    maxAccessKeysPerPrincipal: 0,
    maxKeyLifetimeDays: 90,
    restrictUserApiKeyCreation: true,
    crossAccountRestriction: { enabled: true, allowedAccountIds: [other.id] },
  });
  // Omitted fields stay; an explicit null lifts the lifetime limit.
  const cleared = await t.gql(SETTINGS, { input: { maxKeyLifetimeDays: null } }, { token: t.adminToken });
  expect(cleared.data.updateAccountSettings.settings).toMatchObject({ maxApiKeysPerPrincipal: 5, maxKeyLifetimeDays: null });

  await createUser(t, t.adminToken, { email: 'acc-plain@example.com' });
  const plain = await t.login('acc-plain@example.com', PASSWORD);
  expect((await t.gql(SETTINGS, { input: { maxApiKeysPerPrincipal: 50 } }, { token: plain })).code).toBe('FORBIDDEN');
  await t.gql(SETTINGS, { input: { maxApiKeysPerPrincipal: 20, maxAccessKeysPerPrincipal: 2, restrictUserApiKeyCreation: false, crossAccountRestriction: { enabled: false } } }, { token: t.adminToken });
});

// The cross-account restriction, with a key made by createApiKey, is proven in test/access/cross-account.test.ts.
