/** Builds every service once, at start, and hands them to requests through the context. */
import type { DataSource } from 'typeorm';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Logger } from './logger';
import { createLimiters } from './rate-limits';
import type { ShutdownBudget } from './shutdown';
import { SecretHasher } from './secrets';
import { writeLockOf } from './write-lock';
import { AccountService } from './modules/accounts/account.service';
import { AuditService } from './modules/audit/audit.service';
import { AuthService } from './modules/auth/auth.service';
import { ApiKeyService } from './modules/api-keys/api-key.service';
import { KeyAuthenticator } from './modules/api-keys/key-authenticator';
import { ExpirySweeper } from './modules/notifications/expiry-sweeper';
import { MailOutbox } from './modules/notifications/mail-outbox';
import { NotificationService } from './modules/notifications/notification.service';
import { InProcessBus, NotificationStream, type MessageBus } from './modules/notifications/notification-stream';
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

/** `bus`: where live events go (notifications, credential changes); this process alone unless a cluster bus is given. */
export function createServices(config: Config & { secret: string }, dataSource: DataSource, clock: Clock, log: Logger, bus: MessageBus = new InProcessBus(log)) {
  const hasher = new SecretHasher(config.secret);
  const writeLock = writeLockOf(dataSource);
  const limiters = createLimiters();
  const keyAuthenticator = new KeyAuthenticator(dataSource, hasher, clock, log, writeLock, {
    cacheTtlMs: config.keyCacheTtlMs,
    cacheMaxEntries: config.keyCacheMaxEntries,
    usageFlushIntervalMs: config.usageFlushIntervalMs,
  });
  const audit = new AuditService(dataSource, clock, log, writeLock);
  const notificationStream = new NotificationStream(bus, log);
  // A key dropped from the cache (changed, deleted, its owner disabled or removed) may have ended: live connections check.
  keyAuthenticator.onForget = (change) => notificationStream.credentialChanged(change);
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
  const auth = new AuthService(dataSource, config, clock, hasher, keyAuthenticator, audit, writeLock, limiters);
  auth.onSessionsEnded = (change) => notificationStream.credentialChanged(change);
  const relyingServices = new ServiceService(dataSource, clock, config.keyCacheTtlMs);
  const signingKeys = new SigningKeys(dataSource, clock, log, writeLock, config.secret, {
    rotationDays: config.signingKeyRotationDays,
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
  });
  const effectivePermissions = new EffectivePermissions(roles, clock, config.keyCacheTtlMs);
  const oauth = new OAuthService(signingKeys, relyingServices, effectivePermissions, keyAuthenticator, auth, audit, clock, config.accessTokenTtlSeconds);
  return {
    config, dataSource, clock, log, hasher, writeLock, keyAuthenticator, audit, roles, accounts, users, groups, functionalIds, auth, apiKeys,
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
  stream: NotificationStream = new NotificationStream(new InProcessBus(log), log),
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
