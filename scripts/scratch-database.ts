/**
 * A database of its own for one test server or one benchmark run: a SQLite
 * file in a folder the caller owns, or a new database on the MySQL/MariaDB
 * server that `baseUrl` names (dropped by `drop`).
 */
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

export interface ScratchDatabase {
  url: string;
  kind: 'sqlite' | 'mysql';
  drop(): Promise<void>;
}

export async function createScratchDatabase(options: { baseUrl: string; prefix: string; sqliteFile: string }): Promise<ScratchDatabase> {
  if (!options.baseUrl.startsWith('mysql')) return { url: `sqlite:${options.sqliteFile}`, kind: 'sqlite', drop: async () => undefined };
  const server = new URL(options.baseUrl);
  server.pathname = '/';
  const name = `${options.prefix}_${randomBytes(4).toString('hex')}`;
  const onServer = async (statement: string) => {
    const connection = await mysql.createConnection(server.toString());
    try {
      await connection.query(statement);
    } finally {
      await connection.end();
    }
  };
  await onServer(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  return { url: url.toString(), kind: 'mysql', drop: () => onServer(`DROP DATABASE IF EXISTS \`${name}\``) };
}

