/**
 * Starts the real server on a random port against a fresh database and
 * talks to it over HTTP, as clients do. Logs are captured (tests scan them
 * for secrets); SQL statements are counted through a typeorm logger; time
 * comes from a clock the test can move.
 */
import { Writable } from 'node:stream';
import type { Logger as TypeormLogger } from 'typeorm';
import { loadConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/server';
import { createTestDatabase, type TestDatabase } from './database';

export const ADMIN_EMAIL = 'admin@example.com';
export const ADMIN_PASSWORD = 'admin-password-123';
export const TEST_SECRET = 'test-secret-that-is-at-least-32-bytes-long!';

export class ManualClock {
  private current: number;
  constructor(start = Date.now()) {
    this.current = start;
  }
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export interface GqlResult<T = any> {
  status: number;
  headers: Headers;
  body: { data?: T; errors?: { message: string; extensions?: Record<string, any>; path?: string[] }[]; extensions?: Record<string, any> };
  data: T;
  errors?: { message: string; extensions?: Record<string, any> }[];
  /** The first error's code, or undefined. */
  code?: string;
}

export interface RequestOptions {
  token?: string;
  /** Sent as-is in Authorization. */
  authorization?: string;
  headers?: Record<string, string>;
  /** Source address on the loopback (127.0.0.x), for per-IP behaviour. */
  localAddress?: string;
}

export interface TestServer {
  url: string;
  origin: string;
  server: RunningServer;
  db: TestDatabase;
  clock: ManualClock;
  logs: string[];
  /** SQL statements run since the last reset. */
  sql: { count: number; statements: string[]; reset(): void };
  gql<T = any>(query: string, variables?: Record<string, unknown>, options?: RequestOptions): Promise<GqlResult<T>>;
  /** Logs in and returns the session token. */
  login(email: string, password: string): Promise<string>;
  adminToken: string;
  close(): Promise<void>;
}

/** `database`: serve a database another test server made (a restart, a second node); it is then not dropped on close. */
export async function startTestServer(env: Record<string, string> = {}, options: { database?: TestDatabase } = {}): Promise<TestServer> {
  const db = options.database ?? (await createTestDatabase());
  const clock = new ManualClock();
  const logs: string[] = [];
  const sql = {
    count: 0,
    statements: [] as string[],
    reset() {
      this.count = 0;
      this.statements = [];
    },
  };
  const sqlLogger: TypeormLogger = {
    logQuery: (query) => {
      sql.count++;
      sql.statements.push(query);
    },
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATABASE_URL: db.url,
    KEYWARDEN_SECRET: TEST_SECRET,
    BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'info',
    ...env,
  });
  const server = await startServer(config, {
    clock,
    logDestination: new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    }),
    database: { logger: sqlLogger },
  });
  const url = server.url;

  async function gql<T = any>(query: string, variables?: Record<string, unknown>, options: RequestOptions = {}): Promise<GqlResult<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.authorization !== undefined) headers.authorization = options.authorization;
    const response = await httpPost(url, JSON.stringify({ query, variables }), headers, options.localAddress);
    const body = JSON.parse(response.text);
    return { status: response.status, headers: response.headers, body, data: body.data, errors: body.errors, code: body.errors?.[0]?.extensions?.code };
  }

  const test: TestServer = {
    url,
    origin: url.replace(/\/graphql$/, ''),
    server,
    db,
    clock,
    logs,
    sql,
    gql,
    async login(email, password) {
      const result = await gql(`mutation($input: LoginInput!) { login(input: $input) { token } }`, { input: { email, password } });
      if (!result.data?.login) throw new Error(`login failed: ${JSON.stringify(result.errors)}`);
      return result.data.login.token as string;
    },
    adminToken: '',
    async close() {
      await server.close();
      if (!options.database) await db.drop();
    },
  };
  test.adminToken = await test.login(ADMIN_EMAIL, ADMIN_PASSWORD);
  return test;
}

/** A POST with Node's http (fetch cannot choose the source address). */
export function httpPost(
  url: string,
  body: string,
  headers: Record<string, string>,
  localAddress?: string,
): Promise<{ status: number; headers: Headers; text: string }> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const http = require('node:http') as typeof import('node:http');
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, localAddress }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(response.headers)) if (typeof v === 'string') h.set(k, v);
        resolve({ status: response.statusCode ?? 0, headers: h, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}
