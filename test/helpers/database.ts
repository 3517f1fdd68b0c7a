/** A fresh database for one test server: a temporary SQLite file, or a MariaDB database of its own (dropped after). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

export interface TestDatabase {
  url: string;
  kind: 'sqlite' | 'mysql';
  drop(): Promise<void>;
}

export const onMySql = (process.env.DATABASE_URL ?? '').startsWith('mysql');

export async function createTestDatabase(): Promise<TestDatabase> {
  const base = process.env.DATABASE_URL ?? '';
  if (base.startsWith('mysql')) {
    const name = `kw_test_${process.env.JEST_WORKER_ID ?? '0'}_${randomBytes(4).toString('hex')}`;
    const server = new URL(base);
    server.pathname = '/';
    const admin = await mysql.createConnection(server.toString());
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
    const url = new URL(server.toString());
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      kind: 'mysql',
      drop: async () => {
        const conn = await mysql.createConnection(server.toString());
        await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await conn.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keywarden-test-'));
  return {
    url: `sqlite:${path.join(dir, 'keywarden.sqlite')}`,
    kind: 'sqlite',
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
