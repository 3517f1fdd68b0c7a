/** Builds every service once, at start, and hands them to requests through the context. */
import type { DataSource } from 'typeorm';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Logger } from './logger';
import { createLimiters, LimitStoreHealth, type LimitStore } from './rate-limits';
import { CacheInvalidation } from './cache-invalidation';
import { createClusterBus } from './cluster-bus';
import { boundedPoolClient, preparedReads } from './database-deadlines';
import type { RedisConnections } from './redis';
import type { ShutdownBudget } from './shutdown';
import { SecretHasher } from './secrets';
import { writeLockOf } from './write-lock';
import { AccountService } from './modules/accounts/account.service';
import { AuditService } from './modules/audit/audit.service';
import { AuthService } from './modules/auth/auth.service';
import { ApiKeyService } from './modules/api-keys/api-key.service';
import { KeyAuthenticator } from './modules/api-keys/key-authenticator';
import { KeyLookup } from './modules/api-keys/key-lookup';
import { ExpirySweeper } from './modules/notifications/expiry-sweeper';
import { MailOutbox } from './modules/notifications/mail-outbox';
import { NotificationService } from './modules/notifications/notification.service';
import { NotificationStream } from './modules/notifications/notification-stream';
import { RoleService } from './modules/roles/role.service';
import { UserService } from './modules/users/user.service';
import { GroupService } from './modules/groups/group.service';
import { FunctionalIdService } from './modules/functional-ids/functional-id.service';
import { ServiceService } from './modules/services/service.service';
import { EffectivePermissions } from './modules/oauth/effective-permissions';
import { OAuthService } from './modules/oauth/oauth.service';
import { SigningKeys } from './modules/oauth/signing-keys';
import { SecretBox } from './encryption';
import { WebhookUrlPolicy } from './modules/webhooks/url-policy';
import { WebhookDispatcher } from './modules/webhooks/webhook-dispatcher';
import { WebhookQueue } from './modules/webhooks/webhook-queue';
import { WebhookService } from './modules/webhooks/webhook.service';

/**
 * Where rate-limit counters live (src/rate-limits.ts): Redis, else MySQL, else memory. MySQL limiter calls get a
 * quarter of DB_QUERY_TIMEOUT_MS (at least 100 ms): a login spends three before its first query, and a database
 * that does not answer must not cost it four deadlines.
 */
export function limitStoreOf(config: Config, dataSource: DataSource, redis: RedisConnections | null): LimitStore {
  if (redis) return { kind: 'redis', client: redis.commands, prefix: redis.prefix, deadlineMs: config.redisTimeoutMs };
  if (config.database.kind === 'mysql') {
    const deadlineMs = Math.max(100, Math.floor(config.database.queryTimeoutMs / 4));
    return { kind: 'mysql', pool: boundedPoolClient(dataSource, deadlineMs), database: decodeURIComponent(new URL(config.database.url).pathname.slice(1)), deadlineMs };
  }
  return { kind: 'memory' };
}

/** `redis`: the connections when REDIS_URL is set (startServer makes them; they are closed by `closeConnections`). */
export function createServices(config: Config & { secret: string }, dataSource: DataSource, clock: Clock, log: Logger, redis: RedisConnections | null = null) {
  const hasher = new SecretHasher(config.secret);
  const writeLock = writeLockOf(dataSource);
  const bus = createClusterBus(redis, log);
  const invalidation = new CacheInvalidation(bus);
  const limitStore = limitStoreOf(config, dataSource, redis);
  const limitHealth = new LimitStoreHealth(limitStore.kind, log);
  const limiters = createLimiters(limitStore, limitHealth);
  const keyAuthenticator = new KeyAuthenticator(
    dataSource,
    new KeyLookup(dataSource, preparedReads(dataSource, config.database.queryTimeoutMs)),
    hasher,
    clock,
    log,
    writeLock,
    {
      cacheTtlMs: config.keyCacheTtlMs,
      cacheMaxEntries: config.keyCacheMaxEntries,
      usageFlushIntervalMs: config.usageFlushIntervalMs,
    },
    invalidation,
  );
  const audit = new AuditService(dataSource, clock, log, writeLock);
  const notificationStream = new NotificationStream(bus, log);
  const { notifications, mailOutbox, expirySweeper, webhookQueue } = createNotificationServices(config, dataSource, clock, log, audit, notificationStream);
  const webhookSecrets = new SecretBox(config.secret, 'webhook-secrets');
  const webhookUrls = new WebhookUrlPolicy(config.webhookAllowedHosts);
  const webhooks = new WebhookService(dataSource, clock, webhookSecrets, webhookUrls, webhookQueue);
  const webhookDispatcher = new WebhookDispatcher(dataSource, clock, log, webhookSecrets, webhookUrls, {
    timeoutMs: config.webhookTimeoutMs,
    maxAttempts: config.webhookMaxAttempts,
    pollIntervalMs: config.webhookPollIntervalMs,
  });
  const roles = new RoleService(dataSource, clock, notifications);
  const accounts = new AccountService(dataSource, clock, roles, notifications, limiters);
  const groups = new GroupService(dataSource, clock, roles, notifications);
  const users = new UserService(dataSource, clock, accounts, roles, groups, limiters);
  const functionalIds = new FunctionalIdService(dataSource, clock, users, roles, groups);
  const apiKeys = new ApiKeyService(dataSource, clock, hasher, keyAuthenticator, roles, notifications, limiters);
  const auth = new AuthService(dataSource, config, clock, hasher, keyAuthenticator, audit, writeLock, limiters, invalidation, {
    ttlMs: config.keyCacheTtlMs,
    maxEntries: config.keyCacheMaxEntries,
  });
  const relyingServices = new ServiceService(dataSource, clock, config.keyCacheTtlMs);
  const signingKeys = new SigningKeys(dataSource, clock, log, writeLock, config.secret, {
    rotationDays: config.signingKeyRotationDays,
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
  });
  const effectivePermissions = new EffectivePermissions(roles, clock, config.keyCacheTtlMs, invalidation);
  const oauth = new OAuthService(signingKeys, relyingServices, effectivePermissions, keyAuthenticator, auth, audit, clock, config.accessTokenTtlSeconds);
  return {
    config, dataSource, clock, log, hasher, writeLock, redis, bus, invalidation, limitHealth, keyAuthenticator, audit, roles, accounts, users, groups, functionalIds, auth, apiKeys,
    notifications, notificationStream, mailOutbox, expirySweeper, relyingServices, signingKeys, effectivePermissions, oauth, webhooks, webhookDispatcher,
  };
}

/**
 * Notifications, the email outbox, the expiry sweeper and the webhook queue (events are queued, the server
 * sends them): also built alone by `npm run notify:expiring`.
 */
export function createNotificationServices(
  config: Config,
  dataSource: DataSource,
  clock: Clock,
  log: Logger,
  audit: AuditService,
  stream: NotificationStream = new NotificationStream(createClusterBus(null, log), log),
) {
  const mailOutbox = new MailOutbox(dataSource, clock, log, {
    smtpUrl: config.smtpUrl,
    mailFrom: config.mailFrom,
    pollIntervalMs: config.outboxPollIntervalMs,
    maxAttempts: config.outboxMaxAttempts,
    smtpTimeoutMs: config.smtpTimeoutMs,
    dbQueryTimeoutMs: config.database.queryTimeoutMs,
  });
  const webhookQueue = new WebhookQueue(dataSource, clock);
  const notifications = new NotificationService(dataSource, clock, mailOutbox, webhookQueue, stream);
  const expirySweeper = new ExpirySweeper(dataSource, clock, log, notifications, audit, mailOutbox, webhookQueue, {
    intervalMs: config.expirySweepIntervalMs,
    auditRetentionDays: config.auditRetentionDays,
  });
  return { notifications, mailOutbox, expirySweeper, webhookQueue };
}

export type Services = ReturnType<typeof createServices>;

/** Starts background work: the expiry sweeper (now, then every interval), the email outbox and the webhook outbox. */
export function startBackgroundWork(services: Services): void {
  services.expirySweeper.start();
  services.mailOutbox.start();
  services.webhookDispatcher.start();
}

/** Stops background work at its next step (a sweep between keys, the outbox between emails); resolves once all are idle. */
export async function stopBackgroundWork(services: Services): Promise<void> {
  services.limitHealth.close();
  await Promise.all([services.expirySweeper.close(), services.mailOutbox.close(), services.webhookDispatcher.close()]);
}

/** Writes pending key usage within the budget, and logs what stays behind: usage that is lost, emails that stay queued. */
export async function flushPending(services: Services, budget: ShutdownBudget): Promise<void> {
  await budget.step('writing key usage', services.keyAuthenticator.close());
  const unwritten = services.keyAuthenticator.unwrittenUsage;
  if (unwritten.keys > 0) {
    budget.unfinished.push('writing key usage');
    services.log.error({ pendingUsage: unwritten }, 'stopping: key usage (lastUsedAt, authnCount) could not be written and is lost');
  }
  if (services.mailOutbox.enabled) {
    const queued = await budget.wait(services.mailOutbox.queuedCount());
    services.log.info({ queuedEmails: queued.done ? queued.value : 'unknown (the database did not answer)' }, 'stopping: unsent emails stay queued in the database');
  }
}

/** Closes what connects to shared state (the cluster bus, both Redis connections); a Redis that is away never holds the stop. */
export async function closeConnections(services: Services, budget: ShutdownBudget): Promise<void> {
  await services.bus.close();
  if (services.redis) await budget.attempt('closing the redis connections', services.redis.close());
}
