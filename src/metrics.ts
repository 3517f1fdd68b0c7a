/**
 * Prometheus metrics (prom-client), in a registry of this server instance —
 * never prom-client's global one, so two servers in one process (tests) keep
 * their own counts. Off unless METRICS_ENABLED=true.
 *
 * - keywarden_graphql_requests_total / _duration_seconds: by operation name,
 *   operation type and outcome (`ok` or the first error code). Operation
 *   names come from clients, so only the first MAX_OPERATION_NAMES distinct
 *   ones get their own label; later ones count as `other`.
 * - keywarden_authentications_total: by method and outcome (AuthService).
 * - keywarden_key_cache_*: the key authenticator's cache hits and misses.
 * - keywarden_session_cache_lookups_total: the same for `Bearer` sessions.
 * - keywarden_rate_limit_store_*: whether the shared rate-limit store (redis,
 *   mysql) answers; calls it failed (answered by the per-node insurance).
 * - keywarden_redis_*, keywarden_cluster_bus_messages_total: Redis errors and
 *   outages, and invalidation messages sent, received and lost (REDIS_URL).
 * - keywarden_db_pool_*: connections of the MySQL pool; SQLite has one
 *   connection, always open, and better-sqlite3 is synchronous, so it is
 *   never seen busy and nothing waits for it.
 * - Node.js process metrics (prom-client's defaults: CPU, memory, event loop lag, GC).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RequestContext } from './context';
import type { Services } from './services';

const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

interface PoolUse {
  size: number;
  open: number;
  idle: number;
  waiting: number;
}

/** What the database driver tells about its connections. */
function poolUse(services: Services): PoolUse {
  const driver = services.dataSource.driver as unknown as {
    pool?: {
      config?: { connectionLimit?: number };
      _allConnections?: { length: number };
      _freeConnections?: { length: number };
      _connectionQueue?: { length: number };
    };
  };
  if (services.config.database.kind === 'sqlite') return { size: 1, open: services.dataSource.isInitialized ? 1 : 0, idle: 1, waiting: 0 };
  const pool = driver.pool;
  return {
    size: pool?.config?.connectionLimit ?? 0,
    open: pool?._allConnections?.length ?? 0,
    idle: pool?._freeConnections?.length ?? 0,
    waiting: pool?._connectionQueue?.length ?? 0,
  };
}

export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'operation' | 'type' | 'outcome'>;
  private readonly duration: Histogram<'operation' | 'type' | 'outcome'>;
  private readonly authentications: Counter<'method' | 'outcome'>;
  private readonly operationNames = new Set<string>();

  constructor(services: Services) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'keywarden_graphql_requests_total',
      help: 'GraphQL operations answered, by operation name, type and outcome (ok or the first error code).',
      labelNames: ['operation', 'type', 'outcome'],
      registers,
    });
    this.duration = new Histogram({
      name: 'keywarden_graphql_request_duration_seconds',
      help: 'Time from receiving a GraphQL operation to sending its answer.',
      labelNames: ['operation', 'type', 'outcome'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.authentications = new Counter({
      name: 'keywarden_authentications_total',
      help: 'Authentication attempts by method (PASSWORD, SESSION, API_KEY, ACCESS_KEY, MALFORMED) and outcome (success, failure, rate_limited).',
      labelNames: ['method', 'outcome'],
      registers,
    });
    services.auth.onOutcome = (method, outcome) => this.authentications.inc({ method, outcome });

    const keyStats = services.keyAuthenticator.stats;
    new Counter({
      name: 'keywarden_key_cache_lookups_total',
      help: 'Key verifications answered from the in-process cache (hit) or the database (miss).',
      labelNames: ['result'],
      registers,
      collect() {
        this.reset();
        this.inc({ result: 'hit' }, keyStats.cacheHits);
        this.inc({ result: 'miss' }, keyStats.cacheMisses);
      },
    });
    new Gauge({
      name: 'keywarden_key_cache_hit_ratio',
      help: 'Share of key verifications answered from the cache since the server started (0 before the first one).',
      registers,
      collect() {
        const lookups = keyStats.cacheHits + keyStats.cacheMisses;
        this.set(lookups === 0 ? 0 : keyStats.cacheHits / lookups);
      },
    });

    const sessionStats = services.auth.sessionStats;
    new Counter({
      name: 'keywarden_session_cache_lookups_total',
      help: 'Bearer sessions answered from the in-process cache (hit) or the database (miss).',
      labelNames: ['result'],
      registers,
      collect() {
        this.reset();
        this.inc({ result: 'hit' }, sessionStats.cacheHits);
        this.inc({ result: 'miss' }, sessionStats.cacheMisses);
      },
    });
    const limits = services.limitHealth;
    new Gauge({
      name: 'keywarden_rate_limit_store_degraded',
      help: '1 while the shared rate-limit store (label store: redis, mysql, memory) fails and each node limits alone, else 0.',
      labelNames: ['store'],
      registers,
      collect() {
        this.reset();
        this.set({ store: limits.store }, limits.degraded ? 1 : 0);
      },
    });
    new Counter({
      name: 'keywarden_rate_limit_store_failures_total',
      help: 'Rate-limit calls the shared store failed or answered late (each answered by the per-node insurance limiter).',
      registers,
      collect() {
        this.reset();
        this.inc(limits.failures);
      },
    });
    new Counter({
      name: 'keywarden_rate_limit_store_outages_total',
      help: 'Times the shared rate-limit store became unavailable (limits per node until it returned).',
      registers,
      collect() {
        this.reset();
        this.inc(limits.outages);
      },
    });
    const redis = services.redis;
    if (redis) {
      new Gauge({
        name: 'keywarden_redis_up',
        help: '1 while the Redis command connection is ready, else 0.',
        registers,
        collect() {
          this.set(redis.stats.up ? 1 : 0);
        },
      });
      new Counter({
        name: 'keywarden_redis_errors_total',
        help: 'Errors on the Redis connections (refused, lost, timed out).',
        registers,
        collect() {
          this.reset();
          this.inc(redis.stats.errors);
        },
      });
      const bus = services.bus.stats;
      new Counter({
        name: 'keywarden_cluster_bus_messages_total',
        help: 'Cluster bus messages this node published, received from other nodes, or failed to publish (Redis away).',
        labelNames: ['direction'],
        registers,
        collect() {
          this.reset();
          this.inc({ direction: 'published' }, bus.published);
          this.inc({ direction: 'received' }, bus.received);
          this.inc({ direction: 'failed' }, bus.failed);
        },
      });
    }

    new Gauge({
      name: 'keywarden_db_pool_max_connections',
      help: 'Most connections the database pool may open.',
      registers,
      collect() {
        this.set(poolUse(services).size);
      },
    });
    new Gauge({
      name: 'keywarden_db_pool_connections',
      help: 'Open database connections: in use (busy) or idle.',
      labelNames: ['state'],
      registers,
      collect() {
        const use = poolUse(services);
        this.set({ state: 'busy' }, use.open - use.idle);
        this.set({ state: 'idle' }, use.idle);
      },
    });
    new Gauge({
      name: 'keywarden_db_pool_waiting_requests',
      help: 'Queries waiting for a free database connection.',
      registers,
      collect() {
        this.set(poolUse(services).waiting);
      },
    });
  }

  /** The label for a client-chosen operation name, bounded in number. */
  private operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(name);
    return name;
  }

  /** Apollo plugin: counts and times every operation. */
  plugin(): ApolloServerPlugin<RequestContext> {
    return {
      requestDidStart: async () => {
        const started = process.hrtime.bigint();
        return {
          willSendResponse: async ({ operationName, operation, response }) => {
            const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
            const labels = {
              operation: this.operationLabel(operationName),
              type: operation?.operation ?? 'none',
              outcome: errors?.length ? String(errors[0].extensions?.code ?? 'error') : 'ok',
            };
            this.requests.inc(labels);
            this.duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
          },
        };
      },
    };
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
