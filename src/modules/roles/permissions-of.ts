/**
 * Effective permissions in SQL, batched: what RoleService.permissionsOf
 * answers for one holder, and the `keyPermissions` loader for a page of keys.
 */
import type { DataSource } from 'typeorm';
import type { Permission } from './permission-catalog';

/** Who acts, and through which key (null: not through a key), for permissionsOfMany. */
export interface Holder {
  principalId: string;
  keyId: string | null;
}

const placeholders = (values: readonly unknown[]) => values.map(() => '?').join(', ');

/**
 * RoleService.permissionsOf for many holders in one account, in two statements whatever their number (the
 * holders' own roles and groups; the keys' own roles and groups), in the order of `holders`. The rules are
 * permissionsOf's: a key with no roles or groups of its own acts with its owner's permissions; a scoped key
 * with what its roles and groups grant in this account, capped by its owner's.
 */
export async function permissionsOfMany(dataSource: DataSource, accountId: string, holders: readonly Holder[]): Promise<Set<Permission>[]> {
  const principalIds = [...new Set(holders.map((h) => h.principalId))];
  const keyIds = [...new Set(holders.flatMap((h) => (h.keyId === null ? [] : [h.keyId])))];
  const [owners, keyGrants] = await Promise.all([ownPermissionsOfMany(dataSource, principalIds, accountId), keyGrantsOfMany(dataSource, keyIds, accountId)]);
  return holders.map(({ principalId, keyId }) => {
    const owner = owners.get(principalId) ?? new Set<Permission>();
    const granted = keyId === null ? undefined : keyGrants.get(keyId);
    if (!granted) return new Set(owner);
    return new Set([...granted].filter((permission) => owner.has(permission)));
  });
}

/** The permissions of each principal's roles and of its groups' roles in the account: one query. */
async function ownPermissionsOfMany(dataSource: DataSource, principalIds: string[], accountId: string): Promise<Map<string, Set<Permission>>> {
  const byPrincipal = new Map<string, Set<Permission>>();
  if (principalIds.length === 0) return byPrincipal;
  const rows: { principal_id: string; permissions: string }[] = await dataSource.query(
    `SELECT a.principal_id AS principal_id, r.permissions AS permissions
       FROM role_assignments a JOIN roles r ON r.id = a.role_id
      WHERE a.principal_id IN (${placeholders(principalIds)}) AND a.account_id = ?
     UNION ALL
     SELECT m.principal_id AS principal_id, r.permissions AS permissions
       FROM group_members m
       JOIN access_groups g ON g.id = m.group_id
       JOIN group_roles gr ON gr.group_id = g.id
       JOIN roles r ON r.id = gr.role_id
      WHERE m.principal_id IN (${placeholders(principalIds)}) AND g.account_id = ?`,
    [...principalIds, accountId, ...principalIds, accountId],
  );
  for (const row of rows) {
    const held = byPrincipal.get(row.principal_id) ?? new Set<Permission>();
    for (const permission of JSON.parse(row.permissions) as Permission[]) held.add(permission);
    byPrincipal.set(row.principal_id, held);
  }
  return byPrincipal;
}

/**
 * What each key's own roles and groups grant in an account; no entry for a key
 * that is not scoped (it then acts with its owner's permissions). The first
 * part of the query is the marker row of a scoped key; the others are its
 * roles' and its groups' roles' permissions, with their account. One query.
 */
async function keyGrantsOfMany(dataSource: DataSource, keyIds: string[], accountId: string): Promise<Map<string, Set<Permission>>> {
  const byKey = new Map<string, Set<Permission>>();
  if (keyIds.length === 0) return byKey;
  const rows: { key_id: string; account_id: string | null; permissions: string | null }[] = await dataSource.query(
    `SELECT k.id AS key_id, NULL AS account_id, NULL AS permissions
       FROM api_keys k
      WHERE k.id IN (${placeholders(keyIds)}) AND k.access_scoped = 1
     UNION ALL
     SELECT kr.api_key_id AS key_id, r.account_id AS account_id, r.permissions AS permissions
       FROM api_key_roles kr JOIN roles r ON r.id = kr.role_id
      WHERE kr.api_key_id IN (${placeholders(keyIds)})
     UNION ALL
     SELECT kg.api_key_id AS key_id, g.account_id AS account_id, r.permissions AS permissions
       FROM api_key_groups kg
       JOIN access_groups g ON g.id = kg.group_id
       JOIN group_roles gr ON gr.group_id = g.id
       JOIN roles r ON r.id = gr.role_id
      WHERE kg.api_key_id IN (${placeholders(keyIds)})`,
    [...keyIds, ...keyIds, ...keyIds],
  );
  for (const row of rows) {
    const granted = byKey.get(row.key_id) ?? new Set<Permission>();
    byKey.set(row.key_id, granted);
    if (row.account_id === accountId && row.permissions !== null) for (const permission of JSON.parse(row.permissions) as Permission[]) granted.add(permission);
  }
  return byKey;
}
