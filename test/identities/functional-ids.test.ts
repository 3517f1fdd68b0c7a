/** Functional IDs: folder names unique per account, pathPrefix, owner, who manages them, and deletion. */
import { startTestServer, type TestServer } from '../helpers/server';
import { createApiKey, createUser, PASSWORD, setKeyLocked, viewerId } from './helpers';

let t: TestServer;
let accountId: string;
beforeAll(async () => {
  t = await startTestServer();
  accountId = (await t.gql(`{ account { id } }`, {}, { token: t.adminToken })).data.account.id;
});
afterAll(() => t.close());

const CREATE = `mutation($input: CreateFunctionalIdInput!) { createFunctionalId(input: $input) { id kind name description owner { id } } }`;
const UPDATE = `mutation($input: UpdateFunctionalIdInput!) { updateFunctionalId(input: $input) { id name owner { id } } }`;
const DELETE = `mutation($id: ID!) { deleteFunctionalId(id: $id) { deletedId } }`;

test('a functional ID is a Principal with a fid_ ID, a folder name, a description and its creator as default owner', async () => {
  const owner = await createUser(t, t.adminToken, { email: 'f-owner@example.com' });
  const ownerToken = await t.login('f-owner@example.com', PASSWORD);
  const created = await t.gql(CREATE, { input: { name: 'ci/deploy/prod', description: 'Deploys production' } }, { token: ownerToken });
  expect(created.errors).toBeUndefined();
  const fid = created.data.createFunctionalId;
  expect(fid.id).toMatch(/^fid_/);
  expect(fid).toMatchObject({ kind: 'FUNCTIONAL_ID', name: 'ci/deploy/prod', description: 'Deploys production', owner: { id: owner } });

  const viaNode = await t.gql(`{ node(id: "${fid.id}") { ... on FunctionalId { name owner { id } account { id } roles { name } groups { name } } } }`, {}, { token: t.adminToken });
  expect(viaNode.data.node).toEqual({ name: 'ci/deploy/prod', owner: { id: owner }, account: { id: accountId }, roles: [], groups: [] });

  const duplicate = await t.gql(CREATE, { input: { name: 'ci/deploy/prod' } }, { token: t.adminToken });
  expect(duplicate.code).toBe('CONFLICT');
  for (const bad of ['/leading', 'trailing/', 'double//slash', 'space here', '']) {
    expect((await t.gql(CREATE, { input: { name: bad } }, { token: t.adminToken })).code).toBe('BAD_USER_INPUT');
  }
});

test('functionalIds(pathPrefix) lists one folder, paged newest first; wildcards in the prefix are literal', async () => {
  for (const name of ['svc/a', 'svc/b', 'svc/c', 'svcx/d', 'other/e', 'svc_1/f']) {
    expect((await t.gql(CREATE, { input: { name } }, { token: t.adminToken })).errors).toBeUndefined();
  }
  const page1 = await t.gql(`{ functionalIds(pathPrefix: "svc/", first: 2) { edges { node { name } } pageInfo { hasNextPage endCursor } totalCount } }`, {}, { token: t.adminToken });
  expect(page1.data.functionalIds.edges.map((e: any) => e.node.name)).toEqual(['svc/c', 'svc/b']);
  expect(page1.data.functionalIds.totalCount).toBe(3);
  const page2 = await t.gql(`{ functionalIds(pathPrefix: "svc/", first: 2, after: "${page1.data.functionalIds.pageInfo.endCursor}") { edges { node { name } } pageInfo { hasNextPage } } }`, {}, { token: t.adminToken });
  expect(page2.data.functionalIds.edges.map((e: any) => e.node.name)).toEqual(['svc/a']);
  expect(page2.data.functionalIds.pageInfo.hasNextPage).toBe(false);
  // `_` is a LIKE wildcard: escaped, it matches only itself.
  const literal = await t.gql(`{ functionalIds(pathPrefix: "svc_") { edges { node { name } } } }`, {}, { token: t.adminToken });
  expect(literal.data.functionalIds.edges.map((e: any) => e.node.name)).toEqual(['svc_1/f']);
});

test('the owner and the owner\'s ancestors manage a functional ID; a peer gets FORBIDDEN and cannot assign itself as owner of others', async () => {
  const manager = await createUser(t, t.adminToken, { email: 'm-manager@example.com' });
  const managerToken = await t.login('m-manager@example.com', PASSWORD);
  const engineer = await createUser(t, managerToken, { email: 'm-engineer@example.com' });
  const engineerToken = await t.login('m-engineer@example.com', PASSWORD);
  await createUser(t, t.adminToken, { email: 'm-peer@example.com' });
  const peerToken = await t.login('m-peer@example.com', PASSWORD);

  // A manager may make a user below it the owner; the engineer may not pick its manager.
  const fid = (await t.gql(CREATE, { input: { name: 'team/bot', ownerId: engineer } }, { token: managerToken })).data.createFunctionalId;
  expect(fid.owner.id).toBe(engineer);
  expect((await t.gql(CREATE, { input: { name: 'team/bot2', ownerId: manager } }, { token: engineerToken })).code).toBe('FORBIDDEN');

  expect((await t.gql(UPDATE, { input: { id: fid.id, name: 'team/bot-renamed' } }, { token: engineerToken })).data.updateFunctionalId.name).toBe('team/bot-renamed');
  expect((await t.gql(UPDATE, { input: { id: fid.id, ownerId: manager } }, { token: managerToken })).data.updateFunctionalId.owner.id).toBe(manager);
  expect((await t.gql(UPDATE, { input: { id: fid.id, name: 'team/stolen' } }, { token: peerToken })).code).toBe('FORBIDDEN');
  expect((await t.gql(DELETE, { id: fid.id }, { token: peerToken })).code).toBe('FORBIDDEN');
  expect((await t.gql(DELETE, { id: 'fid_01ARZ3NDEKTSV4RRFFQ69G5FAV' }, { token: peerToken })).code).toBe('NOT_FOUND');
  expect((await t.gql(DELETE, { id: fid.id }, { token: managerToken })).data.deleteFunctionalId.deletedId).toBe(fid.id);
});

test('a functional ID holding a locked key cannot be deleted (KEY_LOCKED); its keys go with it otherwise', async () => {
  const adminId = await viewerId(t, t.adminToken);
  const fid = (await t.gql(CREATE, { input: { name: 'locked/bot', ownerId: adminId } }, { token: t.adminToken })).data.createFunctionalId;
  const key = await createApiKey(t, fid.id, { locked: true });
  // The functional ID authenticates with its key only, and acts as itself.
  expect((await t.gql(`{ viewer { id kind } }`, {}, { authorization: key.authorization })).data.viewer).toEqual({ id: fid.id, kind: 'FUNCTIONAL_ID' });
  expect((await t.gql(DELETE, { id: fid.id }, { token: t.adminToken })).code).toBe('KEY_LOCKED');
  await setKeyLocked(t, key.id, false);
  expect((await t.gql(DELETE, { id: fid.id }, { token: t.adminToken })).data.deleteFunctionalId.deletedId).toBe(fid.id);
  expect((await t.gql(`{ viewer { id } }`, {}, { authorization: key.authorization })).code).toBe('UNAUTHENTICATED');
});
