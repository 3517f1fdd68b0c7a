import { Column, Entity } from 'typeorm';
import { IdColumn, TimeColumn } from '../../columns';

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
  @TimeColumn('created_at') createdAt!: Date;
  @TimeColumn('updated_at') updatedAt!: Date;
}
