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
 * database twice the prepared one's (bench/HISTORY.md).
 *
 * On MySQL, the lookups that arrive together (the requests read in one turn
 * of the event loop) share one statement, `… IN (?, ?, …)`: a round trip to
 * the database costs the server more CPU than the rest of the request, and a
 * busy server reads several requests per turn (bench/HISTORY.md). Each request
 * still waits for a statement that ran after it arrived, so nothing it is
 * answered is older than its own lookup would have been.
 */
import DataLoader from 'dataloader';
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

/** The most lookups one statement makes. A batch is padded to a power of two up to it (by repeating a value), so a connection prepares at most six forms of each statement. */
const MOST_PER_STATEMENT = 32;

/** Finds the key whose column holds `value`. */
type Find = (value: string) => Promise<LoadedKey | null>;

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
  private readonly byCurrentHash: Find;
  private readonly byPreviousHash: Find;
  private readonly byAccessKeyId: Find;

  constructor(
    dataSource: DataSource,
    private readonly read: PreparedRead,
  ) {
    const keyMetadata = dataSource.getMetadata(ApiKeyEntity);
    const ownerMetadata = dataSource.getMetadata(PrincipalEntity);
    const q = (entity: EntityMetadata, property: string) => dataSource.driver.escape(entity.findColumnWithPropertyName(property)!.databaseName);
    const position = (metadata: EntityMetadata, property: string) => metadata.columns.findIndex((column) => column.propertyName === property);
    this.keys = hydratorOf(dataSource, keyMetadata, 'k');
    this.owners = hydratorOf(dataSource, ownerMetadata, 'o');
    this.ownerIdColumn = `o${position(ownerMetadata, 'id')}`;
    // `m0`: null when the owner has no membership of the key's account (a LEFT JOIN on the membership's
    // primary key; not `member`, which MySQL 8 reserves).
    const table = (metadata: EntityMetadata) => dataSource.driver.escape(metadata.tableName);
    const select =
      `SELECT ${[...this.keys.select, ...this.owners.select].join(', ')}, m.user_id AS m0 FROM ${table(keyMetadata)} k ` +
      `LEFT JOIN ${table(ownerMetadata)} o ON o.${q(ownerMetadata, 'id')} = k.${q(keyMetadata, 'ownerId')} ` +
      `LEFT JOIN account_memberships m ON m.account_id = k.${q(keyMetadata, 'accountId')} AND m.user_id = k.${q(keyMetadata, 'ownerId')} `;
    const type = q(keyMetadata, 'type');
    // MySQL: the lookups of one turn together, in the plain form (MariaDB plans it as constant lookups on the
    // index; a subquery cost it 12-20 % more CPU). SQLite, whose reads are synchronous (no round trip to
    // share): one key per statement, found by a subquery and joined by its primary key; with the parameters
    // in the outer WHERE of the join, better-sqlite3 plans the statement again at every run (87 µs against 7).
    const find =
      dataSource.options.type === 'mysql'
        ? (property: string, keyType: string): Find =>
            this.together((count) => `${select}WHERE k.${q(keyMetadata, property)} IN (${new Array(count).fill('?').join(', ')}) AND k.${type} = ?`, `k${position(keyMetadata, property)}`, keyType)
        : (property: string, keyType: string): Find => {
            const sql = `${select}WHERE k.${q(keyMetadata, 'id')} = (SELECT s.${q(keyMetadata, 'id')} FROM ${table(keyMetadata)} s WHERE s.${q(keyMetadata, property)} = ? AND s.${type} = ? LIMIT 1)`;
            return async (value) => {
              const [row] = await this.read(sql, [value, keyType]);
              return row ? this.loaded(row) : null;
            };
          };
    this.byCurrentHash = find('secretHash', 'API_KEY');
    this.byPreviousHash = find('previousSecretHash', 'API_KEY');
    this.byAccessKeyId = find('accessKeyId', 'ACCESS_KEY');
  }

  /**
   * The API key stored under `hash`, as its current secret, else as its previous one (in or past its grace
   * period: the caller decides). Each is an index lookup; the second runs only when the first finds nothing
   * (a key used with its previous secret, or no key: a refusal, which the caller's address pays for), so a
   * good key costs one statement.
   */
  async apiKeyByHash(hash: string): Promise<LoadedKey | null> {
    return (await this.byCurrentHash(hash)) ?? this.byPreviousHash(hash);
  }

  /** The access key `accessKeyId` names; its secret is compared by the caller. */
  accessKey(accessKeyId: string): Promise<LoadedKey | null> {
    return this.byAccessKeyId(accessKeyId);
  }

  /**
   * Lookups made in one turn of the event loop as one statement (`statement(n)`: n values, then the key type):
   * gathered until the turn's I/O callbacks have run (setImmediate), each answered from the row whose column
   * `valueColumn` holds its value, hydrated for it alone. A failed statement fails each lookup of its batch.
   */
  private together(statement: (count: number) => string, valueColumn: string, keyType: string): Find {
    const statements = new Map<number, string>();
    const loader = new DataLoader<string, LoadedKey | null>(
      async (values) => {
        const distinct = [...new Set(values)];
        const count = 2 ** Math.ceil(Math.log2(distinct.length));
        if (!statements.has(count)) statements.set(count, statement(count));
        const padded = distinct.concat(new Array<string>(count - distinct.length).fill(distinct[0]));
        const rows = await this.read(statements.get(count)!, [...padded, keyType]);
        const rowOf = new Map(rows.map((row) => [row[valueColumn], row]));
        return values.map((value) => {
          const row = rowOf.get(value);
          return row ? this.loaded(row) : null;
        });
      },
      // No cache: a lookup is never answered from an earlier batch's rows.
      { cache: false, maxBatchSize: MOST_PER_STATEMENT, batchScheduleFn: (dispatch) => setImmediate(dispatch) },
    );
    return (value) => loader.load(value);
  }

  private loaded(row: Record<string, unknown>): LoadedKey {
    return {
      key: this.keys.hydrate(row),
      owner: row[this.ownerIdColumn] == null ? null : this.owners.hydrate(row),
      membershipStands: row.m0 != null,
    };
  }
}
