import { ArrayMaxSize, IsBoolean, IsInt, IsOptional, Length, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Node } from '../../node';
import { IsDisplayText } from '../users/identity-text';
import { MAX_EXPIRY_NOTICE_DAYS, MAX_EXPIRY_NOTICES } from './account.entity';

@ObjectType({ description: 'IBM-style cross-account restriction: which other accounts\' keys may act in this one.' })
export class CrossAccountRestriction {
  @Field({ description: 'When true, keys created in another account are refused here unless that account is allowed.' })
  enabled!: boolean;

  @Field(() => [String], { description: 'Accounts whose keys may act here while the restriction is on (may be empty: none).' })
  allowedAccountIds!: string[];
}

@ObjectType({ description: 'Policies of an account.' })
export class AccountSettings {
  @Field(() => Int, { description: 'At most this many API keys per principal (default 20).' })
  maxApiKeysPerPrincipal!: number;

  @Field(() => Int, { description: 'At most this many access keys per principal that is not an administrator (default 2).' })
  maxAccessKeysPerPrincipal!: number;

  @Field(() => Int, { nullable: true, description: 'When set, every new key and every expiry change must expire within this many days.' })
  maxKeyLifetimeDays!: number | null;

  @Field({ description: 'When true, only administrators create keys for users (functional IDs are unaffected).' })
  restrictUserApiKeyCreation!: boolean;

  @Field(() => CrossAccountRestriction, { description: 'Which other accounts\' keys may act in this account.' })
  crossAccountRestriction!: CrossAccountRestriction;

  @Field(() => [Int], {
    description: 'Days before a key expires when its owner, creator, last modifier and the administrators are notified (and `apikey.expiring` webhooks sent): once per threshold per expiry date. Largest first; default [30, 7, 2].',
  })
  expiryNoticeDays!: number[];
}

@ObjectType({ implements: Node, description: 'A tenant: users, functional IDs, keys, roles and groups live in accounts.' })
export class Account extends Node {
  @Field({ description: 'Display name.' })
  name!: string;

  @Field(() => AccountSettings, { description: 'Limits and policies.' })
  settings!: AccountSettings;

  @Field({ description: 'When the account was created.' })
  createdAt!: Date;
}

@InputType({ description: 'A new account.' })
export class CreateAccountInput {
  @Field({ description: 'Display name, 1 to 128 characters.' })
  @Length(1, 128)
  @IsDisplayText()
  name!: string;
}

@InputType({ description: 'A user joining or leaving an account.' })
export class AccountMemberInput {
  @Field(() => ID, { description: 'The account: the active one (send `X-Account-Id` to act in another).' })
  @MaxLength(64)
  accountId!: string;

  @Field(() => ID, { description: 'The user (`usr_…`).' })
  @MaxLength(64)
  userId!: string;

  @Field(() => [ID], { nullable: true, description: 'Roles of the account to give the new member (ignored on removal).' })
  @IsOptional()
  @ArrayMaxSize(100)
  @MaxLength(64, { each: true })
  roleIds?: string[] | null;
}

@InputType({ description: 'Cross-account restriction settings.' })
export class CrossAccountRestrictionInput {
  @Field({ description: 'When true, keys created in another account are refused here unless that account is allowed.' })
  @IsBoolean()
  enabled!: boolean;

  @Field(() => [ID], { nullable: true, defaultValue: [], description: 'Accounts whose keys may act here while the restriction is on (empty: none), at most 100.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @MaxLength(64, { each: true })
  allowedAccountIds?: string[] | null;
}

@InputType({ description: 'Changes to the active account\'s policies; omitted fields stay as they are.' })
export class AccountSettingsInput {
  @Field(() => CrossAccountRestrictionInput, { nullable: true, description: 'Which other accounts\' keys may act in this account.' })
  @IsOptional()
  @ValidateNested()
  crossAccountRestriction?: CrossAccountRestrictionInput | null;

  @Field(() => Int, { nullable: true, description: 'At most this many API keys per principal, 1 to 1000.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  maxApiKeysPerPrincipal?: number | null;

  @Field(() => Int, { nullable: true, description: 'At most this many access keys per principal that is not an administrator, 0 to 100.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  maxAccessKeysPerPrincipal?: number | null;

  @Field(() => Int, { nullable: true, description: 'Every new key and expiry change must expire within this many days, 1 to 3650; null removes the limit.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  maxKeyLifetimeDays?: number | null;

  @Field(() => Boolean, { nullable: true, description: 'When true, only administrators create keys for users (functional IDs are unaffected).' })
  @IsOptional()
  @IsBoolean()
  restrictUserApiKeyCreation?: boolean | null;

  @Field(() => [Int], { nullable: true, description: `Expiry notice thresholds in days: 1 to ${MAX_EXPIRY_NOTICES} of them, each 1 to ${MAX_EXPIRY_NOTICE_DAYS}; empty turns expiry notices off.` })
  @IsOptional()
  @ArrayMaxSize(MAX_EXPIRY_NOTICES)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_EXPIRY_NOTICE_DAYS, { each: true })
  expiryNoticeDays?: number[] | null;
}

@ObjectType({
  description: 'A pending invitation to join an account (`acc_inv_…`). It grants nothing until its user accepts it with `acceptAccountInvitation`.',
})
export class AccountInvitation {
  @Field(() => ID, { description: 'Invitation ID (`acc_inv_…`).' })
  id!: string;

  @Field(() => ID, { description: 'The account that invites.' })
  accountId!: string;

  @Field({ description: 'The inviting account\'s display name (its settings and members stay hidden until you join).' })
  accountName!: string;

  @Field(() => [String], { description: 'Names of the roles you get there on accepting, besides Member.' })
  roleNames!: string[];

  @Field({ description: 'When the invitation was made.' })
  createdAt!: Date;
}
