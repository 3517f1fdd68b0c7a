/**
 * Key concurrency: 200 mixed key operations at once — createApiKey,
 * updateApiKey with ifMatch, lockApiKey, deleteApiKey, resetApiKeySecret,
 * setApiKeyState — on keys shared by an administrator, a manager and two users
 * under it (each key is acted on by its owner, the manager and the
 * administrator). Run on MariaDB (DATABASE_URL=mysql://…) and on SQLite.
 * Afterwards, read from the database, every invariant holds:
 *  - no principal over its limits (20 API keys; 2 access keys unless administrator);
 *  - no locked key deleted: a key whose lock was acknowledged is still there, locked
 *    (the scenario never unlocks, so a lock stays true from its acknowledgement on);
 *  - every acknowledged create present (nothing deletes a key made during the run),
 *    every acknowledged delete gone;
 *  - etags unique per change: no two acknowledged changes of a key answered the same
 *    etag, and the stored version counts every acknowledged change (none lost);
 *  - every answer is a contract code expected of the operation (no INTERNAL_SERVER_ERROR,
 *    no deadlock surfaced, no timeout).
 */
import type { TestServer } from '../helpers/server';
import { startTestServer } from '../helpers/server';
import { CREATE_KEY, DELETE_KEY, LOCK_KEY, RESET_SECRET, SET_STATE, UPDATE_KEY, createUser } from '../api-keys/helpers';
import { codeOf, sendGql } from './support';

export type KeyOperationKind = 'create' | 'update' | 'lock' | 'unlock' | 'delete' | 'reset' | 'setState';

export interface KeyActor {
  principalId: string;
  token: string;
  /** Principals whose keys this actor may change besides its own (`*`: every one, an administrator). */
  manages: string[] | '*';
}

/** What one operation was answered: the contract code (`ok` on success) and what it acknowledged. */
export interface KeyOperationOutcome {
  kind: KeyOperationKind;
  actor: string;
  keyId: string | null;
  code: string;
  /** The etag the answer carried, for creates and changes. */
  etag?: string;
  /** For creates: the owner and type asked for. */
  ownerId?: string;
  type?: 'API_KEY' | 'ACCESS_KEY';
}

const TIMEOUT_MS = 30_000;
/** Keys each actor holds before the storm: close to the limits, so racing creates hit them. */
const SEEDED_API_KEYS = 17;
const SEEDED_ACCESS_KEYS = 1;
const LIMITS = { API_KEY: 20, ACCESS_KEY: 2 };

/** Answers each operation may get; anything else is a violation. */
const EXPECTED_CODES: Record<KeyOperationKind, string[]> = {
  create: ['ok', 'LIMIT_EXCEEDED'],
  update: ['ok', 'PRECONDITION_FAILED', 'KEY_LOCKED', 'NOT_FOUND'],
  setState: ['ok', 'KEY_LOCKED', 'NOT_FOUND'],
  reset: ['ok', 'KEY_LOCKED', 'NOT_FOUND'],
  lock: ['ok', 'NOT_FOUND'],
  unlock: ['ok', 'NOT_FOUND'],
  delete: ['ok', 'KEY_LOCKED', 'NOT_FOUND'],
};

/** A small deterministic PRNG (mulberry32): the same run every time, yet mixed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let r = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

async function operation(t: TestServer, actor: KeyActor, kind: KeyOperationKind, target: { id: string; etag: string } | null, create?: { ownerId: string; type: 'API_KEY' | 'ACCESS_KEY'; name: string }): Promise<KeyOperationOutcome> {
  const send = (query: string, variables: Record<string, unknown>) => sendGql(t.url, query, variables, { token: actor.token, timeoutMs: TIMEOUT_MS });
  const outcome = (answer: Awaited<ReturnType<typeof send>>, pick: (data: any) => { id: string; etag?: string } | undefined): KeyOperationOutcome => {
    const code = codeOf(answer);
    const acknowledged = code === 'ok' && answer.kind === 'answered' ? pick(answer.body.data) : undefined;
    return { kind, actor: actor.principalId, keyId: acknowledged?.id ?? target?.id ?? null, code, etag: acknowledged?.etag, ownerId: create?.ownerId, type: create?.type };
  };
  switch (kind) {
    case 'create':
      return outcome(await send(CREATE_KEY, { input: { name: create!.name, ownerId: create!.ownerId, type: create!.type } }), (d) => d.createApiKey.apiKey);
    case 'update':
      return outcome(await send(UPDATE_KEY, { input: { id: target!.id, description: `changed by ${actor.principalId}`, ifMatch: target!.etag } }), (d) => d.updateApiKey);
    case 'setState':
      return outcome(await send(SET_STATE, { input: { id: target!.id, state: 'INACTIVE' } }), (d) => d.setApiKeyState);
    case 'reset':
      return outcome(await send(RESET_SECRET, { input: { id: target!.id } }), (d) => d.resetApiKeySecret.apiKey);
    case 'lock':
      return outcome(await send(LOCK_KEY, { id: target!.id }), (d) => d.lockApiKey);
    case 'unlock':
      throw new Error('the scenario never unlocks: a lock must stay true from its acknowledgement on');
    case 'delete':
      return outcome(await send(DELETE_KEY, { input: { id: target!.id } }), (d) => ({ id: d.deleteApiKey.deletedId }));
  }
}

/**
 * Seeds keys for every actor (close to the limits), then fires `count` mixed
 * operations at once (bounded only by the server and a per-request timeout)
 * over those keys. The seeding creates are outcomes too (acknowledged creates).
 */
export async function runMixedKeyOperations(t: TestServer, actors: KeyActor[], count: number): Promise<KeyOperationOutcome[]> {
  const seeded: KeyOperationOutcome[] = [];
  for (const actor of actors) {
    for (let i = 0; i < SEEDED_API_KEYS + SEEDED_ACCESS_KEYS; i++) {
      const type = i < SEEDED_API_KEYS ? 'API_KEY' : 'ACCESS_KEY';
      seeded.push(await operation(t, actor, 'create', null, { ownerId: actor.principalId, type, name: `seed-${i}` }));
    }
  }
  const failedSeed = seeded.find((o) => o.code !== 'ok');
  if (failedSeed) throw new Error(`seeding failed: ${failedSeed.code}`);
  const keys = seeded.map((o) => ({ id: o.keyId!, etag: o.etag!, ownerId: o.ownerId! }));

  const next = random(7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const kinds: KeyOperationKind[] = ['create', 'update', 'update', 'lock', 'delete', 'delete', 'reset', 'setState'];
  const mayAct = (actor: KeyActor, ownerId: string) => actor.principalId === ownerId || actor.manages === '*' || actor.manages.includes(ownerId);
  const planned = Array.from({ length: count }, (_, i) => {
    const kind = pick(kinds);
    if (kind === 'create') {
      const owner = pick(actors);
      const actor = pick(actors.filter((a) => mayAct(a, owner.principalId)));
      return () => operation(t, actor, kind, null, { ownerId: owner.principalId, type: next() < 0.3 ? 'ACCESS_KEY' : 'API_KEY', name: `race-${i}` });
    }
    const key = pick(keys);
    const actor = pick(actors.filter((a) => mayAct(a, key.ownerId)));
    return () => operation(t, actor, kind, key);
  });
  const raced = await Promise.all(planned.map((run) => run()));
  return [...seeded, ...raced];
}

/** Reads the stored keys and lists every invariant the outcomes break (empty: all hold). */
export async function keyInvariantViolations(t: TestServer, outcomes: KeyOperationOutcome[]): Promise<string[]> {
  const violations: string[] = [];
  const rows: { id: string; owner_id: string; type: 'API_KEY' | 'ACCESS_KEY'; locked: unknown; version: unknown }[] = await t.server.dataSource.query(
    `SELECT id, owner_id, type, locked, version FROM api_keys`,
  );
  const stored = new Map(rows.map((r) => [r.id, { ownerId: r.owner_id, type: r.type, locked: Boolean(Number(r.locked)), version: Number(r.version) }]));
  const viewer = await t.gql(`{ viewer { id } }`, {}, { token: t.adminToken });
  const administratorId: string = viewer.data.viewer.id;

  for (const o of outcomes) {
    if (!EXPECTED_CODES[o.kind].includes(o.code)) violations.push(`${o.kind} of ${o.keyId ?? 'a new key'} by ${o.actor} answered ${o.code}`);
  }

  // Limits, per owner and type.
  const held = new Map<string, number>();
  for (const key of stored.values()) held.set(`${key.ownerId} ${key.type}`, (held.get(`${key.ownerId} ${key.type}`) ?? 0) + 1);
  for (const [ownerAndType, n] of held) {
    const [ownerId, type] = ownerAndType.split(' ') as [string, 'API_KEY' | 'ACCESS_KEY'];
    if (type === 'ACCESS_KEY' && ownerId === administratorId) continue; // administrators: no access key limit
    if (n > LIMITS[type]) violations.push(`${ownerId} holds ${n} keys of type ${type} (limit ${LIMITS[type]})`);
  }

  const acknowledged = outcomes.filter((o) => o.code === 'ok');
  for (const o of acknowledged) {
    const key = o.keyId ? stored.get(o.keyId) : undefined;
    if (o.kind === 'create' && !key && !acknowledged.some((d) => d.kind === 'delete' && d.keyId === o.keyId)) violations.push(`acknowledged create ${o.keyId} is missing`);
    if (o.kind === 'delete' && key) violations.push(`acknowledged delete ${o.keyId} is still there`);
    if (o.kind === 'lock' && !key?.locked) violations.push(`key ${o.keyId} was locked (acknowledged) but is ${key ? 'unlocked' : 'deleted'}`);
  }

  // Etags: one distinct etag per acknowledged change of a key, and the stored version counts them all.
  const changesByKey = new Map<string, string[]>();
  for (const o of acknowledged) {
    if (o.kind === 'delete') continue;
    changesByKey.set(o.keyId!, [...(changesByKey.get(o.keyId!) ?? []), o.etag!]);
  }
  for (const [keyId, etags] of changesByKey) {
    if (new Set(etags).size !== etags.length) violations.push(`key ${keyId} answered a repeated etag: ${etags.join(' ')}`);
    const key = stored.get(keyId);
    if (key && key.version !== etags.length) violations.push(`key ${keyId} is at version ${key.version} after ${etags.length} acknowledged changes`);
  }
  return violations;
}

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

test('200 parallel mixed key operations from owners, their manager and an administrator leave every invariant holding', async () => {
  const administrator = (await t.gql(`{ viewer { id } }`, {}, { token: t.adminToken })).data.viewer.id as string;
  const manager = await createUser(t, { name: 'Manager' });
  const ann = await createUser(t, { name: 'Ann', parentId: manager.id });
  const bob = await createUser(t, { name: 'Bob', parentId: manager.id });
  const actors: KeyActor[] = [
    { principalId: administrator, token: t.adminToken, manages: '*' },
    { principalId: manager.id, token: manager.token, manages: [ann.id, bob.id] },
    { principalId: ann.id, token: ann.token, manages: [] },
    { principalId: bob.id, token: bob.token, manages: [] },
  ];

  const outcomes = await runMixedKeyOperations(t, actors, 200);

  expect(await keyInvariantViolations(t, outcomes)).toEqual([]);
  // The storm really contended: refusals of every kind the invariants are about happened.
  const codes = new Set(outcomes.map((o) => `${o.kind} ${o.code}`));
  for (const expected of ['create ok', 'create LIMIT_EXCEEDED', 'lock ok', 'delete ok', 'delete KEY_LOCKED', 'update PRECONDITION_FAILED']) expect(codes).toContain(expected);
});
