/**
 * The account's own services (relying parties) and the permissions they
 * define. A service's permissions are held by roles as `<name>:<permission>`;
 * the account's Administrator role holds all of them, kept in step here.
 * A permission a custom role holds cannot be removed, renamed or deleted
 * with its service: that role would silently change meaning.
 */
import { Not, type DataSource, type EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import { auditTarget, type RequestContext } from '../../context';
import { isUniqueViolation } from '../../database';
import { badUserInput, conflict, notFound } from '../../errors';
import { isIdOf, newId } from '../../ids';
import { paginate, type Connection } from '../../pagination';
import { ADMINISTRATOR_ROLE, type ServicePermissionName } from '../roles/permission-catalog';
import { RoleEntity } from '../roles/role.entity';
import { ServiceEntity, type ServicePermissionData } from './service.entity';
import { permissionNamesOf } from './service-permissions';

export interface ServiceData {
  name?: string | null;
  audience?: string | null;
  description?: string | null;
  permissions?: { name: string; description?: string | null }[] | null;
}

export class ServiceService {
  /** Services by audience, for the token and introspection endpoints: kept as long as a verified key is. */
  private readonly byAudienceCache = new Map<string, { service: ServiceEntity | null; cachedAt: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly cacheTtlMs: number,
  ) {}

  /** A service of the active account, or NOT_FOUND. */
  async serviceInAccount(ctx: RequestContext, id: string): Promise<ServiceEntity> {
    const service = isIdOf('service', id) ? await this.dataSource.getRepository(ServiceEntity).findOneBy({ id }) : null;
    if (!service || service.accountId !== ctx.activeAccountId) throw notFound('Service');
    return service;
  }

  listServices(ctx: RequestContext, page: { first?: number | null; after?: string | null }): Promise<Connection<ServiceEntity>> {
    const query = this.dataSource.getRepository(ServiceEntity).createQueryBuilder('s').where('s.account_id = :accountId', { accountId: ctx.activeAccountId });
    return paginate(query, 's.id', page);
  }

  /** The service whose tokens carry `aud: audience`, from a short cache (dropped at once on this node when services change). */
  async byAudience(audience: string): Promise<ServiceEntity | null> {
    const now = this.clock.now().getTime();
    const cached = this.byAudienceCache.get(audience);
    if (cached && now - cached.cachedAt < this.cacheTtlMs) return cached.service;
    const service = audience.length <= 255 ? await this.dataSource.getRepository(ServiceEntity).findOneBy({ audience }) : null;
    if (this.cacheTtlMs > 0) {
      if (this.byAudienceCache.size >= 10_000) this.byAudienceCache.clear();
      this.byAudienceCache.set(audience, { service, cachedAt: now });
    }
    return service;
  }

  async createService(ctx: RequestContext, input: ServiceData & { name: string; audience: string }): Promise<ServiceEntity> {
    const now = this.clock.now();
    const service = this.dataSource.manager.create(ServiceEntity, {
      id: newId('service', now.getTime()),
      accountId: ctx.activeAccountId!,
      name: input.name,
      audience: checkedAudience(input.audience),
      description: input.description ?? null,
      permissions: checkedPermissions(input.permissions ?? []),
      createdAt: now,
      updatedAt: now,
    });
    await this.write(ctx, service, async (manager) => {
      await manager.insert(ServiceEntity, service);
      await this.syncAdministrators(manager, service.accountId, [], permissionNamesOf(service));
      auditTarget(ctx, 'Service', service.id, { audience: service.audience, permissions: permissionNamesOf(service) });
    });
    return service;
  }

  async updateService(ctx: RequestContext, id: string, input: ServiceData): Promise<ServiceEntity> {
    const service = await this.serviceInAccount(ctx, id);
    const before = permissionNamesOf(service);
    const oldAudience = service.audience;
    if (input.name != null) service.name = input.name;
    if (input.audience != null) service.audience = checkedAudience(input.audience);
    if (input.description !== undefined) service.description = input.description;
    if (input.permissions != null) service.permissions = checkedPermissions(input.permissions);
    service.updatedAt = this.clock.now();
    const after = new Set(permissionNamesOf(service));
    await this.write(ctx, service, async (manager) => {
      await this.refuseWhileHeld(manager, service.accountId, before.filter((p) => !after.has(p)));
      await manager.update(
        ServiceEntity,
        { id: service.id },
        { name: service.name, audience: service.audience, description: service.description, permissions: service.permissions, updatedAt: service.updatedAt },
      );
      await this.syncAdministrators(manager, service.accountId, before, [...after]);
      auditTarget(ctx, 'Service', service.id, { audience: service.audience, permissions: [...after] });
    });
    this.byAudienceCache.delete(oldAudience);
    return service;
  }

  /** Refused (CONFLICT) while a custom role holds one of its permissions. */
  async deleteService(ctx: RequestContext, id: string, dryRun: boolean): Promise<{ deletedId: string; dryRun: boolean }> {
    const service = await this.serviceInAccount(ctx, id);
    const permissions = permissionNamesOf(service);
    await ctx.transaction(async (manager) => {
      await this.refuseWhileHeld(manager, service.accountId, permissions);
      if (dryRun) return;
      await manager.delete(ServiceEntity, { id: service.id });
      await this.syncAdministrators(manager, service.accountId, permissions, []);
      auditTarget(ctx, 'Service', service.id, { name: service.name });
    });
    this.byAudienceCache.delete(service.audience);
    return { deletedId: service.id, dryRun };
  }

  private async refuseWhileHeld(manager: EntityManager, accountId: string, permissions: ServicePermissionName[]): Promise<void> {
    if (permissions.length === 0) return;
    const gone = new Set<string>(permissions);
    const roles = await manager.findBy(RoleEntity, { accountId, builtIn: false });
    const holder = roles.find((role) => role.permissions.some((p) => gone.has(p)));
    if (holder) {
      const held = holder.permissions.find((p) => gone.has(p));
      throw conflict(`The role ${holder.name} holds ${held}: take it out of the role first`, { field: 'permissions', roleId: holder.id });
    }
  }

  /** The account's Administrator role holds every permission of its services: replaces `removed` by `added` there. */
  private async syncAdministrators(manager: EntityManager, accountId: string, removed: readonly string[], added: readonly ServicePermissionName[]): Promise<void> {
    // On MySQL, lock the role rows: two services changing at once must not overwrite each other's permissions.
    const lock = manager.connection.driver.options.type === 'mysql' ? { lock: { mode: 'pessimistic_write' as const } } : {};
    const administrators = await manager.find(RoleEntity, { where: { accountId, builtIn: true, name: ADMINISTRATOR_ROLE }, ...lock });
    const gone = new Set(removed);
    for (const role of administrators) {
      const permissions = [...new Set([...role.permissions.filter((p) => !gone.has(p)), ...added])];
      await manager.update(RoleEntity, { id: role.id }, { permissions, updatedAt: this.clock.now() });
    }
  }

  private async write(ctx: RequestContext, service: ServiceEntity, work: (manager: EntityManager) => Promise<void>): Promise<void> {
    try {
      await ctx.transaction(work);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const audienceTaken = await this.dataSource.getRepository(ServiceEntity).exists({ where: { audience: service.audience, id: Not(service.id) } });
      throw audienceTaken
        ? conflict('A service with this audience already exists', { field: 'audience' })
        : conflict('A service with this name already exists in this account', { field: 'name' });
    }
  }
}

/** An absolute URI (`https://billing.example.com`, `urn:example:billing`): what relying services compare `aud` with. */
function checkedAudience(audience: string): string {
  const value = audience.trim();
  try {
    if (/\s/.test(value)) throw new Error('whitespace');
    new URL(value);
  } catch {
    throw badUserInput('audience', 'must be an absolute URI such as https://billing.example.com');
  }
  return value;
}

function checkedPermissions(permissions: { name: string; description?: string | null }[]): ServicePermissionData[] {
  const seen = new Set<string>();
  for (const permission of permissions) {
    if (seen.has(permission.name)) throw badUserInput('permissions', `"${permission.name}" appears twice`);
    seen.add(permission.name);
  }
  return permissions.map((p) => ({ name: p.name, description: p.description ?? null }));
}
