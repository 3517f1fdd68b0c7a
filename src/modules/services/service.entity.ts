import { Column, Entity } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../columns';

/** A permission a service defines: roles hold it as `<service name>:<name>`. */
export interface ServicePermissionData {
  name: string;
  description: string | null;
}

/** One of the account's own services (a relying party): Keywarden issues access tokens for its audience. */
@Entity('services')
export class ServiceEntity {
  @IdColumn() id!: string;
  @RefColumn({ name: 'account_id' }) accountId!: string;
  @Column({ type: 'varchar', length: 63 }) name!: string;
  @Column({ type: 'varchar', length: 255 }) audience!: string;
  @Column({ type: 'varchar', length: 1024, nullable: true }) description!: string | null;
  @Column({ type: 'simple-json' }) permissions!: ServicePermissionData[];
  @TimeColumn('created_at') createdAt!: Date;
  @TimeColumn('updated_at') updatedAt!: Date;
}
