/**
 * The `EventSink` of src/events.ts: one delivery per enabled webhook of the
 * event's account that asked for its type, written inside the transaction of
 * the change that caused the event (so it is queued exactly when the change
 * commits). The dispatcher (webhook-dispatcher.ts) sends them later, so a
 * slow receiver never slows a request. It needs no secret: the cron sweep
 * (`npm run notify:expiring`) queues too.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import type { DomainEvent, EventSink, EventType } from '../../events';
import { newId } from '../../ids';
import { WebhookDeliveryEntity, WebhookEntity } from './webhook.entity';

export class WebhookQueue implements EventSink {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async publish(manager: EntityManager, event: DomainEvent): Promise<void> {
    const webhooks = (await manager.findBy(WebhookEntity, { accountId: event.accountId, enabled: true })).filter((w) => w.events.includes(event.type));
    if (webhooks.length === 0) return;
    const now = this.clock.now();
    // Standard Webhooks payload: `type`, `timestamp` (when the event happened), `data`.
    const payload = JSON.stringify({ type: event.type, timestamp: now.toISOString(), data: event.data });
    await manager.insert(WebhookDeliveryEntity, this.deliveriesOf(webhooks, newId('webhookMessage', now.getTime()), event.type, payload));
  }

  /** Deliveries of one message (`webhook-id`) to webhooks, due now. */
  deliveriesOf(webhooks: WebhookEntity[], messageId: string, eventType: EventType, payload: string): WebhookDeliveryEntity[] {
    const now = this.clock.now();
    return webhooks.map((webhook) =>
      this.dataSource.manager.create(WebhookDeliveryEntity, {
        id: newId('webhookDelivery', now.getTime()),
        webhookId: webhook.id,
        messageId,
        eventType,
        payload,
        state: 'PENDING',
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
        lastStatus: null,
        lastAttemptAt: null,
        createdAt: now,
        deliveredAt: null,
      }),
    );
  }
}
