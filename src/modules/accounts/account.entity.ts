import { Column, Entity } from 'typeorm';
import { IdColumn, TimeColumn } from '../../columns';

/** Expiry notice thresholds of a new account, in days before expiry (GitLab's 30 and 7; BMC Helix's 2). */
export const DEFAULT_EXPIRY_NOTICE_DAYS: readonly number[] = [30, 7, 2];
/** How many expiry notice thresholds an account may set, and the farthest. */
export const MAX_EXPIRY_NOTICES = 10;
export const MAX_EXPIRY_NOTICE_DAYS = 365;

/** A tenant. Its settings live on the row: they are read with it on every key write. */
@Entity('accounts')
export class AccountEntity {
  @IdColumn() id!: string;
  @Column({ type: 'varchar', length: 128 }) name!: string;
  @Column({ type: 'int', name: 'max_api_keys_per_principal' }) maxApiKeysPerPrincipal!: number;
  @Column({ type: 'int', name: 'max_access_keys_per_principal' }) maxAccessKeysPerPrincipal!: number;
  @Column({ type: 'int', name: 'max_key_lifetime_days', nullable: true }) maxKeyLifetimeDays!: number | null;
  @Column({ type: 'boolean', name: 'restrict_user_api_key_creation' }) restrictUserApiKeyCreation!: boolean;
  @Column({ type: 'boolean', name: 'cross_account_restriction' }) crossAccountRestriction!: boolean;
  @Column({ type: 'simple-json', name: 'cross_account_allowed_ids' }) crossAccountAllowedIds!: string[];
  /** Days before a key's expiry when its people are notified, largest first (notifications/expiry-sweeper.ts). */
  @Column({ type: 'simple-json', name: 'expiry_notice_days' }) expiryNoticeDays!: number[];
  @TimeColumn('created_at') createdAt!: Date;
  @TimeColumn('updated_at') updatedAt!: Date;
}
