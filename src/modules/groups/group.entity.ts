import { Column, Entity, PrimaryColumn } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../columns';

/** An access group of one account: its members hold its roles there. */
@Entity('access_groups')
export class GroupEntity {
  @IdColumn() id!: string;
  @RefColumn({ name: 'account_id' }) accountId!: string;
  @Column({ type: 'varchar', length: 128 }) name!: string;
  @Column({ type: 'varchar', length: 1024, nullable: true }) description!: string | null;
  @TimeColumn('created_at') createdAt!: Date;
  @TimeColumn('updated_at') updatedAt!: Date;
}

/** A principal (user or functional ID) in a group. */
@Entity('group_members')
export class GroupMemberEntity {
  @PrimaryColumn({ type: 'varchar', length: 40, name: 'group_id' }) groupId!: string;
  @PrimaryColumn({ type: 'varchar', length: 40, name: 'principal_id' }) principalId!: string;
  @TimeColumn('created_at') createdAt!: Date;
}

/** A role a group grants to its members. */
@Entity('group_roles')
export class GroupRoleEntity {
  @PrimaryColumn({ type: 'varchar', length: 40, name: 'group_id' }) groupId!: string;
  @PrimaryColumn({ type: 'varchar', length: 40, name: 'role_id' }) roleId!: string;
  @TimeColumn('created_at') createdAt!: Date;
}
