/**
 * The hot path: verifies an API key token or an access key pair. A verified
 * key is cached in process (bounded, a TTL of a few seconds, dropped at once
 * on this node when the key or its owner changes), so a cached request costs
 * no database query; other nodes drop it within a second through the cluster
 * bus (REDIS_URL), else within the TTL (src/cache-invalidation.ts). Usage
 * (`lastUsedAt`, `authnCount`) is accumulated in memory and written in
 * batches, never one write per request.
 */
import type { BlockList } from 'node:net';
import type { DataSource } from 'typeorm';
import type { Clock } from '../../clock';
import type { Logger } from '../../logger';
import type { WriteLock } from '../../write-lock';
import type { CacheInvalidation } from '../../cache-invalidation';
import { TtlCache } from '../../ttl-cache';
import { SecretHasher } from '../../secrets';
import type { PrincipalEntity } from '../users/principal.entity';
import { ApiKeyEntity } from './api-key.entity';
import type { KeyLookup, LoadedKey } from './key-lookup';
import { ipAllowed, keyRefusal, networkAllowlist } from './key-validity';

export type KeyVerdict =
  | { ok: true; key: ApiKeyEntity; owner: PrincipalEntity }
  | { ok: false; reason: string; keyId?: string };

interface CacheEntry {
  key: ApiKeyEntity;
  owner: PrincipalEntity;
  ownerIsMember: boolean;
  /** Which stored hash matched: the previous one is good only until its grace period ends. */
  matched: 'current' | 'previous';
  network: BlockList | null;
}

export interface KeyAuthenticatorOptions {
  cacheTtlMs: number;
  cacheMaxEntries: number;
  usageFlushIntervalMs: number;
}

export class KeyAuthenticator {
  private readonly cache: TtlCache<CacheEntry>;
  private readonly pendingUsage = new Map<string, { count: number; lastUsedAt: Date }>();
  private readonly flushTimer: NodeJS.Timeout;
  private flushing: Promise<void> | undefined;
  readonly stats = { cacheHits: 0, cacheMisses: 0 };

  constructor(
    private readonly dataSource: DataSource,
    private readonly lookup: KeyLookup,
    private readonly hasher: SecretHasher,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly writeLock: WriteLock,
    private readonly options: KeyAuthenticatorOptions,
    private readonly invalidation: CacheInvalidation,
  ) {
    this.cache = new TtlCache(clock, options.cacheTtlMs, options.cacheMaxEntries);
    invalidation.listen((change) => {
      if (change.kind === 'key') this.cache.deleteWhere((entry) => entry.key.id === change.id);
      else if (change.kind === 'principal') this.cache.deleteWhere((entry) => entry.owner.id === change.id);
      else if (change.kind === 'all') this.cache.clear();
    });
    this.flushTimer = setInterval(() => void this.flushUsage(), options.usageFlushIntervalMs);
    this.flushTimer.unref();
  }

  /**
   * `countUse: false` for a check of a credential already accepted (a live connection): not a use of the key.
   * The cache finds the key by the token's `SecretHasher.cacheKey`; only a miss computes the HMAC it is stored under.
   */
  verifyApiKeyToken(token: string, ip: string, countUse = true): Promise<KeyVerdict> {
    return this.verify(SecretHasher.cacheKey(token), ip, countUse, async () => {
      const hash = this.hasher.hash(token);
      const loaded = await this.lookup.apiKeyByHash(hash);
      return loaded && { ...loaded, presentedHash: hash };
    });
  }

  verifyAccessKey(accessKeyId: string, secretAccessKey: string, ip: string, countUse = true): Promise<KeyVerdict> {
    return this.verify(`${accessKeyId}:${SecretHasher.cacheKey(secretAccessKey)}`, ip, countUse, async () => {
      const hash = this.hasher.hash(secretAccessKey);
      const loaded = await this.lookup.accessKey(accessKeyId);
      if (!loaded) return null;
      const { key } = loaded;
      const matches = SecretHasher.same(key.secretHash, hash) || (key.previousSecretHash !== null && SecretHasher.same(key.previousSecretHash, hash));
      return matches ? { ...loaded, presentedHash: hash } : null;
    });
  }

  /** A key changed or was deleted: dropped from this node's caches at once, from the others' through the bus. Call after commit. */
  forget(keyId: string): void {
    this.invalidation.publish({ kind: 'key', id: keyId });
  }

  /** A principal changed (disabled, removed from an account, deleted): its keys and sessions, on every node. Call after commit. */
  forgetOwner(principalId: string): void {
    this.invalidation.publish({ kind: 'principal', id: principalId });
  }

  /** `load`: the key from the database, with the HMAC of the presented secret it was found by. */
  private async verify(cacheKey: string, ip: string, countUse: boolean, load: () => Promise<(LoadedKey & { presentedHash: string }) | null>): Promise<KeyVerdict> {
    const now = this.clock.now();
    let entry = this.cache.get(cacheKey);
    if (entry) {
      this.stats.cacheHits++;
    } else {
      this.stats.cacheMisses++;
      const stamp = this.cache.stamp();
      const loaded = await load();
      if (!loaded) return { ok: false, reason: 'no such key' };
      // The membership answer is unused for a functional ID (at home in one account).
      const { key, owner, membershipStands, presentedHash } = loaded;
      const ownerIsMember = owner?.kind === 'FUNCTIONAL_ID' ? owner.accountId === key.accountId : owner !== null && membershipStands;
      const matched = SecretHasher.same(key.secretHash, presentedHash) ? 'current' : 'previous';
      entry = { key, owner: owner as PrincipalEntity, ownerIsMember, matched, network: networkAllowlist(key.allowedCidrs) };
      this.cache.set(cacheKey, entry, stamp);
    }
    const { key, owner } = entry;
    const refusal =
      keyRefusal(key, owner, entry.ownerIsMember, now) ??
      (entry.matched === 'previous' && !(key.previousSecretExpiresAt && key.previousSecretExpiresAt > now) ? 'previous secret past its grace period' : null) ??
      (ipAllowed(entry.network, ip) ? null : 'address outside allowedCidrs');
    if (refusal) return { ok: false, reason: refusal, keyId: key.id };
    if (countUse) this.recordUse(key.id, now);
    return { ok: true, key, owner };
  }

  private recordUse(keyId: string, at: Date): void {
    const pending = this.pendingUsage.get(keyId);
    if (pending) {
      pending.count++;
      pending.lastUsedAt = at;
    } else {
      this.pendingUsage.set(keyId, { count: 1, lastUsedAt: at });
    }
  }

  /**
   * Writes the accumulated usage: one UPDATE per key used since the last flush. One flush at a time; the
   * first failure (the database away or past its deadline) ends it, keeping the counts not yet written for
   * the next one, so a stuck database costs one deadline per flush rather than one per key.
   */
  flushUsage(): Promise<void> {
    this.flushing ??= this.writeUsage().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  /** Uses counted but not yet written: what a stop would lose. */
  get unwrittenUsage(): { keys: number; uses: number } {
    let uses = 0;
    for (const usage of this.pendingUsage.values()) uses += usage.count;
    return { keys: this.pendingUsage.size, uses };
  }

  private async writeUsage(): Promise<void> {
    if (this.pendingUsage.size === 0) return;
    const batch = [...this.pendingUsage];
    this.pendingUsage.clear();
    for (const [index, [keyId, usage]] of batch.entries()) {
      try {
        await this.writeLock.run(() =>
          this.dataSource
            .createQueryBuilder()
            .update(ApiKeyEntity)
            .set({ authnCount: () => `authn_count + ${Math.trunc(usage.count)}`, lastUsedAt: usage.lastUsedAt })
            .where('id = :keyId', { keyId })
            .execute(),
        );
      } catch (error) {
        // Database away: keep this count and the ones not tried for the next flush rather than lose them.
        for (const [unwrittenId, unwritten] of batch.slice(index)) {
          const again = this.pendingUsage.get(unwrittenId);
          this.pendingUsage.set(unwrittenId, { count: unwritten.count + (again?.count ?? 0), lastUsedAt: again?.lastUsedAt ?? unwritten.lastUsedAt });
        }
        this.log.warn({ err: (error as Error).message, keyId, ...this.unwrittenUsage }, 'could not write key usage; will retry');
        return;
      }
    }
  }

  /** Stops the timer and writes what is pending (after a flush in progress, which holds only its own batch). */
  async close(): Promise<void> {
    clearInterval(this.flushTimer);
    await this.flushing;
    await this.flushUsage();
  }
}
