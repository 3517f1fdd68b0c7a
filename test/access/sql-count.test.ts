/**
 * Listing keys with their owners, roles, groups and service permissions costs a fixed number of SQL statements,
 * whatever the page size; an authenticated request with a cached key costs none, the rate limits' included.
 * With the cache off, a key costs one statement, and on MySQL the lookups that arrive together share one.
 */
import { startTestServer, type RequestOptions, type TestServer } from '../helpers/server';
import { createUser as createIdentity } from '../identities/helpers';
import { createGroup, createKey, ok, roleIdsByName } from './helpers';
import { DELETE_KEY, RESET_SECRET, apiKeyAuth, basicAuth, tampered } from '../api-keys/helpers';
import { onMySql } from '../helpers/database';
import { newApiKeyToken } from '../../src/modules/api-keys/key-format';

let t: TestServer;
beforeAll(async () => {
  // No webhook outbox poll during the counts: its background SELECT is not the request's.
  t = await startTestServer({ WEBHOOK_POLL_INTERVAL: '1h' });
});
afterAll(() => t.close());

const LIST = `query($first: Int!) { apiKeys(first: $first, filter: {scope: ALL}) {
  edges { node { owner { name } roles { name } groups { name } servicePermissions } } } }`;

async function statementsToList(first: number): Promise<number> {
  t.sql.reset();
  const result = await t.gql(LIST, { first }, { token: t.adminToken });
  expect(result.errors).toBeUndefined();
  expect(result.data.apiKeys.edges).toHaveLength(first);
  return t.sql.count;
}

test('100 keys with owner, roles, groups and service permissions: the same number of statements as 10 keys', async () => {
  const [viewer, keyAdmin] = await roleIdsByName(t, ['Viewer', 'KeyAdministrator']);
  const users = [];
  for (let i = 0; i < 5; i++) {
    // Federated: no password, no argon2 cost in the set-up. Each holds both roles directly.
    users.push(await createIdentity(t, t.adminToken, { email: `owner-${i}@example.com`, name: `Owner ${i}`, federated: true, roleIds: [viewer, keyAdmin] }));
  }
  const bot = (await ok(t, `mutation($roles: [ID!]) { createFunctionalId(input: { name: "ci/bot", roleIds: $roles }) { id } }`, { roles: [viewer] }, { token: t.adminToken })).createFunctionalId.id;
  const owners = [...users, bot];
  const readers = await createGroup(t, 'Readers', [viewer], owners);
  const keyAdmins = await createGroup(t, 'Key admins', [keyAdmin], users);

  /** A mix of owners and of access: none, a role, a group, both. */
  const accessOf = (n: number, owner: string) => {
    const isBot = owner === bot;
    switch (n % 4) {
      case 0: return {};
      case 1: return { roleIds: [viewer] };
      case 2: return { groupIds: isBot ? [readers] : [readers, keyAdmins] };
      default: return isBot ? { roleIds: [viewer], groupIds: [readers] } : { roleIds: [keyAdmin], groupIds: [keyAdmins] };
    }
  };
  const addKeys = async (from: number, to: number) => {
    for (let n = from; n < to; n++) {
      const owner = owners[n % owners.length];
      await createKey(t, { token: t.adminToken }, { name: `key-${n}`, ownerId: owner, ...accessOf(n, owner) });
    }
  };

  await addKeys(0, 10);
  const forTen = await statementsToList(10);
  await addKeys(10, 100);
  const forHundred = await statementsToList(100);

  expect(forHundred).toBe(forTen);
  // Measured: 9 — the permissions, the page, the owners, the keys' role links and their roles, the keys'
  // group links and their groups, the owners' permissions and the keys' own grants (servicePermissions, one
  // batch). (The session and its principal were 2 more before sessions were cached.)
  expect(forTen).toBeLessThanOrEqual(9);
});

test('a cached key costs no statement, the refused-credential limit included; only a refusal reaches its store', async () => {
  // On MariaDB the limits live in the `rate_limits` table (no REDIS_URL), and its statements are counted with
  // the others; on SQLite they live in memory. The check before authentication asked that table on every request.
  const from = { localAddress: '127.0.0.41' };
  const { secret } = await createKey(t, { token: t.adminToken }, { name: 'limit-cached-key' });
  expect((await t.gql(`{ viewer { id } }`, {}, { ...apiKeyAuth(secret), ...from })).errors).toBeUndefined(); // cached now
  t.sql.reset();
  const cached = await t.gql(`{ viewer { id } }`, {}, { ...apiKeyAuth(secret), ...from });
  expect(cached.errors).toBeUndefined();
  expect(t.sql.statements).toEqual([]);

  t.sql.reset();
  expect((await t.gql(`{ viewer { id } }`, {}, { ...apiKeyAuth(newApiKeyToken()), ...from })).code).toBe('UNAUTHENTICATED');
  const limitStatements = t.sql.statements.filter((statement) => statement.includes('rate_limits'));
  // The refusal is counted in the shared store: so the count above would have seen a check made there.
  if (t.db.kind === 'mysql') expect(limitStatements.some((statement) => /^INSERT INTO/.test(statement))).toBe(true);
  else expect(limitStatements).toEqual([]);
});

describe('with the key cache off', () => {
  let cold: TestServer;
  beforeAll(async () => {
    cold = await startTestServer({ KEY_CACHE_TTL_MS: '0', WEBHOOK_POLL_INTERVAL: '1h' });
  });
  afterAll(() => cold.close());

  /** Statements of `{ viewer { id } }` with `options`, after one warming request. */
  async function statementsOfViewer(options: RequestOptions): Promise<string[]> {
    const warm = await cold.gql(`{ viewer { id } }`, {}, options);
    expect(warm.errors).toBeUndefined();
    cold.sql.reset();
    const result = await cold.gql(`{ viewer { id } }`, {}, options);
    expect(result.errors).toBeUndefined();
    expect(result.data.viewer.id).toBe(warm.data.viewer.id);
    return cold.sql.statements;
  }

  test('an API key or an access key costs one statement per request: key, owner and membership in one', async () => {
    const apiKey = await createKey(cold, { token: cold.adminToken }, { name: 'cold-api-key' });
    const accessKey = await createKey(cold, { token: cold.adminToken }, { name: 'cold-access-key', type: 'ACCESS_KEY' });
    const apiKeyStatements = await statementsOfViewer(apiKeyAuth(apiKey.secret));
    expect(apiKeyStatements).toHaveLength(1);
    expect(apiKeyStatements[0]).toMatch(/api_keys/);
    expect(apiKeyStatements[0]).toMatch(/principals/);
    expect(apiKeyStatements[0]).toMatch(/account_memberships/);
    const accessKeyStatements = await statementsOfViewer(basicAuth(accessKey.key.accessKeyId, accessKey.secret));
    expect(accessKeyStatements).toHaveLength(1);
  });

  test('on MariaDB, key lookups that arrive together share one statement, and each is answered with its own key', async () => {
    // Keys of three owners; one presented twice, one deleted, one tampered, one by its previous secret in its grace period.
    const owners = [null, ...(await Promise.all([0, 1].map((i) => createIdentity(cold, cold.adminToken, { email: `together-${i}@example.com`, name: `Together ${i}`, federated: true }))))];
    const keys: { key: any; secret: string }[] = [];
    for (const [i, ownerId] of owners.entries()) keys.push(await createKey(cold, { token: cold.adminToken }, { name: `together-${i}`, ...(ownerId ? { ownerId } : {}) }));
    const deleted = await createKey(cold, { token: cold.adminToken }, { name: 'together-deleted' });
    await ok(cold, DELETE_KEY, { input: { id: deleted.key.id } }, { token: cold.adminToken });
    const rotated = await createKey(cold, { token: cold.adminToken }, { name: 'together-rotated' });
    await ok(cold, RESET_SECRET, { input: { id: rotated.key.id, gracePeriodSeconds: 60 } }, { token: cold.adminToken });
    const presented = [
      { token: keys[0].secret, keyId: keys[0].key.id },
      { token: keys[1].secret, keyId: keys[1].key.id },
      { token: keys[2].secret, keyId: keys[2].key.id },
      { token: keys[1].secret, keyId: keys[1].key.id },
      { token: rotated.secret, keyId: rotated.key.id },
      { token: deleted.secret, keyId: null },
      { token: tampered(keys[0].secret), keyId: null },
    ];

    cold.sql.reset();
    // All in one turn of the event loop, as a busy server reads several requests in one.
    const verdicts = await Promise.all(presented.map(({ token }) => cold.server.services.keyAuthenticator.verifyApiKeyToken(token, '127.0.0.1', false)));
    expect(verdicts.map((verdict) => (verdict.ok ? verdict.key.id : null))).toEqual(presented.map(({ keyId }) => keyId));
    const lookups = cold.sql.statements.filter((statement) => /api_keys/.test(statement));
    // The current secrets of the seven in one statement, then the previous secrets of the three it did not find
    // in one more. On SQLite, whose reads are synchronous, one statement each: seven, then three.
    expect(lookups).toHaveLength(onMySql ? 2 : 10);

    // At most 32 lookups to a statement (a bounded set of statement forms per connection): 40 at once make two.
    cold.sql.reset();
    const many = await Promise.all(new Array(40).fill(keys[2].secret).map((token: string) => cold.server.services.keyAuthenticator.verifyApiKeyToken(token, '127.0.0.1', false)));
    expect(many.every((verdict) => verdict.ok && verdict.key.id === keys[2].key.id)).toBe(true);
    expect(cold.sql.statements.filter((statement) => /api_keys/.test(statement))).toHaveLength(onMySql ? 2 : 40);

    // Through the HTTP endpoint, all at once: each request is its own key's owner (or refused).
    const viewers = await Promise.all(presented.map(({ token }) => cold.gql(`{ viewer { id } }`, {}, apiKeyAuth(token))));
    const ownerOf = (keyId: string | null) => (keyId === null ? null : [...keys, rotated].find(({ key }) => key.id === keyId)!.key.owner.id);
    expect(viewers.map((result) => result.data?.viewer?.id ?? null)).toEqual(presented.map(({ keyId }) => ownerOf(keyId)));
  });
});
