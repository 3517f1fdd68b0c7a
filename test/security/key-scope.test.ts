/**
 * What a key may do is what it holds (DESIGN.md "Authorization model", rules 5 and 6), tried as an attacker would:
 * findings 6, 7 and 8 of issue 11.
 */
import { startTestServer, type TestServer } from '../helpers/server';
import {
  CREATE_KEY, DELETE_KEY, RESET_SECRET, SET_ACCESS, SET_EXPIRY, SET_STATE, UNLOCK_KEY, UPDATE_KEY, UPDATE_USER,
  apiKeyAuth, createKey, createUser, ok, outcome, roleIdsByName,
} from './attacker';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

test('finding 6: a Viewer-scoped key writes nothing, self-service included', async () => {
  const owner = await createUser(t, { name: 'Owner', roleNames: ['Administrator'] });
  const child = await createUser(t, { name: 'Child', parentId: owner.id });
  const [viewer] = await roleIdsByName(t, ['Viewer']);
  const { secret } = await createKey(t, { token: owner.token }, { name: 'read-only', roleIds: [viewer], unrestricted: true });
  const otherKey = (await createKey(t, { token: owner.token }, { name: 'other' })).key;
  const asKey = apiKeyAuth(secret);

  const attempts: [string, string, Record<string, unknown>][] = [
    ['createUser', `mutation { createUser(input: { email: "v6@example.com", name: "V", password: "v-password-123" }) { id } }`, {}],
    ['createFunctionalId', `mutation { createFunctionalId(input: { name: "v6-robot" }) { id } }`, {}],
    ['createAccount', `mutation { createAccount(input: { name: "V6" }) { id } }`, {}],
    ['rename owner', UPDATE_USER, { input: { id: owner.id, name: 'Renamed' } }],
    ['re-federate child', UPDATE_USER, { input: { id: child.id, federated: true } }],
    ['disable child', `mutation($id: ID!) { setUserDisabled(input: { id: $id, disabled: true }) { id } }`, { id: child.id }],
    ['delete child', `mutation($id: ID!) { deleteUser(id: $id) { deletedId } }`, { id: child.id }],
    ['disable other key', SET_STATE, { input: { id: otherKey.id, state: 'INACTIVE' } }],
    ['delete other key', DELETE_KEY, { input: { id: otherKey.id } }],
    ['change password', `mutation { changePassword(input: { currentPassword: "${owner.password}", newPassword: "another-password-1" }) }`, {}],
  ];
  for (const [what, query, variables] of attempts) {
    expect([what, outcome(await t.gql(query, variables, asKey))]).toEqual([what, 'FORBIDDEN']);
  }
  // It still reads.
  expect((await ok(t, `{ users(first: 5) { totalCount } }`, {}, asKey)).users.totalCount).toBeGreaterThan(1);
  expect((await ok(t, `query($id: ID!) { user(id: $id) { name disabled } }`, { id: child.id }, { token: owner.token })).user).toEqual({ name: 'Child', disabled: false });
});

test('finding 7: an unrestricted Viewer-scoped key cannot escape its scope', async () => {
  const owner = await createUser(t, { name: 'Scoped owner', roleNames: ['Administrator'] });
  const [viewer, administrator] = await roleIdsByName(t, ['Viewer', 'Administrator']);
  const scoped = await createKey(t, { token: owner.token }, { name: 'scoped', roleIds: [viewer], unrestricted: true });
  const unscoped = (await createKey(t, { token: owner.token }, { name: 'unscoped' })).key;
  const asKey = apiKeyAuth(scoped.secret);

  const mint = await t.gql(CREATE_KEY, { input: { name: 'wider', unrestricted: true } }, asKey);
  expect([outcome(mint), mint.data?.createApiKey?.secret]).toEqual(['FORBIDDEN', undefined]);
  expect(outcome(await t.gql(SET_ACCESS, { input: { id: scoped.key.id, roleIds: [administrator] } }, asKey))).toBe('FORBIDDEN');
  expect(outcome(await t.gql(SET_ACCESS, { input: { id: scoped.key.id, roleIds: [], groupIds: [] } }, asKey))).toBe('FORBIDDEN');
  const reset = await t.gql(RESET_SECRET, { input: { id: unscoped.id } }, asKey);
  expect([outcome(reset), reset.data?.resetApiKeySecret?.secret]).toEqual(['FORBIDDEN', undefined]);
  // A session the key opens is bound the same way.
  const session = (await ok(t, `mutation($k: String!) { authenticate(input: { apiKey: $k }) { token } }`, { k: scoped.secret }, {})).authenticate.token;
  expect(outcome(await t.gql(CREATE_KEY, { input: { name: 'wider-2' } }, { token: session }))).toBe('FORBIDDEN');

  // With self.manage in its scope, a key may make keys no wider than itself, and never widen itself.
  const [member] = await roleIdsByName(t, ['Member']);
  const selfService = apiKeyAuth((await createKey(t, { token: owner.token }, { name: 'self-service', roleIds: [viewer, member], unrestricted: true })).secret);
  expect(outcome(await t.gql(CREATE_KEY, { input: { name: 'as-narrow', roleIds: [viewer] } }, selfService))).toBe('ok');
  expect(outcome(await t.gql(CREATE_KEY, { input: { name: 'unscoped-2' } }, selfService))).toBe('FORBIDDEN');
  expect(outcome(await t.gql(RESET_SECRET, { input: { id: unscoped.id } }, selfService))).toBe('FORBIDDEN');
  expect((await ok(t, `query($id: ID!) { apiKey(id: $id) { roles { name } } }`, { id: scoped.key.id }, { token: owner.token })).apiKey.roles).toEqual([{ name: 'Viewer' }]);
});

test('finding 8: a restricted key cannot lift its own limits, nor another key\'s', async () => {
  const owner = await createUser(t, { name: 'Restricted owner' });
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
  const limits = { allowedCidrs: ['127.0.0.1/32'], expiresAt: tomorrow, actionWhenLeaked: 'DELETE' };
  const self = await createKey(t, { token: owner.token }, { name: 'self', ...limits });
  const sibling = (await createKey(t, { token: owner.token }, { name: 'sibling', ...limits })).key;
  await ok(t, `mutation($id: ID!) { lockApiKey(id: $id) { id } }`, { id: self.key.id }, apiKeyAuth(self.secret));
  const asKey = apiKeyAuth(self.secret);

  const later = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const attempts: [string, string, Record<string, unknown>][] = [
    ['unlock itself', UNLOCK_KEY, { id: self.key.id }],
    ['clear allowedCidrs', UPDATE_KEY, { input: { id: sibling.id, allowedCidrs: [] } }],
    ['widen allowedCidrs', UPDATE_KEY, { input: { id: sibling.id, allowedCidrs: ['127.0.0.0/8'] } }],
    ['add a network', UPDATE_KEY, { input: { id: sibling.id, allowedCidrs: ['127.0.0.1/32', '10.0.0.0/8'] } }],
    ['remove the expiry', SET_EXPIRY, { input: { id: sibling.id, expiresAt: null } }],
    ['extend the expiry', SET_EXPIRY, { input: { id: sibling.id, expiresAt: later } }],
    ['weaken actionWhenLeaked', UPDATE_KEY, { input: { id: sibling.id, actionWhenLeaked: 'NONE' } }],
  ];
  for (const [what, query, variables] of attempts) {
    expect([what, outcome(await t.gql(query, variables, asKey))]).toEqual([what, 'FORBIDDEN']);
  }
  // Once inactive, it cannot switch a key back on either.
  expect(outcome(await t.gql(SET_STATE, { input: { id: sibling.id, state: 'INACTIVE' } }, asKey))).toBe('ok');
  expect(outcome(await t.gql(SET_STATE, { input: { id: sibling.id, state: 'ACTIVE' } }, asKey))).toBe('FORBIDDEN');
  // Tightening is fine.
  const sooner = new Date(Date.now() + 3_600_000).toISOString();
  expect(outcome(await t.gql(SET_EXPIRY, { input: { id: sibling.id, expiresAt: sooner } }, asKey))).toBe('ok');
  expect(outcome(await t.gql(UPDATE_KEY, { input: { id: sibling.id, allowedCidrs: ['127.0.0.1'] } }, asKey))).toBe('ok');

  // Its limits still hold: from another address it does not authenticate.
  expect(outcome(await t.gql(`{ viewer { id } }`, {}, { ...asKey, localAddress: '127.0.0.2' }))).toBe('UNAUTHENTICATED');
  // The owner itself, with its password session, may loosen its keys.
  expect(outcome(await t.gql(UNLOCK_KEY, { id: self.key.id }, { token: owner.token }))).toBe('ok');
});
