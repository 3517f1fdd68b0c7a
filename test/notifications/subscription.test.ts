/**
 * Live notifications without a browser: graphql-ws's own client (with `ws`) subscribes to
 * `notificationAdded` on the real server, authenticated in `connection_init` with an API key or a
 * session; events are caused through HTTP mutations, as clients cause them. SQLite, or MariaDB with
 * DATABASE_URL.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createApiKeyFor, createUser, roleId, type SeededUser } from '../helpers/seed';
import { startTestServer, type TestServer } from '../helpers/server';

const SUBSCRIPTION = `subscription { notificationAdded { id kind message subjectId createdAt readAt } }`;
const SET_ROLES = `mutation($input: SetPrincipalRolesInput!) { setPrincipalRoles(input: $input) { id } }`;

let t: TestServer;
const clients: Client[] = [];

beforeAll(async () => {
  // A short re-check interval, so that the periodic check (session expiry) shows within the test's bound.
  t = await startTestServer({ WS_RECHECK_INTERVAL_MS: '200' });
});
// Each test starts with no subscription left open, so that counting a principal's subscriptions means something.
afterEach(async () => {
  for (const client of clients.splice(0)) await client.dispose();
  await until('every subscription to end', () => stream().openSubscriptions() === 0);
});
afterAll(async () => {
  await t?.close();
});

interface Live {
  received: { kind: string; message: string; subjectId: string | null; id: string; readAt: string | null }[];
  errors: unknown[];
  closes: { code: number; reason: string }[];
  client: Client;
}

/** A subscription with graphql-ws's client; no retries, so that a refusal stays a refusal. */
function subscribe(connectionParams: Record<string, unknown>): Live {
  const live: Live = { received: [], errors: [], closes: [], client: undefined as unknown as Client };
  live.client = createClient({
    url: t.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    on: { closed: (event) => void live.closes.push({ code: (event as WebSocket.CloseEvent).code, reason: (event as WebSocket.CloseEvent).reason }) },
  });
  clients.push(live.client);
  live.client.subscribe(
    { query: SUBSCRIPTION },
    {
      next: (value) => {
        if (value.errors) live.errors.push(value.errors);
        if (value.data) live.received.push((value.data as { notificationAdded: Live['received'][number] }).notificationAdded);
      },
      error: (error) => void live.errors.push(error),
      complete: () => undefined,
    },
  );
  return live;
}

async function until(what: string, condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const stream = () => t.server.services.notificationStream;
/** The server has the subscription in place for this principal (its topic has `count` listeners). */
const subscribed = (principalId: string, count = 1) => until(`${count} subscription(s) of ${principalId}`, () => stream().openSubscriptions(principalId) >= count);

async function setRoles(principalId: string, roleNames: string[]): Promise<void> {
  const roleIds = await Promise.all(roleNames.map((name) => roleId(t, name)));
  const result = await t.gql(SET_ROLES, { input: { principalId, roleIds } }, { token: t.adminToken });
  expect(result.errors).toBeUndefined();
}

describe('an API key subscription', () => {
  let alice: SeededUser;
  let bob: SeededUser;
  beforeAll(async () => {
    alice = await createUser(t, 'Alice Live');
    bob = await createUser(t, 'Bob Live');
  });

  test('receives its owner\'s ROLES_CHANGED, made over HTTP, and never another user\'s notification', async () => {
    const { token } = await createApiKeyFor(t, alice.id, { name: 'alice-live' });
    const aliceLive = subscribe({ authorization: `ApiKey ${token}` });
    const bobLive = subscribe({ authorization: `Bearer ${bob.token}` });
    await subscribed(alice.id);
    await subscribed(bob.id);

    // Bob's change first, then Alice's: once Alice's has arrived, Bob's would have too if it were sent to her.
    await setRoles(bob.id, ['Viewer']);
    await setRoles(alice.id, ['Viewer']);
    await until('Alice\'s notification', () => aliceLive.received.some((n) => n.kind === 'ROLES_CHANGED'));
    await until('Bob\'s notification', () => bobLive.received.some((n) => n.kind === 'ROLES_CHANGED'));

    expect(aliceLive.received).toEqual([expect.objectContaining({ kind: 'ROLES_CHANGED', subjectId: alice.id, readAt: null, message: expect.stringContaining('Viewer') })]);
    expect(bobLive.received).toEqual([expect.objectContaining({ kind: 'ROLES_CHANGED', subjectId: bob.id })]);
    // What arrived live is what the bell lists.
    const listed = await t.gql(`{ notifications(first: 5) { edges { node { id kind } } } }`, {}, { token: alice.token });
    expect(listed.data.notifications.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(aliceLive.received[0].id);
    expect(aliceLive.errors).toEqual([]);
    expect(aliceLive.closes).toEqual([]);
  });

  test('receives KEY_LEAKED when another of its owner\'s keys is reported leaked (anonymously, over HTTP)', async () => {
    const { token } = await createApiKeyFor(t, alice.id, { name: 'alice-listener' });
    const leaked = await t.gql(
      `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }`,
      { input: { name: 'alice-leaky', ownerId: alice.id, actionWhenLeaked: 'NONE' } },
      { token: t.adminToken },
    );
    const live = subscribe({ authorization: `ApiKey ${token}` });
    await subscribed(alice.id);
    const report = await t.gql(`mutation($secret: String!) { reportLeakedSecret(secret: $secret) }`, { secret: leaked.data.createApiKey.secret });
    expect(report.data.reportLeakedSecret).toBe(true);
    await until('KEY_LEAKED', () => live.received.some((n) => n.kind === 'KEY_LEAKED'));
    expect(live.received.find((n) => n.kind === 'KEY_LEAKED')).toEqual(
      expect.objectContaining({ subjectId: leaked.data.createApiKey.apiKey.id, message: expect.stringContaining('alice-leaky') }),
    );
    // The notice names the key; the secret is nowhere in what was delivered.
    expect(JSON.stringify(live.received)).not.toContain(leaked.data.createApiKey.secret);
  });

  test('is closed (4401) when its key is deleted, and gets nothing after', async () => {
    const { key, token } = await createApiKeyFor(t, alice.id, { name: 'alice-doomed' });
    const live = subscribe({ authorization: `ApiKey ${token}` });
    await subscribed(alice.id);
    const deleted = await t.gql(`mutation($input: DeleteApiKeyInput!) { deleteApiKey(input: $input) { deletedId } }`, { input: { id: key.id } }, { token: t.adminToken });
    expect(deleted.errors).toBeUndefined();
    await until('the socket to close', () => live.closes.length > 0);
    expect(live.closes[0]).toEqual({ code: 4401, reason: 'Unauthorized' });
    await setRoles(alice.id, ['KeyAdministrator']);
    // Another subscriber of Alice (a session) hears of it: the deleted key's socket did not.
    const session = subscribe({ authorization: `Bearer ${alice.token}` });
    await subscribed(alice.id);
    await setRoles(alice.id, ['Viewer']);
    await until('the session subscriber\'s notification', () => session.received.length > 0);
    expect(live.received.filter((n) => n.kind === 'ROLES_CHANGED')).toEqual([]);
  });

  test('is closed when its key is set INACTIVE, and when its owner is disabled', async () => {
    const carol = await createUser(t, 'Carol Live');
    const first = await createApiKeyFor(t, carol.id, { name: 'carol-1' });
    const second = await createApiKeyFor(t, carol.id, { name: 'carol-2' });
    const one = subscribe({ authorization: `ApiKey ${first.token}` });
    const two = subscribe({ authorization: `ApiKey ${second.token}` });
    await subscribed(carol.id, 2);
    const inactive = await t.gql(`mutation($input: SetApiKeyStateInput!) { setApiKeyState(input: $input) { id } }`, { input: { id: first.key.id, state: 'INACTIVE' } }, { token: t.adminToken });
    expect(inactive.errors).toBeUndefined();
    await until('the inactive key\'s socket to close', () => one.closes.length > 0);
    expect(one.closes[0].code).toBe(4401);
    expect(two.closes).toEqual([]);
    const disabled = await t.gql(`mutation($input: SetUserDisabledInput!) { setUserDisabled(input: $input) { id } }`, { input: { id: carol.id, disabled: true } }, { token: t.adminToken });
    expect(disabled.errors).toBeUndefined();
    await until('the disabled owner\'s socket to close', () => two.closes.length > 0);
    expect(two.closes[0].code).toBe(4401);
  });
});

test('a notification whose transaction rolls back is never delivered; the next one, committed, is', async () => {
  const frank = await createUser(t, 'Frank Live');
  const live = subscribe({ authorization: `Bearer ${frank.token}` });
  await subscribed(frank.id);
  const { dataSource, notifications } = t.server.services;
  // The one entry point every service calls inside its own transaction (here without an HTTP mutation that
  // could fail after notifying: none does on purpose).
  await expect(
    dataSource.transaction(async (manager) => {
      await notifications.notify(manager, { recipientIds: [frank.id], kind: 'ROLES_CHANGED', message: 'rolled back', subjectId: frank.id });
      throw new Error('the change failed after notifying');
    }),
  ).rejects.toThrow('the change failed');
  await dataSource.transaction((manager) => notifications.notify(manager, { recipientIds: [frank.id], kind: 'ROLES_CHANGED', message: 'committed', subjectId: frank.id }));
  await until('the committed notification', () => live.received.length > 0);
  expect(live.received.map((n) => n.message)).toEqual(['committed']);
  // What was delivered is in the database (published after the commit).
  const listed = await t.gql(`{ notifications(first: 5) { edges { node { message } } } }`, {}, { token: frank.token });
  expect(listed.data.notifications.edges.map((e: { node: { message: string } }) => e.node.message)).toEqual(['committed']);
});

describe('a session subscription', () => {
  test('is closed (4401) when the session logs out', async () => {
    const dave = await createUser(t, 'Dave Live');
    const live = subscribe({ authorization: `Bearer ${dave.token}` });
    await subscribed(dave.id);
    const out = await t.gql(`mutation { logout }`, {}, { token: dave.token });
    expect(out.data.logout).toBe(true);
    await until('the socket to close', () => live.closes.length > 0);
    expect(live.closes[0]).toEqual({ code: 4401, reason: 'Unauthorized' });
  });

  test('is closed once the session expires (the periodic check; nothing else happens meanwhile)', async () => {
    const erin = await createUser(t, 'Erin Live');
    const live = subscribe({ authorization: `Bearer ${erin.token}` });
    await subscribed(erin.id);
    t.clock.advance(2 * 3600 * 1000); // past SESSION_TTL_SECONDS (1 h)
    try {
      await until('the socket to close', () => live.closes.length > 0);
    } finally {
      t.clock.advance(-2 * 3600 * 1000);
    }
    expect(live.closes[0].code).toBe(4401);
  });
});

describe('a connection is refused', () => {
  const refusedWith = async (connectionParams: Record<string, unknown>) => {
    const live = subscribe(connectionParams);
    await until('the refusal', () => live.closes.length > 0);
    return live;
  };

  test('without a credential, with a bad one, or a malformed one: 4401, and the reason names no secret', async () => {
    const bogus = `kw_${'A'.repeat(40)}`;
    const outcomes = [
      await refusedWith({}),
      await refusedWith({ authorization: `ApiKey ${bogus}` }),
      await refusedWith({ authorization: 'Bearer not-a-session-token' }),
      await refusedWith({ authorization: 42 }),
    ];
    for (const live of outcomes) {
      expect(live.closes[0]).toEqual({ code: 4401, reason: 'Unauthorized' });
      expect(live.received).toEqual([]);
    }
    expect(t.logs.join('')).not.toContain(bogus);
  });

  test('past WS_MAX_CONNECTIONS_PER_PRINCIPAL (4403), the open ones untouched', async () => {
    const limited = await startTestServer({ WS_MAX_CONNECTIONS_PER_PRINCIPAL: '2' });
    const open = (token: string) => {
      const closes: number[] = [];
      const client = createClient({ url: limited.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0, lazy: false, onNonLazyError: () => undefined, on: { closed: (e) => void closes.push((e as WebSocket.CloseEvent).code) } });
      clients.push(client);
      return closes;
    };
    try {
      const first = open(limited.adminToken);
      const second = open(limited.adminToken);
      await until('two connections', () => limited.server.live.connectionCount === 2);
      const third = open(limited.adminToken);
      await until('the third to be refused', () => third.length > 0);
      expect(third).toEqual([4403]);
      expect([first, second]).toEqual([[], []]);
    } finally {
      for (const client of clients.splice(0)) await client.dispose();
      await limited.close();
    }
  });

  test('queries and mutations are not run over the socket: only subscriptions', async () => {
    const client = createClient({ url: t.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${t.adminToken}` }, retryAttempts: 0 });
    clients.push(client);
    const error = await new Promise<unknown>((resolve) => {
      client.subscribe({ query: `{ viewer { id } }` }, { next: () => resolve('answered'), error: resolve, complete: () => resolve('completed') });
    });
    expect(JSON.stringify(error)).toContain('Only subscriptions are served over WebSocket');
  });
});

test('a server that stops closes its live sockets with 1012 (Service restart) and reports the stop drained', async () => {
  const stopping = await startTestServer();
  const closes: number[] = [];
  const client = createClient({
    url: stopping.url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${stopping.adminToken}` },
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
    on: { closed: (e) => void closes.push((e as WebSocket.CloseEvent).code) },
  });
  try {
    await until('the connection', () => stopping.server.live.connectionCount === 1);
    const report = await stopping.server.close();
    await until('the client to see the close', () => closes.length > 0);
    expect(closes).toEqual([1012]);
    expect(report.drained).toBe(true);
    expect(stopping.server.live.socketCount).toBe(0);
  } finally {
    await client.dispose();
    await stopping.close();
  }
});
