import { Column, Entity } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../columns';

export type PrincipalKindValue = 'USER' | 'FUNCTIONAL_ID';

/**
 * Users and functional IDs share one table so that keys, roles, groups and
 * sessions can reference "a principal" with a real foreign key.
 */
@Entity('principals')
export class PrincipalEntity {
  @IdColumn() id!: string;
  @Column({ type: 'varchar', length: 16 }) kind!: PrincipalKindValue;
  /** Home account. */
  @RefColumn({ name: 'account_id' }) accountId!: string;
  @Column({ type: 'varchar', length: 255 }) name!: string;
  /** Users only: the address as given, and lower-cased for the unique index. */
  @Column({ type: 'varchar', length: 320, nullable: true }) email!: string | null;
  @Column({ type: 'varchar', length: 320, name: 'email_lower', nullable: true }) emailLower!: string | null;
  /** Functional IDs only: the name again, unique per account (NULL for users, which allows repeats). */
  @Column({ type: 'varchar', length: 255, name: 'functional_id_name', nullable: true }) functionalIdName!: string | null;
  /** argon2id PHC string; NULL for federated users and functional IDs. */
  @Column({ type: 'varchar', length: 255, name: 'password_hash', nullable: true }) passwordHash!: string | null;
  @Column({ type: 'boolean' }) federated!: boolean;
  @Column({ type: 'boolean' }) disabled!: boolean;
  /** Users: the parent user in the hierarchy. */
  @RefColumn({ name: 'parent_id', nullable: true }) parentId!: string | null;
  /** Functional IDs: the responsible user. */
  @RefColumn({ name: 'owner_id', nullable: true }) ownerId!: string | null;
  @Column({ type: 'varchar', length: 1024, nullable: true }) description!: string | null;
  @TimeColumn('created_at') createdAt!: Date;
  @TimeColumn('updated_at') updatedAt!: Date;
}
