import { Column, Entity } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../columns';
import type { EventType } from '../../events';

/**
 * A receiver of an account's events. Its signing secret must be readable by
 * the server (it signs every delivery), so it is kept sealed (src/encryption.ts),
 * never in clear; during a rotation the previous one is kept too, until
 * `previousSecretExpiresAt`, and deliveries carry both signatures.
 */
@Entity('webhooks')
export class WebhookEntity {
  @IdColumn() id!: string;
  @RefColumn({ name: 'account_id' }) accountId!: string;
  @Column({ type: 'varchar', length: 2048 }) url!: string;
  @Column({ type: 'varchar', length: 1024, nullable: true }) description!: string | null;
  @Column({ type: 'simple-json' }) events!: EventType[];
  @Column({ type: 'boolean' }) enabled!: boolean;
  @Column({ type: 'text', name: 'secret_sealed' }) secretSealed!: string;
  @Column({ type: 'text', name: 'previous_secret_sealed', nullable: true }) previousSecretSealed!: string | null;
  @TimeColumn('previous_secret_expires_at', true) previousSecretExpiresAt!: Date | null;
  @RefColumn({ name: 'created_by_id', nullable: true }) createdById!: string | null;
  @TimeColumn('created_at') createdAt!: Date;
  @TimeColumn('updated_at') updatedAt!: Date;
}

export type DeliveryStateValue = 'PENDING' | 'DELIVERED' | 'FAILED';

/** One event for one webhook, in the outbox (src/outbox.ts) until it is delivered or given up. */
@Entity('webhook_deliveries')
export class WebhookDeliveryEntity {
  @IdColumn() id!: string;
  @RefColumn({ name: 'webhook_id' }) webhookId!: string;
  /** `webhook-id`: kept across attempts and redeliveries, so receivers can drop duplicates. */
  @RefColumn({ name: 'message_id' }) messageId!: string;
  @Column({ type: 'varchar', length: 64, name: 'event_type' }) eventType!: EventType;
  /** The JSON body sent, exactly as signed. */
  @Column({ type: 'text' }) payload!: string;
  @Column({ type: 'varchar', length: 16 }) state!: DeliveryStateValue;
  @Column({ type: 'int' }) attempts!: number;
  @TimeColumn('next_attempt_at') nextAttemptAt!: Date;
  @Column({ type: 'varchar', length: 512, name: 'last_error', nullable: true }) lastError!: string | null;
  /** The HTTP status of the last answer; null when there was none (refused, timed out, unreachable). */
  @Column({ type: 'int', name: 'last_status', nullable: true }) lastStatus!: number | null;
  @TimeColumn('last_attempt_at', true) lastAttemptAt!: Date | null;
  @TimeColumn('created_at') createdAt!: Date;
  @TimeColumn('delivered_at', true) deliveredAt!: Date | null;
}
