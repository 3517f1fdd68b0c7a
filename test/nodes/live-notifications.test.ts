/**
 * Live notifications across nodes (DESIGN.md "Console, live notifications, webhooks"): two built servers
 * on one MariaDB database and one Redis. A subscriber connected to node 1 hears a notification written
 * through node 0, and its socket closes when its key is deleted through node 0; the console's bell, open
 * on node 1, shows a notice caused through node 0 without a reload, within 2 s.
 *
 * Before each cross-node event, the subscription is proven in place on its own node: a notice caused
 * through node 1 itself must arrive first (nothing else tells a test that a child process has subscribed).
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { ChildServer } from '../../scripts/child-server';
import { CREATE_KEY, DELETE_KEY } from '../api-keys/helpers';
import { expectAccessible, expectNothingSecretStored, launchConsoleBrowser, logIn, type ConsoleBrowser } from '../console/browser';
import { ask, dataOf, login, startCluster, within, type Cluster } from './cluster';

const SUBSCRIPTION = `subscription { notificationAdded { id kind message } }`;
const SET_ROLES = `mutation($input: SetPrincipalRolesInput!) { setPrincipalRoles(input: $input) { id } }`;
/** The bound for a live notice. */
const LIVE_BOUND_MS = 2_000;

let cluster: Cluster;
let admin: string;
let viewerRole: string;
let memberRole: string;
let userCount = 0;

beforeAll(async () => {
  cluster = await startCluster(2, { redis: true });
  admin = await login(cluster.nodes[0]);
  const roles = dataOf(await ask(cluster.nodes[0], `{ roles { id name } }`, {}, admin)).roles as { id: string; name: string }[];
  viewerRole = roles.find((role) => role.name === 'Viewer')!.id;
  memberRole = roles.find((role) => role.name === 'Member')!.id;
}, 120_000);
afterAll(() => cluster?.close());

/** A user made through node 0; its email and password. */
async function newUser(): Promise<{ id: string; email: string; password: string }> {
  userCount++;
  const email = `live.${userCount}@example.com`;
  const password = `pw-live-${userCount}-${Date.now()}`;
  const created = dataOf(await ask(cluster.nodes[0], `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { email, name: `Live ${userCount}`, password } }, admin));
  return { id: created.createUser.id, email, password };
}

/** Alternates the user's roles through `node`: each call writes one ROLES_CHANGED notice. */
let flip = false;
async function changeRoles(node: ChildServer, principalId: string): Promise<void> {
  flip = !flip;
  dataOf(await ask(node, SET_ROLES, { input: { principalId, roleIds: [flip ? viewerRole : memberRole] } }, admin));
}

test('a subscriber on node 1 hears a notice written through node 0, and is closed when its key is deleted through node 0', async () => {
  const user = await newUser();
  const created = dataOf(await ask(cluster.nodes[0], CREATE_KEY, { input: { name: 'live/elsewhere', ownerId: user.id } }, admin)).createApiKey;
  const received: { kind: string }[] = [];
  const closes: number[] = [];
  const client: Client = createClient({
    url: cluster.nodes[1].url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `ApiKey ${created.secret}` },
    retryAttempts: 0,
    on: { closed: (event) => void closes.push((event as WebSocket.CloseEvent).code) },
  });
  try {
    client.subscribe({ query: SUBSCRIPTION }, { next: (value) => void received.push((value.data as { notificationAdded: { kind: string } }).notificationAdded), error: () => undefined, complete: () => undefined });
    // In place on node 1: a notice written through node 1 arrives (the key's creation notice may come first).
    expect(await within(10_000, async () => {
      await changeRoles(cluster.nodes[1], user.id);
      return within(300, async () => received.some((n) => n.kind === 'ROLES_CHANGED')).then((took) => took !== null);
    })).not.toBeNull();

    const before = received.length;
    await changeRoles(cluster.nodes[0], user.id);
    expect(await within(LIVE_BOUND_MS, async () => received.slice(before).some((n) => n.kind === 'ROLES_CHANGED'))).not.toBeNull();

    // The key deleted through node 0: node 1 closes the socket (4401), without waiting for its periodic re-check.
    dataOf(await ask(cluster.nodes[0], DELETE_KEY, { input: { id: created.apiKey.id } }, admin));
    expect(await within(1_000, async () => closes.includes(4401))).not.toBeNull();
  } finally {
    await client.dispose();
  }
}, 60_000);

describe('the console open on node 1', () => {
  let b: ConsoleBrowser;
  beforeAll(async () => {
    b = await launchConsoleBrowser(cluster.nodes[1]);
  }, 60_000);
  afterAll(() => b?.close());

  test('its bell shows a ROLES_CHANGED notice caused through node 0, live, without a reload', async () => {
    const user = await newUser();
    const { context, page } = await b.open();
    let navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations++;
    });
    await logIn(page, user.email, user.password);
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    const bell = page.locator('.bell-button');
    const unread = async () => Number(/(\d+) unread/.exec((await bell.getAttribute('aria-label')) ?? '')?.[1] ?? 0);
    expect(await within(10_000, async () => ((await bell.getAttribute('aria-label')) ?? '').startsWith('Notifications'))).not.toBeNull();

    // The bell's subscription in place on node 1: a notice written through node 1 shows.
    let count = await unread();
    expect(await within(10_000, async () => {
      await changeRoles(cluster.nodes[1], user.id);
      return within(300, async () => (await unread()) > count).then((took) => took !== null);
    })).not.toBeNull();
    await within(300, async () => false); // let any second probe notice land before counting
    count = await unread();
    const navigationsBefore = navigations;

    await changeRoles(cluster.nodes[0], user.id);
    expect(await within(LIVE_BOUND_MS, async () => (await unread()) === count + 1)).not.toBeNull();
    expect(navigations).toBe(navigationsBefore);
    await expectAccessible(page);
    await expectNothingSecretStored(context, page, [user.password]);
    expect(b.blocked).toEqual([]);
    expect(b.pageErrors).toEqual([]);
  }, 90_000);
});
