/**
 * The one typeorm DataSource definition, used by the server, the typeorm CLI
 * (`npm run migration:run`, `migration:revert`) and the tests.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadDatabaseConfig, type DatabaseConfig } from './src/config';
import { dataSourceOptions, type DataSourceExtras } from './src/database';
import { boundDatabaseCalls } from './src/database-deadlines';
import { serializeSqliteWrites } from './src/write-lock';

export function createDataSource(database: DatabaseConfig, extras: DataSourceExtras = {}): DataSource {
  const dataSource = new DataSource(dataSourceOptions(database, extras));
  serializeSqliteWrites(dataSource);
  boundDatabaseCalls(dataSource, database.queryTimeoutMs);
  return dataSource;
}

/** For the typeorm CLI: reads DATABASE_URL. */
export default createDataSource(loadDatabaseConfig());
