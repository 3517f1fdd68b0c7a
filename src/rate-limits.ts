/**
 * Every rate limit of the service, in one table (DESIGN.md "Authorization
 * model", rule 8), and the one place that builds the limiters. Services get
 * the built limiters; none makes its own. To keep the counters in a shared
 * store (Redis, MySQL), change `makeLimiter` alone: the policy stays here.
 */
import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';

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

/** Builds one limiter for a policy. The only line that knows where counters live. */
function makeLimiter(name: LimitName, policy: LimitPolicy): RateLimiterAbstract {
  return new RateLimiterMemory({ keyPrefix: name, ...policy });
}

export function createLimiters(): Limiters {
  return Object.fromEntries(Object.entries(RATE_LIMITS).map(([name, policy]) => [name, makeLimiter(name as LimitName, policy)])) as Limiters;
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
