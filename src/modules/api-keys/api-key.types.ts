/** GraphQL types of API keys and access keys (DESIGN.md "GraphQL contract"). */
import { ArrayMaxSize, IsBoolean, IsDate, IsEnum, IsInt, IsOptional, Length, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../node';
import { ConnectionType } from '../../pagination';
import { IsDisplayText } from '../users/identity-text';

export enum CredentialType {
  API_KEY = 'API_KEY',
  ACCESS_KEY = 'ACCESS_KEY',
}
registerEnumType(CredentialType, {
  name: 'CredentialType',
  description: 'What kind of credential a key is.',
  valuesConfig: {
    API_KEY: { description: 'One secret token (`kw_…`), sent as `Authorization: ApiKey <token>` (or `Key <token>`).' },
    ACCESS_KEY: { description: 'A pair: a public access key ID (`KW…`) and a secret access key, sent as HTTP Basic.' },
  },
});

export enum KeyState {
  ACTIVE = 'ACTIVE',
  INACTIVE = 'INACTIVE',
}
registerEnumType(KeyState, {
  name: 'KeyState',
  description: 'Whether a key may authenticate.',
  valuesConfig: {
    ACTIVE: { description: 'The key authenticates (unless expired or its owner is disabled).' },
    INACTIVE: { description: 'The key is kept but refused until made ACTIVE again.' },
  },
});

export enum ApiKeyScope {
  MINE = 'MINE',
  MANAGED = 'MANAGED',
  ALL = 'ALL',
}
registerEnumType(ApiKeyScope, {
  name: 'ApiKeyScope',
  description: 'Whose keys a list shows.',
  valuesConfig: {
    MINE: { description: 'The viewer\'s own keys.' },
    MANAGED: { description: 'The viewer\'s keys and those of every principal it manages: its descendants and the functional IDs they or it own.' },
    ALL: { description: 'Every key of the active account (needs `apikeys.manage_all`).' },
  },
});

export enum LeakAction {
  NONE = 'NONE',
  DISABLE = 'DISABLE',
  DELETE = 'DELETE',
}
registerEnumType(LeakAction, {
  name: 'LeakAction',
  description: 'What happens to a key when its secret is reported leaked (`reportLeakedSecret`).',
  valuesConfig: {
    NONE: { description: 'Nothing but the audit trail (and the owner\'s notification).' },
    DISABLE: { description: 'The key becomes INACTIVE (the default).' },
    DELETE: { description: 'The key is deleted (a locked key is disabled instead: locked keys are never deleted).' },
  },
});

@ObjectType({ implements: Node, description: 'An API key or an access key. Its secret is never readable: it is shown once, when made.' })
export class ApiKey extends Node {
  @Field(() => CredentialType, { description: 'API_KEY or ACCESS_KEY.' })
  type!: CredentialType;

  @Field({ description: 'Name, unique per owner; may hold `/` folders (`ci/deploy/prod`).' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the key is for.' })
  description!: string | null;

  @Field(() => String, { nullable: true, description: 'ACCESS_KEY only: the public access key ID (`KW…`, 20 characters).' })
  accessKeyId!: string | null;

  @Field({ description: 'A non-secret hint to recognise the key: `kw_` and 6 characters, or the access key ID.' })
  prefix!: string;

  @Field(() => KeyState, { description: 'ACTIVE or INACTIVE.' })
  state!: KeyState;

  @Field({ description: 'A locked key is read-only: every change but `unlockApiKey` fails with KEY_LOCKED. It still authenticates.' })
  locked!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the key stops working; null: never.' })
  expiresAt!: Date | null;

  @Field({ description: 'When the key was created.' })
  createdAt!: Date;

  @Field({ description: 'When the key last changed.' })
  updatedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the key last authenticated (accurate within a minute); null: never.' })
  lastUsedAt!: Date | null;

  @Field({ description: 'When true, requests made with this key (or a session it opened) may create, reset and re-scope keys.' })
  unrestricted!: boolean;

  @Field({
    description:
      'True when the key acts with its own roles and groups, capped by its owner\'s permissions; false: with its owner\'s permissions. A key whose roles and groups were all deleted stays scoped (it may then do nothing) until setApiKeyAccess changes it.',
  })
  accessScoped!: boolean;

  @Field(() => [String], { description: 'Networks (CIDR, IPv4 or IPv6) the key works from; empty: anywhere.' })
  allowedCidrs!: string[];

  @Field(() => LeakAction, { description: 'What `reportLeakedSecret` does to this key.' })
  actionWhenLeaked!: LeakAction;

  @Field(() => Int, { description: 'How many times the key authenticated (accurate within a minute).' })
  authnCount!: number;
}

export const ApiKeyConnection = ConnectionType(ApiKey, 'ApiKey', 'API key');

@ObjectType({ description: 'A key just made (or reset): the secret is shown here once and never again.' })
export class CreateApiKeyPayload {
  @Field(() => ApiKey, { description: 'The key (on dryRun: what it would be; it does not exist).' })
  apiKey!: ApiKey;

  @Field(() => String, {
    nullable: true,
    description: 'The secret: the API key token, or the secret access key. Null on dryRun. Store it now: it cannot be read again.',
  })
  secret!: string | null;

  @Field({ description: 'True when nothing was written: every check passed.' })
  dryRun!: boolean;
}

@ObjectType({ description: 'A deleted key.' })
export class DeleteApiKeyPayload {
  @Field(() => ID, { description: 'ID of the deleted key (on dryRun: of the key that would be deleted).' })
  deletedId!: string;

  @Field({ description: 'True when nothing was written: every check passed.' })
  dryRun!: boolean;
}

const NAME_RULE = { min: 1, max: 128 };
const CIDR_LIST_MAX = 50;
const ACCESS_LIST_MAX = 50;

@InputType({ description: 'A new key. The payload carries its secret, once.' })
export class CreateApiKeyInput {
  @Field({ description: `Name, ${NAME_RULE.min} to ${NAME_RULE.max} characters, unique per owner; may hold \`/\` folders.` })
  @Length(NAME_RULE.min, NAME_RULE.max)
  @IsDisplayText()
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the key is for, at most 1024 characters.' })
  @IsOptional()
  @MaxLength(1024)
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'Who holds the key: the viewer (default), a user below it, or a functional ID it manages. Administrators may name any principal of the account.' })
  @IsOptional()
  @MaxLength(64)
  ownerId?: string | null;

  @Field(() => CredentialType, { nullable: true, defaultValue: CredentialType.API_KEY, description: 'API_KEY (default) or ACCESS_KEY.' })
  @IsOptional()
  @IsEnum(CredentialType)
  type?: CredentialType;

  @Field(() => Date, { nullable: true, description: 'When the key expires (in the future). Give this or expiresInDays; neither: never.' })
  @IsOptional()
  @IsDate()
  expiresAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'Expires this many days from now, 1 to 3650.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  expiresInDays?: number | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'When true, requests made with this key may create, reset and re-scope keys.' })
  @IsOptional()
  @IsBoolean()
  unrestricted?: boolean;

  @Field(() => [String], { nullable: true, description: `Networks the key works from (CIDR, IPv4 or IPv6), at most ${CIDR_LIST_MAX}; empty or absent: anywhere.` })
  @IsOptional()
  @ArrayMaxSize(CIDR_LIST_MAX)
  @MaxLength(64, { each: true })
  allowedCidrs?: string[] | null;

  @Field(() => LeakAction, { nullable: true, defaultValue: LeakAction.DISABLE, description: 'What `reportLeakedSecret` does to the key (default DISABLE).' })
  @IsOptional()
  @IsEnum(LeakAction)
  actionWhenLeaked?: LeakAction;

  @Field(() => [ID], { nullable: true, description: `Roles of the account for the key to act with, at most ${ACCESS_LIST_MAX}; its owner must hold each. None (and no groups): the key acts with its owner\'s permissions.` })
  @IsOptional()
  @ArrayMaxSize(ACCESS_LIST_MAX)
  @MaxLength(64, { each: true })
  roleIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: `Groups of the account whose roles the key acts with, at most ${ACCESS_LIST_MAX}; its owner must be a member of each.` })
  @IsOptional()
  @ArrayMaxSize(ACCESS_LIST_MAX)
  @MaxLength(64, { each: true })
  groupIds?: string[] | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Run every check, write nothing, make no secret.' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

@InputType({
  description:
    'A key\'s own roles and groups. With some, the key acts with what they grant, capped by what its owner may do at each request; with none, with its owner\'s permissions.',
})
export class SetApiKeyAccessInput {
  @Field(() => ID, { description: 'The key.' })
  @MaxLength(64)
  id!: string;

  @Field(() => [ID], { nullable: true, description: `The key\'s roles (replacing its roles), at most ${ACCESS_LIST_MAX}; the owner must hold each, directly or through a group. Absent: unchanged.` })
  @IsOptional()
  @ArrayMaxSize(ACCESS_LIST_MAX)
  @MaxLength(64, { each: true })
  roleIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: `The key\'s groups (replacing its groups), at most ${ACCESS_LIST_MAX}; the owner must be a member of each. Absent: unchanged.` })
  @IsOptional()
  @ArrayMaxSize(ACCESS_LIST_MAX)
  @MaxLength(64, { each: true })
  groupIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'The etag you read (PRECONDITION_FAILED if stale).' })
  @IsOptional()
  @MaxLength(64)
  ifMatch?: string | null;
}

@InputType({ description: 'Changes to a key\'s name, description, networks or leak action. Absent fields stay as they are.' })
export class UpdateApiKeyInput {
  @Field(() => ID, { description: 'The key.' })
  @MaxLength(64)
  id!: string;

  @Field(() => String, { nullable: true, description: 'New name, 1 to 128 characters, unique per owner.' })
  @IsOptional()
  @Length(NAME_RULE.min, NAME_RULE.max)
  @IsDisplayText()
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New description, at most 1024 characters; empty string clears it.' })
  @IsOptional()
  @MaxLength(1024)
  description?: string | null;

  @Field(() => [String], { nullable: true, description: `New network allowlist (CIDR), at most ${CIDR_LIST_MAX}; an empty list: anywhere.` })
  @IsOptional()
  @ArrayMaxSize(CIDR_LIST_MAX)
  @MaxLength(64, { each: true })
  allowedCidrs?: string[] | null;

  @Field(() => LeakAction, { nullable: true, description: 'New leak action.' })
  @IsOptional()
  @IsEnum(LeakAction)
  actionWhenLeaked?: LeakAction | null;

  @Field(() => String, { nullable: true, description: 'The etag you read: the change is refused with PRECONDITION_FAILED if the key changed since.' })
  @IsOptional()
  @MaxLength(64)
  ifMatch?: string | null;
}

@InputType({ description: 'Turns a key on or off.' })
export class SetApiKeyStateInput {
  @Field(() => ID, { description: 'The key.' })
  @MaxLength(64)
  id!: string;

  @Field(() => KeyState, { description: 'ACTIVE or INACTIVE.' })
  @IsEnum(KeyState)
  state!: KeyState;

  @Field(() => String, { nullable: true, description: 'The etag you read (PRECONDITION_FAILED if stale).' })
  @IsOptional()
  @MaxLength(64)
  ifMatch?: string | null;
}

@InputType({ description: 'Sets or removes a key\'s expiry. Extending an expired key revives it.' })
export class SetApiKeyExpiryInput {
  @Field(() => ID, { description: 'The key.' })
  @MaxLength(64)
  id!: string;

  @Field(() => Date, { nullable: true, description: 'The new expiry, in the future; null: never (refused when the account sets maxKeyLifetimeDays).' })
  @IsOptional()
  @IsDate()
  expiresAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The etag you read (PRECONDITION_FAILED if stale).' })
  @IsOptional()
  @MaxLength(64)
  ifMatch?: string | null;
}

export const MAX_GRACE_SECONDS = 604_800;

@InputType({ description: 'Makes a new secret for a key; the old one works for `gracePeriodSeconds` more.' })
export class ResetApiKeySecretInput {
  @Field(() => ID, { description: 'The key.' })
  @MaxLength(64)
  id!: string;

  @Field(() => Int, { nullable: true, defaultValue: 0, description: `How long the old secret keeps working, 0 (default: at once) to ${MAX_GRACE_SECONDS} seconds.` })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_GRACE_SECONDS)
  gracePeriodSeconds?: number;

  @Field(() => String, { nullable: true, description: 'The etag you read (PRECONDITION_FAILED if stale).' })
  @IsOptional()
  @MaxLength(64)
  ifMatch?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Run every check, write nothing, make no secret.' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

@InputType({ description: 'Deletes a key; sessions it opened end with it.' })
export class DeleteApiKeyInput {
  @Field(() => ID, { description: 'The key.' })
  @MaxLength(64)
  id!: string;

  @Field(() => String, { nullable: true, description: 'The etag you read (PRECONDITION_FAILED if stale).' })
  @IsOptional()
  @MaxLength(64)
  ifMatch?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Run every check, write nothing.' })
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

@InputType({ description: 'Which keys to list. Every condition given must hold.' })
export class ApiKeyFilter {
  @Field(() => ApiKeyScope, { nullable: true, defaultValue: ApiKeyScope.MINE, description: 'Whose keys: MINE (default), MANAGED or ALL (needs `apikeys.manage_all`).' })
  @IsOptional()
  @IsEnum(ApiKeyScope)
  scope?: ApiKeyScope;

  @Field(() => ID, { nullable: true, description: 'Only this principal\'s keys (within the scope).' })
  @IsOptional()
  @MaxLength(64)
  ownerId?: string | null;

  @Field(() => CredentialType, { nullable: true, description: 'Only keys of this type.' })
  @IsOptional()
  @IsEnum(CredentialType)
  type?: CredentialType | null;

  @Field(() => KeyState, { nullable: true, description: 'Only keys in this state.' })
  @IsOptional()
  @IsEnum(KeyState)
  state?: KeyState | null;

  @Field(() => Boolean, { nullable: true, description: 'Only locked (true) or unlocked (false) keys.' })
  @IsOptional()
  @IsBoolean()
  locked?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Only keys not yet expired that expire within this many hours.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24 * 3650)
  expiringWithinHours?: number | null;

  @Field(() => String, { nullable: true, description: 'Only keys whose name starts with this (case-sensitive; a folder such as `ci/`).' })
  @IsOptional()
  @Length(1, 128)
  nameStartsWith?: string | null;

  @Field(() => Int, { nullable: true, description: 'Only keys not used (nor created) for at least this many days.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36500)
  unusedForDays?: number | null;
}
