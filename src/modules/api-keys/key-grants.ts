/**
 * Key access (BMC Helix: roles and groups given to an access key). A key
 * with none acts with its owner's permissions; with some, with what they
 * grant capped by its owner's permissions at each request (see
 * RoleService.permissionsOf). These rules decide what a key may be given.
 */
import { In, type EntityManager } from 'typeorm';
import { badUserInput, forbidden } from '../../errors';
import { GroupEntity, GroupRoleEntity } from '../groups/group.entity';
import type { Permission } from '../roles/permission-catalog';
import { RoleEntity } from '../roles/role.entity';
import type { RoleService } from '../roles/role.service';
import { ApiKeyGroupEntity, ApiKeyRoleEntity } from './key-grant.entity';

export interface KeyGrants {
  roles: RoleEntity[];
  groups: GroupEntity[];
}

/**
 * The roles and groups named, checked for a key of `ownerId` in `accountId`:
 * each belongs to the account (else BAD_USER_INPUT naming the field), and
 * the owner holds every permission each grants there (else FORBIDDEN: a key
 * never exceeds its owner). Permissions are compared, not role identity, so
 * an Administrator can make a Viewer key.
 */
export async function checkedKeyGrants(
  manager: EntityManager,
  roleService: RoleService,
  ownerId: string,
  accountId: string,
  roleIds: readonly string[],
  groupIds: readonly string[],
): Promise<KeyGrants> {
  const roles = await roleService.requireRoles(manager, accountId, roleIds, 'roleIds');
  const groups = await requireGroups(manager, accountId, groupIds);
  if (roles.length === 0 && groups.length === 0) return { roles, groups };
  const held = await roleService.permissionsOf(ownerId, accountId, null);
  const notHeld = roles.find((role) => role.permissions.some((p) => !held.has(p)));
  if (notHeld) throw forbidden(`The key's owner does not hold every permission of the role ${notHeld.name}: a key cannot be given more than its owner has`);
  for (const group of groups) {
    const beyond = [...(await groupPermissions(manager, [group.id]))].some((p) => !held.has(p));
    if (beyond) throw forbidden(`The key's owner does not hold every permission of the group ${group.name}: a key cannot be given more than its owner has`);
  }
  return { roles, groups };
}

/** What a key with these grants holds, its owner holding `ownerPermissions` (no grants: all of them). */
export async function keyPermissionsWith(manager: EntityManager, grants: KeyGrants, ownerPermissions: ReadonlySet<Permission>): Promise<Set<Permission>> {
  if (grants.roles.length === 0 && grants.groups.length === 0) return new Set(ownerPermissions);
  const granted = new Set([...grants.roles.flatMap((r) => r.permissions), ...(await groupPermissions(manager, grants.groups.map((g) => g.id)))]);
  return new Set([...granted].filter((p) => ownerPermissions.has(p)));
}

/** The permissions the roles of these groups grant. */
async function groupPermissions(manager: EntityManager, groupIds: string[]): Promise<Set<Permission>> {
  if (groupIds.length === 0) return new Set();
  const roles = await manager
    .createQueryBuilder(RoleEntity, 'r')
    .innerJoin(GroupRoleEntity, 'gr', 'gr.role_id = r.id')
    .where('gr.group_id IN (:...groupIds)', { groupIds })
    .getMany();
  return new Set(roles.flatMap((r) => r.permissions));
}

/** A key's current roles and groups. */
export async function currentKeyGrants(manager: EntityManager, apiKeyId: string): Promise<KeyGrants> {
  const roles = await manager.createQueryBuilder(RoleEntity, 'r').innerJoin(ApiKeyRoleEntity, 'kr', 'kr.role_id = r.id').where('kr.api_key_id = :apiKeyId', { apiKeyId }).getMany();
  const groups = await manager.createQueryBuilder(GroupEntity, 'g').innerJoin(ApiKeyGroupEntity, 'kg', 'kg.group_id = g.id').where('kg.api_key_id = :apiKeyId', { apiKeyId }).getMany();
  return { roles, groups };
}

/** Every ID must name a group of the account; otherwise BAD_USER_INPUT naming the first unknown one. */
async function requireGroups(manager: EntityManager, accountId: string, groupIds: readonly string[]): Promise<GroupEntity[]> {
  const ids = [...new Set(groupIds)];
  const wanted = ids.filter((id) => id.length <= 40);
  const groups = wanted.length === 0 ? [] : await manager.findBy(GroupEntity, { id: In(wanted), accountId });
  const found = new Set(groups.map((g) => g.id));
  const missing = ids.find((id) => !found.has(id));
  if (missing !== undefined) throw badUserInput('groupIds', `${missing.slice(0, 40)} is not a group of this account`);
  return groups;
}

/** The key has roles or groups of its own (after a partial change: either list may be the one left). */
export async function hasKeyGrants(manager: EntityManager, apiKeyId: string): Promise<boolean> {
  return (await manager.existsBy(ApiKeyRoleEntity, { apiKeyId })) || manager.existsBy(ApiKeyGroupEntity, { apiKeyId });
}

/** Replaces the roles (when given) and the groups (when given) of a key. */
export async function replaceKeyGrants(manager: EntityManager, apiKeyId: string, grants: Partial<KeyGrants>, now: Date): Promise<void> {
  if (grants.roles) {
    await manager.delete(ApiKeyRoleEntity, { apiKeyId });
    if (grants.roles.length > 0) await manager.insert(ApiKeyRoleEntity, grants.roles.map((role) => ({ apiKeyId, roleId: role.id, createdAt: now })));
  }
  if (grants.groups) {
    await manager.delete(ApiKeyGroupEntity, { apiKeyId });
    if (grants.groups.length > 0) await manager.insert(ApiKeyGroupEntity, grants.groups.map((group) => ({ apiKeyId, groupId: group.id, createdAt: now })));
  }
}
