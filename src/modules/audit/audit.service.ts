/**
 * Writes audit events. Successful mutations write theirs inside the
 * transaction of the change (see `RequestContext.transaction`); denials,
 * failures and failed authentications write theirs on their own.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import type { ErrorCode } from '../../errors';
import { newId } from '../../ids';
import type { Logger } from '../../logger';
import type { WriteLock } from '../../write-lock';
import type { Identity } from '../auth/identity';
import { AuditEventEntity, type AuditDetails, type AuditOutcomeValue } from './audit-event.entity';

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
  /** Overrides for failed authentications, where there is no identity. */
  actorId?: string | null;
  keyId?: string | null;
  authMethod?: AuditEventEntity['authMethod'];
}

const DENIAL_CODES = new Set<string>(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'KEY_LOCKED', 'RATE_LIMITED']);

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
    event.accountId = origin.activeAccountId;
    event.requestId = origin.requestId.slice(0, 64);
    event.ip = origin.ip.slice(0, 64);
    event.userAgent = origin.userAgent?.slice(0, 256) ?? null;
    event.errorCode = entry.errorCode ?? null;
    event.details = entry.details && Object.keys(entry.details).length > 0 ? entry.details : null;
    return event;
  }

  /** Inside the caller's transaction: the event commits or rolls back with the change. */
  async recordWith(manager: EntityManager, origin: AuditOrigin, entry: AuditEntry): Promise<void> {
    await manager.insert(AuditEventEntity, this.build(origin, entry));
  }

  /** On its own: never lets a failing audit write turn into a failing request. */
  async record(origin: AuditOrigin, entry: AuditEntry): Promise<void> {
    try {
      const event = this.build(origin, entry);
      await this.writeLock.run(() => this.dataSource.getRepository(AuditEventEntity).insert(event));
    } catch (error) {
      this.log.error({ err: (error as Error).message, action: entry.action, requestId: origin.requestId }, 'could not write audit event');
    }
  }
}
