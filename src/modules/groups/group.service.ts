/** Access groups: their members and the roles they grant, in one account. */
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import { auditTarget, type RequestContext } from '../../context';
import { isUniqueViolation } from '../../database';
import { badUserInput, conflict, forbidden, notFound } from '../../errors';
import { isIdOf, newId } from '../../ids';
import { paginate, type Connection } from '../../pagination';
import type { RoleEntity } from '../roles/role.entity';
import type { NotificationService } from '../notifications/notification.service';
import type { RoleService } from '../roles/role.service';
import { principalsInAccount, requirePrincipalsInAccount } from '../users/principal-lookup';
import { GroupEntity, GroupMemberEntity, GroupRoleEntity } from './group.entity';

export interface GroupData {
  name?: string | null;
  description?: string | null;
  roleIds?: string[] | null;
}

export class GroupService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly roles: RoleService,
    private readonly notifications: NotificationService,
  ) {}

  /** A group of the active account, or NOT_FOUND. */
  async groupInAccount(ctx: RequestContext, id: string): Promise<GroupEntity> {
    const group = isIdOf('group', id) ? await ctx.loaders.group.load(id) : null;
    if (!group || group.accountId !== ctx.activeAccountId) throw notFound('Group');
    return group;
  }

  listGroups(ctx: RequestContext, page: { first?: number | null; after?: string | null }): Promise<Connection<GroupEntity>> {
    const query = this.dataSource.getRepository(GroupEntity).createQueryBuilder('g').where('g.account_id = :accountId', { accountId: ctx.activeAccountId });
    return paginate(query, 'g.id', page);
  }

  /** Members of a group that belong to the active account (as `Group.members` lists them). */
  async countMembers(ctx: RequestContext, groupId: string): Promise<number> {
    const ids = (await this.dataSource.getRepository(GroupMemberEntity).find({ select: { principalId: true }, where: { groupId } })).map((m) => m.principalId);
    return ctx.activeAccountId ? (await principalsInAccount(this.dataSource, ctx.activeAccountId, ids)).length : 0;
  }

  async createGroup(ctx: RequestContext, input: GroupData & { name: string }): Promise<GroupEntity> {
    const roles = await this.grantableRoles(ctx, input.roleIds);
    const now = this.clock.now();
    const group = this.dataSource.manager.create(GroupEntity, {
      id: newId('group', now.getTime()),
      accountId: ctx.activeAccountId!,
      name: input.name.trim(),
      description: input.description ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await this.write(ctx, async (manager) => {
      await manager.insert(GroupEntity, group);
      await this.grantRoles(manager, group.id, roles);
      auditTarget(ctx, 'Group', group.id, { roleIds: roles.map((r) => r.id) });
    });
    return group;
  }

  /** Name, description, and (when given) the full list of roles the group grants. */
  async updateGroup(ctx: RequestContext, id: string, input: GroupData): Promise<GroupEntity> {
    const group = await this.groupInAccount(ctx, id);
    const roles = input.roleIds == null ? null : await this.grantableRoles(ctx, input.roleIds);
    if (input.name != null) group.name = input.name.trim();
    if (input.description !== undefined) group.description = input.description;
    group.updatedAt = this.clock.now();
    await this.write(ctx, async (manager) => {
      await manager.update(GroupEntity, { id: group.id }, { name: group.name, description: group.description, updatedAt: group.updatedAt });
      if (roles) {
        await manager.delete(GroupRoleEntity, { groupId: group.id });
        await this.grantRoles(manager, group.id, roles);
      }
      auditTarget(ctx, 'Group', group.id, roles ? { roleIds: roles.map((r) => r.id) } : undefined);
    });
    return group;
  }

  async deleteGroup(ctx: RequestContext, id: string, dryRun: boolean): Promise<{ deletedId: string; dryRun: boolean }> {
    const group = await this.groupInAccount(ctx, id);
    if (!dryRun) {
      await ctx.transaction(async (manager) => {
        await manager.delete(GroupEntity, { id: group.id }); // members and grants cascade
        auditTarget(ctx, 'Group', group.id, { name: group.name });
      });
      ctx.services.invalidation.publish({ kind: 'permissions' });
    }
    return { deletedId: group.id, dryRun };
  }

  /** Adds principals of the active account; those already in the group are left as they are. */
  async addMembers(ctx: RequestContext, groupId: string, principalIds: string[]): Promise<GroupEntity> {
    const group = await this.groupInAccount(ctx, groupId);
    auditTarget(ctx, 'Group', group.id); // named now, so that a refusal below is audited against the group too
    await this.roles.assertMayGrant(ctx, await ctx.loaders.rolesOfGroup.load(group.id));
    const principals = await requirePrincipalsInAccount(this.dataSource, group.accountId, principalIds, 'principalIds');
    const now = this.clock.now();
    await ctx.transaction(async (manager) => {
      const existing = await manager.findBy(GroupMemberEntity, { groupId: group.id, principalId: In(principals.map((p) => p.id)) });
      const already = new Set(existing.map((m) => m.principalId));
      const added = principals.filter((p) => !already.has(p.id));
      if (added.length > 0) await manager.insert(GroupMemberEntity, added.map((p) => ({ groupId: group.id, principalId: p.id, createdAt: now })));
      await this.notifications.notifyGroupsChanged(manager, { principalIds: added.map((p) => p.id), joined: [group] });
      auditTarget(ctx, 'Group', group.id, { principalIds: added.map((p) => p.id) });
    });
    ctx.services.invalidation.publish({ kind: 'permissions' });
    return group;
  }

  /** Removes principals; the permissions they held through the group end with the next request. */
  async removeMembers(ctx: RequestContext, groupId: string, principalIds: string[]): Promise<GroupEntity> {
    const group = await this.groupInAccount(ctx, groupId);
    const ids = [...new Set(principalIds)];
    await ctx.transaction(async (manager) => {
      const members = await manager.findBy(GroupMemberEntity, { groupId: group.id, principalId: In(ids) });
      await manager.delete(GroupMemberEntity, { groupId: group.id, principalId: In(ids) });
      await this.notifications.notifyGroupsChanged(manager, { principalIds: members.map((m) => m.principalId), left: [group] });
      auditTarget(ctx, 'Group', group.id, { principalIds: ids });
    });
    ctx.services.invalidation.publish({ kind: 'permissions' });
    return group;
  }

  /**
   * Groups a new principal may be put in by the caller: it needs
   * `groups.manage`, and (no escalation) may not hand out roles it lacks.
   */
  async requireJoinableGroups(ctx: RequestContext, groupIds: string[] | null | undefined): Promise<GroupEntity[]> {
    const ids = [...new Set(groupIds ?? [])];
    if (ids.length === 0) return [];
    if (!(await ctx.permissions()).has('groups.manage')) throw forbidden('Putting a principal in groups requires the groups.manage permission');
    const groups: GroupEntity[] = [];
    for (const id of ids) {
      groups.push(await this.groupInAccount(ctx, id).catch(() => Promise.reject(badUserInput('groupIds', `${id.slice(0, 40)} is not a group of this account`))));
    }
    const roles = await ctx.loaders.rolesOfGroup.loadMany(groups.map((g) => g.id));
    await this.roles.assertMayGrant(ctx, roles.flatMap((r) => (r instanceof Error ? [] : r)));
    return groups;
  }

  async joinGroups(manager: EntityManager, principalId: string, groups: GroupEntity[]): Promise<void> {
    if (groups.length === 0) return;
    const now = this.clock.now();
    await manager.insert(GroupMemberEntity, groups.map((g) => ({ groupId: g.id, principalId, createdAt: now })));
  }

  private async grantableRoles(ctx: RequestContext, roleIds: string[] | null | undefined): Promise<RoleEntity[]> {
    const roles = await this.roles.requireRoles(this.dataSource.manager, ctx.activeAccountId!, roleIds);
    await this.roles.assertMayGrant(ctx, roles);
    return roles;
  }

  private async grantRoles(manager: EntityManager, groupId: string, roles: RoleEntity[]): Promise<void> {
    if (roles.length === 0) return;
    const now = this.clock.now();
    await manager.insert(GroupRoleEntity, roles.map((role) => ({ groupId, roleId: role.id, createdAt: now })));
  }

  private async write(ctx: RequestContext, work: (manager: EntityManager) => Promise<void>): Promise<void> {
    try {
      await ctx.transaction(work);
      // Permissions computed from group grants (the OAuth endpoints cache them) are dropped on every node.
      ctx.services.invalidation.publish({ kind: 'permissions' });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('A group with this name already exists in this account', { field: 'name' });
      throw error;
    }
  }
}
