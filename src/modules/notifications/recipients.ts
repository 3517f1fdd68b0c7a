/** Who hears about what: the account administrators, and the people behind a key. */
import { In, type EntityManager } from 'typeorm';
import { ADMINISTRATOR_ROLE } from '../roles/permission-catalog';
import { RoleAssignmentEntity } from '../roles/role-assignment.entity';
import { RoleEntity } from '../roles/role.entity';
import { GroupMemberEntity, GroupRoleEntity } from '../groups/group.entity';
import { PrincipalEntity } from '../users/principal.entity';

/** Holders of the built-in Administrator role of each account: directly, and through their groups. */
export async function accountAdministratorIds(manager: EntityManager, accountIds: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, Set<string>>(accountIds.map((id) => [id, new Set<string>()]));
  if (accountIds.length === 0) return new Map();
  const direct: { accountId: string; principalId: string }[] = await manager
    .createQueryBuilder()
    .select('r.account_id', 'accountId')
    .addSelect('a.principal_id', 'principalId')
    .from(RoleAssignmentEntity, 'a')
    .innerJoin(RoleEntity, 'r', 'r.id = a.role_id')
    .where('r.account_id IN (:...accountIds) AND r.built_in = 1 AND r.name = :name', { accountIds: [...accountIds], name: ADMINISTRATOR_ROLE })
    .getRawMany();
  for (const row of direct) result.get(row.accountId)?.add(row.principalId);
  for (const [accountId, ids] of await administratorIdsThroughGroups(manager, accountIds)) {
    for (const id of ids) result.get(accountId)?.add(id);
  }
  return new Map([...result].map(([accountId, ids]) => [accountId, [...ids]]));
}

/** Members of groups that hold the built-in Administrator role of each account, one query. */
export async function administratorIdsThroughGroups(manager: EntityManager, accountIds: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (accountIds.length === 0) return result;
  const rows: { accountId: string; principalId: string }[] = await manager
    .createQueryBuilder()
    .select('r.account_id', 'accountId')
    .addSelect('m.principal_id', 'principalId')
    .from(GroupMemberEntity, 'm')
    .innerJoin(GroupRoleEntity, 'gr', 'gr.group_id = m.group_id')
    .innerJoin(RoleEntity, 'r', 'r.id = gr.role_id')
    .where('r.account_id IN (:...accountIds) AND r.built_in = 1 AND r.name = :name', { accountIds: [...accountIds], name: ADMINISTRATOR_ROLE })
    .getRawMany();
  for (const row of rows) result.set(row.accountId, [...(result.get(row.accountId) ?? []), row.principalId]);
  return result;
}

/** Principals by ID, one query. */
export async function principalsById(manager: EntityManager, ids: readonly (string | null | undefined)[]): Promise<Map<string, PrincipalEntity>> {
  const unique = [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
  if (unique.length === 0) return new Map();
  const rows = await manager.findBy(PrincipalEntity, { id: In(unique) });
  return new Map(rows.map((p) => [p.id, p]));
}

/**
 * The people behind a key's owner: the owner itself and, for a functional
 * ID, its responsible user (a program does not read its bell).
 */
export function ownerAudience(owner: PrincipalEntity | undefined): string[] {
  if (!owner) return [];
  return owner.kind === 'FUNCTIONAL_ID' && owner.ownerId ? [owner.id, owner.ownerId] : [owner.id];
}
