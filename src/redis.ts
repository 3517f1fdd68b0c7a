/**
 * Redis (`REDIS_URL`), for what many nodes share: rate-limit counters and the
 * cluster bus (src/cluster-bus.ts). Two connections: one for commands, one in
 * subscriber mode (Redis allows nothing else on a subscribed connection).
 *
 * Redis is never in the way of a request: each command has a deadline
 * (`REDIS_TIMEOUT_MS`), nothing is queued while the connection is down (a
 * command fails at once, and its caller falls back: per-node limits, caches by
 * TTL), and the client reconnects forever with a backoff. An outage is logged
 * once when it starts and once when it ends, and counted in /metrics; no
 * Redis error ever ends the process.
 */
import Redis, { type RedisOptions } from 'ioredis';
import type { Logger } from './logger';

export interface RedisStats {
  /** Errors seen on either connection (failed commands are counted by their callers). */
  errors: number;
  /** Outages begun since the start (a connection lost or refused after it was up, or never up). */
  outages: number;
  /** Whether the command connection is ready now. */
  readonly up: boolean;
}

export interface RedisConnections {
  commands: Redis;
  subscriber: Redis;
  /** Prefix of every key and channel of this installation (`REDIS_PREFIX`). */
  prefix: string;
  stats: RedisStats;
  /** Resolves once both connections are ready, or after `ms` (false then: the server starts anyway). */
  ready(ms: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Reconnection backoff: 100 ms, doubling, at most 5 s between attempts; never gives up. */
export function reconnectDelay(attempt: number): number {
  return Math.min(100 * 2 ** Math.min(attempt - 1, 6), 5_000);
}

export function connectRedis(options: { url: string; prefix: string; timeoutMs: number }, log: Logger): RedisConnections {
  const base: RedisOptions = {
    connectTimeout: Math.max(options.timeoutMs, 1_000),
    retryStrategy: reconnectDelay,
    // A command that lost its connection is not retried on the next one: the caller falls back instead.
    maxRetriesPerRequest: 1,
    lazyConnect: false,
  };
  const commands = new Redis(options.url, { ...base, commandTimeout: options.timeoutMs, enableOfflineQueue: false, connectionName: 'keywarden' });
  // SUBSCRIBE is queued until the connection is up (ioredis subscribes again by itself after a reconnect).
  const subscriber = new Redis(options.url, { ...base, enableOfflineQueue: true, connectionName: 'keywarden-bus' });
  const state = { errors: 0, outages: 0, down: false };
  const stats: RedisStats = {
    get errors() {
      return state.errors;
    },
    get outages() {
      return state.outages;
    },
    get up() {
      return commands.status === 'ready';
    },
  };
  const watch = (client: Redis, role: string) => {
    let wasUp = false;
    let reported = false;
    client.on('ready', () => {
      if (reported) log.info({ connection: role }, 'redis is back');
      wasUp = true;
      reported = false;
    });
    client.on('error', (error: Error) => {
      state.errors++;
      if (!reported) {
        reported = true;
        if (role === 'commands') state.outages++;
        log.warn({ connection: role, err: error.message }, 'redis is unavailable: rate limits fall back to per-node counters and caches to their TTL until it returns');
      }
    });
    client.on('close', () => {
      if (wasUp && !reported && !closing) {
        reported = true;
        if (role === 'commands') state.outages++;
        log.warn({ connection: role }, 'redis connection lost: rate limits fall back to per-node counters and caches to their TTL until it returns');
      }
      wasUp = false;
    });
  };
  let closing = false;
  watch(commands, 'commands');
  watch(subscriber, 'subscriber');

  const readyOf = (client: Redis) => (client.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => client.once('ready', () => resolve())));
  return {
    commands,
    subscriber,
    prefix: options.prefix,
    stats,
    async ready(ms) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
      try {
        return await Promise.race([Promise.all([readyOf(commands), readyOf(subscriber)]).then(() => true), late]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      closing = true;
      // QUIT when connected (answers pending first); disconnect when not, so a dead Redis never holds the stop.
      await Promise.all(
        [commands, subscriber].map(async (client) => {
          if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
          else client.disconnect();
        }),
      );
    },
  };
}
