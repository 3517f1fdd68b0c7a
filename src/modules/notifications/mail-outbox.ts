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
 * Several processes may run this loop on one database: each email is claimed
 * with one conditional UPDATE (compare-and-set on its due time) that also
 * sets a lease, and only the process whose UPDATE changed the row sends it.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import { newId } from '../../ids';
import type { Logger } from '../../logger';
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

export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

export class MailOutbox {
  private readonly transport: Transporter | null;
  private timer: NodeJS.Timeout | undefined;
  /** Passes run one after another in a process; other processes are kept off by the claims. */
  private pass: Promise<unknown> = Promise.resolve();
  /** Passes running or waiting: the poll adds none while one is there, so slow passes never pile up. */
  private passes = 0;
  private stopping = false;
  /** How long a claimed email is reserved for its sender: longer than a send plus the write of its outcome. */
  private readonly leaseMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: MailOutboxOptions,
  ) {
    const timeout = options.smtpTimeoutMs;
    this.transport = options.smtpUrl
      ? nodemailer.createTransport({ url: options.smtpUrl, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout })
      : null;
    this.leaseMs = options.smtpTimeoutMs + options.dbQueryTimeoutMs + LEASE_MARGIN_MS;
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
    if (!this.transport || this.timer || this.stopping) return;
    this.timer = setInterval(() => {
      if (this.passes === 0) void this.deliverDue().catch(() => undefined);
    }, this.options.pollIntervalMs);
    this.timer.unref();
  }

  /** Sends what is due now; resolves when this process's pass is over. Never throws for SMTP trouble. */
  deliverDue(): Promise<{ sent: number; failed: number }> {
    this.passes++;
    const run = this.pass.then(() => this.deliverOnce()).finally(() => this.passes--);
    this.pass = run.catch(() => undefined);
    return run;
  }

  private async deliverOnce(): Promise<{ sent: number; failed: number }> {
    const result = { sent: 0, failed: 0 };
    if (!this.transport || this.stopping) return result;
    const now = this.clock.now();
    const due = await this.dataSource
      .getRepository(OutboxEmailEntity)
      .createQueryBuilder('e')
      .where("e.state = 'PENDING' AND e.next_attempt_at <= :now", { now: now.getTime() })
      .orderBy('e.next_attempt_at', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .limit(BATCH)
      .getMany();
    for (const email of due) {
      if (this.stopping) break; // what is left stays queued
      if (!(await this.claim(email, now))) continue; // another process has it
      const attempts = email.attempts + 1;
      try {
        await this.send(email);
        await this.dataSource.getRepository(OutboxEmailEntity).update({ id: email.id }, { state: 'SENT', sentAt: this.clock.now(), lastError: null });
        result.sent++;
      } catch (error) {
        result.failed++;
        const code = (error as { code?: string }).code ?? '';
        const gaveUp = attempts >= this.options.maxAttempts;
        await this.dataSource.getRepository(OutboxEmailEntity).update(
          { id: email.id },
          {
            state: gaveUp ? 'FAILED' : 'PENDING',
            nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
            lastError: `${code} ${(error as Error).message}`.trim().slice(0, 512),
          },
        );
        this.log[gaveUp ? 'error' : 'warn']({ emailId: email.id, attempts, code, gaveUp }, gaveUp ? 'gave up sending an email' : 'could not send an email; will retry');
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
    return this.dataSource.getRepository(OutboxEmailEntity).countBy({ state: 'PENDING' });
  }

  /** Compare-and-set on the due time: exactly one sender wins an email. */
  private async claim(email: OutboxEmailEntity, now: Date): Promise<boolean> {
    const claimed = await this.dataSource
      .createQueryBuilder()
      .update(OutboxEmailEntity)
      .set({ nextAttemptAt: new Date(now.getTime() + this.leaseMs), attempts: () => 'attempts + 1' })
      .where("id = :id AND state = 'PENDING' AND next_attempt_at = :seen", { id: email.id, seen: email.nextAttemptAt.getTime() })
      .execute();
    return claimed.affected === 1;
  }

  /** Deletes sent and given-up emails created before `cutoff`: their bodies name people and keys. */
  async pruneFinished(cutoff: Date): Promise<number> {
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(OutboxEmailEntity)
      .where("state IN ('SENT', 'FAILED') AND created_at < :cutoff", { cutoff: cutoff.getTime() })
      .execute();
    return result.affected ?? 0;
  }

  /** Stops polling; a pass in progress ends after the email it is sending. Resolves when it has. */
  async close(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.pass;
    this.transport?.close();
  }
}
