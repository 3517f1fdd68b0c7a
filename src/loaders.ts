/**
 * Per-request DataLoaders: one query per kind of thing per request, never
 * one per row. Made fresh for every request so nothing leaks between callers.
 */
import DataLoader from 'dataloader';
import { In, type DataSource, type ObjectLiteral, type EntityTarget } from 'typeorm';
import { AccountEntity } from './modules/accounts/account.entity';
import { PrincipalEntity } from './modules/users/principal.entity';
import { RoleEntity } from './modules/roles/role.entity';
import { RoleAssignmentEntity } from './modules/roles/role-assignment.entity';
import { ApiKeyEntity } from './modules/api-keys/api-key.entity';
import { ancestorIdsOfMany } from './modules/users/hierarchy';

export function byIdLoader<E extends ObjectLiteral & { id: string }>(dataSource: DataSource, entity: EntityTarget<E>): DataLoader<string, E | null> {
  return new DataLoader<string, E | null>(async (ids) => {
    const rows = await dataSource.getRepository(entity).findBy({ id: In([...ids]) } as never);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** Groups rows by a key, in the order DataLoader asked for. */
export function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k) ?? []);
}

export function createLoaders(dataSource: DataSource, activeAccountId: string | null) {
  const role = byIdLoader(dataSource, RoleEntity);
  return {
    principal: byIdLoader(dataSource, PrincipalEntity),
    account: byIdLoader(dataSource, AccountEntity),
    apiKey: byIdLoader(dataSource, ApiKeyEntity),
    role,
    /** Ancestor user IDs of each principal, nearest first: one recursive query per batch. */
    ancestorIds: new DataLoader<string, string[]>(async (ids) => {
      const byId = await ancestorIdsOfMany(dataSource, ids);
      return ids.map((id) => byId.get(id) ?? []);
    }),
    /** A principal's directly assigned roles in the active account. */
    rolesOfPrincipal: new DataLoader<string, RoleEntity[]>(async (principalIds) => {
      if (!activeAccountId) return principalIds.map(() => []);
      const assignments = await dataSource.getRepository(RoleAssignmentEntity).findBy({
        principalId: In([...principalIds]),
        accountId: activeAccountId,
      });
      const roles = await role.loadMany([...new Set(assignments.map((a) => a.roleId))]);
      const roleById = new Map(roles.filter((r): r is RoleEntity => r instanceof RoleEntity).map((r) => [r.id, r]));
      return groupBy(principalIds, assignments, (a) => a.principalId).map((list) =>
        list.map((a) => roleById.get(a.roleId)).filter((r): r is RoleEntity => r !== undefined),
      );
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
