/**
 * Redis away and back (always MariaDB and Redis: two built servers on one database, REDIS_URL through a TCP
 * proxy this test controls). Failed logins from one address, alternating between the nodes, show where the
 * counters live (10 a minute an address, src/rate-limits.ts):
 * - Redis up: limited as one — 10 refused as wrong, then RATE_LIMITED;
 * - proxy cut: every request keeps being served (sessions, keys, logins), and limits fall back to each node's
 *   own counters — 20 wrong (10 a node), then RATE_LIMITED: per node, never none, never everyone refused;
 *   each node logs the outage once and /metrics says degraded;
 * - proxy forwarding again: the nodes reconnect by themselves and limits are shared again;
 * - then the gray failure, the proxy blackholed (connected, silent): the same, each store call bounded by
 *   REDIS_TIMEOUT_MS and the store then left alone for a second, and shared again once it forwards.
 * Each phase fails from an address of its own (127.0.0.x), so no phase spends another's counters.
 */
import { CREATE_KEY } from '../api-keys/helpers';
import { ask, dataOf, login, REDIS_URL, startCluster, within, type Cluster } from '../nodes/cluster';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/server';
import { codeOf, send, TcpProxy } from './support';

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token } }`;
const VIEWER = `{ viewer { id } }`;

let proxy: TcpProxy;
let cluster: Cluster;
beforeAll(async () => {
  const redis = new URL(REDIS_URL);
  proxy = new TcpProxy(redis.hostname, Number(redis.port));
  const proxied = new URL(REDIS_URL);
  proxied.port = String(await proxy.start());
  cluster = await startCluster(2, { redis: { url: proxied.toString() }, env: { METRICS_ENABLED: 'true', REDIS_TIMEOUT_MS: '300' } });
});
afterAll(async () => {
  await cluster?.close();
  await proxy?.stop();
});

/** `count` wrong passwords from `address`, alternating between the nodes; their codes in order. */
async function wrongPasswords(address: string, count: number): Promise<string[]> {
  const codes: string[] = [];
  for (let n = 0; n < count; n++) {
    const node = cluster.nodes[n % 2];
    codes.push(codeOf(await ask(node, LOGIN, { input: { email: ADMIN_EMAIL, password: `wrong-${address}-${n}` } }, undefined, { localAddress: address })));
  }
  return codes;
}

/** The counts `count` gives once they equal `want`, or after a second (stdout is written in blocks, at least every 100 ms). */
async function logged(count: () => number[], want: number[]): Promise<number[]> {
  await within(1_000, async () => JSON.stringify(count()) === JSON.stringify(want));
  return count();
}

async function metric(nodeIndex: number, name: string): Promise<number | null> {
  const answer = await send(`${cluster.nodes[nodeIndex].origin}/metrics`, null);
  if (answer.kind !== 'answered') return null;
  const line = answer.text.split('\n').find((l) => l.startsWith(name));
  return line ? Number(line.split(' ').pop()) : null;
}

const outageLogs = (nodeIndex: number) => cluster.nodes[nodeIndex].lines.filter((line) => line.includes('rate limit store unavailable')).length;
const backLogs = (nodeIndex: number) => cluster.nodes[nodeIndex].lines.filter((line) => line.includes('rate limit store is back')).length;

test('Redis cut: requests keep being served, limits fall back per node, and are shared again once Redis returns', async () => {
  const session = await login(cluster.nodes[0]);
  const key = `ApiKey ${dataOf(await ask(cluster.nodes[1], CREATE_KEY, { input: { name: 'through-the-outage' } }, session)).createApiKey.secret}`;

  // Shared: the 11th and 12th are refused on the count of both nodes.
  expect(await wrongPasswords('127.0.0.2', 12)).toEqual([...Array(10).fill('UNAUTHENTICATED'), 'RATE_LIMITED', 'RATE_LIMITED']);
  expect([outageLogs(0), outageLogs(1)]).toEqual([0, 0]);

  proxy.cut();
  // Served on both nodes: a session, a key, a login with the right password.
  for (const node of cluster.nodes) {
    expect(codeOf(await ask(node, VIEWER, {}, session))).toBe('ok');
    expect(codeOf(await ask(node, VIEWER, {}, key))).toBe('ok');
    expect(codeOf(await ask(node, LOGIN, { input: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } }, undefined, { localAddress: '127.0.0.3' }))).toBe('ok');
  }
  // Per node: 10 on each before either refuses, then refused on both.
  const during = await wrongPasswords('127.0.0.4', 24);
  console.log(`redis cut: wrong passwords over two nodes answered ${JSON.stringify(during)}`);
  expect(during).toEqual([...Array(20).fill('UNAUTHENTICATED'), ...Array(4).fill('RATE_LIMITED')]);
  expect(await logged(() => [outageLogs(0), outageLogs(1)], [1, 1])).toEqual([1, 1]);
  expect([await metric(0, 'keywarden_rate_limit_store_degraded{store="redis"}'), await metric(1, 'keywarden_rate_limit_store_degraded{store="redis"}')]).toEqual([1, 1]);
  expect(await metric(0, 'keywarden_redis_up')).toBe(0);

  proxy.restore();
  // Reconnected and shared again: both nodes answer from Redis (polled: the client reconnects with a backoff).
  // Nothing is sent meanwhile: accepted requests make no store call (the refused-credential limit is checked in
  // memory), so each node must notice the return by its own probe of the store, once a second while degraded.
  const took = await within(15_000, async () => {
    const degraded = [await metric(0, 'keywarden_rate_limit_store_degraded{store="redis"}'), await metric(1, 'keywarden_rate_limit_store_degraded{store="redis"}')];
    return degraded.every((value) => value === 0);
  });
  console.log(`redis forwarding again: limits shared again after ${took} ms`);
  expect(took).not.toBeNull();
  expect(await logged(() => [backLogs(0), backLogs(1)], [1, 1])).toEqual([1, 1]);
  expect(await wrongPasswords('127.0.0.5', 12)).toEqual([...Array(10).fill('UNAUTHENTICATED'), 'RATE_LIMITED', 'RATE_LIMITED']);
  // One outage each, counted.
  expect(await metric(0, 'keywarden_rate_limit_store_outages_total')).toBe(1);
  expect(await metric(1, 'keywarden_rate_limit_store_outages_total')).toBe(1);
});

test('Redis blackholed (connected, silent): requests keep being served with per-node limits, shared again once it forwards', async () => {
  const session = await login(cluster.nodes[1]);
  proxy.blackhole();
  for (const node of cluster.nodes) expect(codeOf(await ask(node, VIEWER, {}, session, { timeoutMs: 5_000 }))).toBe('ok');
  const during = await wrongPasswords('127.0.0.6', 24);
  console.log(`redis blackholed: wrong passwords over two nodes answered ${JSON.stringify(during)}`);
  expect(during).toEqual([...Array(20).fill('UNAUTHENTICATED'), ...Array(4).fill('RATE_LIMITED')]);
  expect(await logged(() => [outageLogs(0), outageLogs(1)], [2, 2])).toEqual([2, 2]);

  proxy.restore();
  const took = await within(15_000, async () => {
    const degraded = [await metric(0, 'keywarden_rate_limit_store_degraded{store="redis"}'), await metric(1, 'keywarden_rate_limit_store_degraded{store="redis"}')];
    return degraded.every((value) => value === 0);
  });
  console.log(`redis forwarding again after the blackhole: limits shared again after ${took} ms`);
  expect(took).not.toBeNull();
  expect(await wrongPasswords('127.0.0.7', 12)).toEqual([...Array(10).fill('UNAUTHENTICATED'), 'RATE_LIMITED', 'RATE_LIMITED']);
  expect(await metric(0, 'keywarden_rate_limit_store_outages_total')).toBe(2);
});
