import { Column, Entity } from 'typeorm';
import { IdColumn, TimeColumn } from '../../columns';
import type { AuthMethodValue } from '../auth/identity';

/** Small, secret-free facts about an event. */
export type AuditDetails = Record<string, string | number | boolean | null | string[]>;

export type AuditOutcomeValue = 'SUCCESS' | 'DENIED' | 'FAILED';

/** One audited action. Actor and target are plain IDs (no foreign keys): the trail outlives what it names. */
@Entity('audit_events')
export class AuditEventEntity {
  @IdColumn() id!: string;
  @TimeColumn('at') at!: Date;
  @Column({ type: 'varchar', length: 64 }) action!: string;
  @Column({ type: 'varchar', length: 16 }) outcome!: AuditOutcomeValue;
  @Column({ type: 'varchar', length: 40, name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column({ type: 'varchar', length: 16, name: 'auth_method' }) authMethod!: AuthMethodValue;
  @Column({ type: 'varchar', length: 40, name: 'key_id', nullable: true }) keyId!: string | null;
  @Column({ type: 'varchar', length: 32, name: 'target_type', nullable: true }) targetType!: string | null;
  @Column({ type: 'varchar', length: 40, name: 'target_id', nullable: true }) targetId!: string | null;
  @Column({ type: 'varchar', length: 40, name: 'account_id', nullable: true }) accountId!: string | null;
  @Column({ type: 'varchar', length: 64, name: 'request_id' }) requestId!: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) ip!: string | null;
  @Column({ type: 'varchar', length: 256, name: 'user_agent', nullable: true }) userAgent!: string | null;
  @Column({ type: 'varchar', length: 32, name: 'error_code', nullable: true }) errorCode!: string | null;
  @Column({ type: 'simple-json', nullable: true }) details!: AuditDetails | null;
}
