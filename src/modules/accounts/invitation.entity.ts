import { Column, Entity } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../columns';

/**
 * A pending invitation of a user to an account (DESIGN.md rule 3): it grants
 * nothing until the user accepts it. Accepting or declining deletes the row.
 */
@Entity('account_invitations')
export class AccountInvitationEntity {
  @IdColumn() id!: string;
  @RefColumn({ name: 'account_id' }) accountId!: string;
  @RefColumn({ name: 'user_id' }) userId!: string;
  @RefColumn({ name: 'invited_by_id', nullable: true }) invitedById!: string | null;
  /** The roles of the account the user gets on accepting (checked against the inviter when invited). */
  @Column({ type: 'simple-json', name: 'role_ids' }) roleIds!: string[];
  @TimeColumn('created_at') createdAt!: Date;
}
