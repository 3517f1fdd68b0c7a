/**
 * Configuration: the only module that reads the environment. Everything else
 * receives a validated `Config` (or the `DatabaseConfig` part of it).
 */
import net from 'node:net';
import path from 'node:path';

export type Environment = Record<string, string | undefined>;

export type DatabaseConfig = (
  | { kind: 'sqlite'; url: string; path: string /* ':memory:' or a file */ }
  | { kind: 'mysql'; url: string }
) & {
  /**
   * `DB_QUERY_TIMEOUT_MS`: the deadline of one statement, waiting for a pool connection included (MySQL),
   * and SQLite's busy timeout. A statement past it fails, and so does the request (HTTP 503).
   */
  queryTimeoutMs: number;
};

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  database: DatabaseConfig;
  /** Folder for local state (the SQLite file, the generated development secret). */
  dataDir: string;
  /** `KEYWARDEN_SECRET`, when set; `resolveServerSecret` fills it in for development. */
  secret?: string;
  bootstrapAdminEmail: string;
  bootstrapAdminPassword?: string;
  smtpUrl?: string;
  mailFrom: string;
  logLevel: string;
  /** Trust `X-Forwarded-For` (behind a reverse proxy). Off by default: the socket address is the caller. */
  trustProxy: boolean;
  sessionTtlSeconds: number;
  /** How long a verified key stays in the per-process cache; 0 disables the cache. */
  keyCacheTtlMs: number;
  keyCacheMaxEntries: number;
  /** How often batched `lastUsedAt`/`authnCount` updates are written. */
  usageFlushIntervalMs: number;
  expirySweepIntervalMs: number;
  auditRetentionDays: number;
  /** How often the email outbox is checked for messages due (`OUTBOX_POLL_INTERVAL`). */
  outboxPollIntervalMs: number;
  /** Sending attempts per email before it is given up (`OUTBOX_MAX_ATTEMPTS`); backoff doubles from 30 s up to 1 h. */
  outboxMaxAttempts: number;
  /**
   * `WEBHOOK_ALLOWED_HOSTS`: host names, IP addresses and CIDR ranges that webhooks may reach although they
   * are loopback, private or otherwise internal (and over plain http). Public addresses need no entry.
   */
  webhookAllowedHosts: string[];
  /** Attempts per webhook delivery before it is given up (`WEBHOOK_MAX_ATTEMPTS`); backoff doubles from 10 s up to 6 h. */
  webhookMaxAttempts: number;
  /** How often the webhook outbox is checked for deliveries due (`WEBHOOK_POLL_INTERVAL`). */
  webhookPollIntervalMs: number;
  metricsEnabled: boolean;
  /** Serve `/metrics` on its own port instead of the API port (0: any free port, for tests). */
  metricsPort?: number;
  /** Deadline of each SMTP step (connection, greeting, socket inactivity) and of one whole send (`SMTP_TIMEOUT_MS`). */
  smtpTimeoutMs: number;
  /** Deadline of each Redis command (`REDIS_TIMEOUT_MS`), for the Redis client (REDIS_URL). */
  redisTimeoutMs: number;
  /**
   * `REDIS_URL` (redis:// or rediss://, optional `/db` index): shared rate limits and cross-node cache
   * invalidation (DESIGN.md "Many nodes"). Unset: rate limits in MySQL (memory on SQLite), caches expire by TTL.
   */
  redisUrl?: string;
  /** `REDIS_PREFIX`: prefix of every Redis key and pub/sub channel of this installation (pub/sub ignores the db index). */
  redisPrefix: string;
  /** Deadline of one webhook delivery attempt, connection to last byte of the answer (`WEBHOOK_TIMEOUT_MS`, at most 60 s). */
  webhookTimeoutMs: number;
  /**
   * `SHUTDOWN_GRACE_MS`: on SIGTERM/SIGINT, the whole budget to drain requests, stop background work and
   * write what is pending; the process exits before it ends, 1 if something was left undone.
   */
  shutdownGraceMs: number;
  /** Deepest nesting of fields an operation may select (fragments expanded, introspection aside). */
  queryMaxDepth: number;
  /** Cost budget of one operation (see src/query-limits.ts for how fields cost). */
  queryMaxComplexity: number;
  /** Lifetime of OAuth access tokens (`ACCESS_TOKEN_TTL_SECONDS`). */
  accessTokenTtlSeconds: number;
  /** `PUBLIC_URL`: the issuer of access tokens, without a trailing slash; unset means `http://HOST:PORT` (the port listened on). */
  publicUrl?: string;
  /** A new token-signing key is made after this many days (`SIGNING_KEY_ROTATION_DAYS`). */
  signingKeyRotationDays: number;
  /** Live subscriptions over WebSocket on `/graphql` (src/subscriptions.ts). */
  live: LiveConfig;
}

export interface LiveConfig {
  /** `WS_MAX_CONNECTIONS_PER_PRINCIPAL`: open sockets one user or functional ID may hold on this node; one more is refused (4403). */
  maxConnectionsPerPrincipal: number;
  /** `WS_MAX_MESSAGE_BYTES`: the largest message a client may send; a larger one closes the socket (1009). */
  maxMessageBytes: number;
  /** `WS_INIT_TIMEOUT_MS`: how long a new socket may take to send `connection_init`; then it is closed (4408). */
  initTimeoutMs: number;
  /** `WS_RECHECK_INTERVAL_MS`: how often each socket's credential is checked again (besides each event and each change signal). */
  recheckIntervalMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const DEFAULT_DATABASE_URL = 'sqlite:./data/keywarden.sqlite';

/** Parses `DATABASE_URL` alone: the typeorm CLI needs nothing more. */
export function loadDatabaseConfig(env: Environment = process.env): DatabaseConfig {
  const problems: string[] = [];
  const database = parseDatabaseUrl(env, problems);
  if (!database || problems.length > 0) throw new ConfigError(problems);
  return database;
}

export function loadConfig(env: Environment = process.env): Config {
  const problems: string[] = [];
  const nodeEnv = oneOf(env.NODE_ENV, ['development', 'production', 'test'] as const, 'development', 'NODE_ENV', problems);
  const database = parseDatabaseUrl(env, problems);
  const secret = env.KEYWARDEN_SECRET || undefined;
  if (secret !== undefined && Buffer.byteLength(secret) < 32) {
    problems.push('KEYWARDEN_SECRET must be at least 32 bytes long');
  }
  if (secret === undefined && nodeEnv === 'production') {
    problems.push('KEYWARDEN_SECRET is required when NODE_ENV=production (at least 32 random bytes)');
  }
  const bootstrapAdminEmail = (env.BOOTSTRAP_ADMIN_EMAIL || 'admin@localhost').trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(bootstrapAdminEmail)) problems.push('BOOTSTRAP_ADMIN_EMAIL is not an email address');
  const bootstrapAdminPassword = env.BOOTSTRAP_ADMIN_PASSWORD || undefined;
  if (bootstrapAdminPassword !== undefined && bootstrapAdminPassword.length < 12) {
    problems.push('BOOTSTRAP_ADMIN_PASSWORD must be at least 12 characters long');
  }
  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl !== undefined && !/^smtps?:\/\//.test(smtpUrl)) problems.push('SMTP_URL must start with smtp:// or smtps://');
  const logLevel = oneOf(env.LOG_LEVEL, ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info', 'LOG_LEVEL', problems);
  const metricsPortRaw = env.METRICS_PORT ? integer(env.METRICS_PORT, 'METRICS_PORT', 0, 65535, problems) : undefined;

  const config: Config = {
    nodeEnv,
    port: integer(env.PORT ?? '4000', 'PORT', 0, 65535, problems),
    host: env.HOST || '127.0.0.1',
    database: database ?? { kind: 'sqlite', url: DEFAULT_DATABASE_URL, path: './data/keywarden.sqlite', queryTimeoutMs: 5000 },
    dataDir: database?.kind === 'sqlite' && database.path !== ':memory:' ? path.dirname(database.path) : './data',
    secret,
    bootstrapAdminEmail,
    bootstrapAdminPassword,
    smtpUrl,
    mailFrom: env.MAIL_FROM || 'Keywarden <keywarden@localhost>',
    logLevel,
    trustProxy: boolean(env.TRUST_PROXY, false, 'TRUST_PROXY', problems),
    sessionTtlSeconds: integer(env.SESSION_TTL_SECONDS ?? '3600', 'SESSION_TTL_SECONDS', 60, 86400 * 30, problems),
    keyCacheTtlMs: integer(env.KEY_CACHE_TTL_MS ?? '5000', 'KEY_CACHE_TTL_MS', 0, 60_000, problems),
    keyCacheMaxEntries: integer(env.KEY_CACHE_SIZE ?? '10000', 'KEY_CACHE_SIZE', 1, 10_000_000, problems),
    usageFlushIntervalMs: integer(env.USAGE_FLUSH_INTERVAL_MS ?? '60000', 'USAGE_FLUSH_INTERVAL_MS', 10, 3_600_000, problems),
    expirySweepIntervalMs: duration(env.EXPIRY_SWEEP_INTERVAL ?? '15m', 'EXPIRY_SWEEP_INTERVAL', problems),
    auditRetentionDays: integer(env.AUDIT_RETENTION_DAYS ?? '365', 'AUDIT_RETENTION_DAYS', 1, 36500, problems),
    outboxPollIntervalMs: duration(env.OUTBOX_POLL_INTERVAL ?? '30s', 'OUTBOX_POLL_INTERVAL', problems),
    outboxMaxAttempts: integer(env.OUTBOX_MAX_ATTEMPTS ?? '30', 'OUTBOX_MAX_ATTEMPTS', 1, 1000, problems),
    webhookAllowedHosts: hostList(env.WEBHOOK_ALLOWED_HOSTS ?? '', 'WEBHOOK_ALLOWED_HOSTS', problems),
    webhookMaxAttempts: integer(env.WEBHOOK_MAX_ATTEMPTS ?? '15', 'WEBHOOK_MAX_ATTEMPTS', 1, 100, problems),
    webhookPollIntervalMs: duration(env.WEBHOOK_POLL_INTERVAL ?? '5s', 'WEBHOOK_POLL_INTERVAL', problems),
    metricsEnabled: boolean(env.METRICS_ENABLED, false, 'METRICS_ENABLED', problems),
    metricsPort: metricsPortRaw,
    smtpTimeoutMs: integer(env.SMTP_TIMEOUT_MS ?? '10000', 'SMTP_TIMEOUT_MS', 100, 600_000, problems),
    redisTimeoutMs: integer(env.REDIS_TIMEOUT_MS ?? '1000', 'REDIS_TIMEOUT_MS', 10, 60_000, problems),
    redisUrl: env.REDIS_URL?.trim() ? redisUrl(env.REDIS_URL.trim(), problems) : undefined,
    redisPrefix: redisPrefix(env.REDIS_PREFIX ?? 'keywarden:', problems),
    webhookTimeoutMs: integer(env.WEBHOOK_TIMEOUT_MS ?? '10000', 'WEBHOOK_TIMEOUT_MS', 100, 60_000, problems),
    shutdownGraceMs: integer(env.SHUTDOWN_GRACE_MS ?? '20000', 'SHUTDOWN_GRACE_MS', 1000, 600_000, problems),
    queryMaxDepth: integer(env.QUERY_MAX_DEPTH ?? '12', 'QUERY_MAX_DEPTH', 2, 100, problems),
    queryMaxComplexity: integer(env.QUERY_MAX_COMPLEXITY ?? '10000', 'QUERY_MAX_COMPLEXITY', 10, 10_000_000, problems),
    accessTokenTtlSeconds: integer(env.ACCESS_TOKEN_TTL_SECONDS ?? '900', 'ACCESS_TOKEN_TTL_SECONDS', 60, 86400, problems),
    publicUrl: env.PUBLIC_URL ? publicUrl(env.PUBLIC_URL, problems) : undefined,
    signingKeyRotationDays: integer(env.SIGNING_KEY_ROTATION_DAYS ?? '30', 'SIGNING_KEY_ROTATION_DAYS', 1, 365, problems),
    live: {
      maxConnectionsPerPrincipal: integer(env.WS_MAX_CONNECTIONS_PER_PRINCIPAL ?? '10', 'WS_MAX_CONNECTIONS_PER_PRINCIPAL', 1, 10_000, problems),
      maxMessageBytes: integer(env.WS_MAX_MESSAGE_BYTES ?? '65536', 'WS_MAX_MESSAGE_BYTES', 1024, 1_048_576, problems),
      initTimeoutMs: integer(env.WS_INIT_TIMEOUT_MS ?? '5000', 'WS_INIT_TIMEOUT_MS', 100, 60_000, problems),
      recheckIntervalMs: integer(env.WS_RECHECK_INTERVAL_MS ?? '5000', 'WS_RECHECK_INTERVAL_MS', 100, 600_000, problems),
    },
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** `DATABASE_URL` and `DB_QUERY_TIMEOUT_MS`. */
function parseDatabaseUrl(env: Environment, problems: string[]): DatabaseConfig | undefined {
  const url = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  const queryTimeoutMs = integer(env.DB_QUERY_TIMEOUT_MS ?? '5000', 'DB_QUERY_TIMEOUT_MS', 100, 600_000, problems);
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!file) {
      problems.push('DATABASE_URL sqlite: needs a path, e.g. sqlite:./data/keywarden.sqlite or sqlite::memory:');
      return undefined;
    }
    return { kind: 'sqlite', url, path: file === ':memory:' ? ':memory:' : file, queryTimeoutMs };
  }
  if (url.startsWith('mysql://') || url.startsWith('mariadb://')) {
    try {
      const parsed = new URL(url.replace(/^mariadb:/, 'mysql:'));
      if (!parsed.hostname) throw new Error('no host');
      return { kind: 'mysql', url: parsed.toString(), queryTimeoutMs };
    } catch {
      problems.push('DATABASE_URL is not a valid mysql:// URL');
      return undefined;
    }
  }
  problems.push('DATABASE_URL must start with sqlite: or mysql://');
  return undefined;
}

/** A redis:// or rediss:// URL with a host, and at most a database index as its path. */
function redisUrl(raw: string, problems: string[]): string | undefined {
  try {
    const url = new URL(raw);
    if ((url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname && /^\/?(\d{1,2})?$/.test(url.pathname) && !url.hash) return url.toString();
  } catch {
    // reported below
  }
  problems.push('REDIS_URL must be a redis:// or rediss:// URL with a host, e.g. redis://127.0.0.1:6379/0');
  return undefined;
}

function redisPrefix(raw: string, problems: string[]): string {
  if (/^[A-Za-z0-9:_.-]{0,64}$/.test(raw)) return raw;
  problems.push('REDIS_PREFIX must be at most 64 letters, digits or : _ . -');
  return 'keywarden:';
}

/** An http(s) URL without query or fragment; the trailing slash is dropped (the issuer is compared as a string). */
function publicUrl(raw: string, problems: string[]): string | undefined {
  try {
    const url = new URL(raw.trim());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash) return url.toString().replace(/\/+$/, '');
  } catch {
    // reported below
  }
  problems.push('PUBLIC_URL must be an http:// or https:// URL without query or fragment');
  return undefined;
}

function integer(raw: string, name: string, min: number, max: number, problems: string[]): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max}`);
    return min;
  }
  return value;
}

function boolean(raw: string | undefined, fallback: boolean, name: string, problems: string[]): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (/^(true|1|yes)$/i.test(raw)) return true;
  if (/^(false|0|no)$/i.test(raw)) return false;
  problems.push(`${name} must be true or false`);
  return fallback;
}

function oneOf<T extends string>(raw: string | undefined, values: readonly T[], fallback: T, name: string, problems: string[]): T {
  if (raw === undefined || raw === '') return fallback;
  if ((values as readonly string[]).includes(raw)) return raw as T;
  problems.push(`${name} must be one of ${values.join(', ')}`);
  return fallback;
}

/** A comma-separated list of host names, IP addresses and CIDR ranges (`10.0.0.0/8`, `fd00::/8`). */
function hostList(raw: string, name: string, problems: string[]): string[] {
  const entries = raw.split(',').map((entry) => entry.trim().toLowerCase()).filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const ipVersion = net.isIP(address);
    const validCidr = bits === undefined || (ipVersion !== 0 && extra === undefined && /^\d{1,3}$/.test(bits) && Number(bits) <= (ipVersion === 4 ? 32 : 128));
    const validHost = ipVersion !== 0 || /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,62}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,62}[a-z0-9_])?)*$/.test(address);
    if (!validCidr || !validHost) problems.push(`${name}: "${entry}" is not a host name, an IP address or a CIDR range`);
  }
  return entries;
}

/** `90` (seconds), `30s`, `15m`, `1h` → milliseconds. */
function duration(raw: string, name: string, problems: string[]): number {
  const match = /^(\d+)\s*(ms|s|m|h)?$/.exec(raw.trim());
  if (!match) {
    problems.push(`${name} must be a duration such as 900, 30s, 15m or 1h`);
    return 15 * 60_000;
  }
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] ?? 's'] ?? 1000;
  const ms = Number(match[1]) * unit;
  if (ms < 100) {
    problems.push(`${name} must be at least 100ms`);
    return 15 * 60_000;
  }
  return ms;
}
