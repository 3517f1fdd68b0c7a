/**
 * What cached credentials depend on, and the one way to say it changed.
 * Every write to a key, a session, a principal, a membership or a role calls
 * `publish` after its transaction commits: this node's caches drop what the
 * change touches at once, other nodes' within a second through the cluster
 * bus when REDIS_URL is set, else by their TTL (KEY_CACHE_TTL_MS). After a
 * Redis outage every node drops everything (messages may have been lost).
 */
import { BUS_RESYNC, type ClusterBus } from './cluster-bus';

export type Invalidation =
  /** A key changed or was deleted: its cached verdicts, the sessions it opened. */
  | { kind: 'key'; id: string }
  /** A principal changed (disabled, removed, renamed, its memberships or password): its keys' verdicts, its sessions. */
  | { kind: 'principal'; id: string }
  /** One session ended (logout). */
  | { kind: 'session'; id: string }
  /** Roles, groups or grants changed: permissions computed from them. */
  | { kind: 'permissions' }
  /** Anything may have changed. */
  | { kind: 'all' };

const TOPIC = 'cache.invalidate';
const KINDS = new Set(['key', 'principal', 'session', 'permissions', 'all']);

export class CacheInvalidation {
  private readonly listeners = new Set<(change: Invalidation) => void>();

  constructor(private readonly bus: ClusterBus) {
    bus.subscribe(TOPIC, (payload) => {
      const change = payload as Invalidation | null;
      if (change && typeof change === 'object' && KINDS.has(change.kind)) this.apply(change);
    });
    bus.subscribe(BUS_RESYNC, () => this.apply({ kind: 'all' }));
  }

  /** A cache registers what it drops for each change (live connections, what they check again); returns the way to stop. */
  listen(listener: (change: Invalidation) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Drops what `change` touches here now, and everywhere else as soon as the bus carries it. Call after commit. */
  publish(change: Invalidation): void {
    this.bus.publish(TOPIC, change);
  }

  private apply(change: Invalidation): void {
    for (const listener of this.listeners) listener(change);
  }
}
