import { Column, Entity } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../columns';

export type SessionMethod = 'PASSWORD' | 'API_KEY' | 'ACCESS_KEY';

/** A bearer session (`kws_…`); only the HMAC of its token is stored. */
@Entity('sessions')
export class SessionEntity {
  @IdColumn() id!: string;
  @Column({ type: 'varchar', length: 64, name: 'token_hash' }) tokenHash!: string;
  @RefColumn({ name: 'principal_id' }) principalId!: string;
  @RefColumn({ name: 'account_id' }) accountId!: string;
  /** The key that opened the session, if any: the session lives no longer than the key does. */
  @RefColumn({ name: 'api_key_id', nullable: true }) apiKeyId!: string | null;
  /** The key's secret generation at opening: a secret reset ends the session after its grace period. */
  @Column({ type: 'int', name: 'key_secret_generation', nullable: true }) keySecretGeneration!: number | null;
  @Column({ type: 'varchar', length: 16 }) method!: SessionMethod;
  @TimeColumn('created_at') createdAt!: Date;
  @TimeColumn('expires_at') expiresAt!: Date;
}
