/**
 * The sweeper: notifies about keys that expire within 48 hours (KEY_EXPIRING)
 * or have expired (KEY_EXPIRED), prunes audit events older than
 * `AUDIT_RETENTION_DAYS` and sent emails older than 30 days, then sends the
 * emails it queued. It runs in the
 * server right after start and every `EXPIRY_SWEEP_INTERVAL`, and alone as
 * `npm run notify:expiring` for cron users.
 *
 * Once per key per expiry date, whatever number of processes sweep at once:
 * each key is claimed with one conditional UPDATE that records the expiry
 * date being notified (`expiring_notice_for` / `expired_notice_for`), in the
 * same transaction as its notifications; only the sweep whose UPDATE changed
 * the row notifies. A different expiry date no longer matches the recorded
 * one, so changing the date re-arms the notice; `rearmExpiryNotices()` lets
 * setApiKeyExpiry re-arm it even when the date comes back to the same value.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import type { Logger } from '../../logger';
import { AccountEntity } from '../accounts/account.entity';
import { ApiKeyEntity } from '../api-keys/api-key.entity';
import type { AuditService } from '../audit/audit.service';
import { expiredEmail, expiredMessage, expiringEmail, expiringMessage, type KeyFacts } from './key-emails';
import type { MailOutbox } from './mail-outbox';
import type { NotificationService } from './notification.service';
import { accountAdministratorIds, ownerAudience, principalsById } from './recipients';

/** Keys expiring within this window get KEY_EXPIRING (DESIGN.md: two days before). */
export const EXPIRING_WINDOW_MS = 48 * 3_600_000;
/** Keys that expired longer ago than this get no KEY_EXPIRED (a first sweep must not flood inboxes with old keys). */
export const EXPIRED_LOOKBACK_MS = 30 * 86_400_000;
/** Sent (or given-up) emails are deleted after this long. */
export const OUTBOX_RETENTION_MS = 30 * 86_400_000;
const BATCH = 200;

export interface SweepReport {
  /** Keys this sweep sent KEY_EXPIRING notices for. */
  expiring: number;
  /** Keys this sweep sent KEY_EXPIRED notices for. */
  expired: number;
  auditEventsPruned: number;
  emailsSent: number;
  /** Sent or given-up emails older than 30 days, deleted. */
  emailsPruned: number;
}

type Notice = 'expiring' | 'expired';

/**
 * Columns for setApiKeyExpiry to write with a new `expiresAt`: both notices
 * are re-armed, so moving a date away and back notifies again.
 */
export function rearmExpiryNotices(): Pick<ApiKeyEntity, 'expiringNoticeFor' | 'expiredNoticeFor'> {
  return { expiringNoticeFor: null, expiredNoticeFor: null };
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
    const expiring = await this.notifyKeys('expiring');
    const expired = await this.notifyKeys('expired');
    const now = this.clock.now().getTime();
    const auditEventsPruned = this.closed ? 0 : await this.audit.pruneOlderThan(new Date(now - this.options.auditRetentionDays * 86_400_000));
    const emailsPruned = this.closed ? 0 : await this.outbox.pruneFinished(new Date(now - OUTBOX_RETENTION_MS));
    const { sent } = await this.outbox.deliverDue();
    const report = { expiring, expired, auditEventsPruned, emailsSent: sent, emailsPruned };
    if (Object.values(report).some((count) => count > 0)) this.log.info(report, 'expiry sweep');
    return report;
  }

  private async notifyKeys(notice: Notice): Promise<number> {
    let notified = 0;
    while (!this.closed) {
      const now = this.clock.now();
      const keys = await this.candidates(notice, now);
      if (keys.length === 0) break;
      const audiences = await this.audiences(keys);
      let claimed = 0;
      for (const key of keys) {
        if (this.closed) break; // not claimed: the next sweep, here or elsewhere, notifies it
        const facts = audiences.facts.get(key.id)!;
        const done = await this.dataSource.transaction(async (manager) => {
          if (!(await this.claim(manager, notice, key))) return false; // another sweep has it
          await this.notifications.notify(manager, {
            recipientIds: audiences.recipients.get(key.id)!,
            kind: notice === 'expiring' ? 'KEY_EXPIRING' : 'KEY_EXPIRED',
            message: notice === 'expiring' ? expiringMessage(facts, now) : expiredMessage(facts),
            subjectId: key.id,
            email: notice === 'expiring' ? expiringEmail(facts, now) : expiredEmail(facts),
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

  /** Active keys due for this notice and not yet notified for their current expiry date (IDX_api_keys_expires_at). */
  private candidates(notice: Notice, now: Date): Promise<ApiKeyEntity[]> {
    const column = notice === 'expiring' ? 'k.expiring_notice_for' : 'k.expired_notice_for';
    const query = this.dataSource
      .getRepository(ApiKeyEntity)
      .createQueryBuilder('k')
      .where("k.state = 'ACTIVE'")
      .andWhere(`(${column} IS NULL OR ${column} <> k.expires_at)`);
    if (notice === 'expiring') {
      query.andWhere('k.expires_at > :now AND k.expires_at <= :horizon', { now: now.getTime(), horizon: now.getTime() + EXPIRING_WINDOW_MS });
    } else {
      query.andWhere('k.expires_at <= :now AND k.expires_at > :oldest', { now: now.getTime(), oldest: now.getTime() - EXPIRED_LOOKBACK_MS });
    }
    return query.orderBy('k.expires_at', 'ASC').addOrderBy('k.id', 'ASC').limit(BATCH).getMany();
  }

  /** The claim: records the expiry date being notified, only if it still is the key's date and not yet recorded. */
  private async claim(manager: EntityManager, notice: Notice, key: ApiKeyEntity): Promise<boolean> {
    const column = notice === 'expiring' ? 'expiring_notice_for' : 'expired_notice_for';
    const expiresAt = key.expiresAt!.getTime();
    const result = await manager
      .createQueryBuilder()
      .update(ApiKeyEntity)
      .set(notice === 'expiring' ? { expiringNoticeFor: key.expiresAt } : { expiredNoticeFor: key.expiresAt })
      .where(`id = :id AND expires_at = :expiresAt AND (${column} IS NULL OR ${column} <> :expiresAt)`, { id: key.id, expiresAt })
      .execute();
    return result.affected === 1;
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
