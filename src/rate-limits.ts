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
 * away store costs one deadline, not one per limiter per request.
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

  failed(error: unknown): void {
    this.failures++;
    this.retryAt = Date.now() + STORE_RETRY_MS;
    if (this.degraded) return;
    this.degraded = true;
    this.outages++;
    this.log?.warn({ store: this.store, err: (error as Error)?.message }, 'rate limit store unavailable: each node limits alone until it returns');
  }

  succeeded(): void {
    if (!this.degraded) return;
    this.degraded = false;
    this.log?.info({ store: this.store }, 'rate limit store is back: limits are shared again');
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

export function createLimiters(store: LimitStore = { kind: 'memory' }, health = new LimitStoreHealth(store.kind, null)): Limiters {
  return Object.fromEntries(
    Object.entries(RATE_LIMITS).map(([name, policy], index) => [name, makeLimiter(name as LimitName, policy, store, health, index === 0)]),
  ) as Limiters;
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
