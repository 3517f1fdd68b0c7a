/**
 * The one in-process cache type: bounded, each entry good for `ttlMs` from
 * when it was stored (by the server's clock), oldest dropped first when full.
 * `ttlMs` 0 keeps nothing. The key cache, the session cache and the
 * permissions of keys use it; src/cache-invalidation.ts empties them across nodes.
 */
import type { Clock } from './clock';

export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; storedAt: number }>();
  /** Counts invalidations: a value loaded before one (it may be stale already) is not stored after it. */
  private invalidations = 0;

  constructor(
    private readonly clock: Clock,
    readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.clock.now().getTime() - entry.storedAt >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Take before loading a value; pass to `set`, which then refuses it if an invalidation came in between. */
  stamp(): number {
    return this.invalidations;
  }

  set(key: string, value: V, stamp?: number): void {
    if (this.ttlMs <= 0 || (stamp !== undefined && stamp !== this.invalidations)) return;
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, storedAt: this.clock.now().getTime() });
  }

  delete(key: string): void {
    this.invalidations++;
    this.entries.delete(key);
  }

  /** Drops every entry whose value matches. */
  deleteWhere(matches: (value: V) => boolean): void {
    this.invalidations++;
    for (const [key, entry] of this.entries) if (matches(entry.value)) this.entries.delete(key);
  }

  clear(): void {
    this.invalidations++;
    this.entries.clear();
  }
}
