/**
 * The database path of key authentication (every request after a cache
 * expiry, and every request with the cache off): a key, its owner and whether
 * the owner is a member of the key's account, in one prepared statement.
 *
 * The statements are written once, at start, from the entities' metadata, and
 * rows are hydrated through the same metadata (typeorm's own conversions and
 * column transformers), so they follow the entities. A query builder did the
 * same work at every request: building the SQL and mapping its aliases cost
 * more CPU than the rest of the request, and its text statement cost the
 * database twice the prepared one's (bench/README.md).
 */
import type { DataSource, EntityMetadata } from 'typeorm';
import type { PreparedRead } from '../../database-deadlines';
import { PrincipalEntity } from '../users/principal.entity';
import { ApiKeyEntity } from './api-key.entity';

/** What the database says about a presented key: the key, its owner (null if gone) and the owner's membership of the key's account. */
export interface LoadedKey {
  key: ApiKeyEntity;
  owner: PrincipalEntity | null;
  membershipStands: boolean;
}

/** Rows alias their columns by position (`k0`, `o3`): short, and the same on both databases. */
interface Hydrator<T> {
  select: string[];
  hydrate(row: Record<string, unknown>): T;
}

function hydratorOf<T>(dataSource: DataSource, metadata: EntityMetadata, alias: string): Hydrator<T> {
  const driver = dataSource.driver;
  const columns = metadata.columns.map((column, index) => ({ column, name: `${alias}${index}` }));
  return {
    select: columns.map(({ column, name }) => `${alias}.${driver.escape(column.databaseName)} AS ${name}`),
    hydrate: (row) => {
      const entity = metadata.create() as T;
      for (const { column, name } of columns) column.setEntityValue(entity as object, driver.prepareHydratedValue(row[name], column));
      return entity;
    },
  };
}

export class KeyLookup {
  private readonly keys: Hydrator<ApiKeyEntity>;
  private readonly owners: Hydrator<PrincipalEntity>;
  private readonly ownerIdColumn: string;
  private readonly byCurrentHash: string;
  private readonly byPreviousHash: string;
  private readonly byAccessKeyId: string;

  constructor(
    dataSource: DataSource,
    private readonly read: PreparedRead,
  ) {
    const keyMetadata = dataSource.getMetadata(ApiKeyEntity);
    const ownerMetadata = dataSource.getMetadata(PrincipalEntity);
    const q = (entity: EntityMetadata, property: string) => dataSource.driver.escape(entity.findColumnWithPropertyName(property)!.databaseName);
    this.keys = hydratorOf(dataSource, keyMetadata, 'k');
    this.owners = hydratorOf(dataSource, ownerMetadata, 'o');
    this.ownerIdColumn = `o${ownerMetadata.columns.findIndex((column) => column.propertyName === 'id')}`;
    // `m0`: null when the owner has no membership of the key's account (a LEFT JOIN on the membership's
    // primary key; not `member`, which MySQL 8 reserves).
    const table = (metadata: EntityMetadata) => dataSource.driver.escape(metadata.tableName);
    const matching = (alias: string, column: string) => `${alias}.${q(keyMetadata, column)} = ? AND ${alias}.${q(keyMetadata, 'type')} = ?`;
    // On SQLite the key is found by a subquery and joined by its primary key: with the parameters in the outer
    // WHERE of the join, better-sqlite3 plans the statement again at every run (87 µs against 7). MariaDB plans
    // both forms as constant lookups, and the plain one costs it 12-20 % less CPU (bench/README.md).
    const where =
      dataSource.options.type === 'mysql'
        ? (column: string) => `WHERE ${matching('k', column)} LIMIT 1`
        : (column: string) => `WHERE k.${q(keyMetadata, 'id')} = (SELECT s.${q(keyMetadata, 'id')} FROM ${table(keyMetadata)} s WHERE ${matching('s', column)} LIMIT 1)`;
    const statement = (column: string) =>
      `SELECT ${[...this.keys.select, ...this.owners.select].join(', ')}, m.user_id AS m0 FROM ${table(keyMetadata)} k ` +
      `LEFT JOIN ${table(ownerMetadata)} o ON o.${q(ownerMetadata, 'id')} = k.${q(keyMetadata, 'ownerId')} ` +
      `LEFT JOIN account_memberships m ON m.account_id = k.${q(keyMetadata, 'accountId')} AND m.user_id = k.${q(keyMetadata, 'ownerId')} ` +
      where(column);
    this.byCurrentHash = statement('secretHash');
    this.byPreviousHash = statement('previousSecretHash');
    this.byAccessKeyId = statement('accessKeyId');
  }

  /**
   * The API key stored under `hash`, as its current secret, else as its previous one (in or past its grace
   * period: the caller decides). Each is an index lookup; the second runs only when the first finds nothing
   * (a key used with its previous secret, or no key: a refusal, which the caller's address pays for), so a
   * good key costs one statement.
   */
  async apiKeyByHash(hash: string): Promise<LoadedKey | null> {
    return (await this.first(this.byCurrentHash, [hash, 'API_KEY'])) ?? this.first(this.byPreviousHash, [hash, 'API_KEY']);
  }

  /** The access key `accessKeyId` names; its secret is compared by the caller. */
  accessKey(accessKeyId: string): Promise<LoadedKey | null> {
    return this.first(this.byAccessKeyId, [accessKeyId, 'ACCESS_KEY']);
  }

  private async first(sql: string, parameters: string[]): Promise<LoadedKey | null> {
    const [row] = await this.read(sql, parameters);
    if (!row) return null;
    return {
      key: this.keys.hydrate(row),
      owner: row[this.ownerIdColumn] == null ? null : this.owners.hydrate(row),
      membershipStands: row.m0 != null,
    };
  }
}
