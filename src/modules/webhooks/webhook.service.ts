/**
 * Managing an account's webhooks (holders of `webhooks.manage`,
 * src/permissions.ts) and reading their deliveries. Signing secrets are shown
 * once and kept sealed (src/encryption.ts). Events are queued by
 * webhook-queue.ts and sent by webhook-dispatcher.ts.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import { auditTarget, type RequestContext } from '../../context';
import type { AuditDetails } from '../audit/audit-event.entity';
import type { SecretBox } from '../../encryption';
import { badUserInput, notFound } from '../../errors';
import { isEventType, type EventType } from '../../events';
import { isIdOf, newId } from '../../ids';
import { paginate, type Connection, type PageRequestArgs } from '../../pagination';
import { newSigningSecret } from './standard-webhooks';
import type { WebhookUrlPolicy } from './url-policy';
import type { WebhookQueue } from './webhook-queue';
import { WebhookDeliveryEntity, WebhookEntity } from './webhook.entity';

export interface WebhookInput {
  url: string;
  events: string[];
  description?: string | null;
  dryRun?: boolean;
}

export interface WebhookChanges {
  id: string;
  url?: string | null;
  events?: string[] | null;
  description?: string | null;
  enabled?: boolean | null;
}

export interface WebhookWithSecret {
  webhook: WebhookEntity;
  secret: string | null;
  dryRun: boolean;
}

export class WebhookService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly secrets: SecretBox,
    private readonly urls: WebhookUrlPolicy,
    private readonly queue: WebhookQueue,
  ) {}

  // ── Managing ─────────────────────────────────────────────────────────

  /** The active account's webhooks, newest first. */
  list(ctx: RequestContext, page: PageRequestArgs): Promise<Connection<WebhookEntity>> {
    const query = this.dataSource.getRepository(WebhookEntity).createQueryBuilder('w').where('w.account_id = :accountId', { accountId: ctx.activeAccountId });
    return paginate(query, 'w.id', page);
  }

  async create(ctx: RequestContext, input: WebhookInput): Promise<WebhookWithSecret> {
    const now = this.clock.now();
    const webhook = this.dataSource.manager.create(WebhookEntity, {
      id: newId('webhook', now.getTime()),
      accountId: ctx.activeAccountId!,
      url: await this.urls.checked(input.url),
      description: input.description || null,
      events: checkedEvents(input.events),
      enabled: true,
      secretSealed: '',
      previousSecretSealed: null,
      previousSecretExpiresAt: null,
      createdById: ctx.identity!.principal.id,
      createdAt: now,
      updatedAt: now,
    });
    if (input.dryRun) {
      auditTarget(ctx, 'Webhook', webhook.id, { dryRun: true });
      return { webhook, secret: null, dryRun: true };
    }
    const secret = newSigningSecret();
    webhook.secretSealed = this.secrets.seal(secret, webhook.id);
    await ctx.transaction(async (manager) => {
      await manager.insert(WebhookEntity, webhook);
      auditTarget(ctx, 'Webhook', webhook.id, { url: webhook.url, events: webhook.events });
    });
    return { webhook, secret, dryRun: false };
  }

  async update(ctx: RequestContext, input: WebhookChanges): Promise<WebhookEntity> {
    const changes: Partial<Pick<WebhookEntity, 'url' | 'events' | 'description' | 'enabled'>> = {};
    if (input.url != null) changes.url = await this.urls.checked(input.url);
    if (input.events != null) changes.events = checkedEvents(input.events);
    if (input.description != null) changes.description = input.description || null;
    if (input.enabled != null) changes.enabled = input.enabled;
    return ctx.transaction(async (manager) => {
      const webhook = await this.inAccount(ctx, manager, input.id);
      await manager.update(WebhookEntity, { id: webhook.id }, { ...changes, updatedAt: this.clock.now() });
      const { description: _description, ...details } = changes;
      auditTarget(ctx, 'Webhook', webhook.id, details as AuditDetails);
      return manager.findOneByOrFail(WebhookEntity, { id: webhook.id });
    });
  }

  /** A new secret, shown once; the old one keeps signing beside it for `gracePeriodSeconds`. */
  async rotateSecret(ctx: RequestContext, input: { id: string; gracePeriodSeconds: number; dryRun?: boolean }): Promise<WebhookWithSecret> {
    if (input.dryRun) return { webhook: await this.inAccount(ctx, this.dataSource.manager, input.id), secret: null, dryRun: true };
    const secret = newSigningSecret();
    const webhook = await ctx.transaction(async (manager) => {
      const current = await this.inAccount(ctx, manager, input.id);
      const now = this.clock.now();
      const overlap = input.gracePeriodSeconds > 0;
      await manager.update(
        WebhookEntity,
        { id: current.id },
        {
          secretSealed: this.secrets.seal(secret, current.id),
          previousSecretSealed: overlap ? current.secretSealed : null,
          previousSecretExpiresAt: overlap ? new Date(now.getTime() + input.gracePeriodSeconds * 1000) : null,
          updatedAt: now,
        },
      );
      auditTarget(ctx, 'Webhook', current.id, { gracePeriodSeconds: input.gracePeriodSeconds });
      return manager.findOneByOrFail(WebhookEntity, { id: current.id });
    });
    return { webhook, secret, dryRun: false };
  }

  /** Deletes a webhook and its deliveries (foreign key cascade): nothing more is sent to it. */
  async delete(ctx: RequestContext, id: string, dryRun: boolean): Promise<{ deletedId: string; dryRun: boolean }> {
    if (dryRun) {
      await this.inAccount(ctx, this.dataSource.manager, id);
      return { deletedId: id, dryRun };
    }
    await ctx.transaction(async (manager) => {
      const webhook = await this.inAccount(ctx, manager, id);
      await manager.delete(WebhookEntity, { id: webhook.id });
      auditTarget(ctx, 'Webhook', webhook.id);
    });
    return { deletedId: id, dryRun };
  }

  /** A webhook's deliveries, newest first. */
  async deliveries(ctx: RequestContext, webhookId: string, page: PageRequestArgs): Promise<Connection<WebhookDeliveryEntity>> {
    const webhook = await this.inAccount(ctx, this.dataSource.manager, webhookId);
    const query = this.dataSource.getRepository(WebhookDeliveryEntity).createQueryBuilder('d').where('d.webhook_id = :webhookId', { webhookId: webhook.id });
    return paginate(query, 'd.id', page);
  }

  /**
   * Queues a delivery's event again, as a new delivery with the same
   * `webhook-id` and body (receivers that saw it already can drop it), to the
   * webhook's current URL and secrets.
   */
  async redeliver(ctx: RequestContext, deliveryId: string): Promise<WebhookDeliveryEntity> {
    return ctx.transaction(async (manager) => {
      const original = isIdOf('webhookDelivery', deliveryId) ? await manager.findOneBy(WebhookDeliveryEntity, { id: deliveryId }) : null;
      if (!original) throw notFound('Webhook delivery');
      const webhook = await this.inAccount(ctx, manager, original.webhookId).catch(() => Promise.reject(notFound('Webhook delivery')));
      const [copy] = this.queue.deliveriesOf([webhook], original.messageId, original.eventType, original.payload);
      await manager.insert(WebhookDeliveryEntity, copy);
      auditTarget(ctx, 'Webhook', webhook.id, { deliveryId: original.id, redeliveryId: copy.id });
      return copy;
    });
  }

  /** A webhook of the active account (`node(id:)`); any other is NOT_FOUND, as a missing one. */
  webhookInAccount(ctx: RequestContext, id: string): Promise<WebhookEntity> {
    return this.inAccount(ctx, this.dataSource.manager, id);
  }

  private async inAccount(ctx: RequestContext, manager: EntityManager, id: string): Promise<WebhookEntity> {
    const webhook = isIdOf('webhook', id) ? await manager.findOneBy(WebhookEntity, { id, accountId: ctx.activeAccountId! }) : null;
    return webhook ?? Promise.reject(notFound('Webhook'));
  }
}

function checkedEvents(events: string[]): EventType[] {
  const unknown = events.find((type) => !isEventType(type));
  if (unknown !== undefined) throw badUserInput('events', `"${unknown.slice(0, 64)}" is not an event type`);
  return [...new Set(events as EventType[])];
}
