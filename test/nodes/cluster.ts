/**
 * Several built servers (child processes, `node dist/src/main.js`) on one
 * MariaDB database of their own, as N nodes behind a load balancer are run.
 * Always MariaDB, whatever DATABASE_URL says (SQLite is one node by nature):
 * DATABASE_URL when it names a MySQL server, else MariaDB on 127.0.0.1:3306.
 * With `redis`, every node gets REDIS_URL and a REDIS_PREFIX of this cluster
 * alone, so parallel runs never share counters or messages.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScratchDatabase, type ScratchDatabase } from '../../scripts/scratch-database';
import { startBuiltServer, type ChildServer } from '../../scripts/child-server';
import { codeOf, sendGql, sleep, type Answer, type SendOptions } from '../reliability/support';
import { ADMIN_EMAIL, ADMIN_PASSWORD, TEST_SECRET } from '../helpers/server';

export const MARIADB_URL = (process.env.DATABASE_URL ?? '').startsWith('mysql') ? process.env.DATABASE_URL! : 'mysql://root@127.0.0.1:3306';
export const REDIS_URL = 'redis://127.0.0.1:6379/0';

export interface Cluster {
  db: ScratchDatabase;
  nodes: ChildServer[];
  /** REDIS_PREFIX of this cluster, when it uses Redis. */
  redisPrefix?: string;
  /** The environment every node was started with (to start one more). */
  env: Record<string, string>;
  dir: string;
  startNode(extra?: Record<string, string>): Promise<ChildServer>;
  close(): Promise<void>;
}

export interface ClusterOptions {
  /** Give every node REDIS_URL (default false: rate limits in MySQL, caches by TTL). */
  redis?: boolean | { url: string };
  env?: Record<string, string>;
}

export async function startCluster(count: number, options: ClusterOptions = {}): Promise<Cluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keywarden-nodes-'));
  const db = await createScratchDatabase({ baseUrl: MARIADB_URL, prefix: `kw_nodes_${process.env.JEST_WORKER_ID ?? '0'}`, sqliteFile: path.join(dir, 'unused.sqlite') });
  const redisPrefix = options.redis ? `kwtest:${randomBytes(6).toString('hex')}:` : undefined;
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    KEYWARDEN_SECRET: TEST_SECRET,
    BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'info',
    WEBHOOK_POLL_INTERVAL: '1h',
    ...(options.redis ? { REDIS_URL: typeof options.redis === 'object' ? options.redis.url : REDIS_URL, REDIS_PREFIX: redisPrefix! } : {}),
    ...options.env,
  };
  const nodes: ChildServer[] = [];
  const startNode = async (extra: Record<string, string> = {}) => {
    const node = await startBuiltServer({ ...env, ...extra }, dir);
    nodes.push(node);
    return node;
  };
  const cluster: Cluster = {
    db,
    nodes,
    redisPrefix,
    env,
    dir,
    startNode,
    async close() {
      await Promise.all(nodes.map((node) => node.stop('SIGTERM')));
      await db.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    // The first node applies the migrations and makes the administrator; the others start together on the result.
    await startNode();
    await Promise.all(Array.from({ length: count - 1 }, () => startNode()));
  } catch (error) {
    await cluster.close();
    throw error;
  }
  return cluster;
}

/** A GraphQL request to one node; `auth` is a Bearer session token or a full Authorization value. */
export function ask(node: ChildServer, query: string, variables: Record<string, unknown> = {}, auth?: string, options: SendOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (auth) headers.authorization = auth.includes(' ') ? auth : `Bearer ${auth}`;
  return sendGql(node.url, query, variables, { ...options, headers });
}

/** Data of an answer that must have succeeded. */
export function dataOf(answer: Answer): any {
  if (codeOf(answer) !== 'ok') throw new Error(`expected success, got ${codeOf(answer)}: ${answer.kind === 'answered' ? answer.text.slice(0, 500) : answer.kind}`);
  return (answer as { body: any }).body.data;
}

export async function login(node: ChildServer, email = ADMIN_EMAIL, password = ADMIN_PASSWORD): Promise<string> {
  return dataOf(await ask(node, `mutation($input: LoginInput!) { login(input: $input) { token } }`, { input: { email, password } })).login.token;
}

/**
 * Polls `check` every 25 ms until it is true or `boundMs` has passed; the milliseconds it took, or null when
 * it never became true. A bound, not a timing assertion: tests only ask whether it happened within it.
 */
export async function within(boundMs: number, check: () => Promise<boolean>): Promise<number | null> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started >= boundMs) return null;
    await sleep(25);
  }
}
