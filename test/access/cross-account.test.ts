/** Cross-account restriction (IBM): a key from account A acting in account B, through the real mutations. */
import { startTestServer, type TestServer } from '../helpers/server';
import { SETTINGS, apiKeyAuth, createKey, createUser, inAccount, ok, viewerOf } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

test('a key from A acts in B while B is open; FORBIDDEN once B restricts with an empty allowlist; works again when B allows A', async () => {
  const { accountId: a } = await viewerOf(t, { token: t.adminToken });
  const user = await createUser(t);
  const b = (await ok(t, `mutation { createAccount(input: { name: "B" }) { id } }`, {}, { token: t.adminToken })).createAccount.id;
  await ok(t, `mutation($input: AccountMemberInput!) { addAccountMember(input: $input) { id } }`, { input: { accountId: b, userId: user.id } }, { token: t.adminToken, headers: inAccount(b) });

  const { key, secret } = await createKey(t, { token: user.token }, { name: 'made-in-a' });
  expect(key.id).toBeDefined();
  const inB = { ...apiKeyAuth(secret), headers: inAccount(b) };
  const query = `{ account { id } viewer { id } }`;
  expect((await ok(t, query, {}, inB)).account.id).toBe(b);

  const adminInB = { token: t.adminToken, headers: inAccount(b) };
  await ok(t, SETTINGS, { input: { crossAccountRestriction: { enabled: true, allowedAccountIds: [] } } }, adminInB);
  const refused = await t.gql(query, {}, inB);
  expect(refused.code).toBe('FORBIDDEN');
  // In its own account the key still works, and the user's session still acts in B.
  expect((await ok(t, query, {}, apiKeyAuth(secret))).account.id).toBe(a);
  expect((await ok(t, query, {}, { token: user.token, headers: inAccount(b) })).account.id).toBe(b);

  await ok(t, SETTINGS, { input: { crossAccountRestriction: { enabled: true, allowedAccountIds: [a] } } }, adminInB);
  expect((await ok(t, query, {}, inB)).account.id).toBe(b);
});
