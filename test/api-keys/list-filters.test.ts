/** apiKeys filters and cursor paging, newest first. */
import { startTestServer, type TestServer } from '../helpers/server';
import { LIST_KEYS, LOCK_KEY, SET_STATE, createKey, createUser, type TestUser } from './helpers';

let t: TestServer;
let rae: TestUser;
const ids: Record<string, string> = {};
beforeAll(async () => {
  t = await startTestServer();
  rae = await createUser(t);
  const now = t.clock.now().getTime();
  for (const [name, extra] of [
    ['ci/build', {}],
    ['ci/deploy', { expiresAt: new Date(now + 2 * 3_600_000).toISOString() }],
    ['ops_100%', { type: 'ACCESS_KEY' }],
    ['ops-other', { expiresAt: new Date(now + 72 * 3_600_000).toISOString() }],
  ] as const) {
    t.clock.advance(1);
    ids[name] = (await createKey(t, { token: rae.token }, { name, ...extra })).key.id;
  }
  await t.gql(SET_STATE, { input: { id: ids['ci/build'], state: 'INACTIVE' } }, { token: rae.token });
  await t.gql(LOCK_KEY, { id: ids['ops-other'] }, { token: rae.token });
});
afterAll(() => t.close());

const names = async (filter: Record<string, unknown>) =>
  (await t.gql(LIST_KEYS, { filter }, { token: rae.token })).data.apiKeys.edges.map((e: any) => e.node.name);

test('each filter narrows the list', async () => {
  expect(await names({})).toEqual(['ops-other', 'ops_100%', 'ci/deploy', 'ci/build']);
  expect(await names({ nameStartsWith: 'ci/' })).toEqual(['ci/deploy', 'ci/build']);
  expect(await names({ nameStartsWith: 'ops_' })).toEqual(['ops_100%']); // `_` is not a wildcard
  expect(await names({ nameStartsWith: 'CI/' })).toEqual([]);
  expect(await names({ type: 'ACCESS_KEY' })).toEqual(['ops_100%']);
  expect(await names({ state: 'INACTIVE' })).toEqual(['ci/build']);
  expect(await names({ locked: true })).toEqual(['ops-other']);
  expect(await names({ expiringWithinHours: 24 })).toEqual(['ci/deploy']);
  expect(await names({ ownerId: rae.id, type: 'API_KEY', state: 'ACTIVE' })).toEqual(['ops-other', 'ci/deploy']);
});

test('pages follow the cursor; totalCount counts the whole list', async () => {
  const first = (await t.gql(LIST_KEYS, { first: 3 }, { token: rae.token })).data.apiKeys;
  expect(first.totalCount).toBe(4);
  expect(first.pageInfo.hasNextPage).toBe(true);
  const second = (await t.gql(LIST_KEYS, { first: 3, after: first.pageInfo.endCursor }, { token: rae.token })).data.apiKeys;
  expect(second.edges.map((e: any) => e.node.name)).toEqual(['ci/build']);
  expect(second.pageInfo.hasNextPage).toBe(false);
  expect((await t.gql(LIST_KEYS, { first: 101 }, { token: rae.token })).code).toBe('BAD_USER_INPUT');
});
