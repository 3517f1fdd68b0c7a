/** Builds every service once, at start, and hands them to requests through the context. */
import type { DataSource } from 'typeorm';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Logger } from './logger';
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
import { RoleService } from './modules/roles/role.service';
import { UserService } from './modules/users/user.service';
import { GroupService } from './modules/groups/group.service';
import { FunctionalIdService } from './modules/functional-ids/functional-id.service';
import { SecretBox } from './encryption';
import { WebhookUrlPolicy } from './modules/webhooks/url-policy';
import { WebhookDispatcher } from './modules/webhooks/webhook-dispatcher';
import { WebhookQueue } from './modules/webhooks/webhook-queue';
import { WebhookService } from './modules/webhooks/webhook.service';

export function createServices(config: Config & { secret: string }, dataSource: DataSource, clock: Clock, log: Logger) {
  const hasher = new SecretHasher(config.secret);
  const writeLock = writeLockOf(dataSource);
  const keyAuthenticator = new KeyAuthenticator(dataSource, hasher, clock, log, writeLock, {
    cacheTtlMs: config.keyCacheTtlMs,
    cacheMaxEntries: config.keyCacheMaxEntries,
    usageFlushIntervalMs: config.usageFlushIntervalMs,
  });
  const audit = new AuditService(dataSource, clock, log, writeLock);
  const { notifications, mailOutbox, expirySweeper, webhookQueue } = createNotificationServices(config, dataSource, clock, log, audit);
  const webhookSecrets = new SecretBox(config.secret, 'webhook-secrets');
  const webhookUrls = new WebhookUrlPolicy(config.webhookAllowedHosts);
  const webhooks = new WebhookService(dataSource, clock, webhookSecrets, webhookUrls, webhookQueue);
  const webhookDispatcher = new WebhookDispatcher(dataSource, clock, log, webhookSecrets, webhookUrls, {
    timeoutMs: config.webhookTimeoutMs,
    maxAttempts: config.webhookMaxAttempts,
    pollIntervalMs: config.webhookPollIntervalMs,
  });
  const roles = new RoleService(dataSource, clock, notifications);
  const accounts = new AccountService(dataSource, clock, roles, notifications);
  const groups = new GroupService(dataSource, clock, roles, notifications);
  const users = new UserService(dataSource, clock, accounts, roles, groups);
  const functionalIds = new FunctionalIdService(dataSource, clock, users, roles, groups);
  const apiKeys = new ApiKeyService(dataSource, clock, hasher, keyAuthenticator, roles, notifications);
  const auth = new AuthService(dataSource, config, clock, hasher, keyAuthenticator, audit, writeLock);
  return {
    config, dataSource, clock, log, hasher, writeLock, keyAuthenticator, audit, roles, accounts, users, groups, functionalIds, auth, apiKeys,
    notifications, mailOutbox, expirySweeper, webhooks, webhookDispatcher,
  };
}

/**
 * Notifications, the email outbox, the expiry sweeper and the webhook queue (events are queued, the server
 * sends them): also built alone by `npm run notify:expiring`.
 */
export function createNotificationServices(config: Config, dataSource: DataSource, clock: Clock, log: Logger, audit: AuditService) {
  const mailOutbox = new MailOutbox(dataSource, clock, log, {
    smtpUrl: config.smtpUrl,
    mailFrom: config.mailFrom,
    pollIntervalMs: config.outboxPollIntervalMs,
    maxAttempts: config.outboxMaxAttempts,
  });
  const webhookQueue = new WebhookQueue(dataSource, clock);
  const notifications = new NotificationService(dataSource, clock, mailOutbox, webhookQueue);
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

/** Stops background work and writes what is pending (key usage). */
export async function closeServices(services: Services): Promise<void> {
  await services.expirySweeper.close();
  await services.mailOutbox.close();
  await services.webhookDispatcher.close();
  await services.keyAuthenticator.close();
}
