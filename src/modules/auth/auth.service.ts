/**
 * Who is calling: resolves the `Authorization` header to an identity and the
 * active account, once per request; and the session mutations (login,
 * authenticate with a key, logout, change password).
 */
import type { GraphQLError } from 'graphql';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import { auditTarget, type RequestContext, type IncomingRequest } from '../../context';
import { forbidden, invalidCredentials, KeywardenError, rateLimited } from '../../errors';
import { newId } from '../../ids';
import type { Logger } from '../../logger';
import { consume, LocallyCheckedLimit, secondsUntilAllowed, type Limiters } from '../../rate-limits';
import type { WriteLock } from '../../write-lock';
import type { CacheInvalidation } from '../../cache-invalidation';
import { TtlCache } from '../../ttl-cache';
import { SecretHasher } from '../../secrets';
import { AccountEntity } from '../accounts/account.entity';
import { MembershipEntity } from '../accounts/membership.entity';
import type { AuditOrigin, AuditService } from '../audit/audit.service';
import { ApiKeyEntity } from '../api-keys/api-key.entity';
import type { KeyAuthenticator, KeyVerdict } from '../api-keys/key-authenticator';
import { newSessionToken, isWellFormedAccessKeyId, isWellFormedApiKeyToken, isWellFormedSecretAccessKey } from '../api-keys/key-format';
import { keyRefusal } from '../api-keys/key-validity';
import { normalizedEmail } from '../users/identity-text';
import { PrincipalEntity } from '../users/principal.entity';
import { parseAuthorization, type PresentedCredential } from './credentials';
import type { Identity } from './identity';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords';
import { SessionEntity, type SessionMethod } from './session.entity';

export interface OpenedSession {
  token: string;
  expiresAt: Date;
  principal: PrincipalEntity;
}

/** Credentials refused: the reason is for the log and the audit trail, never for the caller. */
class CredentialsRefused extends Error {
  constructor(
    readonly reason: string,
    readonly keyId: string | null = null,
    readonly actorId: string | null = null,
  ) {
    super(reason);
  }
}

/** How a caller tried to authenticate, and how it went: for metrics. */
export type AuthnMethod = 'PASSWORD' | 'SESSION' | 'API_KEY' | 'ACCESS_KEY' | 'MALFORMED';
export type AuthnOutcome = 'success' | 'failure' | 'rate_limited';
const METHOD_OF_PRESENTED = { session: 'SESSION', apiKey: 'API_KEY', accessKey: 'ACCESS_KEY', malformed: 'MALFORMED' } as const;

/** A key presented to an OAuth endpoint (its form already checked, or why it is malformed). */
export type PresentedKey = Extract<PresentedCredential, { kind: 'apiKey' | 'accessKey' | 'malformed' }>;
/** A verified key, or a refusal (with how long to wait when the caller's address is throttled). */
export type KeyCheck = { ok: true; key: ApiKeyEntity; owner: PrincipalEntity } | { ok: false; retryAfterSeconds?: number };

/** A resumed session as cached: what its checks need, re-run on every use (expiry, the key's state). */
interface CachedSession {
  session: SessionEntity;
  principal: PrincipalEntity;
  apiKey: ApiKeyEntity | null;
  /** The principal is a member of the key's account (a functional ID: true). */
  member: boolean;
}

export interface SessionCacheOptions {
  ttlMs: number;
  maxEntries: number;
}

export class AuthService {
  /** Told of every authentication outcome (the metrics count them); does nothing by default. */
  onOutcome: (method: AuthnMethod, outcome: AuthnOutcome) => void = () => undefined;
  /**
   * Refused keys and sessions per address, checked before every authentication: in this node's memory only,
   * failures counted in the shared store (src/rate-limits.ts `LocallyCheckedLimit`, and its trade-off across
   * nodes): a request that is not refused costs no store call.
   */
  private readonly credentialFailuresByIp: LocallyCheckedLimit;
  /**
   * Sessions by the token's cache key (SecretHasher.cacheKey), as keys are cached (KEY_CACHE_TTL_MS,
   * KEY_CACHE_SIZE): a cached `Bearer` costs no SQL. Dropped on every node when the session, its principal or
   * its key changes (src/cache-invalidation.ts).
   */
  private readonly sessions: TtlCache<CachedSession>;
  readonly sessionStats = { cacheHits: 0, cacheMisses: 0 };

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: Config,
    private readonly clock: Clock,
    private readonly hasher: SecretHasher,
    private readonly keys: KeyAuthenticator,
    private readonly audit: AuditService,
    private readonly writeLock: WriteLock,
    private readonly limiters: Limiters,
    private readonly invalidation: CacheInvalidation,
    sessionCache: SessionCacheOptions,
  ) {
    this.credentialFailuresByIp = new LocallyCheckedLimit(limiters.credentialFailuresByIp);
    this.sessions = new TtlCache(clock, sessionCache.ttlMs, sessionCache.maxEntries);
    invalidation.listen((change) => {
      if (change.kind === 'session') this.sessions.deleteWhere((c) => c.session.id === change.id);
      else if (change.kind === 'principal') this.sessions.deleteWhere((c) => c.session.principalId === change.id);
      else if (change.kind === 'key') this.sessions.deleteWhere((c) => c.session.apiKeyId === change.id);
      else if (change.kind === 'all') this.sessions.clear();
    });
  }

  /**
   * The counters a failed password check of `email` from `ip` spends, most
   * local first (src/rate-limits.ts): a guess refused by its own address's
   * limits never reaches the email's installation-wide one.
   */
  private passwordCounters(email: string, ip: string): [RateLimiterAbstract, string][] {
    return [
      [this.limiters.passwordFailuresByIp, ip],
      [this.limiters.passwordFailuresByEmailAndIp, `${email}\n${ip}`],
      [this.limiters.passwordFailuresByEmail, email],
    ];
  }

  /**
   * `recheck`: the credential was accepted before and is checked again (a live connection, src/subscriptions.ts).
   * The same rules decide, but it is not an attempt to guess one: the caller's address is not throttled or
   * charged for it, and the authentication metrics do not count it.
   */
  async identify(
    request: IncomingRequest,
    log: Logger,
    options: { recheck?: boolean } = {},
  ): Promise<{ identity: Identity | null; activeAccountId: string | null; error: GraphQLError | null }> {
    const presented = parseAuthorization(request.authorization);
    if (!presented) return { identity: null, activeAccountId: null, error: null };
    const method = METHOD_OF_PRESENTED[presented.kind];
    try {
      if (!options.recheck) this.refuseIfBlocked(request.ip, method);
      let identity: Identity;
      let defaultAccountId: string;
      switch (presented.kind) {
        case 'malformed':
          throw new CredentialsRefused(`malformed credentials (${presented.reason})`);
        case 'session': {
          const opened = await this.resumeSession(presented.token);
          identity = opened.identity;
          defaultAccountId = opened.accountId;
          break;
        }
        case 'apiKey':
        case 'accessKey': {
          const verdict =
            presented.kind === 'apiKey'
              ? await this.keys.verifyApiKeyToken(presented.token, request.ip, !options.recheck)
              : await this.keys.verifyAccessKey(presented.accessKeyId, presented.secretAccessKey, request.ip, !options.recheck);
          if (!verdict.ok) throw new CredentialsRefused(verdict.reason, verdict.keyId ?? null);
          identity = {
            principal: verdict.owner,
            method: presented.kind === 'apiKey' ? 'API_KEY' : 'ACCESS_KEY',
            apiKey: verdict.key,
            sessionId: null,
          };
          defaultAccountId = verdict.key.accountId;
          break;
        }
      }
      if (!options.recheck) this.onOutcome(method, 'success');
      const account = await this.activeAccount(identity, request.accountIdHeader, defaultAccountId);
      if (account.error) {
        log.info({ reason: account.error.message }, 'request refused: account');
        return { identity, activeAccountId: null, error: account.error };
      }
      return { identity, activeAccountId: account.accountId, error: null };
    } catch (error) {
      if (error instanceof CredentialsRefused) {
        if (options.recheck) log.info({ reason: error.reason, keyId: error.keyId, method: presented.kind }, 'credential ended');
        else await this.refused(request, log, presented.kind, error, 'auth.credentials');
        return { identity: null, activeAccountId: null, error: invalidCredentials() };
      }
      if (error instanceof KeywardenError) return { identity: null, activeAccountId: null, error };
      throw error;
    }
  }

  /**
   * Verifies a key presented outside GraphQL (the OAuth endpoints) exactly as
   * `identify` does: the same validity rules and key cache, the same per-IP
   * throttle, refusals logged and audited (under `action`) the same way.
   * `log` is the server's: a request's child logger is made only for a refusal (this is a hot path).
   */
  async checkKey(presented: PresentedKey, request: Omit<IncomingRequest, 'authorization' | 'accountIdHeader'>, log: Logger, action: string): Promise<KeyCheck> {
    const method = METHOD_OF_PRESENTED[presented.kind];
    const wait = this.credentialFailuresByIp.check(request.ip);
    if (wait !== null) {
      this.onOutcome(method, 'rate_limited');
      return { ok: false, retryAfterSeconds: wait };
    }
    const verdict: KeyVerdict =
      presented.kind === 'apiKey'
        ? await this.keys.verifyApiKeyToken(presented.token, request.ip)
        : presented.kind === 'accessKey'
          ? await this.keys.verifyAccessKey(presented.accessKeyId, presented.secretAccessKey, request.ip)
          : { ok: false, reason: `malformed credentials (${presented.reason})` };
    if (!verdict.ok) {
      await this.refused(request, log.child({ requestId: request.requestId }), presented.kind, new CredentialsRefused(verdict.reason, verdict.keyId ?? null), action);
      return { ok: false };
    }
    this.onOutcome(method, 'success');
    return verdict;
  }

  /** A live session's principal, account and key (the introspection endpoint); null for anything else. */
  async sessionOf(token: string): Promise<{ identity: Identity; accountId: string; expiresAt: Date } | null> {
    try {
      return await this.resumeSession(token);
    } catch (error) {
      if (error instanceof CredentialsRefused) return null;
      throw error;
    }
  }

  /**
   * A refused credential: counted against the caller's address, logged and audited with its private reason,
   * as coming from nobody. The audit origin is made here, not before the check: an accepted credential needs none.
   */
  private async refused(request: Omit<AuditOrigin, 'identity' | 'activeAccountId'>, log: Logger, kind: PresentedCredential['kind'], error: CredentialsRefused, action: string): Promise<void> {
    this.onOutcome(METHOD_OF_PRESENTED[kind], 'failure');
    await this.credentialFailuresByIp.fail(request.ip);
    log.info({ reason: error.reason, keyId: error.keyId, method: kind }, 'credentials refused');
    const { requestId, ip, userAgent } = request;
    await this.audit.record({ requestId, ip, userAgent, identity: null, activeAccountId: null }, {
      action,
      outcome: 'DENIED',
      errorCode: 'UNAUTHENTICATED',
      keyId: error.keyId,
      actorId: error.actorId,
      authMethod: kind === 'apiKey' ? 'API_KEY' : kind === 'accessKey' ? 'ACCESS_KEY' : 'SESSION',
      details: { reason: error.reason },
    });
  }

  /**
   * The account a request acts in: `X-Account-Id`, else the key's (or the
   * session's) account. A user must be a member of it; a functional ID lives
   * in its home account only. A key from account A acting in B ≠ A is refused
   * when B restricts cross-account access and does not allow A (IBM).
   */
  private async activeAccount(
    identity: Identity,
    requested: string | undefined,
    defaultAccountId: string,
  ): Promise<{ accountId: string; error?: undefined } | { error: GraphQLError }> {
    const accountId = requested?.trim() || defaultAccountId;
    const principal = identity.principal;
    if (accountId !== defaultAccountId) {
      const member =
        principal.kind === 'FUNCTIONAL_ID'
          ? principal.accountId === accountId
          : accountId.length <= 40 && (await this.dataSource.getRepository(MembershipEntity).existsBy({ accountId, userId: principal.id }));
      if (!member) return { error: httpError(forbidden('You are not a member of the account named by X-Account-Id'), 403) };
    }
    const key = identity.apiKey;
    if (key && key.accountId !== accountId) {
      const account = await this.dataSource.getRepository(AccountEntity).findOneBy({ id: accountId });
      if (account?.crossAccountRestriction && !account.crossAccountAllowedIds.includes(key.accountId)) {
        return { error: httpError(forbidden('This account does not accept keys from the account the key belongs to'), 403) };
      }
    }
    return { accountId };
  }

  /** A bearer session: alive, its principal enabled, and the key that opened it (if any) still good. */
  private async resumeSession(token: string): Promise<{ identity: Identity; accountId: string; expiresAt: Date }> {
    const now = this.clock.now();
    // Found in the cache by the token's SecretHasher.cacheKey: a cached session costs no HMAC either.
    const cacheKey = SecretHasher.cacheKey(token);
    let cached = this.sessions.get(cacheKey);
    if (cached) {
      this.sessionStats.cacheHits++;
    } else {
      this.sessionStats.cacheMisses++;
      const stamp = this.sessions.stamp();
      cached = await this.loadSession(this.hasher.hash(token));
      this.sessions.set(cacheKey, cached, stamp);
    }
    const { session, principal, apiKey, member } = cached;
    // Checked on every use, cached or not: time moves, and a cached entry is only as fresh as its last invalidation.
    if (session.expiresAt <= now) {
      this.sessions.delete(cacheKey);
      throw new CredentialsRefused('session expired', null, session.principalId);
    }
    if (apiKey) {
      const refusal =
        keyRefusal(apiKey, principal, member, now) ??
        (session.keySecretGeneration === apiKey.secretGeneration ||
        (session.keySecretGeneration === apiKey.secretGeneration - 1 && apiKey.previousSecretExpiresAt !== null && apiKey.previousSecretExpiresAt > now)
          ? null
          : 'the key secret that opened the session was reset');
      if (refusal) throw new CredentialsRefused(`session key: ${refusal}`, apiKey.id, principal.id);
    }
    return { identity: { principal, method: 'SESSION', apiKey, sessionId: session.id }, accountId: session.accountId, expiresAt: session.expiresAt };
  }

  /** The session row and what its checks need; refuses what no cache may keep (unknown, disabled, key gone). */
  private async loadSession(tokenHash: string): Promise<CachedSession> {
    const session = await this.dataSource.getRepository(SessionEntity).findOneBy({ tokenHash });
    if (!session || !SecretHasher.same(session.tokenHash, tokenHash)) throw new CredentialsRefused('unknown session');
    const principal = await this.dataSource.getRepository(PrincipalEntity).findOneBy({ id: session.principalId });
    if (!principal || principal.disabled) throw new CredentialsRefused('principal disabled', null, session.principalId);
    if (!session.apiKeyId) return { session, principal, apiKey: null, member: true };
    const apiKey = await this.dataSource.getRepository(ApiKeyEntity).findOneBy({ id: session.apiKeyId });
    if (!apiKey) throw new CredentialsRefused('the key that opened the session is gone', session.apiKeyId, principal.id);
    const member =
      principal.kind === 'FUNCTIONAL_ID' ||
      (await this.dataSource.getRepository(MembershipEntity).existsBy({ accountId: apiKey.accountId, userId: principal.id }));
    return { session, principal, apiKey, member };
  }

  async login(ctx: RequestContext, email: string, password: string): Promise<OpenedSession> {
    const emailKey = normalizedEmail(email);
    // Count the attempt before verifying it, so concurrent guesses cannot all pass a check made before the
    // first of them fails (16 parallel wrong passwords got 20 verifications past a limit of 10). Only a
    // refusal keeps it: a success, or a failure of ours (database away), gives it back.
    const counters = this.passwordCounters(emailKey, ctx.ip);
    const reserved: typeof counters = [];
    for (const counter of counters) {
      await this.reserveAttempt(...counter);
      reserved.push(counter);
    }
    const giveBack = () => Promise.all(reserved.map(([limiter, key]) => limiter.reward(key)));
    let user: PrincipalEntity | null;
    let verified: boolean;
    try {
      user = await this.dataSource.getRepository(PrincipalEntity).findOneBy({ emailLower: emailKey, kind: 'USER' });
      // Verify against a dummy hash when there is nothing to verify: every failure costs the same time.
      verified = await verifyPassword(user?.passwordHash && !user.federated && !user.disabled ? user.passwordHash : await dummyPasswordHash(), password);
    } catch (error) {
      await giveBack();
      throw error;
    }
    if (!user || !user.passwordHash || user.federated || user.disabled || !verified) {
      const reason = !user ? 'unknown email' : user.federated ? 'federated user' : user.disabled ? 'user disabled' : 'wrong password';
      ctx.log.info({ reason, userId: user?.id }, 'login refused');
      this.onOutcome('PASSWORD', 'failure');
      throw withAuditReason(invalidCredentials(), reason, user?.id ?? null);
    }
    this.onOutcome('PASSWORD', 'success');
    await giveBack();
    actedAs(ctx, user, 'PASSWORD', null);
    return this.openSession(user, user.accountId, 'PASSWORD', null);
  }

  /** Exchanges an API key or an access key pair for a session that remembers the key. */
  async authenticate(ctx: RequestContext, input: { apiKey?: string | null; accessKeyId?: string | null; secretAccessKey?: string | null }): Promise<OpenedSession> {
    this.refuseIfBlocked(ctx.ip, input.apiKey ? 'API_KEY' : 'ACCESS_KEY');
    let verdict: KeyVerdict;
    let method: SessionMethod;
    if (input.apiKey) {
      method = 'API_KEY';
      verdict = isWellFormedApiKeyToken(input.apiKey)
        ? await this.keys.verifyApiKeyToken(input.apiKey, ctx.ip)
        : { ok: false, reason: 'malformed API key token' };
    } else if (input.accessKeyId && input.secretAccessKey) {
      method = 'ACCESS_KEY';
      verdict =
        isWellFormedAccessKeyId(input.accessKeyId) && isWellFormedSecretAccessKey(input.secretAccessKey)
          ? await this.keys.verifyAccessKey(input.accessKeyId, input.secretAccessKey, ctx.ip)
          : { ok: false, reason: 'malformed access key pair' };
    } else {
      throw new KeywardenError('BAD_USER_INPUT', 'Give either apiKey, or accessKeyId and secretAccessKey', { field: 'input' });
    }
    if (!verdict.ok) {
      await this.credentialFailuresByIp.fail(ctx.ip);
      ctx.log.info({ reason: verdict.reason, keyId: verdict.keyId }, 'authenticate refused');
      this.onOutcome(method, 'failure');
      throw withAuditReason(invalidCredentials(), verdict.reason, null, verdict.keyId ?? null);
    }
    this.onOutcome(method, 'success');
    const matchedGeneration =
      this.hasher.hash(input.apiKey ?? input.secretAccessKey!) === verdict.key.secretHash ? verdict.key.secretGeneration : verdict.key.secretGeneration - 1;
    actedAs(ctx, verdict.owner, method, verdict.key.id);
    return this.openSession(verdict.owner, verdict.key.accountId, method, { id: verdict.key.id, generation: matchedGeneration });
  }

  private async openSession(
    principal: PrincipalEntity,
    accountId: string,
    method: SessionMethod,
    key: { id: string; generation: number } | null,
  ): Promise<OpenedSession> {
    const now = this.clock.now();
    const token = newSessionToken();
    const session = new SessionEntity();
    session.id = newId('session', now.getTime());
    session.tokenHash = this.hasher.hash(token);
    session.principalId = principal.id;
    session.accountId = accountId;
    session.apiKeyId = key?.id ?? null;
    session.keySecretGeneration = key?.generation ?? null;
    session.method = method;
    session.createdAt = now;
    session.expiresAt = new Date(now.getTime() + this.config.sessionTtlSeconds * 1000);
    await this.writeLock.run(() => this.dataSource.getRepository(SessionEntity).insert(session));
    return { token, expiresAt: session.expiresAt, principal };
  }

  async logout(ctx: RequestContext): Promise<boolean> {
    const sessionId = ctx.identity?.sessionId;
    if (!sessionId) return false;
    await ctx.transaction((manager) => manager.delete(SessionEntity, { id: sessionId }));
    this.invalidation.publish({ kind: 'session', id: sessionId });
    return true;
  }

  /** A password change ends the user's other sessions; keys keep working (as in Sensu). */
  async changePassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<boolean> {
    const viewer = ctx.identity!.principal;
    const counters = this.passwordCounters(viewer.emailLower ?? viewer.id, ctx.ip);
    for (const [limiter, key] of counters) await this.refuseIfThrottled(limiter, key);
    const user = await this.dataSource.getRepository(PrincipalEntity).findOneBy({ id: viewer.id });
    if (!user || user.kind !== 'USER' || user.federated || !user.passwordHash) {
      throw forbidden('Only users who log in with a password can change it');
    }
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      for (const [limiter, key] of counters) await limiter.consume(key).catch(() => undefined);
      throw new KeywardenError('BAD_USER_INPUT', 'currentPassword: does not match', { field: 'currentPassword' });
    }
    const passwordHash = await hashPassword(newPassword);
    await ctx.transaction(async (manager) => {
      await manager.update(PrincipalEntity, { id: user.id }, { passwordHash, updatedAt: this.clock.now() });
      const sessions = manager.createQueryBuilder().delete().from(SessionEntity).where('principal_id = :id', { id: user.id });
      if (ctx.identity?.sessionId) sessions.andWhere('id <> :current', { current: ctx.identity.sessionId });
      await sessions.execute();
    });
    // Its other sessions ended: on every node (the current one is cached again at its next use).
    this.invalidation.publish({ kind: 'principal', id: user.id });
    return true;
  }

  /** Consumes one login attempt, or refuses with RATE_LIMITED when the limit is spent. */
  private async reserveAttempt(limiter: RateLimiterAbstract, key: string): Promise<void> {
    const wait = await consume(limiter, key);
    if (wait === null) return;
    this.onOutcome('PASSWORD', 'rate_limited');
    throw rateLimited(wait);
  }

  /** RATE_LIMITED when this node knows the address has spent its refused credentials (no store call). */
  private refuseIfBlocked(ip: string, method: AuthnMethod): void {
    const wait = this.credentialFailuresByIp.check(ip);
    if (wait === null) return;
    this.onOutcome(method, 'rate_limited');
    throw rateLimited(wait);
  }

  private async refuseIfThrottled(limiter: RateLimiterAbstract, key: string): Promise<void> {
    const wait = await secondsUntilAllowed(limiter, key);
    if (wait === null) return;
    throw rateLimited(wait);
  }
}

/** A login or key exchange is audited as done by the principal it proved, not by an anonymous caller. */
function actedAs(ctx: RequestContext, principal: PrincipalEntity, authMethod: SessionMethod, keyId: string | null): void {
  const mutation = ctx.state.mutation;
  if (!mutation) return;
  mutation.actor = { actorId: principal.id, authMethod, keyId };
  auditTarget(ctx, principal.kind === 'USER' ? 'User' : 'FunctionalId', principal.id);
}

function httpError(error: KeywardenError, status: number): KeywardenError {
  (error.extensions as Record<string, unknown>).http = { status };
  return error;
}

/** Carries the private reason of a refusal to the audit trail (it is not an extension: clients never see it). */
export function withAuditReason(error: KeywardenError, reason: string, actorId: string | null, keyId: string | null = null): KeywardenError {
  Object.defineProperty(error, 'audit', { value: { reason, actorId, keyId }, enumerable: false });
  return error;
}

export function auditReasonOf(error: unknown): { reason: string; actorId: string | null; keyId: string | null } | undefined {
  return (error as { audit?: { reason: string; actorId: string | null; keyId: string | null } } | undefined)?.audit;
}
