import { Column, Entity } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../columns';

export type OutboxStateValue = 'PENDING' | 'SENT' | 'FAILED';

/**
 * An email waiting to be sent (transactional outbox): written in the same
 * transaction as the notification, sent later by `MailOutbox`, so SMTP never
 * slows or fails the change that caused it.
 */
@Entity('email_outbox')
export class OutboxEmailEntity {
  @IdColumn() id!: string;
  @RefColumn({ name: 'recipient_id', nullable: true }) recipientId!: string | null;
  @Column({ type: 'varchar', length: 320, name: 'to_address' }) toAddress!: string;
  @Column({ type: 'varchar', length: 255 }) subject!: string;
  @Column({ type: 'text', name: 'text_body' }) textBody!: string;
  @Column({ type: 'text', name: 'html_body' }) htmlBody!: string;
  @Column({ type: 'varchar', length: 16 }) state!: OutboxStateValue;
  @Column({ type: 'int' }) attempts!: number;
  /** Due time; while a sender holds the email, the end of its lease. */
  @TimeColumn('next_attempt_at') nextAttemptAt!: Date;
  @Column({ type: 'varchar', length: 512, name: 'last_error', nullable: true }) lastError!: string | null;
  @TimeColumn('created_at') createdAt!: Date;
  @TimeColumn('sent_at', true) sentAt!: Date | null;
}
