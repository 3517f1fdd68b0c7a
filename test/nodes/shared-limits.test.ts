/**
 * Failed logins spread over several nodes are limited as one: 12 wrong passwords from one address,
 * alternating between two nodes on one database. The per-address limit is 10 a minute
 * (src/rate-limits.ts `passwordFailuresByIp`): the first 10 are refused as wrong, the 11th and 12th are
 * RATE_LIMITED — with per-node counters all 12 were UNAUTHENTICATED (6 a node). Refused keys are limited as
 * one too (60 a minute an address, `credentialFailuresByIp`), though checked in each node's memory: a node
 * learns of a block at its next failure from that address. Once with the counters in Redis (REDIS_URL), once
 * in MySQL's `rate_limits` table (no Redis).
 */
import Redis from 'ioredis';
import { newApiKeyToken } from '../../src/modules/api-keys/key-format';
import { codeOf } from '../reliability/support';
import { ADMIN_EMAIL } from '../helpers/server';
import { ask, dataOf, login, REDIS_URL, startCluster, within, type Cluster } from './cluster';

const VIEWER = `{ viewer { id } }`;
const CREATE_KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`;


const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token } }`;

async function wrongPasswordsAcross(cluster: Cluster, count: number): Promise<string[]> {
  const codes: string[] = [];
  for (let n = 0; n < count; n++) {
    const node = cluster.nodes[n % cluster.nodes.length];
    codes.push(codeOf(await ask(node, LOGIN, { input: { email: ADMIN_EMAIL, password: `wrong-password-${n}` } })));
  }
  return codes;
}

describe.each([
  ['Redis (REDIS_URL)', true],
  ['MySQL (no Redis)', false],
])('rate limits shared through %s', (_store, redis) => {
  let cluster: Cluster;
  /** A good API key (made before the wrong passwords below throttle the administrator's logins). */
  let key: string;
  beforeAll(async () => {
    cluster = await startCluster(2, { redis });
    const session = await login(cluster.nodes[0]);
    key = `ApiKey ${dataOf(await ask(cluster.nodes[0], CREATE_KEY, { input: { name: 'good-key' } }, session)).createApiKey.secret}`;
  });
  afterAll(() => cluster?.close());

  test('12 wrong passwords from one address over two nodes: 10 refused as wrong, then RATE_LIMITED on both nodes', async () => {
    const codes = await wrongPasswordsAcross(cluster, 12);
    expect(codes.slice(0, 10)).toEqual(Array(10).fill('UNAUTHENTICATED'));
    // The 11th goes to the first node, the 12th to the second: each refuses on the count of both.
    expect(codes.slice(10)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    // Nothing fell back to per-node counting on the way.
    for (const node of cluster.nodes) expect(node.lines.join('\n')).not.toContain('rate limit store unavailable');
  });

  test('64 wrong keys from one address over two nodes: 60 refused as wrong, one more verified by the node that had not seen the block, then RATE_LIMITED on both', async () => {
    const from = { localAddress: '127.0.0.9' };
    const codes: string[] = [];
    for (let n = 0; n < 64; n++) codes.push(codeOf(await ask(cluster.nodes[n % 2], VIEWER, {}, `ApiKey ${newApiKeyToken()}`, from)));
    expect(codes.slice(0, 60)).toEqual(Array(60).fill('UNAUTHENTICATED'));
    // The 60th failure was the second node's: the store's answer blocks the address there at once. The first
    // node learns of it at its own next failure from that address, the 61st — verified and refused as wrong:
    // the one extra verification per node per block that a check in memory costs (README "Many nodes").
    // From then on both refuse before verifying, on what they remember (per-node counters: 64 × UNAUTHENTICATED).
    expect(codes.slice(60)).toEqual(['UNAUTHENTICATED', 'RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    // A good key from that address too, on both (remembered until the store's window ends); not from another.
    for (const node of cluster.nodes) expect(codeOf(await ask(node, VIEWER, {}, key, from))).toBe('RATE_LIMITED');
    for (const node of cluster.nodes) expect(codeOf(await ask(node, VIEWER, {}, key, { localAddress: '127.0.0.10' }))).toBe('ok');
  });

  // The MySQL store's counterpart, in process where the SQL can be counted: test/access/sql-count.test.ts.
  if (redis) {
    test('a request that is not refused sends the limit store nothing; a refused one is counted there', async () => {
        const seen: string[] = [];
      const client = new Redis(REDIS_URL, { enableReadyCheck: false }); // no INFO of its own: a ready check answered inside MONITOR mode breaks ioredis's command queue
      const monitor = await client.monitor(); // a connection of its own
      monitor.on('monitor', (_time: string, args: string[]) => {
        const line = args.join(' ');
        if (line.includes(`${cluster.redisPrefix}rl:credentialFailuresByIp`)) seen.push(line);
      });
      try {
        for (let n = 0; n < 4; n++) expect(codeOf(await ask(cluster.nodes[n % 2], VIEWER, {}, key, { localAddress: '127.0.0.11' }))).toBe('ok');
        expect(codeOf(await ask(cluster.nodes[0], VIEWER, {}, `ApiKey ${newApiKeyToken()}`, { localAddress: '127.0.0.12' }))).toBe('UNAUTHENTICATED');
        // Redis reports commands to a monitor in the order it runs them: once the refusal's are seen, so would
        // any of the accepted requests' be.
        expect(await within(5_000, async () => seen.some((line) => line.includes('127.0.0.12')))).not.toBeNull();
        expect(seen.filter((line) => line.includes('127.0.0.11'))).toEqual([]);
      } finally {
        monitor.disconnect();
        client.disconnect();
      }
    });
  }
});
