import { Column, Entity } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../columns';
import type { NotificationKindValue } from './notification-kinds';

/** One in-app ("bell") notification for one principal. */
@Entity('notifications')
export class NotificationEntity {
  @IdColumn() id!: string;
  @RefColumn({ name: 'recipient_id' }) recipientId!: string;
  @Column({ type: 'varchar', length: 32 }) kind!: NotificationKindValue;
  @Column({ type: 'varchar', length: 1024 }) message!: string;
  /** What it is about (a key, a group, a principal); may be gone since. */
  @RefColumn({ name: 'subject_id', nullable: true }) subjectId!: string | null;
  @TimeColumn('created_at') createdAt!: Date;
  @TimeColumn('read_at', true) readAt!: Date | null;
}
