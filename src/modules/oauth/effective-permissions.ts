/**
 * A key's effective permissions (RoleService.permissionsOf: its own roles and
 * groups capped by its owner's, or its owner's), kept as long as a verified
 * key is (KEY_CACHE_TTL_MS), so the token and introspection endpoints answer
 * a cached key without a query. A change to roles, groups, a key or a
 * principal empties it on every node (src/cache-invalidation.ts).
 */
import type { CacheInvalidation } from '../../cache-invalidation';
import type { Clock } from '../../clock';
import { TtlCache } from '../../ttl-cache';
import type { Permission } from '../roles/permission-catalog';
import type { RoleService } from '../roles/role.service';

const MAX_ENTRIES = 10_000;

export class EffectivePermissions {
  private readonly cache: TtlCache<Promise<ReadonlySet<Permission>>>;

  constructor(
    private readonly roles: RoleService,
    clock: Clock,
    ttlMs: number,
    invalidation: CacheInvalidation,
  ) {
    this.cache = new TtlCache(clock, ttlMs, MAX_ENTRIES);
    // Permissions derive from roles, groups, grants, memberships: any such change empties the whole cache.
    invalidation.listen((change) => {
      if (change.kind !== 'session') this.cache.clear();
    });
  }

  of(principalId: string, accountId: string, key: { id: string } | null): Promise<ReadonlySet<Permission>> {
    const cacheKey = `${principalId}|${accountId}|${key?.id ?? ''}`;
    const cached = this.cache.get(cacheKey);
    if (cached) return cached;
    const permissions = this.roles.permissionsOf(principalId, accountId, key);
    this.cache.set(cacheKey, permissions);
    permissions.catch(() => this.cache.delete(cacheKey));
    return permissions;
  }
}
