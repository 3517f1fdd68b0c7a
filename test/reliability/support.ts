/**
 * Tools of the reliability scenarios: an HTTP client whose every request is
 * bounded by a timeout (a hang is a failure, not a slow test), TCP proxies
 * that cut a dependency away or blackhole it (connected, silent), an HTTP
 * receiver that never answers, the built server as a child process, and
 * snapshots of the stored data. (The built server as a child process lives in
 * scripts/child-server.ts: the benchmark starts it too.)
 */
import http from 'node:http';
import net from 'node:net';
import type { DataSource } from 'typeorm';

export type Answer = (
  | { kind: 'answered'; status: number; text: string; body: any }
  | { kind: 'timeout' }
  /** The connection failed or was reset before a response. */
  | { kind: 'network'; error: string }
) & {
  ms: number;
  /** When the TCP connection was established (epoch ms), if it was. */
  connectedAt?: number;
};

export interface SendOptions {
  headers?: Record<string, string>;
  localAddress?: string;
  timeoutMs?: number;
  method?: 'GET' | 'POST';
}

/** One HTTP request that always settles: answered, timed out, or a network error. */
export function send(url: string, body: string | null, options: SendOptions = {}): Promise<Answer> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { ...options.headers };
    if (body !== null) {
      headers['content-type'] ??= 'application/json';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const request = http.request(url, { method: options.method ?? (body === null ? 'GET' : 'POST'), headers, localAddress: options.localAddress, agent: false });
    let connectedAt: number | undefined;
    request.on('socket', (socket) => socket.once('connect', () => (connectedAt = Date.now())));
    const timer = setTimeout(() => {
      resolve({ kind: 'timeout', ms: Date.now() - started, connectedAt });
      request.destroy();
    }, timeoutMs);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: any;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        resolve({ kind: 'answered', status: response.statusCode ?? 0, text, body: parsed, ms: Date.now() - started, connectedAt });
      });
      response.on('error', (error) => {
        clearTimeout(timer);
        resolve({ kind: 'network', error: error.message, ms: Date.now() - started, connectedAt });
      });
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      resolve({ kind: 'network', error: error.message, ms: Date.now() - started, connectedAt });
    });
    request.end(body ?? undefined);
  });
}

/** A GraphQL POST through `send`. */
export function sendGql(url: string, query: string, variables: Record<string, unknown> = {}, options: SendOptions & { token?: string } = {}): Promise<Answer> {
  const headers = { ...options.headers, ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) };
  return send(url, JSON.stringify({ query, variables }), { ...options, headers });
}

/** The first error code of an answered GraphQL response, `ok` when it has no error. */
export function codeOf(answer: Answer): string {
  if (answer.kind !== 'answered') return answer.kind;
  const errors = answer.body?.errors;
  return Array.isArray(errors) && errors.length > 0 ? String(errors[0]?.extensions?.code ?? 'no code') : 'ok';
}

/** Runs `work` on every item with at most `limit` in flight. */
export async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  });
  await Promise.all(lanes);
  return results;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What `work` resolves to, or null if it has not by `ms` (a hard bound: the scenario failed). */
export async function within<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([work, new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What a `TcpProxy` does with traffic: `forward` it; `cut` every connection (open ones are destroyed, new
 * ones reset at once); `blackhole` — the gray failure — accept and hold every connection, answering
 * nothing and passing nothing on (what was sent waits in the proxy and flows if it forwards again).
 */
export type ProxyMode = 'forward' | 'cut' | 'blackhole';

interface Link {
  client: net.Socket;
  upstream: net.Socket | null;
}

/**
 * A TCP proxy you control in front of a dependency (MariaDB, SMTP, Redis). The listener stays in every
 * mode, so the port stays ours. `cut()`/`restore()` are `setMode('cut')`/`setMode('forward')`.
 */
export class TcpProxy {
  private readonly server: net.Server;
  private readonly links = new Set<Link>();
  private current: ProxyMode = 'forward';
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {
    this.server = net.createServer((client) => {
      if (this.current === 'cut') {
        client.destroy();
        return;
      }
      const link: Link = { client, upstream: null };
      this.links.add(link);
      client.on('error', () => this.drop(link));
      client.on('close', () => this.drop(link));
      if (this.current === 'forward') this.forward(link);
      else client.pause();
    });
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  setMode(mode: ProxyMode): void {
    if (mode === this.current) return;
    this.current = mode;
    for (const link of this.links) {
      if (mode === 'cut') this.drop(link);
      else if (mode === 'forward') this.forward(link);
      else this.hold(link);
    }
  }

  cut(): void {
    this.setMode('cut');
  }

  blackhole(): void {
    this.setMode('blackhole');
  }

  restore(): void {
    this.setMode('forward');
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private forward(link: Link): void {
    if (!link.upstream) {
      const upstream = net.connect(this.targetPort, this.targetHost);
      link.upstream = upstream;
      upstream.on('error', () => this.drop(link));
      upstream.on('close', () => this.drop(link));
    }
    link.client.pipe(link.upstream);
    link.upstream.pipe(link.client);
  }

  private hold(link: Link): void {
    link.client.unpipe();
    link.upstream?.unpipe();
    link.client.pause();
    link.upstream?.pause();
  }

  private drop(link: Link): void {
    link.client.destroy();
    link.upstream?.destroy();
    this.links.delete(link);
  }
}

/**
 * An HTTP server that reads every request and never answers it (a webhook receiver that hangs). `close()`
 * destroys what it holds.
 */
export async function startSilentHttpReceiver(): Promise<{ url: string; received: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const receiver = { url: '', received: 0, close: async () => undefined as void };
  const server = http.createServer((request) => {
    receiver.received++;
    request.resume(); // read the body, answer nothing
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.requestTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return receiver;
}

export { startBuiltServer, type ChildServer } from '../../scripts/child-server';

/** Every row of every table (but `ignored`), in a stable order: compare two to prove nothing changed. */
export async function snapshotTables(dataSource: DataSource, ignored: readonly string[]): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {};
  for (const table of dataSource.entityMetadatas.map((m) => m.tableName).sort()) {
    if (ignored.includes(table)) continue;
    const rows: Record<string, unknown>[] = await dataSource.query(`SELECT * FROM ${table}`);
    snapshot[table] = JSON.stringify(rows.map((row) => JSON.stringify(row, Object.keys(row).sort())).sort());
  }
  return snapshot;
}
