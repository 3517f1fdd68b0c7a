/**
 * Relay backward paging on every connection: `last`/`before` walk a list
 * from its end and meet exactly the items `first`/`after` meet, in reverse,
 * with the same cursor for each item both ways (cursors are item positions,
 * not page numbers). First and last together, or a cursor from nowhere, are
 * BAD_USER_INPUT naming the argument.
 */
import { CREATE_KEY } from '../api-keys/helpers';
import { createUser, type SeededUser } from '../helpers/seed';
import { startTestServer, type TestServer } from '../helpers/server';
import { createWebhook, startReceiver, type Receiver } from '../webhooks/helpers';

const PAGE = `edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;
let t: TestServer;
let receiver: Receiver;
let owner: SeededUser;
let groupId: string;
let webhookId: string;

/** Each connection: how to ask for a page (GraphQL arguments text), where it sits in the answer, and whose token reads it. */
let connections: { name: string; query: (args: string) => string; path: string[]; token: () => string; vars?: () => Record<string, unknown> }[];

beforeAll(async () => {
  receiver = await startReceiver();
  t = await startTestServer({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_POLL_INTERVAL: '1h' });
  owner = await createUser(t, 'Pager');
  const admin = { token: t.adminToken };
  const group = await t.gql(`mutation { createGroup(input: { name: "pagers" }) { id } }`, {}, admin);
  groupId = group.data.createGroup.id;
  webhookId = (await createWebhook(t, receiver.url, ['apikey.created', 'apikey.deleted'])).id;
  for (let i = 0; i < 4; i++) await createWebhook(t, receiver.url, ['apikey.deleted']);
  const members: string[] = [owner.id];
  for (let i = 0; i < 5; i++) {
    const child = await t.gql(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { email: `child${i}@example.com`, name: `Child ${i}`, parentId: owner.id, password: `child-password-${i}-long` } }, admin);
    members.push(child.data.createUser.id);
    await t.gql(`mutation($input: CreateFunctionalIdInput!) { createFunctionalId(input: $input) { id } }`, { input: { name: `ci/job-${i}` } }, admin);
    await t.gql(`mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }`, { input: { name: `group-${i}` } }, admin);
    // Made by the administrator: the owner hears of each (notifications), the webhook gets each (deliveries).
    await t.gql(CREATE_KEY, { input: { name: `key-${i}`, ownerId: owner.id } }, admin);
  }
  await t.gql(`mutation($input: GroupMembersInput!) { addGroupMembers(input: $input) { id } }`, { input: { groupId, principalIds: members } }, admin);
  const adminToken = () => t.adminToken;
  const ownerToken = () => owner.token;
  connections = [
    { name: 'apiKeys', query: (a) => `{ apiKeys(filter: { scope: ALL }${a}) { ${PAGE} } }`, path: ['apiKeys'], token: adminToken },
    { name: 'users', query: (a) => `{ users${a ? `(${a.slice(2)})` : ''} { ${PAGE} } }`, path: ['users'], token: adminToken },
    { name: 'functionalIds', query: (a) => `{ functionalIds(pathPrefix: "ci/"${a}) { ${PAGE} } }`, path: ['functionalIds'], token: adminToken },
    { name: 'groups', query: (a) => `{ groups${a ? `(${a.slice(2)})` : ''} { ${PAGE} } }`, path: ['groups'], token: adminToken },
    { name: 'notifications', query: (a) => `{ notifications(unreadOnly: false${a}) { ${PAGE} } }`, path: ['notifications'], token: ownerToken },
    { name: 'auditEvents', query: (a) => `{ auditEvents${a ? `(${a.slice(2)})` : ''} { ${PAGE} } }`, path: ['auditEvents'], token: adminToken },
    { name: 'webhooks', query: (a) => `{ webhooks${a ? `(${a.slice(2)})` : ''} { ${PAGE} } }`, path: ['webhooks'], token: adminToken },
    { name: 'webhookDeliveries', query: (a) => `{ webhookDeliveries(webhookId: "${webhookId}"${a}) { ${PAGE} } }`, path: ['webhookDeliveries'], token: adminToken },
    { name: 'Group.members', query: (a) => `{ node(id: "${groupId}") { ... on Group { members${a ? `(${a.slice(2)})` : ''} { ${PAGE} } } } }`, path: ['node', 'members'], token: adminToken },
    { name: 'User.children', query: (a) => `{ user(id: "${owner.id}") { children${a ? `(${a.slice(2)})` : ''} { ${PAGE} } } }`, path: ['user', 'children'], token: adminToken },
    { name: 'User.apiKeys', query: (a) => `{ user(id: "${owner.id}") { apiKeys${a ? `(${a.slice(2)})` : ''} { ${PAGE} } } }`, path: ['user', 'apiKeys'], token: adminToken },
  ];
});
afterAll(async () => {
  await t.close();
  await receiver.close();
});

type Page = { edges: { cursor: string; node: { id: string } }[]; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null } };

async function page(connection: (typeof connections)[number], args: Record<string, string | number>): Promise<Page> {
  const text = Object.entries(args).map(([k, v]) => `, ${k}: ${typeof v === 'string' ? JSON.stringify(v) : v}`).join('');
  const result = await t.gql(connection.query(text), {}, { token: connection.token() });
  if (result.errors) throw new Error(`${connection.name}: ${JSON.stringify(result.errors)}`);
  return connection.path.reduce((value: any, key) => value[key], result.data);
}

test('every connection pages backward through the same items as forward, reversed, with the same cursors', async () => {
  for (const connection of connections) {
    const forward: { cursor: string; id: string }[] = [];
    let after: string | null = null;
    for (;;) {
      const p: Page = await page(connection, { first: 2, ...(after ? { after } : {}) });
      forward.push(...p.edges.map((e) => ({ cursor: e.cursor, id: e.node.id })));
      expect(p.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    const backward: { cursor: string; id: string }[] = [];
    let before: string | null = null;
    for (;;) {
      const p: Page = await page(connection, { last: 2, ...(before ? { before } : {}) });
      // A page reads newest first in both directions; walking back, its items come last to first.
      backward.push(...[...p.edges].reverse().map((e) => ({ cursor: e.cursor, id: e.node.id })));
      expect(p.pageInfo.hasNextPage).toBe(before !== null);
      if (!p.pageInfo.hasPreviousPage) break;
      before = p.pageInfo.startCursor;
    }
    expect({ connection: connection.name, enough: forward.length >= 5 }).toEqual({ connection: connection.name, enough: true });
    expect({ connection: connection.name, items: backward }).toEqual({ connection: connection.name, items: [...forward].reverse() });

    // Between two cursors, from either end: the same window.
    const window = await page(connection, { after: forward[0].cursor, before: forward[4].cursor, first: 10 });
    const windowBack = await page(connection, { after: forward[0].cursor, before: forward[4].cursor, last: 10 });
    expect(window.edges.map((e) => e.node.id)).toEqual(forward.slice(1, 4).map((f) => f.id));
    expect(windowBack.edges.map((e) => e.node.id)).toEqual(forward.slice(1, 4).map((f) => f.id));
  }
});

test('a cursor stays valid while items are added: paging back from it still meets the older items', async () => {
  const connection = connections.find((c) => c.name === 'apiKeys')!;
  const first = await page(connection, { first: 3 });
  await t.gql(CREATE_KEY, { input: { name: 'newer', ownerId: owner.id } }, { token: t.adminToken });
  const back = await page(connection, { last: 2, before: first.edges[2].cursor });
  expect(back.edges.map((e) => e.node.id)).toEqual(first.edges.slice(0, 2).map((e) => e.node.id));
  expect(back.pageInfo.hasPreviousPage).toBe(true); // "newer" precedes them now
});

test('first with last, a page size out of range, and a foreign cursor are BAD_USER_INPUT naming the argument', async () => {
  const cases: [string, string][] = [
    [`{ users(first: 2, last: 2) { totalCount } }`, 'last'],
    [`{ users(last: 0) { totalCount } }`, 'last'],
    [`{ users(last: 101) { totalCount } }`, 'last'],
    [`{ users(last: 2, before: "bm90LWEtY3Vyc29y") { totalCount } }`, 'before'],
  ];
  for (const [query, field] of cases) {
    const result = await t.gql(query, {}, { token: t.adminToken });
    expect({ query, code: result.code }).toEqual({ query, code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(result.errors)).toContain(field);
  }
});
