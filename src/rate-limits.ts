/**
 * Every rate limit of the service, in one table (DESIGN.md "Authorization
 * model", rule 8), and the one place that builds the limiters. Services get
 * the built limiters; none makes its own.
 *
 * Where counters live (DESIGN.md "Many nodes"): Redis when REDIS_URL is set,
 * else the `rate_limits` table on MySQL (made by a migration, so nodes never
 * race to create it), else memory (SQLite: one node). A shared store has a
 * per-node memory limiter as insurance: while the store fails or is late, each
 * node limits alone — never no limits, never refusing everyone — and the
 * outage is logged once when it starts and once when it ends, and counted in
 * /metrics. After a failure the store is skipped for `STORE_RETRY_MS`, so an
 * away store costs one deadline, not one per limiter per request. The limit checked before every
 * authentication (`credentialFailuresByIp`) is read from memory only: `LocallyCheckedLimit` below.
 */
import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterMySQL, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type Redis from 'ioredis';
import type { Logger } from './logger';

export interface LimitPolicy {
  /** Attempts allowed in the window… */
  points: number;
  /** …of this many seconds. */
  duration: number;
}

export const RATE_LIMITS = {
  /**
   * Failed password checks for one email from one IP: a stranger guessing
   * from its own address spends this, and only this, of the user's budget.
   */
  passwordFailuresByEmailAndIp: { points: 10, duration: 15 * 60 },
  /** Failed password checks from one IP, whatever the email (password spraying). */
  passwordFailuresByIp: { points: 10, duration: 60 },
  /**
   * Failed password checks for one email across all IPs: far above the
   * per-address limit, so that one address cannot lock the user out; only
   * a guessing campaign from many addresses reaches it.
   */
  passwordFailuresByEmail: { points: 100, duration: 15 * 60 },
  /** Refused keys and sessions from one IP (credential stuffing). */
  credentialFailuresByIp: { points: 60, duration: 60 },
  /** Anonymous leak reports from one IP (each one hashes and looks up a secret, and may notify). */
  leakReportsByIp: { points: 10, duration: 60 },
  /** Users one caller may create (each may hash a password and sends no mail, but fills the database). */
  usersCreatedByCaller: { points: 200, duration: 60 * 60 },
  /** Accounts one user may create. */
  accountsCreatedByCaller: { points: 10, duration: 24 * 60 * 60 },
  /** createUser refused because the email is in use: each refusal tells the caller that much. */
  emailInUseByCaller: { points: 10, duration: 60 * 60 },
} as const satisfies Record<string, LimitPolicy>;

export type LimitName = keyof typeof RATE_LIMITS;
export type Limiters = Record<LimitName, RateLimiterAbstract>;

/** Where the counters live. */
export type LimitStore =
  | { kind: 'memory' }
  | { kind: 'redis'; client: Redis; prefix: string; deadlineMs: number }
  /** `pool`: typeorm's mysql2 pool behind deadlines (database-deadlines.ts `boundedPoolClient`); `database`: its schema name. */
  | { kind: 'mysql'; pool: unknown; database: string; deadlineMs: number };

/** The table of the MySQL store (migration 1764200000000-RateLimits). */
export const RATE_LIMIT_TABLE = 'rate_limits';
/** After a store failure, limiters use their per-node insurance this long before trying the store again. */
export const STORE_RETRY_MS = 1_000;

/** Whether the shared store answers: for the log, /metrics and the limiters' store skipping. */
export class LimitStoreHealth {
  /** Limiter calls that failed or were late in the store (each answered by the per-node insurance). */
  failures = 0;
  /** Calls answered by the insurance without trying the store (it failed less than STORE_RETRY_MS ago). */
  skipped = 0;
  outages = 0;
  degraded = false;
  private retryAt = 0;
  private probe: (() => Promise<unknown>) | null = null;
  private probing: NodeJS.Timeout | undefined;

  constructor(
    readonly store: LimitStore['kind'],
    private readonly log: Logger | null,
  ) {}

  /** True while the store is to be left alone. */
  skip(): boolean {
    if (!this.degraded || Date.now() >= this.retryAt) return false;
    this.skipped++;
    return true;
  }

  /**
   * While degraded, `probe` (one store read) runs every STORE_RETRY_MS, so the return of the store is noticed
   * — logged, and /metrics no longer degraded — without waiting for traffic: requests that are not refused
   * no longer call the store (`LocallyCheckedLimit`), so an idle or a well-behaved node might not call it for
   * a long while. Its calls count in `failures` and `skipped` like any other.
   */
  watchWith(probe: () => Promise<unknown>): void {
    this.probe = probe;
  }

  failed(error: unknown): void {
    this.failures++;
    this.retryAt = Date.now() + STORE_RETRY_MS;
    if (this.degraded) return;
    this.degraded = true;
    this.outages++;
    this.log?.warn({ store: this.store, err: (error as Error)?.message }, 'rate limit store unavailable: each node limits alone until it returns');
    const probe = this.probe;
    if (probe) {
      this.probing = setInterval(() => void probe().catch(() => undefined), STORE_RETRY_MS);
      this.probing.unref();
    }
  }

  succeeded(): void {
    if (!this.degraded) return;
    this.degraded = false;
    clearInterval(this.probing);
    this.log?.info({ store: this.store }, 'rate limit store is back: limits are shared again');
  }

  /** At shutdown: no more probes. */
  close(): void {
    this.probe = null;
    clearInterval(this.probing);
  }
}

/** Longest client key stored as is (the column holds 255 characters, the limiter's name and a colon included). */
const MAX_STORED_KEY = 160;

const STORE_SKIPPED = Object.assign(new Error('rate limit store skipped after a recent failure'), { code: 'STORE_SKIPPED' });

/** Puts the store calls of `limiter` behind a deadline and `health` (rate-limiter-flexible's store primitives). */
function guarded<L extends RateLimiterAbstract>(limiter: L, health: LimitStoreHealth, deadlineMs: number): L {
  const target = limiter as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  // Keys come from clients (emails): a long one is stored by its hash, so it always fits the store's key column
  // (a refused write would count as a store failure, and a client could keep the store "failing").
  const getKey = limiter.getKey.bind(limiter);
  limiter.getKey = (key: string | number) => getKey(String(key).length > MAX_STORED_KEY ? `sha256:${createHash('sha256').update(String(key)).digest('hex')}` : key);
  for (const method of ['_upsert', '_get', '_delete']) {
    const original = target[method].bind(limiter);
    target[method] = (...args: unknown[]) => {
      if (health.skip()) return Promise.reject(STORE_SKIPPED);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the rate limit store took over ${deadlineMs} ms`)), deadlineMs)));
      return Promise.race([original(...args), late]).then(
        (result) => {
          clearTimeout(timer);
          health.succeeded();
          return result;
        },
        (error: unknown) => {
          clearTimeout(timer);
          health.failed(error);
          throw error;
        },
      );
    };
  }
  return limiter;
}

/** Builds one limiter for a policy. The only function that knows where counters live. */
function makeLimiter(name: LimitName, policy: LimitPolicy, store: LimitStore, health: LimitStoreHealth, first: boolean): RateLimiterAbstract {
  if (store.kind === 'memory') return new RateLimiterMemory({ keyPrefix: name, ...policy });
  const insuranceLimiter = new RateLimiterMemory({ keyPrefix: name, ...policy });
  if (store.kind === 'redis') {
    const limiter = new RateLimiterRedis({ storeClient: store.client, keyPrefix: `${store.prefix}rl:${name}`, ...policy, insuranceLimiter, rejectIfRedisNotReady: true });
    return guarded(limiter, health, store.deadlineMs);
  }
  const limiter = new RateLimiterMySQL({
    storeClient: store.pool,
    storeType: 'pool',
    dbName: store.database,
    tableName: RATE_LIMIT_TABLE,
    tableCreated: true,
    // Every limiter shares the table: one of them deletes expired rows (every 5 minutes).
    clearExpiredByTimeout: first,
    keyPrefix: name,
    ...policy,
    insuranceLimiter,
  });
  return guarded(limiter, health, store.deadlineMs);
}

/** The key the health probe reads (never consumed: its row or Redis key never exists). */
const PROBE_KEY = 'store-health-probe';

export function createLimiters(store: LimitStore = { kind: 'memory' }, health = new LimitStoreHealth(store.kind, null)): Limiters {
  const limiters = Object.fromEntries(
    Object.entries(RATE_LIMITS).map(([name, policy], index) => [name, makeLimiter(name as LimitName, policy, store, health, index === 0)]),
  ) as Limiters;
  if (store.kind !== 'memory') health.watchWith(() => limiters.credentialFailuresByIp.get(PROBE_KEY));
  return limiters;
}

/** Addresses one node remembers as blocked at most (each costs a limit's worth of failures to add). */
const MAX_LOCAL_BLOCKS = 10_000;

/**
 * A failure limit whose check costs no store call: for `credentialFailuresByIp`, which is checked before
 * authentication on every request that carries a credential (asking the store there cost every such request
 * a Redis round trip or an SQL statement, and, with the store away, its deadline).
 *
 * Only failures reach the store: `fail` consumes a point there, so failures spread over nodes are counted as
 * one. When the store's answer says the key has spent its points, this node remembers the block in its own
 * memory until the store's window ends, and `check` reads only that memory. The answer may come from the
 * insurance limiter (store away): it is remembered the same way.
 *
 * The trade-off (README "Many nodes"): a node learns of a block that other nodes' failures made at its own
 * next failure from that key — one extra verification per node per block (more only for failures that are in
 * flight on it at that moment, as before) — and until then it serves that key's good credentials. A refused
 * guess is still counted everywhere; what is given up is refusing a correct credential from a blocked
 * address on a node that has not seen it fail.
 *
 * Not rate-limiter-flexible's `inMemoryBlockOnConsumed`: its memory is unbounded and scans every blocked key
 * on each check of a blocked one (`BlockedKeys.msBeforeExpire`), it does not learn from answers of the
 * insurance limiter, and the memory limiter (SQLite) has no such option.
 */
export class LocallyCheckedLimit {
  /** Key → epoch ms at which its block ends. Insertion order: the oldest is dropped first when full. */
  private readonly blocked = new Map<string, number>();

  constructor(
    readonly limiter: RateLimiterAbstract,
    private readonly maxEntries = MAX_LOCAL_BLOCKS,
  ) {}

  /** Seconds until `key` may try again as far as this node knows, or null. No store call. */
  check(key: string): number | null {
    const until = this.blocked.get(key);
    if (until === undefined) return null;
    const left = until - Date.now();
    if (left > 0) return Math.max(1, Math.ceil(left / 1000));
    this.blocked.delete(key);
    return null;
  }

  /**
   * Counts one failure of `key` in the shared store. When the store's answer says the key has spent its
   * points (on this node or others), the key is blocked here until the store's window ends. The failure itself
   * is answered as any refused credential: it was verified, and refusing it as limited would make the
   * answers to parallel guesses depend on which of them the store counted first.
   */
  async fail(key: string): Promise<void> {
    let state: { consumedPoints: number; msBeforeNext: number };
    try {
      state = await this.limiter.consume(key);
    } catch (rejection) {
      // No insurance limiter behind a failing store (none is built that way): count nothing, block nothing.
      if (rejection instanceof Error) return;
      state = rejection as { consumedPoints: number; msBeforeNext: number };
    }
    if (state.consumedPoints >= this.limiter.points) this.remember(key, Date.now() + state.msBeforeNext);
  }

  private remember(key: string, until: number): void {
    this.blocked.delete(key);
    if (this.blocked.size >= this.maxEntries) {
      const now = Date.now();
      for (const [k, end] of this.blocked) if (end <= now) this.blocked.delete(k);
      // Still full: forget the oldest block. That node then learns it again at the key's next failure.
      if (this.blocked.size >= this.maxEntries) this.blocked.delete(this.blocked.keys().next().value!);
    }
    this.blocked.set(key, until);
  }
}

/** What a limiter answers when it refuses (rate-limiter-flexible rejects with its state, not an Error). */
function refusalOf(rejection: unknown): { msBeforeNext: number } {
  if (rejection instanceof Error) throw rejection;
  return rejection as { msBeforeNext: number };
}

/** Seconds until `key` may try again, or null when it still may. Consumes nothing. */
export async function secondsUntilAllowed(limiter: RateLimiterAbstract, key: string): Promise<number | null> {
  const state = await limiter.get(key);
  return state && state.consumedPoints >= limiter.points ? Math.max(1, Math.ceil(state.msBeforeNext / 1000)) : null;
}

/** Consumes one point; the seconds to wait when none was left, else null. */
export async function consume(limiter: RateLimiterAbstract, key: string): Promise<number | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (rejection) {
    return Math.max(1, Math.ceil(refusalOf(rejection).msBeforeNext / 1000));
  }
}
