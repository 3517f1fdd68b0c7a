/**
 * A key's effective permissions (RoleService.permissionsOf: its own roles and
 * groups capped by its owner's, or its owner's), kept as long as a verified
 * key is (KEY_CACHE_TTL_MS), so the token and introspection endpoints answer
 * a cached key without a query. A change to roles reaches them within that TTL.
 */
import type { Clock } from '../../clock';
import type { Permission } from '../roles/permission-catalog';
import type { RoleService } from '../roles/role.service';

const MAX_ENTRIES = 10_000;

export class EffectivePermissions {
  private readonly cache = new Map<string, { permissions: Promise<ReadonlySet<Permission>>; cachedAt: number }>();

  constructor(
    private readonly roles: RoleService,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  of(principalId: string, accountId: string, key: { id: string } | null): Promise<ReadonlySet<Permission>> {
    const cacheKey = `${principalId}|${accountId}|${key?.id ?? ''}`;
    const now = this.clock.now().getTime();
    const cached = this.cache.get(cacheKey);
    if (cached && now - cached.cachedAt < this.ttlMs) return cached.permissions;
    const permissions = this.roles.permissionsOf(principalId, accountId, key);
    if (this.ttlMs > 0) {
      if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
      this.cache.set(cacheKey, { permissions, cachedAt: now });
      permissions.catch(() => this.cache.delete(cacheKey));
    }
    return permissions;
  }
}
