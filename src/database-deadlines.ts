/**
 * A deadline on every database call (`DB_QUERY_TIMEOUT_MS`). A database that
 * stays connected but stops answering (a hung server, a stalled network path)
 * would otherwise hold requests without bound: mysql2's pool waits for a free
 * connection forever, and a statement on a silent connection never ends.
 *
 * - MySQL: taking a connection from the pool and the first statement on it
 *   share one deadline; every later statement on the connection has its own.
 *   A statement past its deadline fails and its connection is destroyed (its
 *   late answer, or the silence, must not reach the next user of the
 *   connection). A connection that arrives after its caller gave up goes back
 *   to the pool. New connections are bounded by `connectTimeout` (database.ts).
 * - SQLite: the driver is synchronous; its busy timeout (database.ts) is the deadline.
 * - Both: an error that says the database is away or late is marked to answer
 *   `INTERNAL_SERVER_ERROR` with HTTP 503 (see `markUnavailable`).
 */
import { escapeId } from 'mysql2';
import type { DataSource, QueryRunner } from 'typeorm';
import { markUnavailable } from './errors';

/** The code of the errors this module raises. */
const DATABASE_TIMEOUT = 'DB_TIMEOUT';

/** Driver error codes (mysql2, Node's net, better-sqlite3) that mean the database is away, overloaded or late. */
const UNAVAILABLE_CODES = new Set([
  DATABASE_TIMEOUT,
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_CONNECTION_LOST',
  'ETIMEDOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'ER_CON_COUNT_ERROR',
  'ER_LOCK_WAIT_TIMEOUT',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);
/** mysql2 errors that carry no code. */
const UNAVAILABLE_MESSAGES = /^(Pool is closed\.|Queue limit reached\.|Can't add new command when connection is in closed state)/;

/** True when `error` (a typeorm QueryFailedError or a driver error) says the database did not answer in time or is away. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; fatal?: boolean; message?: string; driverError?: { code?: string; fatal?: boolean; message?: string } } | null;
  if (!e || typeof e !== 'object') return false;
  const driver = e.driverError ?? e;
  return UNAVAILABLE_CODES.has(driver.code ?? '') || driver.fatal === true || UNAVAILABLE_MESSAGES.test(driver.message ?? '');
}

function databaseTimeout(what: string, ms: number): Error {
  return Object.assign(new Error(`the database did not answer in time: ${what} took over ${ms} ms`), { code: DATABASE_TIMEOUT });
}

/** Puts the deadlines on a DataSource before it is initialized (`createDataSource` does). */
export function boundDatabaseCalls(dataSource: DataSource, timeoutMs: number): void {
  markUnavailableErrors(dataSource);
  if (dataSource.options.type === 'mysql') boundMysqlPool(dataSource, timeoutMs);
}

/** Every statement goes through a QueryRunner's `query` (connection included): mark its failures there. */
function markUnavailableErrors(dataSource: DataSource): void {
  const driver = dataSource.driver;
  const create = driver.createQueryRunner.bind(driver);
  const marked = new WeakSet<QueryRunner>();
  driver.createQueryRunner = (mode) => {
    const runner = create(mode);
    if (marked.has(runner)) return runner; // better-sqlite3 hands out one runner
    marked.add(runner);
    const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
    runner.query = (async (...args: unknown[]) => {
      try {
        return await query(...args);
      } catch (error) {
        throw isDatabaseUnavailable(error) ? markUnavailable(error as object) : error;
      }
    }) as QueryRunner['query'];
    return runner;
  };
}

type Callback = (error: Error | null, ...results: unknown[]) => void;
interface PooledConnection {
  query(sql: unknown, values: unknown, callback: Callback): unknown;
  release(): void;
  destroy(): void;
}
interface PoolDriver {
  obtainMasterConnection(): Promise<PooledConnection>;
  obtainSlaveConnection(): Promise<PooledConnection>;
}

/** When the caller started waiting for a connection: its first statement gets what is left of the deadline. */
const waitingSince = new WeakMap<PooledConnection, number>();
const bounded = new WeakSet<PooledConnection>();

function boundMysqlPool(dataSource: DataSource, timeoutMs: number): void {
  const driver = dataSource.driver as unknown as PoolDriver;
  const obtain = driver.obtainMasterConnection.bind(driver);
  driver.obtainMasterConnection = () => {
    const started = Date.now();
    return new Promise((resolve, reject) => {
      let gaveUp = false;
      const timer = setTimeout(() => {
        gaveUp = true;
        reject(databaseTimeout('waiting for a connection', timeoutMs));
      }, timeoutMs);
      obtain().then(
        (connection) => {
          if (gaveUp) return connection.release();
          clearTimeout(timer);
          boundStatements(connection, timeoutMs);
          waitingSince.set(connection, started);
          resolve(connection);
        },
        (error: unknown) => {
          if (gaveUp) return;
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  };
  // No replicas here: typeorm asks for a "slave" connection in read-only query runners.
  driver.obtainSlaveConnection = driver.obtainMasterConnection;
}

function boundStatements(connection: PooledConnection, timeoutMs: number): void {
  if (bounded.has(connection)) return;
  bounded.add(connection);
  const query = connection.query.bind(connection);
  connection.query = (sql: unknown, values: unknown, callback?: Callback) => {
    if (typeof values === 'function') [values, callback] = [undefined, values as Callback];
    const started = waitingSince.get(connection) ?? Date.now();
    waitingSince.delete(connection);
    const budget = Math.max(1, timeoutMs - (Date.now() - started));
    let settled = false;
    const settle: Callback = (error, ...results) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      callback?.(error, ...results);
    };
    // Our own timer rather than mysql2's `timeout`: that one starts only when the statement reaches the wire,
    // so a statement queued behind a silent one would wait without bound.
    const timer = setTimeout(() => {
      settle(databaseTimeout('a statement', timeoutMs));
      connection.destroy();
    }, budget);
    return query(sql, values, settle);
  };
}

/**
 * A statement as typeorm would log it: mysql2's `??` identifiers (rate-limiter-flexible names its table
 * that way) written in, `?` values left as parameters.
 */
function withIdentifiers(sql: string, values: unknown): [string, unknown[] | undefined] {
  if (!Array.isArray(values) || !sql.includes('??')) return [sql, Array.isArray(values) ? values : undefined];
  const parameters: unknown[] = [];
  let next = 0;
  const text = sql.replace(/\?\??/g, (mark) => {
    const value = values[next++];
    if (mark === '??') return escapeId(String(value));
    parameters.push(value);
    return '?';
  });
  return [text, parameters];
}

/** A connection of `boundedPoolClient`: the callback API that rate-limiter-flexible's MySQL store uses, and `execute` (a prepared statement). */
export interface BoundedConnection {
  query(sql: string, values: unknown, callback?: Callback): void;
  execute(sql: string, values: unknown, callback?: Callback): void;
  release(): void;
  rollback(): void;
}

/**
 * mysql2's raw pool (typeorm's own) behind a deadline of its own, for a caller outside typeorm that must not
 * wait as long as a statement may (the rate limiters: a login spends up to three before its first query), or
 * that runs prepared statements (`preparedReads`). Taking a connection and each statement get `timeoutMs`; a
 * statement past it fails and its connection is destroyed, exactly as above. Never throws: every failure
 * reaches the callback. Its statements go to typeorm's logger as typeorm's own do.
 */
export function boundedPoolClient(dataSource: DataSource, timeoutMs: number): { getConnection(callback: (error: Error | null, connection?: BoundedConnection) => void): void } {
  return {
    getConnection(callback) {
      type RawConnection = PooledConnection & { execute(sql: unknown, values: unknown, callback: Callback): unknown; rollback(cb?: Callback): void };
      const pool = (dataSource.driver as unknown as { pool?: { getConnection(cb: (error: Error | null, connection: RawConnection) => void): void } }).pool;
      if (!pool) return callback(Object.assign(new Error('the database pool is not open'), { code: DATABASE_TIMEOUT }));
      let gaveUp = false;
      const timer = setTimeout(() => {
        gaveUp = true;
        callback(databaseTimeout('waiting for a connection', timeoutMs));
      }, timeoutMs);
      pool.getConnection((error, raw) => {
        if (gaveUp) return raw?.release();
        clearTimeout(timer);
        if (error) return callback(error);
        let destroyed = false;
        const bounded =
          (method: 'query' | 'execute') =>
          (sql: string, values: unknown, done?: Callback): void => {
            if (typeof values === 'function') [values, done] = [undefined, values as Callback];
            if (destroyed) return done?.(databaseTimeout('a statement', timeoutMs));
            // Through typeorm's logger like every other statement (it writes only when query logging is on:
            // the tests count a request's SQL there, the rate limits' and the key lookup's included).
            dataSource.logger.logQuery(...withIdentifiers(sql, values));
            let settled = false;
            const late = setTimeout(() => {
              settled = true;
              destroyed = true;
              raw.destroy();
              done?.(databaseTimeout('a statement', timeoutMs));
            }, timeoutMs);
            raw[method](sql, values, (queryError, ...results) => {
              if (settled) return;
              clearTimeout(late);
              done?.(queryError, ...results);
            });
          };
        callback(null, {
          query: bounded('query'),
          execute: bounded('execute'),
          release: () => raw.release(),
          // Only on a live connection, and its failure goes nowhere (the caller has its answer already).
          rollback: () => {
            if (!destroyed) raw.query('ROLLBACK', undefined, () => undefined);
          },
        });
      });
    },
  };
}

/** Runs one read statement with positional `?` parameters and answers its rows. */
export type PreparedRead = (sql: string, parameters: readonly unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * Reads for a hot path, as prepared statements. MySQL: mysql2's `execute` on a bounded connection
 * (`boundedPoolClient`): the server parses the statement once per connection and answers in the binary
 * protocol — for the key lookup, half the database's CPU of the same text statement, and no client-side
 * escaping. SQLite: typeorm's own query runner, whose better-sqlite3 statements are prepared once and cached.
 * Failures that say the database is away are marked as every other statement's are (503).
 */
export function preparedReads(dataSource: DataSource, timeoutMs: number): PreparedRead {
  if (dataSource.options.type !== 'mysql') return (sql, parameters) => dataSource.query(sql, [...parameters]);
  const pool = boundedPoolClient(dataSource, timeoutMs);
  return (sql, parameters) =>
    new Promise((resolve, reject) => {
      const fail = (error: Error) => reject(isDatabaseUnavailable(error) ? markUnavailable(error) : error);
      pool.getConnection((error, connection) => {
        if (error || !connection) return fail(error ?? new Error('no connection'));
        connection.execute(sql, parameters, (queryError, rows) => {
          connection.release();
          if (queryError) fail(queryError);
          else resolve(rows as Record<string, unknown>[]);
        });
      });
    });
}
