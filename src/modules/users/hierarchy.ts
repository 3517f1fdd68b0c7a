/**
 * The user hierarchy: ancestors (parent, grandparent, …) and descendants,
 * each read with one recursive query (SQLite and MariaDB both speak
 * WITH RECURSIVE), batched for many principals at once.
 */
import type { DataSource } from 'typeorm';

/** Deep enough for any real organisation; stops a corrupt cycle from looping. */
const MAX_DEPTH = 64;

/** Ancestor IDs of each given principal, nearest first (for a functional ID: none; its owner manages it). */
export async function ancestorIdsOfMany(dataSource: DataSource, ids: readonly string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return result;
  const placeholders = ids.map(() => '?').join(', ');
  const rows: { seed: string; id: string; depth: number | string }[] = await dataSource.query(
    `WITH RECURSIVE chain (seed, id, parent_id, depth) AS (
       SELECT id, id, parent_id, 0 FROM principals WHERE id IN (${placeholders})
       UNION ALL
       SELECT chain.seed, p.id, p.parent_id, chain.depth + 1
         FROM principals p JOIN chain ON p.id = chain.parent_id
        WHERE chain.depth < ${MAX_DEPTH}
     )
     SELECT seed, id, depth FROM chain WHERE depth > 0 ORDER BY seed, depth`,
    [...ids],
  );
  for (const row of rows) result.get(row.seed)?.push(row.id);
  return result;
}

export async function ancestorIdsOf(dataSource: DataSource, id: string): Promise<string[]> {
  return (await ancestorIdsOfMany(dataSource, [id])).get(id) ?? [];
}

/** Every user below `userId` (children, grandchildren, …). */
export async function descendantIdsOf(dataSource: DataSource, userId: string): Promise<string[]> {
  const rows: { id: string }[] = await dataSource.query(
    `WITH RECURSIVE below (id, depth) AS (
       SELECT id, 1 FROM principals WHERE parent_id = ? AND kind = 'USER'
       UNION ALL
       SELECT p.id, below.depth + 1 FROM principals p JOIN below ON p.parent_id = below.id
        WHERE p.kind = 'USER' AND below.depth < ${MAX_DEPTH}
     )
     SELECT id FROM below`,
    [userId],
  );
  return rows.map((r) => r.id);
}

/**
 * The principals a user manages in an account (DESIGN.md scope MANAGED,
 * judged in that account: rule 1): itself, its descendants that are members
 * of the account, and the account's functional IDs owned by any of them.
 */
export async function managedPrincipalIdsOf(dataSource: DataSource, userId: string, accountId: string): Promise<string[]> {
  const below = await descendantIdsOf(dataSource, userId);
  const placeholders = below.map(() => '?').join(', ');
  const members: { id: string }[] =
    below.length === 0
      ? []
      : await dataSource.query(`SELECT user_id AS id FROM account_memberships WHERE account_id = ? AND user_id IN (${placeholders})`, [accountId, ...below]);
  const users = [userId, ...members.map((m) => m.id)];
  const functionalIds: { id: string }[] = await dataSource.query(
    `SELECT id FROM principals WHERE kind = 'FUNCTIONAL_ID' AND account_id = ? AND owner_id IN (${users.map(() => '?').join(', ')})`,
    [accountId, ...users],
  );
  return [...users, ...functionalIds.map((f) => f.id)];
}
