/** A fresh database for one test server: a temporary SQLite file, or a MariaDB database of its own (dropped after). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScratchDatabase, type ScratchDatabase } from '../../scripts/scratch-database';

export type TestDatabase = ScratchDatabase;

export const onMySql = (process.env.DATABASE_URL ?? '').startsWith('mysql');

export async function createTestDatabase(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keywarden-test-'));
  const database = await createScratchDatabase({
    baseUrl: process.env.DATABASE_URL ?? '',
    prefix: `kw_test_${process.env.JEST_WORKER_ID ?? '0'}`,
    sqliteFile: path.join(dir, 'keywarden.sqlite'),
  });
  return {
    ...database,
    drop: async () => {
      await database.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
