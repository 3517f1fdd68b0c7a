/** Cross-account restriction (IBM): a key from account A acting in account B, through the real mutations. */
import { startTestServer, type TestServer } from '../helpers/server';
import { joinAccount } from '../helpers/membership';
import { SETTINGS, apiKeyAuth, createKey, createUser, inAccount, ok, viewerOf } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

// The restriction is on by default now (DESIGN.md rule 2): B opens up explicitly first, and membership is by invitation.
test('a key from A acts in B while B is open; FORBIDDEN once B restricts with an empty allowlist; works again when B allows A', async () => {
  const { accountId: a } = await viewerOf(t, { token: t.adminToken });
  const user = await createUser(t);
  const b = (await ok(t, `mutation { createAccount(input: { name: "B" }) { id } }`, {}, { token: t.adminToken })).createAccount.id;
  expect((await ok(t, `{ account { settings { crossAccountRestriction { enabled allowedAccountIds } } } }`, {}, { token: t.adminToken, headers: inAccount(b) })).account.settings)
    .toEqual({ crossAccountRestriction: { enabled: true, allowedAccountIds: [] } });
  await joinAccount(t, b, user.id, { token: user.token });
  await ok(t, SETTINGS, { input: { crossAccountRestriction: { enabled: false } } }, { token: t.adminToken, headers: inAccount(b) });

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
