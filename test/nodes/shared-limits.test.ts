/**
 * Failed logins spread over several nodes are limited as one: 12 wrong passwords from one address,
 * alternating between two nodes on one database. The per-address limit is 10 a minute
 * (src/rate-limits.ts `passwordFailuresByIp`): the first 10 are refused as wrong, the 11th and 12th are
 * RATE_LIMITED — with per-node counters all 12 were UNAUTHENTICATED (6 a node). Once with the counters in
 * Redis (REDIS_URL), once in MySQL's `rate_limits` table (no Redis).
 */
import { codeOf } from '../reliability/support';
import { ADMIN_EMAIL } from '../helpers/server';
import { ask, startCluster, type Cluster } from './cluster';

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
  beforeAll(async () => {
    cluster = await startCluster(2, { redis });
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
});
