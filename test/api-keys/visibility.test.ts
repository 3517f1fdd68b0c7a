/** Owner, parent, grandparent and key administrator see and manage a key; a sibling and a stranger get NOT_FOUND; ALL needs admin. */
import { joinAccount } from '../helpers/membership';
import { startTestServer, type TestServer } from '../helpers/server';
import { CREATE_KEY, GET_KEY, LIST_KEYS, UPDATE_KEY, createKey, createFunctionalId, createUser, type TestUser } from './helpers';

let t: TestServer;
let director: TestUser, manager: TestUser, engineer: TestUser, sibling: TestUser, stranger: TestUser, keyAdmin: TestUser;
let key: any;
beforeAll(async () => {
  t = await startTestServer();
  director = await createUser(t, { name: 'Director' });
  manager = await createUser(t, { name: 'Manager', parentId: director.id });
  engineer = await createUser(t, { name: 'Engineer', parentId: manager.id });
  sibling = await createUser(t, { name: 'Sibling', parentId: manager.id });
  stranger = await createUser(t, { name: 'Stranger' });
  keyAdmin = await createUser(t, { name: 'Key admin', roleNames: ['KeyAdministrator'] });
  key = (await createKey(t, { token: engineer.token }, { name: 'engineer-key' })).key;
});
afterAll(() => t.close());

test.each([
  ['owner', () => engineer],
  ['parent', () => manager],
  ['grandparent', () => director],
  ['key administrator', () => keyAdmin],
])('the %s sees the key (apiKey, node, Principal.apiKeys) and manages it', async (_who, viewer) => {
  const token = viewer().token;
  expect((await t.gql(GET_KEY, { id: key.id }, { token })).data.apiKey.id).toBe(key.id);
  expect((await t.gql(`query($id: ID!) { node(id: $id) { id ... on ApiKey { name } } }`, { id: key.id }, { token })).data.node.id).toBe(key.id);
  const ofPrincipal = await t.gql(`query($id: ID!) { user(id: $id) { apiKeys { edges { node { id } } } } }`, { id: engineer.id }, { token });
  expect(ofPrincipal.data.user.apiKeys.edges.map((e: any) => e.node.id)).toContain(key.id);
  const updated = await t.gql(UPDATE_KEY, { input: { id: key.id, description: `touched by ${_who}` } }, { token });
  expect(updated.data.updateApiKey.description).toBe(`touched by ${_who}`);
});

test.each([
  ['sibling', () => sibling],
  ['stranger', () => stranger],
])('a %s gets NOT_FOUND, exactly as for a key that does not exist', async (_who, viewer) => {
  const token = viewer().token;
  const missing = await t.gql(GET_KEY, { id: 'key_01ARZ3NDEKTSV4RRFFQ69G5FAV' }, { token });
  const hidden = await t.gql(GET_KEY, { id: key.id }, { token });
  expect(hidden.code).toBe('NOT_FOUND');
  expect(hidden.errors![0].message).toBe(missing.errors![0].message);
  expect((await t.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: key.id }, { token })).code).toBe('NOT_FOUND');
  expect((await t.gql(UPDATE_KEY, { input: { id: key.id, name: 'hijacked' } }, { token })).code).toBe('NOT_FOUND');
  expect((await t.gql(`mutation($id: ID!) { lockApiKey(id: $id) { id } }`, { id: key.id }, { token })).code).toBe('NOT_FOUND');
  const ofPrincipal = await t.gql(`query($id: ID!) { user(id: $id) { apiKeys { totalCount edges { node { id } } } } }`, { id: engineer.id }, { token });
  expect(ofPrincipal.data.user.apiKeys).toEqual({ totalCount: 0, edges: [] });
});

test('scope ALL is FORBIDDEN to a non-admin; MANAGED shows the keys of descendants; ALL shows the account to an admin', async () => {
  expect((await t.gql(LIST_KEYS, { filter: { scope: 'ALL' } }, { token: manager.token })).code).toBe('FORBIDDEN');
  const managed = await t.gql(LIST_KEYS, { filter: { scope: 'MANAGED' } }, { token: director.token });
  expect(managed.data.apiKeys.edges.map((e: any) => e.node.id)).toContain(key.id);
  const siblingManaged = await t.gql(LIST_KEYS, { filter: { scope: 'MANAGED' } }, { token: sibling.token });
  expect(siblingManaged.data.apiKeys.edges).toEqual([]);
  const all = await t.gql(LIST_KEYS, { filter: { scope: 'ALL' } }, { token: keyAdmin.token });
  expect(all.data.apiKeys.edges.map((e: any) => e.node.id)).toContain(key.id);
  const mine = await t.gql(LIST_KEYS, { filter: { scope: 'MINE' } }, { token: director.token });
  expect(mine.data.apiKeys.edges).toEqual([]);
});

test('keys are created for oneself, a descendant, or a managed functional ID; not for a parent or a stranger', async () => {
  const forChild = await createKey(t, { token: manager.token }, { name: 'made-by-manager', ownerId: engineer.id });
  expect(forChild.key.owner.id).toBe(engineer.id);
  expect(forChild.key.createdBy.id).toBe(manager.id);
  expect((await t.gql(CREATE_KEY, { input: { name: 'for-parent', ownerId: manager.id } }, { token: engineer.token })).code).toBe('FORBIDDEN');
  expect((await t.gql(CREATE_KEY, { input: { name: 'for-stranger', ownerId: stranger.id } }, { token: engineer.token })).code).toBe('FORBIDDEN');
  expect((await t.gql(CREATE_KEY, { input: { name: 'nobody', ownerId: 'usr_01ARZ3NDEKTSV4RRFFQ69G5FAV' } }, { token: engineer.token })).code).toBe('NOT_FOUND');

  // A functional ID owned by the engineer: the engineer and its ancestors manage its keys.
  const fid = await createFunctionalId(t, engineer.id, 'ci/deploy');
  const created = await t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }`, { input: { name: 'deploy', ownerId: fid } }, { token: engineer.token });
  const fidKeyId = created.data.createApiKey.apiKey.id;
  const seenByDirector = await t.gql(`query($id: ID!) { apiKey(id: $id) { id name } }`, { id: fidKeyId }, { token: director.token });
  expect(seenByDirector.data.apiKey.name).toBe('deploy');
  const managed = await t.gql(`query { apiKeys(filter: {scope: MANAGED}) { edges { node { id } } } }`, {}, { token: manager.token });
  expect(managed.data.apiKeys.edges.map((e: any) => e.node.id)).toContain(fidKeyId);
  expect((await t.gql(`query($id: ID!) { apiKey(id: $id) { id } }`, { id: fidKeyId }, { token: sibling.token })).code).toBe('NOT_FOUND');
  expect((await t.gql(CREATE_KEY, { input: { name: 'sneaky', ownerId: fid } }, { token: sibling.token })).code).toBe('FORBIDDEN');
});

test('a key administrator manages only the keys of the account it acts in', async () => {
  const other = (await t.gql(`mutation { createAccount(input: { name: "Other" }) { id } }`, {}, { token: t.adminToken })).data.createAccount;
  await joinAccount(t, other.id, engineer.id, { token: engineer.token });
  const inOther = { token: engineer.token, headers: { 'x-account-id': other.id } };
  const created = await t.gql(CREATE_KEY, { input: { name: 'key-in-other-account' } }, inOther);
  const otherKeyId = created.data.createApiKey.apiKey.id;

  expect((await t.gql(GET_KEY, { id: otherKeyId }, { token: keyAdmin.token })).code).toBe('NOT_FOUND');
  const all = await t.gql(`{ apiKeys(filter: {scope: ALL}, first: 100) { edges { node { id owner { name } } } } }`, {}, { token: keyAdmin.token });
  expect(all.data.apiKeys.edges.map((e: any) => e.node.id)).not.toContain(otherKeyId);
  // The account is the boundary (DESIGN.md rule 1): the owner sees it where it belongs, not from home; its
  // manager, not a member of that account, does not see it at all.
  expect((await t.gql(GET_KEY, { id: otherKeyId }, inOther)).data.apiKey.id).toBe(otherKeyId);
  expect((await t.gql(GET_KEY, { id: otherKeyId }, { token: engineer.token })).code).toBe('NOT_FOUND');
  expect((await t.gql(GET_KEY, { id: otherKeyId }, { token: manager.token })).code).toBe('NOT_FOUND');
});
