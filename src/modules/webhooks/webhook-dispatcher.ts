/**
 * Sends queued webhook deliveries (the outbox of src/outbox.ts: claimed
 * atomically, so each goes out once across nodes; retried with exponential
 * backoff from 10 s to 6 h, `WEBHOOK_MAX_ATTEMPTS` in all). Each attempt is
 * signed afresh (Standard Webhooks: the timestamp is the attempt's), has a
 * deadline (`WEBHOOK_TIMEOUT_MS`) from connection to the end of the answer,
 * follows no redirect, and connects only to addresses the URL policy allows,
 * checked on the connection itself. A 2xx answer delivers; anything else is
 * retried. The receiver's answer body is read and dropped, never stored.
 * Finished deliveries are kept 30 days (`webhookDeliveries` shows them).
 */
import http from 'node:http';
import https from 'node:https';
import { In, type DataSource } from 'typeorm';
import type { Clock } from '../../clock';
import type { SecretBox } from '../../encryption';
import type { Logger } from '../../logger';
import { Outbox } from '../../outbox';
import { signedHeaders } from './standard-webhooks';
import type { WebhookUrlPolicy } from './url-policy';
import { WebhookDeliveryEntity, WebhookEntity } from './webhook.entity';

export interface WebhookDispatcherOptions {
  timeoutMs: number;
  maxAttempts: number;
  pollIntervalMs: number;
}

/** Longer than the longest attempt (WEBHOOK_TIMEOUT_MS is at most 60 s). */
const LEASE_MS = 5 * 60_000;
const BATCH = 50;
export const DELIVERY_RETENTION_MS = 30 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

interface Answer {
  status: number | null;
  error: string | null;
}

export class WebhookDispatcher {
  private readonly outbox: Outbox<WebhookDeliveryEntity>;
  private prunedAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly secrets: SecretBox,
    private readonly urls: WebhookUrlPolicy,
    private readonly options: WebhookDispatcherOptions,
  ) {
    this.outbox = new Outbox(dataSource, WebhookDeliveryEntity, {
      pollIntervalMs: options.pollIntervalMs,
      maxAttempts: options.maxAttempts,
      leaseMs: LEASE_MS,
      firstRetryMs: 10_000,
      maxRetryMs: 6 * 3_600_000,
      batch: BATCH,
    });
  }

  /** Polls for due deliveries every `WEBHOOK_POLL_INTERVAL`. */
  start(): void {
    this.outbox.start(() => this.deliverDue());
  }

  /** Attempts what is due now, all at once; resolves when this process's pass is over. Never throws for receiver trouble. */
  deliverDue(): Promise<{ delivered: number; failed: number }> {
    return this.outbox.serialized(() => this.deliverOnce());
  }

  private async deliverOnce(): Promise<{ delivered: number; failed: number }> {
    const now = this.clock.now();
    if (now.getTime() - this.prunedAt >= PRUNE_EVERY_MS) {
      this.prunedAt = now.getTime();
      await this.outbox.pruneFinished(new Date(now.getTime() - DELIVERY_RETENTION_MS));
    }
    const due = await this.outbox.due(now);
    const claimed: WebhookDeliveryEntity[] = [];
    for (const delivery of due) if (await this.outbox.claim(delivery, now)) claimed.push(delivery); // else another node has it
    if (claimed.length === 0) return { delivered: 0, failed: 0 };
    const webhookIds = [...new Set(claimed.map((d) => d.webhookId))];
    const webhooks = new Map((await this.dataSource.getRepository(WebhookEntity).findBy({ id: In(webhookIds) })).map((w) => [w.id, w]));
    const outcomes = await Promise.all(claimed.map((delivery) => this.attempt(delivery, webhooks.get(delivery.webhookId))));
    return { delivered: outcomes.filter(Boolean).length, failed: outcomes.filter((ok) => !ok).length };
  }

  /** One attempt; records its outcome. True when delivered. */
  private async attempt(delivery: WebhookDeliveryEntity, webhook: WebhookEntity | undefined): Promise<boolean> {
    const at = this.clock.now();
    const answer: Answer = !webhook
      ? { status: null, error: 'the webhook was deleted' }
      : !webhook.enabled
        ? { status: null, error: 'the webhook is disabled' }
        : await this.post(webhook, delivery, at);
    if (answer.status !== null && answer.status >= 200 && answer.status < 300) {
      await this.outbox.succeeded(delivery, { state: 'DELIVERED', deliveredAt: this.clock.now(), lastStatus: answer.status, lastAttemptAt: at });
      return true;
    }
    const error = answer.error ?? `the receiver answered HTTP ${answer.status}`;
    const gaveUp = await this.outbox.failed(delivery, at, error, { lastStatus: answer.status, lastAttemptAt: at });
    this.log[gaveUp ? 'error' : 'warn'](
      { deliveryId: delivery.id, webhookId: delivery.webhookId, attempts: delivery.attempts + 1, status: answer.status, error, gaveUp },
      gaveUp ? 'gave up a webhook delivery' : 'webhook delivery failed; will retry',
    );
    return false;
  }

  private post(webhook: WebhookEntity, delivery: WebhookDeliveryEntity, at: Date): Promise<Answer> {
    const url = new URL(webhook.url);
    const refusal = this.urls.refusalOf(url);
    if (refusal) return Promise.resolve({ status: null, error: refusal });
    const body = delivery.payload;
    const headers = {
      ...signedHeaders(this.signingSecretsOf(webhook, at), delivery.messageId, at, body),
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': 'Keywarden-Webhooks/1',
    };
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<Answer>((resolve) => {
      let settled = false;
      const settle = (answer: Answer) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        resolve(answer);
      };
      const request = transport.request(url, { method: 'POST', headers, lookup: this.urls.lookup, agent: false }, (response) => {
        response.on('data', () => undefined); // drained, never kept
        response.on('end', () => settle({ status: response.statusCode ?? null, error: null }));
        response.on('error', (error) => settle({ status: null, error: error.message }));
      });
      const deadline = setTimeout(() => request.destroy(new Error(`no complete answer within ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
      request.on('error', (error) => settle({ status: null, error: error.message }));
      request.end(body);
    });
  }

  /** The secrets that sign now: the current one, and the previous one during a rotation's overlap. */
  private signingSecretsOf(webhook: WebhookEntity, now: Date): string[] {
    const secrets = [this.secrets.open(webhook.secretSealed, webhook.id)];
    if (webhook.previousSecretSealed && webhook.previousSecretExpiresAt && webhook.previousSecretExpiresAt > now) {
      secrets.push(this.secrets.open(webhook.previousSecretSealed, webhook.id));
    }
    return secrets;
  }

  async close(): Promise<void> {
    await this.outbox.stop();
  }
}
