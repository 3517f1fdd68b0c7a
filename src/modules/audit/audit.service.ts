/**
 * Writes audit events. Successful mutations write theirs inside the
 * transaction of the change (see `RequestContext.transaction`); denials,
 * failures and failed authentications write theirs on their own.
 */
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import type { MutationAudit } from '../../context';
import type { ErrorCode } from '../../errors';
import { newId } from '../../ids';
import type { Logger } from '../../logger';
import type { WriteLock } from '../../write-lock';
import { paginate, type Connection } from '../../pagination';
import { AccountEntity } from '../accounts/account.entity';
import { ApiKeyEntity } from '../api-keys/api-key.entity';
import type { Identity } from '../auth/identity';
import { PrincipalEntity } from '../users/principal.entity';
import { AuditEventEntity, type AuditDetails, type AuditOutcomeValue } from './audit-event.entity';

/** The `auditEvents` filters; every one is served by an index of migration AuditLog. */
export interface AuditEventQuery {
  action?: string | null;
  actorId?: string | null;
  targetId?: string | null;
  outcome?: AuditOutcomeValue | null;
  since?: Date | null;
  until?: Date | null;
}

const PRUNE_BATCH = 1000;

/** What the request knows about its caller, for the trail. */
export interface AuditOrigin {
  requestId: string;
  ip: string;
  userAgent: string | null;
  identity: Identity | null;
  activeAccountId: string | null;
}

export interface AuditEntry {
  action: string;
  outcome: AuditOutcomeValue;
  targetType?: string | null;
  targetId?: string | null;
  details?: AuditDetails | null;
  errorCode?: ErrorCode | null;
  /** The account of the event, when it is not the active one. */
  accountId?: string | null;
  /** Overrides for failed authentications, where there is no identity. */
  actorId?: string | null;
  keyId?: string | null;
  authMethod?: AuditEventEntity['authMethod'];
}

const DENIAL_CODES = new Set<string>(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'KEY_LOCKED', 'RATE_LIMITED']);

/** The SUCCESS event of a mutation, from what it named while it ran. */
export function successOf(mutation: MutationAudit): AuditEntry {
  return {
    action: mutation.action,
    outcome: 'SUCCESS',
    targetType: mutation.targetType,
    targetId: mutation.targetId,
    details: mutation.details,
    accountId: mutation.accountId,
    ...mutation.actor,
  };
}

export function outcomeOfError(code: string | undefined): AuditOutcomeValue {
  return code && DENIAL_CODES.has(code) ? 'DENIED' : 'FAILED';
}

export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly writeLock: WriteLock,
  ) {}

  build(origin: AuditOrigin, entry: AuditEntry): AuditEventEntity {
    const now = this.clock.now();
    const event = new AuditEventEntity();
    event.id = newId('auditEvent', now.getTime());
    event.at = now;
    event.action = entry.action;
    event.outcome = entry.outcome;
    event.actorId = entry.actorId !== undefined ? entry.actorId : (origin.identity?.principal.id ?? null);
    event.authMethod = entry.authMethod ?? origin.identity?.method ?? 'ANONYMOUS';
    event.keyId = entry.keyId !== undefined ? entry.keyId : (origin.identity?.apiKey?.id ?? null);
    event.targetType = entry.targetType ?? null;
    event.targetId = entry.targetId ?? null;
    event.accountId = entry.accountId ?? origin.activeAccountId;
    event.requestId = origin.requestId.slice(0, 64);
    event.ip = origin.ip.slice(0, 64);
    event.userAgent = origin.userAgent?.slice(0, 256) ?? null;
    event.errorCode = entry.errorCode ?? null;
    event.details = entry.details && Object.keys(entry.details).length > 0 ? entry.details : null;
    return event;
  }

  /** Inside the caller's transaction: the event commits or rolls back with the change. */
  async recordWith(manager: EntityManager, origin: AuditOrigin, entry: AuditEntry): Promise<void> {
    const event = this.build(origin, entry);
    event.accountId ??= await this.accountNamedBy(manager, event);
    await manager.insert(AuditEventEntity, event);
  }

  /** On its own: never lets a failing audit write turn into a failing request. */
  async record(origin: AuditOrigin, entry: AuditEntry): Promise<void> {
    try {
      const event = this.build(origin, entry);
      event.accountId ??= await this.accountNamedBy(this.dataSource.manager, event);
      await this.writeLock.run(() => this.dataSource.getRepository(AuditEventEntity).insert(event));
    } catch (error) {
      this.log.error({ err: (error as Error).message, action: entry.action, requestId: origin.requestId }, 'could not write audit event');
    }
  }

  /**
   * An event with no active account (a bad key, a wrong password, an
   * anonymous call) belongs to the account of the key it names, else to the
   * actor's home account, else to the operator account (DESIGN.md rule 8),
   * so that some account's auditors always see it. Lookups by primary key,
   * on such events only.
   */
  private async accountNamedBy(manager: EntityManager, event: AuditEventEntity): Promise<string | null> {
    if (event.keyId) {
      const key = await manager.getRepository(ApiKeyEntity).findOne({ where: { id: event.keyId }, select: { id: true, accountId: true } });
      if (key) return key.accountId;
    }
    if (event.actorId) {
      const actor = await manager.getRepository(PrincipalEntity).findOne({ where: { id: event.actorId }, select: { id: true, accountId: true } });
      if (actor) return actor.accountId;
    }
    return this.operatorAccountId(manager);
  }

  private operatorAccount: string | null = null;

  /** The first account, made at bootstrap (IDs sort by creation time; accounts are never deleted). */
  private async operatorAccountId(manager: EntityManager): Promise<string | null> {
    if (this.operatorAccount === null) {
      const first = await manager.getRepository(AccountEntity).find({ select: { id: true }, order: { id: 'ASC' }, take: 1 });
      this.operatorAccount = first[0]?.id ?? null;
    }
    return this.operatorAccount;
  }

  async eventInAccount(id: string, accountId: string): Promise<AuditEventEntity | null> {
    return this.dataSource.getRepository(AuditEventEntity).findOneBy({ id, accountId });
  }

  /** Events of one account, newest first, cursor paged on the ID (time-sortable). */
  list(accountId: string, filter: AuditEventQuery, page: { first?: number | null; after?: string | null }): Promise<Connection<AuditEventEntity>> {
    const query = this.dataSource.getRepository(AuditEventEntity).createQueryBuilder('e').where('e.account_id = :accountId', { accountId });
    if (filter.action) query.andWhere('e.action = :action', { action: filter.action });
    if (filter.actorId) query.andWhere('e.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.targetId) query.andWhere('e.target_id = :targetId', { targetId: filter.targetId });
    if (filter.outcome) query.andWhere('e.outcome = :outcome', { outcome: filter.outcome });
    if (filter.since) query.andWhere('e.at >= :since', { since: filter.since.getTime() });
    if (filter.until) query.andWhere('e.at < :until', { until: filter.until.getTime() });
    return paginate(query, 'e.id', page);
  }

  /** Deletes events older than `cutoff` in batches (IDX_audit_at), for AUDIT_RETENTION_DAYS. Returns how many went. */
  async pruneOlderThan(cutoff: Date): Promise<number> {
    const repository = this.dataSource.getRepository(AuditEventEntity);
    let pruned = 0;
    for (;;) {
      const old: { id: string }[] = await repository
        .createQueryBuilder('e')
        .select('e.id', 'id')
        .where('e.at < :cutoff', { cutoff: cutoff.getTime() })
        .orderBy('e.at', 'ASC')
        .limit(PRUNE_BATCH)
        .getRawMany();
      if (old.length === 0) break;
      const result = await repository.delete({ id: In(old.map((row) => row.id)) });
      pruned += result.affected ?? 0;
      if (old.length < PRUNE_BATCH) break;
    }
    return pruned;
  }
}
