/**
 * Email delivery through a transactional outbox. Notifications insert
 * `email_outbox` rows inside the change's transaction; this loop sends them
 * later over SMTP (nodemailer, `SMTP_URL`, from `MAIL_FROM`), so SMTP never
 * blocks or fails a GraphQL request. A failed attempt is retried with
 * exponential backoff (30 s doubling to 1 h); an SMTP outage leaves emails
 * queued until it ends. Every SMTP step and every send has a deadline
 * (`SMTP_TIMEOUT_MS`): a relay that accepts and never answers costs one
 * deadline per pass, the email it held is retried later, and the next pass
 * moves on to the others. A stop (`close`) ends the pass at its next email.
 *
 * Claims, leases and backoff are the shared outbox's (src/outbox.ts), so
 * each email goes out once however many processes run this loop.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import { newId } from '../../ids';
import type { Logger } from '../../logger';
import { Outbox } from '../../outbox';
import { OutboxEmailEntity } from './outbox-email.entity';

export interface EmailContent {
  subject: string;
  /** Plain-text body. */
  text: string;
  /** HTML body (already escaped). */
  html: string;
}

export interface MailOutboxOptions {
  smtpUrl?: string;
  mailFrom: string;
  pollIntervalMs: number;
  maxAttempts: number;
  /** Deadline of each SMTP step (connection, greeting, socket inactivity) and of one whole send. */
  smtpTimeoutMs: number;
  /** The database's statement deadline: with the SMTP one, it bounds how long a claimed email is held. */
  dbQueryTimeoutMs: number;
}

const BATCH = 50;
/** A claim outlives the send and the write of its result by this much (clocks of several processes differ a little). */
const LEASE_MARGIN_MS = 5_000;
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 60 * 60_000;
/** Errors that say the server is unreachable: stop this pass instead of failing every email in turn. */
const CONNECTION_ERRORS = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'EGREETING']);

export class MailOutbox {
  private readonly transport: Transporter | null;
  private readonly outbox: Outbox<OutboxEmailEntity>;

  constructor(
    dataSource: DataSource,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: MailOutboxOptions,
  ) {
    this.outbox = new Outbox(dataSource, OutboxEmailEntity, {
      pollIntervalMs: options.pollIntervalMs,
      maxAttempts: options.maxAttempts,
      leaseMs: options.smtpTimeoutMs + options.dbQueryTimeoutMs + LEASE_MARGIN_MS,
      firstRetryMs: FIRST_RETRY_MS,
      maxRetryMs: MAX_RETRY_MS,
      batch: BATCH,
    });
    this.transport = options.smtpUrl
      ? nodemailer.createTransport({
          url: options.smtpUrl,
          connectionTimeout: options.smtpTimeoutMs,
          greetingTimeout: options.smtpTimeoutMs,
          socketTimeout: options.smtpTimeoutMs,
        })
      : null;
  }

  /** False when `SMTP_URL` is unset: notifications are in-app only. */
  get enabled(): boolean {
    return this.transport !== null;
  }

  /** Queues one email per address, in the caller's transaction. Does nothing without SMTP. */
  async enqueue(manager: EntityManager, recipients: { id: string | null; email: string }[], content: EmailContent): Promise<number> {
    if (!this.transport || recipients.length === 0) return 0;
    const now = this.clock.now();
    await manager.insert(
      OutboxEmailEntity,
      recipients.map((recipient) => ({
        id: newId('outbox', now.getTime()),
        recipientId: recipient.id,
        toAddress: recipient.email,
        subject: content.subject.slice(0, 255),
        textBody: content.text,
        htmlBody: content.html,
        state: 'PENDING' as const,
        attempts: 0,
        nextAttemptAt: now,
        lastError: null,
        createdAt: now,
        sentAt: null,
      })),
    );
    return recipients.length;
  }

  /** Polls for due emails every `OUTBOX_POLL_INTERVAL`. */
  start(): void {
    if (this.transport) this.outbox.start(() => this.deliverDue());
  }

  /** Sends what is due now; resolves when this process's pass is over. Never throws for SMTP trouble. */
  deliverDue(): Promise<{ sent: number; failed: number }> {
    return this.outbox.serialized(() => this.deliverOnce());
  }

  private async deliverOnce(): Promise<{ sent: number; failed: number }> {
    const result = { sent: 0, failed: 0 };
    if (!this.transport || this.outbox.stopping) return result;
    const now = this.clock.now();
    for (const email of await this.outbox.due(now)) {
      if (this.outbox.stopping) break; // what is left stays queued
      if (!(await this.outbox.claim(email, now))) continue; // another process has it
      try {
        await this.send(email);
        await this.outbox.succeeded(email, { state: 'SENT', sentAt: this.clock.now() });
        result.sent++;
      } catch (error) {
        result.failed++;
        const code = (error as { code?: string }).code ?? '';
        const gaveUp = await this.outbox.failed(email, now, `${code} ${(error as Error).message}`);
        this.log[gaveUp ? 'error' : 'warn']({ emailId: email.id, attempts: email.attempts + 1, code, gaveUp }, gaveUp ? 'gave up sending an email' : 'could not send an email; will retry');
        if (CONNECTION_ERRORS.has(code)) break; // SMTP is away: the rest stay due for the next pass
      }
    }
    return result;
  }

  /** One send, bounded as a whole: nodemailer's timeouts are per step, and a relay may answer each one slowly. */
  private send(email: OutboxEmailEntity): Promise<unknown> {
    const sending = this.transport!.sendMail({ from: this.options.mailFrom, to: email.toAddress, subject: email.subject, text: email.textBody, html: email.htmlBody });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        sending.catch(() => undefined); // it ends by nodemailer's own timeouts; nobody waits for it any more
        reject(Object.assign(new Error(`the SMTP server did not finish the send within ${this.options.smtpTimeoutMs} ms`), { code: 'ETIMEDOUT' }));
      }, this.options.smtpTimeoutMs);
      sending.then(
        (info) => (clearTimeout(timer), resolve(info)),
        (error: unknown) => (clearTimeout(timer), reject(error)),
      );
    });
  }

  /** Emails waiting to be sent (due now or later), for the stop's log line. */
  queuedCount(): Promise<number> {
    return this.outbox.queuedCount();
  }

  /** Deletes sent and given-up emails created before `cutoff`: their bodies name people and keys. */
  pruneFinished(cutoff: Date): Promise<number> {
    return this.outbox.pruneFinished(cutoff);
  }

  /** Stops polling; a pass in progress ends after the email it is sending. Resolves when it has. */
  async close(): Promise<void> {
    await this.outbox.stop();
    this.transport?.close();
  }
}
