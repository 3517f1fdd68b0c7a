import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../node';

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
