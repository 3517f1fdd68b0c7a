/**
 * Cross-node revocation (DESIGN.md "Many nodes"), three nodes on one database. A key deleted, disabled or
 * reset through one node, and a session logged out through one node, are refused by the other nodes:
 * - with Redis: within one second, although their caches would keep the entries for a minute
 *   (KEY_CACHE_TTL_MS=60000): the change was published, not waited out;
 * - without Redis: within the TTL (KEY_CACHE_TTL_MS=1500 here), plus a margin for the request itself.
 * Before each change, every node has answered with the credential (so it is cached there).
 */
import { codeOf } from '../reliability/support';
import { CREATE_KEY, DELETE_KEY, RESET_SECRET, SET_STATE } from '../api-keys/helpers';
import { ask, dataOf, login, startCluster, within, type Cluster } from './cluster';

const VIEWER = `{ viewer { id } }`;

interface Variant {
  name: string;
  redis: boolean;
  ttlMs: number;
  /** How long the other nodes may take to refuse. */
  boundMs: number;
}

const VARIANTS: Variant[] = [
  { name: 'with Redis: within 1 s (the cache TTL is a minute)', redis: true, ttlMs: 60_000, boundMs: 1_000 },
  { name: 'without Redis: within KEY_CACHE_TTL_MS', redis: false, ttlMs: 1_500, boundMs: 1_500 + 1_000 },
];

describe.each(VARIANTS)('revocation reaches every node $name', ({ redis, ttlMs, boundMs }) => {
  let cluster: Cluster;
  let admin: string;
  beforeAll(async () => {
    cluster = await startCluster(3, { redis, env: { KEY_CACHE_TTL_MS: String(ttlMs) } });
    admin = await login(cluster.nodes[0]);
  });
  afterAll(() => cluster?.close());

  /** A new key of the administrator's, made through node 0, and used once through every node (now cached everywhere). */
  async function cachedKeyEverywhere(name: string): Promise<{ id: string; auth: string }> {
    const created = dataOf(await ask(cluster.nodes[0], CREATE_KEY, { input: { name } }, admin)).createApiKey;
    const auth = `ApiKey ${created.secret}`;
    for (const node of cluster.nodes) expect(codeOf(await ask(node, VIEWER, {}, auth))).toBe('ok');
    return { id: created.apiKey.id, auth };
  }

  /** Polls nodes 1 and 2 until both refuse `auth`; true when they did within the bound. */
  async function othersRefuse(auth: string): Promise<boolean> {
    const took = await within(boundMs, async () => {
      const codes = await Promise.all(cluster.nodes.slice(1).map(async (node) => codeOf(await ask(node, VIEWER, {}, auth))));
      return codes.every((code) => code === 'UNAUTHENTICATED');
    });
    return took !== null;
  }

  test('a key deleted through one node is refused by the others', async () => {
    const key = await cachedKeyEverywhere('deleted-elsewhere');
    dataOf(await ask(cluster.nodes[0], DELETE_KEY, { input: { id: key.id } }, admin));
    expect(codeOf(await ask(cluster.nodes[0], VIEWER, {}, key.auth))).toBe('UNAUTHENTICATED');
    expect(await othersRefuse(key.auth)).toBe(true);
  });

  test('a key disabled through one node is refused by the others', async () => {
    const key = await cachedKeyEverywhere('disabled-elsewhere');
    dataOf(await ask(cluster.nodes[0], SET_STATE, { input: { id: key.id, state: 'INACTIVE' } }, admin));
    expect(await othersRefuse(key.auth)).toBe(true);
  });

  test('a key whose secret is reset through one node: the old secret is refused by the others, the new one works on all', async () => {
    const key = await cachedKeyEverywhere('reset-elsewhere');
    const reset = dataOf(await ask(cluster.nodes[0], RESET_SECRET, { input: { id: key.id } }, admin)).resetApiKeySecret;
    expect(await othersRefuse(key.auth)).toBe(true);
    for (const node of cluster.nodes) expect(codeOf(await ask(node, VIEWER, {}, `ApiKey ${reset.secret}`))).toBe('ok');
  });

  test('a session logged out through one node ends on all', async () => {
    const session = await login(cluster.nodes[2]);
    for (const node of cluster.nodes) expect(codeOf(await ask(node, VIEWER, {}, session))).toBe('ok');
    expect(dataOf(await ask(cluster.nodes[1], `mutation { logout }`, {}, session)).logout).toBe(true);
    // The node that logged out refuses at once; the others within the bound (nodes 0 and 2 are polled here).
    expect(codeOf(await ask(cluster.nodes[1], VIEWER, {}, session))).toBe('UNAUTHENTICATED');
    const took = await within(boundMs, async () => {
      const codes = await Promise.all([cluster.nodes[0], cluster.nodes[2]].map(async (node) => codeOf(await ask(node, VIEWER, {}, session))));
      return codes.every((code) => code === 'UNAUTHENTICATED');
    });
    expect(took).not.toBeNull();
  });
});
