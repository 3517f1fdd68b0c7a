/** The IBM Cloud flow: create → list MINE → update with ifMatch (stale refused) → lock → delete refused → unlock → delete → token dead. */
import { startTestServer, type TestServer } from '../helpers/server';
import { CREATE_KEY, DELETE_KEY, LIST_KEYS, LOCK_KEY, UNLOCK_KEY, UPDATE_KEY, apiKeyAuth, createKey, createUser, expectInvalidCredentials, type TestUser } from './helpers';

let t: TestServer;
let alice: TestUser;
beforeAll(async () => {
  t = await startTestServer();
  alice = await createUser(t);
});
afterAll(() => t.close());

test('a user with no role creates, lists, updates, locks, unlocks and deletes an API key; then the token no longer authenticates', async () => {
  const { key, secret } = await createKey(t, { token: alice.token }, { name: 'ibm/cli', description: 'for the CLI' });
  expect(secret).toMatch(/^kw_[0-9A-Za-z]{38}$/);
  expect(key).toMatchObject({ type: 'API_KEY', name: 'ibm/cli', state: 'ACTIVE', locked: false, expiresAt: null, expired: false, actionWhenLeaked: 'DISABLE' });
  expect(secret.startsWith(key.prefix)).toBe(true);
  expect(key.owner.id).toBe(alice.id);

  // The token authenticates as alice.
  const viewer = await t.gql(`{ viewer { id } }`, {}, apiKeyAuth(secret));
  expect(viewer.data.viewer.id).toBe(alice.id);

  const mine = await t.gql(LIST_KEYS, { filter: { scope: 'MINE' } }, { token: alice.token });
  expect(mine.data.apiKeys.edges.map((e: any) => e.node.id)).toEqual([key.id]);
  expect(mine.data.apiKeys.totalCount).toBe(1);

  const updated = await t.gql(UPDATE_KEY, { input: { id: key.id, name: 'ibm/cli-renamed', description: 'renamed', ifMatch: key.etag } }, { token: alice.token });
  expect(updated.errors).toBeUndefined();
  expect(updated.data.updateApiKey).toMatchObject({ name: 'ibm/cli-renamed', description: 'renamed' });
  expect(updated.data.updateApiKey.etag).not.toBe(key.etag);

  const stale = await t.gql(UPDATE_KEY, { input: { id: key.id, name: 'lost-update', ifMatch: key.etag } }, { token: alice.token });
  expect(stale.code).toBe('PRECONDITION_FAILED');
  const afterStale = await t.gql(LIST_KEYS, {}, { token: alice.token });
  expect(afterStale.data.apiKeys.edges[0].node.name).toBe('ibm/cli-renamed');

  const locked = await t.gql(LOCK_KEY, { id: key.id }, { token: alice.token });
  expect(locked.data.lockApiKey.locked).toBe(true);
  for (const [query, input] of [
    [DELETE_KEY, { id: key.id }],
    [UPDATE_KEY, { id: key.id, name: 'nope' }],
  ] as const) {
    const refused = await t.gql(query, { input }, { token: alice.token });
    expect(refused.code).toBe('KEY_LOCKED');
  }
  // A locked key still authenticates.
  expect((await t.gql(`{ viewer { id } }`, {}, apiKeyAuth(secret))).data.viewer.id).toBe(alice.id);

  const unlocked = await t.gql(UNLOCK_KEY, { id: key.id }, { token: alice.token });
  expect(unlocked.data.unlockApiKey.locked).toBe(false);

  const deleted = await t.gql(DELETE_KEY, { input: { id: key.id, ifMatch: unlocked.data.unlockApiKey.etag } }, { token: alice.token });
  expect(deleted.data.deleteApiKey).toEqual({ deletedId: key.id, dryRun: false });

  expectInvalidCredentials(await t.gql(`{ viewer { id } }`, {}, apiKeyAuth(secret)));
  expect((await t.gql(LIST_KEYS, {}, { token: alice.token })).data.apiKeys.edges).toEqual([]);
});

test('names are unique per owner (CONFLICT) and may hold folders; input is validated', async () => {
  await createKey(t, { token: alice.token }, { name: 'ci/deploy/prod' });
  const again = await t.gql(CREATE_KEY, { input: { name: 'ci/deploy/prod' } }, { token: alice.token });
  expect(again.code).toBe('CONFLICT');
  const tooLong = await t.gql(CREATE_KEY, { input: { name: 'x'.repeat(129) } }, { token: alice.token });
  expect(tooLong.code).toBe('BAD_USER_INPUT');
  const badCidr = await t.gql(CREATE_KEY, { input: { name: 'cidr', allowedCidrs: ['10.0.0.0/33'] } }, { token: alice.token });
  expect(badCidr.code).toBe('BAD_USER_INPUT');
  const past = await t.gql(CREATE_KEY, { input: { name: 'past', expiresAt: new Date(t.clock.now().getTime() - 1000).toISOString() } }, { token: alice.token });
  expect(past.code).toBe('BAD_USER_INPUT');
  const days = await t.gql(CREATE_KEY, { input: { name: 'days', expiresInDays: 3651 } }, { token: alice.token });
  expect(days.code).toBe('BAD_USER_INPUT');
});

test('audit events name the key, carry no secret, and commit with the change', async () => {
  t.sql.reset();
  const { key, secret } = await createKey(t, { token: alice.token }, { name: 'audited' });
  const statements = t.sql.statements;
  const insertKey = statements.findIndex((s) => /INSERT INTO [`"]api_keys[`"]/.test(s));
  const insertEvent = statements.findIndex((s) => /INSERT INTO [`"]audit_events[`"]/.test(s));
  const commit = statements.findIndex((s, i) => i > insertKey && /^COMMIT/.test(s));
  expect(insertKey).toBeGreaterThanOrEqual(0);
  expect(insertEvent).toBeGreaterThan(insertKey);
  expect(insertEvent).toBeLessThan(commit);

  const events = await t.server.dataSource.query(`SELECT action, outcome, target_id, details FROM audit_events WHERE target_id = ?`, [key.id]);
  expect(events).toEqual([expect.objectContaining({ action: 'apikey.create', outcome: 'SUCCESS', target_id: key.id })]);
  expect(JSON.stringify(events)).not.toContain(secret);
});
