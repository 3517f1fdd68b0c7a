/**
 * The sweeper: notifies about keys that reach one of their account's expiry
 * notice thresholds (`expiryNoticeDays`, default 30, 7 and 2 days: KEY_EXPIRING
 * and the `apikey.expiring` webhook) or have expired (KEY_EXPIRED,
 * `apikey.expired`), prunes audit events older than `AUDIT_RETENTION_DAYS` and
 * sent emails older than 30 days, then sends the emails it queued. It runs in
 * the server right after start and every `EXPIRY_SWEEP_INTERVAL`, and alone as
 * `npm run notify:expiring` for cron users.
 *
 * Once per threshold per expiry date, whatever number of processes sweep at
 * once: each key is claimed with one conditional UPDATE that records the
 * expiry date and the threshold being notified (`expiring_notice_for`,
 * `expiring_notice_days`; `expired_notice_for`), in the same transaction as
 * its notifications and webhook; only the sweep whose UPDATE changed the row
 * notifies. A key that crosses several thresholds between two sweeps (made to
 * expire in 5 days) gets one notice, for the nearest. A different expiry date
 * no longer matches the recorded one, so changing the date re-arms every
 * threshold; `rearmExpiryNotices()` lets setApiKeyExpiry re-arm them even
 * when the date comes back to the same value.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import type { Logger } from '../../logger';
import { keyData, type EventSink } from '../../events';
import { AccountEntity, MAX_EXPIRY_NOTICE_DAYS } from '../accounts/account.entity';
import { ApiKeyEntity } from '../api-keys/api-key.entity';
import type { AuditService } from '../audit/audit.service';
import { expiredEmail, expiredMessage, expiringEmail, expiringMessage, type KeyFacts } from './key-emails';
import type { MailOutbox } from './mail-outbox';
import type { NotificationService } from './notification.service';
import { accountAdministratorIds, ownerAudience, principalsById } from './recipients';

const DAY_MS = 86_400_000;
/** Keys that expired longer ago than this get no KEY_EXPIRED (a first sweep must not flood inboxes with old keys). */
export const EXPIRED_LOOKBACK_MS = 30 * 86_400_000;
/** Sent (or given-up) emails are deleted after this long. */
export const OUTBOX_RETENTION_MS = 30 * 86_400_000;
const BATCH = 200;

export interface SweepReport {
  /** Key notices this sweep sent KEY_EXPIRING for (one per key and threshold reached). */
  expiring: number;
  /** Keys this sweep sent KEY_EXPIRED notices for. */
  expired: number;
  auditEventsPruned: number;
  emailsSent: number;
  /** Sent or given-up emails older than 30 days, deleted. */
  emailsPruned: number;
}

/**
 * Which notice: an expiry threshold reached (`days` before expiry), or the expiry itself. `nearerDays`: the
 * account's next nearer threshold, whose keys this notice leaves alone (they get that one instead).
 */
type Notice = { kind: 'expiring'; days: number; nearerDays: number | null } | { kind: 'expired' };

/**
 * Columns for setApiKeyExpiry to write with a new `expiresAt`: every notice
 * is re-armed, so moving a date away and back notifies again.
 */
export function rearmExpiryNotices(): Pick<ApiKeyEntity, 'expiringNoticeFor' | 'expiringNoticeDays' | 'expiredNoticeFor'> {
  return { expiringNoticeFor: null, expiringNoticeDays: null, expiredNoticeFor: null };
}

export class ExpirySweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private closed = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
    private readonly outbox: MailOutbox,
    private readonly events: EventSink,
    private readonly options: { intervalMs: number; auditRetentionDays: number },
  ) {}

  /** Sweeps now and then every interval; a tick is skipped while the previous sweep still runs. */
  start(): void {
    if (this.timer || this.closed) return;
    const tick = () => {
      if (this.running || this.closed) return;
      this.running = this.sweep()
        .catch((error: unknown) => this.log.error({ err: (error as Error).message }, 'expiry sweep failed'))
        .finally(() => (this.running = undefined));
    };
    this.timer = setInterval(tick, this.options.intervalMs);
    this.timer.unref();
    setImmediate(tick);
  }

  /** One full sweep. Safe to run concurrently, here or in other processes. After `close`, it ends at its next step. */
  async sweep(): Promise<SweepReport> {
    const expiring = await this.notifyExpiring();
    const expired = await this.notifyKeys({ kind: 'expired' }, null);
    const now = this.clock.now().getTime();
    const auditEventsPruned = this.closed ? 0 : await this.audit.pruneOlderThan(new Date(now - this.options.auditRetentionDays * 86_400_000));
    const emailsPruned = this.closed ? 0 : await this.outbox.pruneFinished(new Date(now - OUTBOX_RETENTION_MS));
    const { sent } = await this.outbox.deliverDue();
    const report = { expiring, expired, auditEventsPruned, emailsSent: sent, emailsPruned };
    if (Object.values(report).some((count) => count > 0)) this.log.info(report, 'expiry sweep');
    return report;
  }

  /**
   * Each account's thresholds, nearest first, over the accounts that have
   * active keys inside the widest threshold allowed: a key inside several
   * thresholds is claimed for the nearest, and the farther ones then find it
   * notified already.
   */
  private async notifyExpiring(): Promise<number> {
    const now = this.clock.now().getTime();
    const accountIds: { accountId: string }[] = await this.dataSource
      .getRepository(ApiKeyEntity)
      .createQueryBuilder('k')
      .select('DISTINCT k.account_id', 'accountId')
      .where("k.state = 'ACTIVE' AND k.expires_at > :now AND k.expires_at <= :horizon", { now, horizon: now + MAX_EXPIRY_NOTICE_DAYS * DAY_MS })
      .getRawMany();
    if (accountIds.length === 0) return 0;
    const accounts = await this.dataSource.getRepository(AccountEntity).findBy(accountIds.map((a) => ({ id: a.accountId })));
    let notified = 0;
    for (const account of accounts) {
      const thresholds = [...account.expiryNoticeDays].sort((a, b) => a - b);
      for (const [index, days] of thresholds.entries()) {
        notified += await this.notifyKeys({ kind: 'expiring', days, nearerDays: index > 0 ? thresholds[index - 1] : null }, account.id);
      }
    }
    return notified;
  }

  /** Claims and notifies, batch after batch, the keys due for this notice (in one account, or in all). */
  private async notifyKeys(notice: Notice, accountId: string | null): Promise<number> {
    let notified = 0;
    while (!this.closed) {
      const now = this.clock.now();
      const keys = await this.candidates(notice, accountId, now);
      if (keys.length === 0) break;
      const audiences = await this.audiences(keys);
      let claimed = 0;
      for (const key of keys) {
        if (this.closed) break; // not claimed: the next sweep, here or elsewhere, notifies it
        const facts = audiences.facts.get(key.id)!;
        const done = await this.dataSource.transaction(async (manager) => {
          if (!(await this.claim(manager, notice, key, now))) return false; // another sweep has it
          const expiring = notice.kind === 'expiring';
          await this.notifications.notify(manager, {
            recipientIds: audiences.recipients.get(key.id)!,
            kind: expiring ? 'KEY_EXPIRING' : 'KEY_EXPIRED',
            message: expiring ? expiringMessage(facts, now) : expiredMessage(facts),
            subjectId: key.id,
            email: expiring ? expiringEmail(facts, now) : expiredEmail(facts),
          });
          await this.events.publish(manager, {
            type: expiring ? 'apikey.expiring' : 'apikey.expired',
            accountId: key.accountId,
            data: expiring ? { key: keyData(key), noticeDays: notice.days } : { key: keyData(key) },
          });
          return true;
        });
        if (done) claimed++;
      }
      notified += claimed;
      // A short batch was the last one; a batch where nothing could be claimed would come back the same.
      if (keys.length < BATCH || claimed === 0) break;
    }
    return notified;
  }

  /** Active keys due for this notice and not yet notified for it at their current expiry date (IDX_api_keys_expires_at). */
  private candidates(notice: Notice, accountId: string | null, now: Date): Promise<ApiKeyEntity[]> {
    const query = this.dataSource.getRepository(ApiKeyEntity).createQueryBuilder('k').where("k.state = 'ACTIVE'");
    if (accountId) query.andWhere('k.account_id = :accountId', { accountId });
    if (notice.kind === 'expiring') {
      query
        .andWhere('k.expires_at > :now AND k.expires_at <= :horizon', { now: now.getTime(), horizon: now.getTime() + notice.days * DAY_MS })
        .andWhere('(k.expiring_notice_for IS NULL OR k.expiring_notice_for <> k.expires_at OR k.expiring_notice_days > :days)', { days: notice.days });
      if (notice.nearerDays !== null) query.andWhere('k.expires_at > :nearer', { nearer: now.getTime() + notice.nearerDays * DAY_MS });
    } else {
      query
        .andWhere('k.expires_at <= :now AND k.expires_at > :oldest', { now: now.getTime(), oldest: now.getTime() - EXPIRED_LOOKBACK_MS })
        .andWhere('(k.expired_notice_for IS NULL OR k.expired_notice_for <> k.expires_at)');
    }
    return query.orderBy('k.expires_at', 'ASC').addOrderBy('k.id', 'ASC').limit(BATCH).getMany();
  }

  /**
   * The claim: records the expiry date (and threshold) being notified, only if it still is the key's date and
   * not yet recorded. A key inside a nearer threshold is left to that one: sweeps running at once may be at
   * different thresholds of their loop, and one at 7 days must not notify a key that one at 2 days notifies too.
   */
  private async claim(manager: EntityManager, notice: Notice, key: ApiKeyEntity, now: Date): Promise<boolean> {
    const expiresAt = key.expiresAt!.getTime();
    const update = manager.createQueryBuilder().update(ApiKeyEntity).where('id = :id AND expires_at = :expiresAt', { id: key.id, expiresAt });
    if (notice.kind === 'expiring') {
      update
        .set({ expiringNoticeFor: key.expiresAt, expiringNoticeDays: notice.days })
        .andWhere('(expiring_notice_for IS NULL OR expiring_notice_for <> :expiresAt OR expiring_notice_days > :days)', { expiresAt, days: notice.days });
      if (notice.nearerDays !== null) update.andWhere('expires_at > :nearer', { nearer: now.getTime() + notice.nearerDays * DAY_MS });
    } else {
      update.set({ expiredNoticeFor: key.expiresAt }).andWhere('(expired_notice_for IS NULL OR expired_notice_for <> :expiresAt)', { expiresAt });
    }
    return (await update.execute()).affected === 1;
  }

  /**
   * For a batch of keys, with a few queries in all: who to notify (owner —
   * and a functional ID's responsible user —, creator, last modifier, the
   * account's administrators) and the facts the messages name.
   */
  private async audiences(keys: ApiKeyEntity[]) {
    const manager = this.dataSource.manager;
    const people = await principalsById(manager, keys.flatMap((k) => [k.ownerId, k.createdById, k.updatedById]));
    const accountIds = [...new Set(keys.map((k) => k.accountId))];
    const accounts = new Map((await manager.findBy(AccountEntity, accountIds.map((id) => ({ id })))).map((a) => [a.id, a]));
    const administrators = await accountAdministratorIds(manager, accountIds);
    const recipients = new Map<string, string[]>();
    const facts = new Map<string, KeyFacts>();
    for (const key of keys) {
      const owner = people.get(key.ownerId);
      recipients.set(key.id, [...ownerAudience(owner), key.createdById, key.updatedById, ...(administrators.get(key.accountId) ?? [])].filter((id): id is string => !!id));
      facts.set(key.id, {
        id: key.id,
        name: key.name,
        prefix: key.prefix,
        ownerName: owner?.name ?? key.ownerId,
        ownerEmail: owner?.email ?? null,
        accountName: accounts.get(key.accountId)?.name ?? key.accountId,
        expiresAt: key.expiresAt!,
      });
    }
    return { recipients, facts };
  }

  /** Stops the timer; a sweep in progress ends at its next step. Resolves when it has. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
