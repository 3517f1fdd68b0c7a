import { Column, Entity } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../columns';
import type { Permission } from './permission-catalog';

/** A named set of permissions in one account. Built-in roles are read-only. */
@Entity('roles')
export class RoleEntity {
  @IdColumn() id!: string;
  @RefColumn({ name: 'account_id' }) accountId!: string;
  @Column({ type: 'varchar', length: 128 }) name!: string;
  @Column({ type: 'varchar', length: 1024, nullable: true }) description!: string | null;
  @Column({ type: 'simple-json' }) permissions!: Permission[];
  @Column({ type: 'boolean', name: 'built_in' }) builtIn!: boolean;
  @TimeColumn('created_at') createdAt!: Date;
  @TimeColumn('updated_at') updatedAt!: Date;
}
