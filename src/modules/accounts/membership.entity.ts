import { Entity, PrimaryColumn } from 'typeorm';
import { TimeColumn } from '../../columns';

/** A user's membership of an account (its home account included). */
@Entity('account_memberships')
export class MembershipEntity {
  @PrimaryColumn({ type: 'varchar', length: 40, name: 'account_id' }) accountId!: string;
  @PrimaryColumn({ type: 'varchar', length: 40, name: 'user_id' }) userId!: string;
  @TimeColumn('created_at') createdAt!: Date;
}
