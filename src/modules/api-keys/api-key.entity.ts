import { Column, Entity } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../columns';

export type CredentialTypeValue = 'API_KEY' | 'ACCESS_KEY';
export type KeyStateValue = 'ACTIVE' | 'INACTIVE';
export type LeakActionValue = 'NONE' | 'DISABLE' | 'DELETE';

/**
 * An API key or an access key. The secret is never stored: `secretHash` is
 * its HMAC (for API keys the whole token; for access keys the secret access
 * key), indexed for lookup. During a reset's grace period the previous hash
 * keeps working until `previousSecretExpiresAt`.
 */
@Entity('api_keys')
export class ApiKeyEntity {
  @IdColumn() id!: string;
  @Column({ type: 'varchar', length: 16 }) type!: CredentialTypeValue;
  @Column({ type: 'varchar', length: 128 }) name!: string;
  @Column({ type: 'varchar', length: 1024, nullable: true }) description!: string | null;
  @RefColumn({ name: 'owner_id' }) ownerId!: string;
  @RefColumn({ name: 'account_id' }) accountId!: string;
  @RefColumn({ name: 'created_by_id', nullable: true }) createdById!: string | null;
  @RefColumn({ name: 'updated_by_id', nullable: true }) updatedById!: string | null;
  @Column({ type: 'varchar', length: 20, name: 'access_key_id', nullable: true }) accessKeyId!: string | null;
  /** Non-secret hint shown in lists: `kw_` and the first 6 random characters, or the access key ID. */
  @Column({ type: 'varchar', length: 24 }) prefix!: string;
  @Column({ type: 'varchar', length: 64, name: 'secret_hash' }) secretHash!: string;
  @Column({ type: 'varchar', length: 64, name: 'previous_secret_hash', nullable: true }) previousSecretHash!: string | null;
  @TimeColumn('previous_secret_expires_at', true) previousSecretExpiresAt!: Date | null;
  @Column({ type: 'int', name: 'secret_generation' }) secretGeneration!: number;
  @Column({ type: 'varchar', length: 16 }) state!: KeyStateValue;
  @Column({ type: 'boolean' }) locked!: boolean;
  @TimeColumn('expires_at', true) expiresAt!: Date | null;
  @Column({ type: 'boolean' }) unrestricted!: boolean;
  /** The key acts with its own roles and groups (api_key_roles, api_key_groups), capped by its owner's permissions; false: with its owner's. */
  @Column({ type: 'boolean', name: 'access_scoped', default: false }) accessScoped!: boolean;
  @Column({ type: 'simple-json', name: 'allowed_cidrs' }) allowedCidrs!: string[];
  @Column({ type: 'varchar', length: 16, name: 'action_when_leaked' }) actionWhenLeaked!: LeakActionValue;
  @TimeColumn('last_used_at', true) lastUsedAt!: Date | null;
  @Column({ type: 'int', name: 'authn_count' }) authnCount!: number;
  /** Bumped on every change; the etag is derived from it and `ifMatch` compares against it. */
  @Column({ type: 'int' }) version!: number;
  /** The `expiresAt` a KEY_EXPIRING notice was sent for (notifications/expiry-sweeper.ts): a new date re-arms it. */
  @TimeColumn('expiring_notice_for', true) expiringNoticeFor!: Date | null;
  /** The threshold (days before expiry) of the last KEY_EXPIRING notice for `expiringNoticeFor`: nearer ones are still due. */
  @Column({ type: 'int', name: 'expiring_notice_days', nullable: true }) expiringNoticeDays!: number | null;
  /** The `expiresAt` a KEY_EXPIRED notice was sent for. */
  @TimeColumn('expired_notice_for', true) expiredNoticeFor!: Date | null;
  @TimeColumn('created_at') createdAt!: Date;
  @TimeColumn('updated_at') updatedAt!: Date;
}
