/**
 * Roles and what they grant: custom roles of an account (built-in ones are
 * read-only), who holds them, and a principal's permissions in an account —
 * its roles ∪ its groups' roles there.
 */
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import { assertHoldsAll, assertKeepsAnAdministrator } from '../../authority';
import { auditTarget, type RequestContext } from '../../context';
import { isUniqueViolation } from '../../database';
import { badUserInput, conflict, forbidden, notFound } from '../../errors';
import { isIdOf, newId } from '../../ids';
import type { ApiKeyEntity } from '../api-keys/api-key.entity';
import type { NotificationService } from '../notifications/notification.service';
import { requirePrincipalsInAccount } from '../users/principal-lookup';
import type { PrincipalEntity } from '../users/principal.entity';
import { servicePermissionsOfAccount } from '../services/service-permissions';
import { ADMINISTRATOR_ROLE, BUILT_IN_ROLES, MEMBER_ROLE, PERMISSIONS as BUILT_IN_PERMISSIONS, isBuiltInPermission, type Permission } from './permission-catalog';
import { RoleAssignmentEntity } from './role-assignment.entity';
import { RoleEntity } from './role.entity';
import { permissionsOfMany } from './permissions-of';

export interface RoleData {
  name?: string | null;
  description?: string | null;
  permissions?: string[] | null;
}

export class RoleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly notifications: NotificationService,
  ) {}

  /** The built-in roles every account starts with. */
  async createBuiltInRoles(manager: EntityManager, accountId: string): Promise<RoleEntity[]> {
    const now = this.clock.now();
    const roles = BUILT_IN_ROLES.map((template) =>
      manager.create(RoleEntity, {
        id: newId('role', now.getTime()),
        accountId,
        name: template.name,
        description: template.description,
        permissions: template.permissions,
        builtIn: true,
        createdAt: now,
        updatedAt: now,
      }),
    );
    await manager.insert(RoleEntity, roles);
    return roles;
  }

  async assignRoles(manager: EntityManager, principalId: string, roles: RoleEntity[]): Promise<void> {
    if (roles.length === 0) return;
    const now = this.clock.now();
    await manager.insert(
      RoleAssignmentEntity,
      roles.map((role) => ({ principalId, roleId: role.id, accountId: role.accountId, createdAt: now })),
    );
  }

  /** Roles of an account by ID; unknown IDs come back missing, for the caller to refuse. */
  rolesInAccount(manager: EntityManager, accountId: string, roleIds: string[]): Promise<RoleEntity[]> {
    if (roleIds.length === 0) return Promise.resolve([]);
    return manager.findBy(RoleEntity, { id: In(roleIds), accountId });
  }

  /** Every ID must name a role of the account; otherwise BAD_USER_INPUT naming the first unknown one. */
  async requireRoles(manager: EntityManager, accountId: string, roleIds: readonly string[] | null | undefined, field = 'roleIds'): Promise<RoleEntity[]> {
    const ids = [...new Set(roleIds ?? [])];
    const roles = await this.rolesInAccount(manager, accountId, ids.filter((id) => id.length <= 40));
    const found = new Set(roles.map((r) => r.id));
    const missing = ids.find((id) => !found.has(id));
    if (missing !== undefined) throw badUserInput(field, `${missing.slice(0, 40)} is not a role of this account`);
    return roles;
  }

  /**
   * No escalation (rule 4): a caller may hand out a role (to a principal,
   * a group, a new member) only when it holds every permission the role
   * grants — `roles.manage` included, which lets it manage roles, not
   * exceed itself.
   */
  async assertMayGrant(ctx: RequestContext, roles: RoleEntity[]): Promise<void> {
    for (const role of roles) await assertHoldsAll(ctx, role.permissions, `the role ${role.name}`);
  }

  /** The built-in role Member of an account (self-service: `self.manage`), given to each member. */
  async memberRole(manager: EntityManager, accountId: string): Promise<RoleEntity[]> {
    return manager.findBy(RoleEntity, { accountId, name: MEMBER_ROLE, builtIn: true });
  }

  rolesOfAccount(accountId: string): Promise<RoleEntity[]> {
    return this.dataSource.getRepository(RoleEntity).find({ where: { accountId }, order: { builtIn: 'DESC', name: 'ASC' } });
  }

  /** The role IDs a principal holds in an account, directly. */
  async roleIdsOf(principalId: string, accountId: string): Promise<string[]> {
    const rows = await this.dataSource.getRepository(RoleAssignmentEntity).findBy({ principalId, accountId });
    return rows.map((r) => r.roleId);
  }

  /**
   * What a principal may do in an account: the permissions of its roles and
   * of its groups' roles there, in one query. A request made with a key (or
   * a session a key opened) acts with the owner's permissions when the key
   * has no roles or groups of its own; otherwise with what they grant in
   * this account, capped by the owner's permissions now (one more query).
   * A key's roles and groups belong to its own account: acting elsewhere, a
   * scoped key is granted nothing. Whether the key is scoped is read from the
   * database, not from the (cached) key: a change applies at the next request.
   */
  async permissionsOf(principalId: string, accountId: string, viaKey: Pick<ApiKeyEntity, 'id'> | null): Promise<Set<Permission>> {
    const [permissions] = await permissionsOfMany(this.dataSource, accountId, [{ principalId, keyId: viaKey?.id ?? null }]);
    return permissions;
  }

  /**
   * The roles a principal holds in an account, directly or through a group
   * there, and the groups it is a member of there: what its keys may be given.
   */
  async holdingsOf(manager: EntityManager, principalId: string, accountId: string): Promise<{ roleIds: Set<string>; groupIds: Set<string> }> {
    const rows: { kind: string; id: string }[] = await manager.query(
      `SELECT 'role' AS kind, a.role_id AS id FROM role_assignments a
        WHERE a.principal_id = ? AND a.account_id = ?
       UNION ALL
       SELECT 'group' AS kind, g.id AS id FROM group_members m JOIN access_groups g ON g.id = m.group_id
        WHERE m.principal_id = ? AND g.account_id = ?
       UNION ALL
       SELECT 'role' AS kind, gr.role_id AS id
         FROM group_members m JOIN access_groups g ON g.id = m.group_id JOIN group_roles gr ON gr.group_id = g.id
        WHERE m.principal_id = ? AND g.account_id = ?`,
      [principalId, accountId, principalId, accountId, principalId, accountId],
    );
    const idsOf = (kind: string) => new Set(rows.filter((row) => row.kind === kind).map((row) => row.id));
    return { roleIds: idsOf('role'), groupIds: idsOf('group') };
  }

  /** A role of the active account, or NOT_FOUND. */
  async roleInAccount(ctx: RequestContext, id: string): Promise<RoleEntity> {
    const role = isIdOf('role', id) ? await ctx.loaders.role.load(id) : null;
    if (!role || role.accountId !== ctx.activeAccountId) throw notFound('Role');
    return role;
  }

  async createRole(ctx: RequestContext, input: RoleData & { name: string; permissions: string[] }): Promise<RoleEntity> {
    const now = this.clock.now();
    const role = this.dataSource.manager.create(RoleEntity, {
      id: newId('role', now.getTime()),
      accountId: ctx.activeAccountId!,
      name: input.name.trim(),
      description: input.description ?? null,
      permissions: await this.catalogPermissions(ctx.activeAccountId!, input.permissions),
      builtIn: false,
      createdAt: now,
      updatedAt: now,
    });
    await assertHoldsAll(ctx, role.permissions, `the role ${role.name}`);
    await this.write(ctx, async (manager) => {
      await manager.insert(RoleEntity, role);
      auditTarget(ctx, 'Role', role.id, { permissions: role.permissions });
    });
    return role;
  }

  async updateRole(ctx: RequestContext, id: string, input: RoleData): Promise<RoleEntity> {
    const role = modifiable(await this.roleInAccount(ctx, id));
    if (input.name != null) role.name = input.name.trim();
    if (input.description !== undefined) role.description = input.description;
    if (input.permissions != null) role.permissions = await this.catalogPermissions(role.accountId, input.permissions);
    // Its holders would gain what the role grants: the caller must hold all of it (rule 4).
    await assertHoldsAll(ctx, role.permissions, `the role ${role.name}`);
    role.updatedAt = this.clock.now();
    await this.write(ctx, async (manager) => {
      await manager.update(RoleEntity, { id: role.id }, { name: role.name, description: role.description, permissions: role.permissions, updatedAt: role.updatedAt });
      auditTarget(ctx, 'Role', role.id, { permissions: role.permissions });
    });
    return role;
  }

  /** Deletes a custom role; its assignments and group grants go with it (foreign keys cascade). */
  async deleteRole(ctx: RequestContext, id: string, dryRun: boolean): Promise<{ deletedId: string; dryRun: boolean }> {
    const role = modifiable(await this.roleInAccount(ctx, id));
    if (!dryRun) {
      await ctx.transaction(async (manager) => {
        await manager.delete(RoleEntity, { id: role.id });
        auditTarget(ctx, 'Role', role.id, { name: role.name });
      });
      ctx.services.invalidation.publish({ kind: 'permissions' });
    }
    return { deletedId: role.id, dryRun };
  }

  /** Replaces the roles a principal holds directly in the active account. */
  async setPrincipalRoles(ctx: RequestContext, principalId: string, roleIds: string[]): Promise<PrincipalEntity> {
    const accountId = ctx.activeAccountId!;
    const [principal] = await requirePrincipalsInAccount(this.dataSource, accountId, [principalId], 'principalId');
    const roles = await this.requireRoles(this.dataSource.manager, accountId, roleIds);
    await this.assertMayGrant(ctx, roles);
    await ctx.transaction(async (manager) => {
      const before = await manager.findBy(RoleAssignmentEntity, { principalId, accountId });
      const kept = new Set(roles.map((r) => r.id));
      const had = new Set(before.map((a) => a.roleId));
      const removedIds = [...had].filter((id) => !kept.has(id));
      await manager.delete(RoleAssignmentEntity, { principalId, accountId });
      await this.assignRoles(manager, principalId, roles);
      const removed = removedIds.length > 0 ? await manager.findBy(RoleEntity, { id: In(removedIds) }) : [];
      if (removed.some(isAdministratorRole)) await assertKeepsAnAdministrator(manager, accountId);
      await this.notifications.notifyRolesChanged(manager, { principalId, added: roles.filter((r) => !had.has(r.id)), removed });
      auditTarget(ctx, principal.kind === 'USER' ? 'User' : 'FunctionalId', principalId, { roleIds: roles.map((r) => r.id) });
    });
    ctx.services.invalidation.publish({ kind: 'permissions' });
    return principal;
  }

  /** The permission catalog of an account: the built-in permissions, then those of its services. */
  async catalogOf(accountId: string): Promise<Permission[]> {
    return [...BUILT_IN_PERMISSIONS, ...(await servicePermissionsOfAccount(this.dataSource.manager, accountId))];
  }

  /** Permissions from the account's catalog only, deduplicated; BAD_USER_INPUT names the first unknown one. */
  private async catalogPermissions(accountId: string, values: string[]): Promise<Permission[]> {
    const custom = values.some((p) => !isBuiltInPermission(p)) ? new Set<string>(await servicePermissionsOfAccount(this.dataSource.manager, accountId)) : new Set<string>();
    const unknown = values.find((p) => !isBuiltInPermission(p) && !custom.has(p));
    if (unknown !== undefined) throw badUserInput('permissions', `unknown permission "${unknown.slice(0, 64)}"`);
    return [...new Set(values as Permission[])];
  }

  private async write(ctx: RequestContext, work: (manager: EntityManager) => Promise<void>): Promise<void> {
    try {
      await ctx.transaction(work);
      // Permissions computed from roles (the OAuth endpoints cache them) are dropped on every node.
      ctx.services.invalidation.publish({ kind: 'permissions' });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('A role with this name already exists in this account', { field: 'name' });
      throw error;
    }
  }
}

/** Member is given with the membership itself (AccountService.addMembership). */
export const isMemberRole = (role: Pick<RoleEntity, 'name' | 'builtIn'>) => role.builtIn && role.name === MEMBER_ROLE;
export const isAdministratorRole = (role: Pick<RoleEntity, 'name' | 'builtIn'>) => role.builtIn && role.name === ADMINISTRATOR_ROLE;

/** Built-in roles are read-only: changing one is FORBIDDEN (the caller is authorised for roles, not for this one). */
function modifiable(role: RoleEntity): RoleEntity {
  if (role.builtIn) throw forbidden(`The built-in role ${role.name} is read-only`);
  return role;
}

