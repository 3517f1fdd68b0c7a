import { Entity, PrimaryColumn } from 'typeorm';
import { RefColumn, TimeColumn } from '../../columns';

/** A role held by a principal; `accountId` is the role's account, kept here to filter by the active account. */
@Entity('role_assignments')
export class RoleAssignmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 40, name: 'principal_id' }) principalId!: string;
  @PrimaryColumn({ type: 'varchar', length: 40, name: 'role_id' }) roleId!: string;
  @RefColumn({ name: 'account_id' }) accountId!: string;
  @TimeColumn('created_at') createdAt!: Date;
}
