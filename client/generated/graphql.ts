/* eslint-disable */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  DateTime: { input: string; output: string; }
  /** The `JSONObject` scalar type represents JSON objects as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSONObject: { input: any; output: any; }
};

/** A tenant: users, functional IDs, keys, roles and groups live in accounts. */
export type Account = Node & {
  __typename?: 'Account';
  /** When the account was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Global ID: a type prefix and 26 characters that sort by creation time. */
  id: Scalars['ID']['output'];
  /** Display name. */
  name: Scalars['String']['output'];
  /** Limits and policies. */
  settings: AccountSettings;
};

/** A pending invitation to join an account (`acc_inv_…`). It grants nothing until its user accepts it with `acceptAccountInvitation`. */
export type AccountInvitation = {
  __typename?: 'AccountInvitation';
  /** The account that invites. */
  accountId: Scalars['ID']['output'];
  /** The inviting account's display name (its settings and members stay hidden until you join). */
  accountName: Scalars['String']['output'];
  /** When the invitation was made. */
  createdAt: Scalars['DateTime']['output'];
  /** Invitation ID (`acc_inv_…`). */
  id: Scalars['ID']['output'];
  /** Names of the roles you get there on accepting, besides Member. */
  roleNames: Array<Scalars['String']['output']>;
};

/** A user joining or leaving an account. */
export type AccountMemberInput = {
  /** The account: the active one (send `X-Account-Id` to act in another). */
  accountId: Scalars['ID']['input'];
  /** Roles of the account to give the new member (ignored on removal). */
  roleIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** The user (`usr_…`). */
  userId: Scalars['ID']['input'];
};

/** Policies of an account. */
export type AccountSettings = {
  __typename?: 'AccountSettings';
  /** Which other accounts' keys may act in this account. */
  crossAccountRestriction: CrossAccountRestriction;
  /** Days before a key expires when its owner, creator, last modifier and the administrators are notified (and `apikey.expiring` webhooks sent): once per threshold per expiry date. Largest first; default [30, 7, 2]. */
  expiryNoticeDays: Array<Scalars['Int']['output']>;
  /** At most this many access keys per principal that is not an administrator (default 2). */
  maxAccessKeysPerPrincipal: Scalars['Int']['output'];
  /** At most this many API keys per principal (default 20). */
  maxApiKeysPerPrincipal: Scalars['Int']['output'];
  /** When set, every new key and every expiry change must expire within this many days. */
  maxKeyLifetimeDays?: Maybe<Scalars['Int']['output']>;
  /** When true, only administrators create keys for users (functional IDs are unaffected). */
  restrictUserApiKeyCreation: Scalars['Boolean']['output'];
};

/** Changes to the active account's policies; omitted fields stay as they are. */
export type AccountSettingsInput = {
  /** Which other accounts' keys may act in this account. */
  crossAccountRestriction?: InputMaybe<CrossAccountRestrictionInput>;
  /** Expiry notice thresholds in days: 1 to 10 of them, each 1 to 365; empty turns expiry notices off. */
  expiryNoticeDays?: InputMaybe<Array<Scalars['Int']['input']>>;
  /** At most this many access keys per principal that is not an administrator, 0 to 100. */
  maxAccessKeysPerPrincipal?: InputMaybe<Scalars['Int']['input']>;
  /** At most this many API keys per principal, 1 to 1000. */
  maxApiKeysPerPrincipal?: InputMaybe<Scalars['Int']['input']>;
  /** Every new key and expiry change must expire within this many days, 1 to 3650; null removes the limit. */
  maxKeyLifetimeDays?: InputMaybe<Scalars['Int']['input']>;
  /** When true, only administrators create keys for users (functional IDs are unaffected). */
  restrictUserApiKeyCreation?: InputMaybe<Scalars['Boolean']['input']>;
};

/** An API key or an access key. Its secret is never readable: it is shown once, when made. */
export type ApiKey = Node & {
  __typename?: 'ApiKey';
  /** ACCESS_KEY only: the public access key ID (`KW…`, 20 characters). */
  accessKeyId?: Maybe<Scalars['String']['output']>;
  /** True when the key acts with its own roles and groups, capped by its owner's permissions; false: with its owner's permissions. A key whose roles and groups were all deleted stays scoped (it may then do nothing) until setApiKeyAccess changes it. */
  accessScoped: Scalars['Boolean']['output'];
  /** The account the key belongs to (where it was created); null unless the viewer is a member of it. */
  account?: Maybe<Account>;
  /** What `reportLeakedSecret` does to this key. */
  actionWhenLeaked: LeakAction;
  /** Networks (CIDR, IPv4 or IPv6) the key works from; empty: anywhere. */
  allowedCidrs: Array<Scalars['String']['output']>;
  /** How many times the key authenticated (accurate within a minute). */
  authnCount: Scalars['Int']['output'];
  /** When the key was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Who created the key; null if that principal is gone, or is neither the viewer nor a member of the active account. */
  createdBy?: Maybe<Principal>;
  /** What the key is for. */
  description?: Maybe<Scalars['String']['output']>;
  /** Changes with every change to the key: pass it as `ifMatch` to refuse a write over a change you have not seen. */
  etag: Scalars['String']['output'];
  /** True once expiresAt has passed: the key no longer authenticates. */
  expired: Scalars['Boolean']['output'];
  /** When the key stops working; null: never. */
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** The key's own groups: it acts with their roles, capped by its owner's permissions. */
  groups: Array<Group>;
  /** Global ID: a type prefix and 26 characters that sort by creation time. */
  id: Scalars['ID']['output'];
  /** When the key last authenticated (accurate within a minute); null: never. */
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  /** A locked key is read-only: every change but `unlockApiKey` fails with KEY_LOCKED. It still authenticates. */
  locked: Scalars['Boolean']['output'];
  /** Name, unique per owner; may hold `/` folders (`ci/deploy/prod`). */
  name: Scalars['String']['output'];
  /** Who holds the key; null when it is neither the viewer nor a member of the active account. */
  owner?: Maybe<Principal>;
  /** A non-secret hint to recognise the key: `kw_` and 6 characters, or the access key ID. */
  prefix: Scalars['String']['output'];
  /** The key's own roles; with none (and no groups) it acts with its owner's permissions. */
  roles: Array<Role>;
  /** The permissions of the account's services this key carries now (`billing:invoices.read`), capped by its owner's like every permission: what its access tokens for those services can hold. */
  servicePermissions: Array<Scalars['String']['output']>;
  /** ACTIVE or INACTIVE. */
  state: KeyState;
  /** API_KEY or ACCESS_KEY. */
  type: CredentialType;
  /** When true, requests made with this key (or a session it opened) may create, reset and re-scope keys. */
  unrestricted: Scalars['Boolean']['output'];
  /** When the key last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** Who last changed the key; null if that principal is gone, after an automatic change, or beyond the active account. */
  updatedBy?: Maybe<Principal>;
};

/** A page of API keys, newest first. */
export type ApiKeyConnection = {
  __typename?: 'ApiKeyConnection';
  /** The API keys of this page. */
  edges: Array<ApiKeyEdge>;
  /** Cursors and whether more pages exist. */
  pageInfo: PageInfo;
  /** How many items the whole list holds (counted only when asked for). */
  totalCount: Scalars['Int']['output'];
};

/** One API key in a page, with its cursor. */
export type ApiKeyEdge = {
  __typename?: 'ApiKeyEdge';
  /** Opaque position of this item: pass it as `after` to continue after it, or as `before` to go back from it. */
  cursor: Scalars['String']['output'];
  /** The API key. */
  node: ApiKey;
};

/** Which keys to list. Every condition given must hold. */
export type ApiKeyFilter = {
  /** Only keys not yet expired that expire within this many hours. */
  expiringWithinHours?: InputMaybe<Scalars['Int']['input']>;
  /** Only locked (true) or unlocked (false) keys. */
  locked?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only keys whose name starts with this (case-sensitive; a folder such as `ci/`). */
  nameStartsWith?: InputMaybe<Scalars['String']['input']>;
  /** Only this principal's keys (within the scope). */
  ownerId?: InputMaybe<Scalars['ID']['input']>;
  /** Whose keys: MINE (default), MANAGED or ALL (needs `apikeys.manage_all`). */
  scope?: InputMaybe<ApiKeyScope>;
  /** Only keys in this state. */
  state?: InputMaybe<KeyState>;
  /** Only keys of this type. */
  type?: InputMaybe<CredentialType>;
  /** Only keys not used (nor created) for at least this many days. */
  unusedForDays?: InputMaybe<Scalars['Int']['input']>;
};

/** Whose keys a list shows. */
export type ApiKeyScope =
  /** Every key of the active account (needs `apikeys.manage_all`). */
  | 'ALL'
  /** The viewer's keys and those of every principal it manages: its descendants and the functional IDs they or it own. */
  | 'MANAGED'
  /** The viewer's own keys. */
  | 'MINE';

/** One audited action: a mutation (whatever its outcome) or a refused authentication. */
export type AuditEvent = Node & {
  __typename?: 'AuditEvent';
  /** Account the request acted in. */
  accountId?: Maybe<Scalars['ID']['output']>;
  /** What was attempted, e.g. `apikey.create`, `user.disable`, `auth.login`, `auth.credentials`. */
  action: Scalars['String']['output'];
  /** Who acted; null when anonymous, since deleted, or not a member of the active account (see `actorId`). */
  actor?: Maybe<Principal>;
  /** ID of the actor, kept when the principal is deleted. */
  actorId?: Maybe<Scalars['ID']['output']>;
  /** When it happened. */
  at: Scalars['DateTime']['output'];
  /** How the actor authenticated. */
  authMethod: AuthMethod;
  /** Small facts about the event (e.g. the private reason of a refused authentication). Never a secret. */
  details?: Maybe<Scalars['JSONObject']['output']>;
  /** Error code (`extensions.code`) of a DENIED or FAILED event. */
  errorCode?: Maybe<Scalars['String']['output']>;
  /** Global ID: a type prefix and 26 characters that sort by creation time. */
  id: Scalars['ID']['output'];
  /** Client IP address. */
  ip?: Maybe<Scalars['String']['output']>;
  /** The key that authenticated the request (directly or through its session), or the key a refusal names. */
  keyId?: Maybe<Scalars['ID']['output']>;
  /** SUCCESS, DENIED or FAILED. */
  outcome: AuditOutcome;
  /** Request ID (`X-Request-Id`, `extensions.requestId`): joins the event to the server logs. */
  requestId: Scalars['String']['output'];
  /** ID of what was acted on. */
  targetId?: Maybe<Scalars['ID']['output']>;
  /** Type of what was acted on (`ApiKey`, `User`, …). */
  targetType?: Maybe<Scalars['String']['output']>;
  /** Client User-Agent (first 256 characters). */
  userAgent?: Maybe<Scalars['String']['output']>;
};

/** A page of audit events, newest first. */
export type AuditEventConnection = {
  __typename?: 'AuditEventConnection';
  /** The audit events of this page. */
  edges: Array<AuditEventEdge>;
  /** Cursors and whether more pages exist. */
  pageInfo: PageInfo;
  /** How many items the whole list holds (counted only when asked for). */
  totalCount: Scalars['Int']['output'];
};

/** One audit event in a page, with its cursor. */
export type AuditEventEdge = {
  __typename?: 'AuditEventEdge';
  /** Opaque position of this item: pass it as `after` to continue after it, or as `before` to go back from it. */
  cursor: Scalars['String']['output'];
  /** The audit event. */
  node: AuditEvent;
};

/** Narrows `auditEvents`; all given conditions must hold. */
export type AuditEventFilter = {
  /** Exactly this action, e.g. `apikey.delete`. */
  action?: InputMaybe<Scalars['String']['input']>;
  /** Events of this actor. */
  actorId?: InputMaybe<Scalars['ID']['input']>;
  /** Only this outcome. */
  outcome?: InputMaybe<AuditOutcome>;
  /** At or after this time. */
  since?: InputMaybe<Scalars['DateTime']['input']>;
  /** Events about this target (a key, a user, …). */
  targetId?: InputMaybe<Scalars['ID']['input']>;
  /** Strictly before this time. */
  until?: InputMaybe<Scalars['DateTime']['input']>;
};

/** How an audited action ended. */
export type AuditOutcome =
  /** Refused: credentials, permission, visibility (NOT_FOUND), a locked key or a rate limit. */
  | 'DENIED'
  /** Attempted and failed: bad input, a conflict, a stale ifMatch, a limit, or an internal error. */
  | 'FAILED'
  /** Done; written in the same transaction as the change. */
  | 'SUCCESS';

/** How the actor of an audited request proved who they are. */
export type AuthMethod =
  /** An access key pair sent with HTTP Basic (or exchanged by `authenticate`). */
  | 'ACCESS_KEY'
  /** No credentials, or credentials that were refused. */
  | 'ANONYMOUS'
  /** An API key token sent in `Authorization: ApiKey …` (or exchanged by `authenticate`). */
  | 'API_KEY'
  /** Email and password (the `login` mutation). */
  | 'PASSWORD'
  /** A bearer session token (`kws_…`) opened by login or authenticate. */
  | 'SESSION';

/** A new session: send `Authorization: Bearer <token>` with later requests. */
export type AuthPayload = {
  __typename?: 'AuthPayload';
  /** When the session ends (one hour after it opened). */
  expiresAt: Scalars['DateTime']['output'];
  /** Who the session acts as. */
  principal: Principal;
  /** Session token (`kws_…`). Shown once; only its keyed hash is stored. */
  token: Scalars['String']['output'];
};

/** A key to exchange for a session: either `apiKey`, or `accessKeyId` with `secretAccessKey`. */
export type AuthenticateInput = {
  /** An access key ID (`KW…`). */
  accessKeyId?: InputMaybe<Scalars['String']['input']>;
  /** An API key token (`kw_…`). */
  apiKey?: InputMaybe<Scalars['String']['input']>;
  /** The secret access key that goes with `accessKeyId`. */
  secretAccessKey?: InputMaybe<Scalars['String']['input']>;
};

/** The current password and the new one. */
export type ChangePasswordInput = {
  /** The password in use now. */
  currentPassword: Scalars['String']['input'];
  /** The new password, 12 to 256 characters. */
  newPassword: Scalars['String']['input'];
};

/** A new account. */
export type CreateAccountInput = {
  /** Display name, 1 to 128 characters. */
  name: Scalars['String']['input'];
};

/** A new key. The payload carries its secret, once. */
export type CreateApiKeyInput = {
  /** What `reportLeakedSecret` does to the key (default DISABLE). */
  actionWhenLeaked?: InputMaybe<LeakAction>;
  /** Networks the key works from (CIDR, IPv4 or IPv6), at most 50; empty or absent: anywhere. */
  allowedCidrs?: InputMaybe<Array<Scalars['String']['input']>>;
  /** What the key is for, at most 1024 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Run every check, write nothing, make no secret. */
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  /** When the key expires (in the future). Give this or expiresInDays; neither: never. */
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** Expires this many days from now, 1 to 3650. */
  expiresInDays?: InputMaybe<Scalars['Int']['input']>;
  /** Groups of the account whose roles the key acts with, at most 50; its owner must be a member of each. */
  groupIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Name, 1 to 128 characters, unique per owner; may hold `/` folders. */
  name: Scalars['String']['input'];
  /** Who holds the key: the viewer (default), a user below it, or a functional ID it manages. Administrators may name any principal of the account. */
  ownerId?: InputMaybe<Scalars['ID']['input']>;
  /** Roles of the account for the key to act with, at most 50; its owner must hold each. None (and no groups): the key acts with its owner's permissions. */
  roleIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** API_KEY (default) or ACCESS_KEY. */
  type?: InputMaybe<CredentialType>;
  /** When true, requests made with this key may create, reset and re-scope keys. */
  unrestricted?: InputMaybe<Scalars['Boolean']['input']>;
};

/** A key just made (or reset): the secret is shown here once and never again. */
export type CreateApiKeyPayload = {
  __typename?: 'CreateApiKeyPayload';
  /** The key (on dryRun: what it would be; it does not exist). */
  apiKey: ApiKey;
  /** True when nothing was written: every check passed. */
  dryRun: Scalars['Boolean']['output'];
  /** The secret: the API key token, or the secret access key. Null on dryRun. Store it now: it cannot be read again. */
  secret?: Maybe<Scalars['String']['output']>;
};

/** A new functional ID. */
export type CreateFunctionalIdInput = {
  /** What the program is and does. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Groups of the active account (needs `groups.manage`). */
  groupIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Name, unique in the account; may hold `/` folders (`ci/deploy/prod`). Up to 255 characters. */
  name: Scalars['String']['input'];
  /** Responsible user (default: the viewer). Without `functionalIds.manage`, the viewer or a user below it. */
  ownerId?: InputMaybe<Scalars['ID']['input']>;
  /** Roles of the active account (only roles whose permissions the creator holds, unless it holds `roles.manage`). */
  roleIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** A new access group. */
export type CreateGroupInput = {
  /** What the group is for. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Name, unique in the account, 1 to 128 characters. */
  name: Scalars['String']['input'];
  /** Roles of the active account that members hold through the group. */
  roleIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** A new custom role. */
export type CreateRoleInput = {
  /** What the role is for. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Name, unique in the account, 1 to 128 characters. */
  name: Scalars['String']['input'];
  /** Permissions from the catalog (see `permissionCatalog`); anything else is refused. */
  permissions: Array<Scalars['String']['input']>;
};

/** A new service of the active account. */
export type CreateServiceInput = {
  /** Audience of its tokens: an absolute URI, unique across the installation, at most 255 characters. */
  audience: Scalars['String']['input'];
  /** What the service is. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Name, unique in the account: `[a-z][a-z0-9-]{1,62}`. */
  name: Scalars['String']['input'];
  /** The permissions it defines (at most 100). */
  permissions?: InputMaybe<Array<ServicePermissionInput>>;
};

/** A new user. */
export type CreateUserInput = {
  /** Email address, unique in the whole service (case-insensitive). */
  email: Scalars['String']['input'];
  /** A federated user has no password and authenticates with keys only. */
  federated?: InputMaybe<Scalars['Boolean']['input']>;
  /** Groups of the active account to put the user in (needs `groups.manage`). */
  groupIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Display name, 1 to 128 characters. */
  name: Scalars['String']['input'];
  /** Parent user in the hierarchy. Default: the creator. Only holders of `users.manage` may name another parent. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** Password, 12 to 256 characters; required unless federated. */
  password?: InputMaybe<Scalars['String']['input']>;
  /** Roles of the active account to give the user (only roles whose permissions the creator holds, unless it holds `roles.manage`). */
  roleIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** A new webhook of the active account. */
export type CreateWebhookInput = {
  /** What the webhook is for. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Run every check (the URL included) and write nothing; no secret is made. */
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  /** The event types to deliver, at least one: `apikey.created`, `apikey.expiring`, `apikey.expired`, `apikey.leaked`, `apikey.secret_reset`, `apikey.deleted`, `apikey.state_changed`, `principal.access_changed`. */
  events: Array<Scalars['String']['input']>;
  /** An https:// URL with a public address (internal ones and http:// only for hosts in WEBHOOK_ALLOWED_HOSTS). */
  url: Scalars['String']['input'];
};

/** What kind of credential a key is. */
export type CredentialType =
  /** A pair: a public access key ID (`KW…`) and a secret access key, sent as HTTP Basic. */
  | 'ACCESS_KEY'
  /** One secret token (`kw_…`), sent as `Authorization: ApiKey <token>` (or `Key <token>`). */
  | 'API_KEY';

/** IBM-style cross-account restriction: which other accounts' keys may act in this one. */
export type CrossAccountRestriction = {
  __typename?: 'CrossAccountRestriction';
  /** Accounts whose keys may act here while the restriction is on (may be empty: none). */
  allowedAccountIds: Array<Scalars['String']['output']>;
  /** When true, keys created in another account are refused here unless that account is allowed. */
  enabled: Scalars['Boolean']['output'];
};

/** Cross-account restriction settings. */
export type CrossAccountRestrictionInput = {
  /** Accounts whose keys may act here while the restriction is on (empty: none), at most 100. */
  allowedAccountIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** When true, keys created in another account are refused here unless that account is allowed. */
  enabled: Scalars['Boolean']['input'];
};

/** Deletes a key; sessions it opened end with it. */
export type DeleteApiKeyInput = {
  /** Run every check, write nothing. */
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  /** The key. */
  id: Scalars['ID']['input'];
  /** The etag you read (PRECONDITION_FAILED if stale). */
  ifMatch?: InputMaybe<Scalars['String']['input']>;
};

/** A deleted key. */
export type DeleteApiKeyPayload = {
  __typename?: 'DeleteApiKeyPayload';
  /** ID of the deleted key (on dryRun: of the key that would be deleted). */
  deletedId: Scalars['ID']['output'];
  /** True when nothing was written: every check passed. */
  dryRun: Scalars['Boolean']['output'];
};

/** What a delete removed — or, with `dryRun`, would remove (all checks ran, nothing was written). */
export type DeletePayload = {
  __typename?: 'DeletePayload';
  /** ID of the deleted object. */
  deletedId: Scalars['ID']['output'];
  /** True when nothing was deleted because the call was a dry run. */
  dryRun: Scalars['Boolean']['output'];
};

/** An identity for a program (CI job, service). It never logs in with a password: it authenticates only with its keys. */
export type FunctionalId = Node & Principal & {
  __typename?: 'FunctionalId';
  /** Home account; null unless the viewer is a member of it. */
  account?: Maybe<Account>;
  /** The principal's keys the viewer may see, newest first. */
  apiKeys: ApiKeyConnection;
  /** When the principal was created. */
  createdAt: Scalars['DateTime']['output'];
  /** What the program is and does. */
  description?: Maybe<Scalars['String']['output']>;
  /** Groups of the active account the principal is a member of. */
  groups: Array<Group>;
  /** Global ID: a type prefix and 26 characters that sort by creation time. */
  id: Scalars['ID']['output'];
  /** Pending invitations to join other accounts: the viewer's own only. */
  invitations: Array<AccountInvitation>;
  /** USER or FUNCTIONAL_ID. */
  kind: PrincipalKind;
  /** Display name (for functional IDs, a path that may hold `/` folders). */
  name: Scalars['String']['output'];
  /** The responsible user: it, its ancestors and administrators manage the keys. Null when it is not a member of the active account. */
  owner?: Maybe<User>;
  /** Roles held directly in the active account. */
  roles: Array<Role>;
  /** When the functional ID last changed. */
  updatedAt: Scalars['DateTime']['output'];
};


/** An identity for a program (CI job, service). It never logs in with a password: it authenticates only with its keys. */
export type FunctionalIdApiKeysArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of functional IDs, newest first. */
export type FunctionalIdConnection = {
  __typename?: 'FunctionalIdConnection';
  /** The functional IDs of this page. */
  edges: Array<FunctionalIdEdge>;
  /** Cursors and whether more pages exist. */
  pageInfo: PageInfo;
  /** How many items the whole list holds (counted only when asked for). */
  totalCount: Scalars['Int']['output'];
};

/** One functional ID in a page, with its cursor. */
export type FunctionalIdEdge = {
  __typename?: 'FunctionalIdEdge';
  /** Opaque position of this item: pass it as `after` to continue after it, or as `before` to go back from it. */
  cursor: Scalars['String']['output'];
  /** The functional ID. */
  node: FunctionalId;
};

/** An access group: its members (users and functional IDs) hold its roles in its account. */
export type Group = Node & {
  __typename?: 'Group';
  /** When the group was created. */
  createdAt: Scalars['DateTime']['output'];
  /** What the group is for. */
  description?: Maybe<Scalars['String']['output']>;
  /** Global ID: a type prefix and 26 characters that sort by creation time. */
  id: Scalars['ID']['output'];
  /** Members, by ID descending: users (`usr_`) newest first, then functional IDs (`fid_`). */
  members: PrincipalConnection;
  /** Name, unique in the account. */
  name: Scalars['String']['output'];
  /** Roles every member holds through the group. */
  roles: Array<Role>;
};


/** An access group: its members (users and functional IDs) hold its roles in its account. */
export type GroupMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of groups, newest first. */
export type GroupConnection = {
  __typename?: 'GroupConnection';
  /** The groups of this page. */
  edges: Array<GroupEdge>;
  /** Cursors and whether more pages exist. */
  pageInfo: PageInfo;
  /** How many items the whole list holds (counted only when asked for). */
  totalCount: Scalars['Int']['output'];
};

/** One group in a page, with its cursor. */
export type GroupEdge = {
  __typename?: 'GroupEdge';
  /** Opaque position of this item: pass it as `after` to continue after it, or as `before` to go back from it. */
  cursor: Scalars['String']['output'];
  /** The group. */
  node: Group;
};

/** Principals to add to or remove from a group. */
export type GroupMembersInput = {
  /** Group ID (`grp_…`). */
  groupId: Scalars['ID']['input'];
  /** Users (`usr_…`) and functional IDs (`fid_…`) of the active account, 1 to 100. */
  principalIds: Array<Scalars['ID']['input']>;
};

/** Whether a key may authenticate. */
export type KeyState =
  /** The key authenticates (unless expired or its owner is disabled). */
  | 'ACTIVE'
  /** The key is kept but refused until made ACTIVE again. */
  | 'INACTIVE';

/** What happens to a key when its secret is reported leaked (`reportLeakedSecret`). */
export type LeakAction =
  /** The key is deleted (a locked key is disabled instead: locked keys are never deleted). */
  | 'DELETE'
  /** The key becomes INACTIVE (the default). */
  | 'DISABLE'
  /** Nothing but the audit trail (and the owner's notification). */
  | 'NONE';

/** Email and password. */
export type LoginInput = {
  /** Email address (any case). */
  email: Scalars['String']['input'];
  /** Password. */
  password: Scalars['String']['input'];
};

/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Accepts an invitation addressed to the viewer: it joins that account with the Member role and the roles the invitation names. */
  acceptAccountInvitation: Account;
  /** Invites an existing user to the active account, with roles there (needs `account.manage`, and every permission of those roles): the user becomes a member only when it accepts (`acceptAccountInvitation`). */
  addAccountMember: Account;
  /** Adds users and functional IDs of the active account to a group (needs `groups.manage`). */
  addGroupMembers: Group;
  /** Exchanges an API key, or an access key pair, for a session that remembers the key and ends with it. */
  authenticate: AuthPayload;
  /** Changes the viewer's password and ends its other sessions. Keys keep working. */
  changePassword: Scalars['Boolean']['output'];
  /** Creates an account; the viewer (a user) becomes a member and its Administrator. */
  createAccount: Account;
  /** Creates an API key or an access key. The payload holds its secret, shown this once. */
  createApiKey: CreateApiKeyPayload;
  /** Creates a functional ID in the active account, owned by the viewer or (with `functionalIds.manage`, or for a user below the viewer) by `ownerId`. */
  createFunctionalId: FunctionalId;
  /** Creates an access group in the active account (needs `groups.manage`). */
  createGroup: Group;
  /** Creates a custom role in the active account (needs `roles.manage`). */
  createRole: Role;
  /** Creates a service in the active account (needs `services.manage`); Administrator holds its permissions at once. */
  createService: Service;
  /** Creates a user in the active account. Holders of `users.manage` create anyone; any other user creates its own children. The creator is the parent unless a `users.manage` holder names another. */
  createUser: User;
  /** Creates a webhook of the active account (needs `webhooks.manage`); its signing secret is in the payload, this once. */
  createWebhook: WebhookSecretPayload;
  /** Declines an invitation addressed to the viewer: it is deleted and grants nothing. */
  declineAccountInvitation: Scalars['Boolean']['output'];
  /** Deletes a key; sessions it opened end with it. A locked key cannot be deleted. */
  deleteApiKey: DeleteApiKeyPayload;
  /** Deletes a functional ID and its keys (by `functionalIds.manage` holders, its owner and the owner's ancestors). KEY_LOCKED while one of its keys is locked. */
  deleteFunctionalId: DeletePayload;
  /** Deletes a group: its members lose what it granted (needs `groups.manage`). */
  deleteGroup: DeletePayload;
  /** Deletes a custom role and every grant of it (needs `roles.manage`). Built-in roles: FORBIDDEN. */
  deleteRole: DeletePayload;
  /** Deletes a service (needs `services.manage`); refused with CONFLICT while a custom role holds one of its permissions. */
  deleteService: DeletePayload;
  /** Deletes a user and its keys (by `users.manage` holders and its ancestors). CONFLICT while it has children or owns functional IDs; KEY_LOCKED while one of its keys is locked. */
  deleteUser: DeletePayload;
  /** Deletes a webhook and its deliveries (needs `webhooks.manage`). */
  deleteWebhook: DeletePayload;
  /** Locks a key: read-only until unlocked (it still authenticates). */
  lockApiKey: ApiKey;
  /** Opens a one-hour session with email and password. Wrong email and wrong password answer alike; repeated failures are rate limited. */
  login: AuthPayload;
  /** Ends the current session. False when the request did not use a session. */
  logout: Scalars['Boolean']['output'];
  /** Marks every notification of the viewer read; returns how many were unread. */
  markAllNotificationsRead: Scalars['Int']['output'];
  /** Marks some of the viewer's notifications read; returns how many were unread and now are read. */
  markNotificationsRead: Scalars['Int']['output'];
  /** Queues a delivery's event again, with the same `webhook-id` and body, to the webhook as it is now (needs `webhooks.manage`). */
  redeliverWebhook: WebhookDelivery;
  /** Removes a user from the active account (not its home account): its roles, groups, sessions and keys there end at once, and so do its rights over others there; a pending invitation is withdrawn (needs `account.manage`). */
  removeAccountMember: Account;
  /** Removes principals from a group; what it granted them ends with the next request (needs `groups.manage`). */
  removeGroupMembers: Group;
  /** Reports a key secret found in the open (no authentication needed). A live key gets its actionWhenLeaked. Always answers true. */
  reportLeakedSecret: Scalars['Boolean']['output'];
  /** Makes a new secret for a key, shown this once; the old one works for the grace period. */
  resetApiKeySecret: CreateApiKeyPayload;
  /** Gives a webhook a new signing secret, shown this once; the old one keeps signing beside it for the grace period (needs `webhooks.manage`). */
  rotateWebhookSecret: WebhookSecretPayload;
  /** Gives a key its own roles and groups (BMC Helix key access): it then acts with what they grant, capped by its owner's permissions. Empty lists: the owner's permissions. */
  setApiKeyAccess: ApiKey;
  /** Sets (or removes, with null) a key's expiry. */
  setApiKeyExpiry: ApiKey;
  /** Turns a key on (ACTIVE) or off (INACTIVE). */
  setApiKeyState: ApiKey;
  /** Replaces the roles a principal holds directly in the active account (needs `roles.manage`). */
  setPrincipalRoles: Principal;
  /** Disables a user — its sessions end and its keys stop at once — or enables it again (by `users.manage` holders and its ancestors). */
  setUserDisabled: User;
  /** Unlocks a key, so that it can be changed and deleted again. */
  unlockApiKey: ApiKey;
  /** Changes the active account's limits and policies (needs `account.manage`). */
  updateAccountSettings: Account;
  /** Changes a key's name, description, allowedCidrs or actionWhenLeaked. */
  updateApiKey: ApiKey;
  /** Changes a functional ID (by `functionalIds.manage` holders, its owner and the owner's ancestors). */
  updateFunctionalId: FunctionalId;
  /** Renames a group, or replaces the roles it grants (needs `groups.manage`). */
  updateGroup: Group;
  /** Changes a custom role (needs `roles.manage`). Built-in roles are read-only: FORBIDDEN. */
  updateRole: Role;
  /** Changes a service (needs `services.manage`). */
  updateService: Service;
  /** Changes a user: by `users.manage` holders and the user's ancestors; the user itself may change its name. Moving it needs `users.manage`. */
  updateUser: User;
  /** Changes a webhook's URL, events, description, or pauses and resumes it (needs `webhooks.manage`). */
  updateWebhook: Webhook;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationAcceptAccountInvitationArgs = {
  id: Scalars['ID']['input'];
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationAddAccountMemberArgs = {
  input: AccountMemberInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationAddGroupMembersArgs = {
  input: GroupMembersInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationAuthenticateArgs = {
  input: AuthenticateInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationChangePasswordArgs = {
  input: ChangePasswordInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationCreateAccountArgs = {
  input: CreateAccountInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationCreateApiKeyArgs = {
  input: CreateApiKeyInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationCreateFunctionalIdArgs = {
  input: CreateFunctionalIdInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationCreateGroupArgs = {
  input: CreateGroupInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationCreateRoleArgs = {
  input: CreateRoleInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationCreateServiceArgs = {
  input: CreateServiceInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationCreateUserArgs = {
  input: CreateUserInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationCreateWebhookArgs = {
  input: CreateWebhookInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationDeclineAccountInvitationArgs = {
  id: Scalars['ID']['input'];
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationDeleteApiKeyArgs = {
  input: DeleteApiKeyInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationDeleteFunctionalIdArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  id: Scalars['ID']['input'];
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationDeleteGroupArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  id: Scalars['ID']['input'];
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationDeleteRoleArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  id: Scalars['ID']['input'];
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationDeleteServiceArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  id: Scalars['ID']['input'];
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationDeleteUserArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  id: Scalars['ID']['input'];
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationDeleteWebhookArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  id: Scalars['ID']['input'];
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationLockApiKeyArgs = {
  id: Scalars['ID']['input'];
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationLoginArgs = {
  input: LoginInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationMarkNotificationsReadArgs = {
  ids: Array<Scalars['ID']['input']>;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationRedeliverWebhookArgs = {
  deliveryId: Scalars['ID']['input'];
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationRemoveAccountMemberArgs = {
  input: AccountMemberInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationRemoveGroupMembersArgs = {
  input: GroupMembersInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationReportLeakedSecretArgs = {
  secret: Scalars['String']['input'];
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationResetApiKeySecretArgs = {
  input: ResetApiKeySecretInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationRotateWebhookSecretArgs = {
  input: RotateWebhookSecretInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationSetApiKeyAccessArgs = {
  input: SetApiKeyAccessInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationSetApiKeyExpiryArgs = {
  input: SetApiKeyExpiryInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationSetApiKeyStateArgs = {
  input: SetApiKeyStateInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationSetPrincipalRolesArgs = {
  input: SetPrincipalRolesInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationSetUserDisabledArgs = {
  input: SetUserDisabledInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationUnlockApiKeyArgs = {
  id: Scalars['ID']['input'];
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationUpdateAccountSettingsArgs = {
  input: AccountSettingsInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationUpdateApiKeyArgs = {
  input: UpdateApiKeyInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationUpdateFunctionalIdArgs = {
  input: UpdateFunctionalIdInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationUpdateGroupArgs = {
  input: UpdateGroupInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationUpdateRoleArgs = {
  input: UpdateRoleInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationUpdateServiceArgs = {
  input: UpdateServiceInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationUpdateUserArgs = {
  input: UpdateUserInput;
};


/** What can be changed. Anonymous callers may only `login`, `authenticate` and `reportLeakedSecret`. */
export type MutationUpdateWebhookArgs = {
  input: UpdateWebhookInput;
};

/** An object with a global ID, which `node(id:)` fetches. The ID prefix names the type (`key_`, `usr_`, `fid_`, …). */
export type Node = {
  /** Global ID: a type prefix and 26 characters that sort by creation time. */
  id: Scalars['ID']['output'];
};

/** An in-app ("bell") notification for the viewer. */
export type Notification = Node & {
  __typename?: 'Notification';
  /** When it was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Global ID: a type prefix and 26 characters that sort by creation time. */
  id: Scalars['ID']['output'];
  /** What it is about. */
  kind: NotificationKind;
  /** Human-readable text; it names keys by name and prefix, never by secret. */
  message: Scalars['String']['output'];
  /** When the viewer marked it read; null while unread. */
  readAt?: Maybe<Scalars['DateTime']['output']>;
  /** ID of what it is about (a key, a group, a principal); it may have been deleted since. */
  subjectId?: Maybe<Scalars['ID']['output']>;
};

/** A page of notifications, newest first. */
export type NotificationConnection = {
  __typename?: 'NotificationConnection';
  /** The notifications of this page. */
  edges: Array<NotificationEdge>;
  /** Cursors and whether more pages exist. */
  pageInfo: PageInfo;
  /** How many items the whole list holds (counted only when asked for). */
  totalCount: Scalars['Int']['output'];
};

/** One notification in a page, with its cursor. */
export type NotificationEdge = {
  __typename?: 'NotificationEdge';
  /** Opaque position of this item: pass it as `after` to continue after it, or as `before` to go back from it. */
  cursor: Scalars['String']['output'];
  /** The notification. */
  node: Notification;
};

/** What a notification is about. */
export type NotificationKind =
  /** You were invited to join an account: accept or decline it (`viewer.invitations`); until then it grants nothing. */
  | 'ACCOUNT_INVITATION'
  /** You joined or left groups: what you may do may be different now. */
  | 'GROUPS_CHANGED'
  /** Someone else changed the roles or groups of your API key. */
  | 'KEY_ACCESS_CHANGED'
  /** Someone else created an API key owned by you (or by a functional ID you own). */
  | 'KEY_CREATED'
  /** Someone else deleted your API key. */
  | 'KEY_DELETED'
  /** Someone else set your API key INACTIVE: it no longer authenticates. */
  | 'KEY_DISABLED'
  /** Someone else set your API key ACTIVE again. */
  | 'KEY_ENABLED'
  /** An API key you own, created, last changed or administer has expired and no longer authenticates. */
  | 'KEY_EXPIRED'
  /** An API key you own, created, last changed or administer reached one of its account's expiry notice thresholds (`expiryNoticeDays`, by default 30, 7 and 2 days before it expires). */
  | 'KEY_EXPIRING'
  /** Someone else changed when your API key expires. */
  | 'KEY_EXPIRY_CHANGED'
  /** A secret of your API key was reported as leaked; its `actionWhenLeaked` was applied. */
  | 'KEY_LEAKED'
  /** Someone else locked your API key: it is read-only until unlocked. */
  | 'KEY_LOCKED'
  /** Someone else reset the secret of your API key. */
  | 'KEY_SECRET_RESET'
  /** Someone else unlocked your API key: it can be changed and deleted again. */
  | 'KEY_UNLOCKED'
  /** Your roles changed: what you may do is different now. */
  | 'ROLES_CHANGED';

/** Where a page stands in its list. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last item of the page; null on an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Paging forward: true when more items follow this page (pass `endCursor` as `after`). Paging backward: true when the page was asked for with `before`. */
  hasNextPage: Scalars['Boolean']['output'];
  /** Paging backward: true when more items precede this page (pass `startCursor` as `before`). Paging forward: true when the page was asked for with `after`. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** Cursor of the first item of the page; null on an empty page. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** Someone or something that can hold keys, roles and groups: a User or a FunctionalId. */
export type Principal = {
  /** Home account; null unless the viewer is a member of it. */
  account?: Maybe<Account>;
  /** The principal's keys, newest first: all of them for itself and its managers, those of the active account for a key administrator, none for anyone else. */
  apiKeys: ApiKeyConnection;
  /** When the principal was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Groups of the active account the principal is a member of. */
  groups: Array<Group>;
  /** Global ID: a type prefix and 26 characters that sort by creation time. */
  id: Scalars['ID']['output'];
  /** Pending invitations to join other accounts: the viewer's own only (empty for anyone else, and for functional IDs). */
  invitations: Array<AccountInvitation>;
  /** USER or FUNCTIONAL_ID. */
  kind: PrincipalKind;
  /** Display name (for functional IDs, a path that may hold `/` folders). */
  name: Scalars['String']['output'];
  /** Roles held directly in the active account. */
  roles: Array<Role>;
};


/** Someone or something that can hold keys, roles and groups: a User or a FunctionalId. */
export type PrincipalApiKeysArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of principals, newest first. */
export type PrincipalConnection = {
  __typename?: 'PrincipalConnection';
  /** The principals of this page. */
  edges: Array<PrincipalEdge>;
  /** Cursors and whether more pages exist. */
  pageInfo: PageInfo;
  /** How many items the whole list holds (counted only when asked for). */
  totalCount: Scalars['Int']['output'];
};

/** One principal in a page, with its cursor. */
export type PrincipalEdge = {
  __typename?: 'PrincipalEdge';
  /** Opaque position of this item: pass it as `after` to continue after it, or as `before` to go back from it. */
  cursor: Scalars['String']['output'];
  /** The principal. */
  node: Principal;
};

/** What kind of identity a principal is. */
export type PrincipalKind =
  /** An identity for a program; it authenticates only with its keys. */
  | 'FUNCTIONAL_ID'
  /** A person, who may log in with a password (unless federated). */
  | 'USER';

/** What can be read. Anonymous callers may read only `viewer`. */
export type Query = {
  __typename?: 'Query';
  /** The active account: `X-Account-Id`, else the key's account, else the viewer's home account. */
  account: Account;
  /** A key the viewer owns or manages (or any key of the account, for `apikeys.manage_all`). NOT_FOUND otherwise. */
  apiKey?: Maybe<ApiKey>;
  /** Keys, newest first, by scope (MINE by default) and filter. */
  apiKeys: ApiKeyConnection;
  /** The audit trail of the active account, newest first (needs `audit.read`; FORBIDDEN otherwise). */
  auditEvents: AuditEventConnection;
  /** The functional IDs of the active account, newest first. */
  functionalIds: FunctionalIdConnection;
  /** The groups of the active account, newest first. */
  groups: GroupConnection;
  /** Any object by its global ID, with the same visibility rules as its own query. */
  node?: Maybe<Node>;
  /** The viewer's notifications, newest first. */
  notifications: NotificationConnection;
  /** Every permission a role of the active account may hold: the built-in ones (`users.read`, `apikeys.manage_all`, …), then those of its services (`billing:invoices.read`). */
  permissionCatalog: Array<Scalars['String']['output']>;
  /** The roles of the active account, built-in ones first. */
  roles: Array<Role>;
  /** A service of the active account; NOT_FOUND otherwise. */
  service?: Maybe<Service>;
  /** The services of the active account, newest first. */
  services: ServiceConnection;
  /** A user of the active account. NOT_FOUND when there is none the viewer may see. */
  user: User;
  /** The users of the active account (its own and those who joined it), newest first. */
  users: UserConnection;
  /** Who is calling; null when anonymous. */
  viewer?: Maybe<Principal>;
  /** The permissions the caller holds in the active account, through its roles and groups (capped by the key for a key-based call), sorted; frontends use it to offer only what will be allowed. */
  viewerPermissions: Array<Scalars['String']['output']>;
  /** A webhook's deliveries, newest first, with their attempts (needs `webhooks.manage`). */
  webhookDeliveries: WebhookDeliveryConnection;
  /** The webhooks of the active account, newest first (needs `webhooks.manage`). */
  webhooks: WebhookConnection;
};


/** What can be read. Anonymous callers may read only `viewer`. */
export type QueryApiKeyArgs = {
  id: Scalars['ID']['input'];
};


/** What can be read. Anonymous callers may read only `viewer`. */
export type QueryApiKeysArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ApiKeyFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** What can be read. Anonymous callers may read only `viewer`. */
export type QueryAuditEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<AuditEventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** What can be read. Anonymous callers may read only `viewer`. */
export type QueryFunctionalIdsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  pathPrefix?: InputMaybe<Scalars['String']['input']>;
};


/** What can be read. Anonymous callers may read only `viewer`. */
export type QueryGroupsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** What can be read. Anonymous callers may read only `viewer`. */
export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


/** What can be read. Anonymous callers may read only `viewer`. */
export type QueryNotificationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  unreadOnly?: InputMaybe<Scalars['Boolean']['input']>;
};


/** What can be read. Anonymous callers may read only `viewer`. */
export type QueryServiceArgs = {
  id: Scalars['ID']['input'];
};


/** What can be read. Anonymous callers may read only `viewer`. */
export type QueryServicesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** What can be read. Anonymous callers may read only `viewer`. */
export type QueryUserArgs = {
  id: Scalars['ID']['input'];
};


/** What can be read. Anonymous callers may read only `viewer`. */
export type QueryUsersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** What can be read. Anonymous callers may read only `viewer`. */
export type QueryWebhookDeliveriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  webhookId: Scalars['ID']['input'];
};


/** What can be read. Anonymous callers may read only `viewer`. */
export type QueryWebhooksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** Makes a new secret for a key; the old one works for `gracePeriodSeconds` more. */
export type ResetApiKeySecretInput = {
  /** Run every check, write nothing, make no secret. */
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  /** How long the old secret keeps working, 0 (default: at once) to 604800 seconds. */
  gracePeriodSeconds?: InputMaybe<Scalars['Int']['input']>;
  /** The key. */
  id: Scalars['ID']['input'];
  /** The etag you read (PRECONDITION_FAILED if stale). */
  ifMatch?: InputMaybe<Scalars['String']['input']>;
};

/** A named set of permissions in an account. Built-in roles cannot be changed. */
export type Role = Node & {
  __typename?: 'Role';
  /** True for Administrator, KeyAdministrator, Viewer and Member: read-only. */
  builtIn: Scalars['Boolean']['output'];
  /** What the role is for. */
  description?: Maybe<Scalars['String']['output']>;
  /** Global ID: a type prefix and 26 characters that sort by creation time. */
  id: Scalars['ID']['output'];
  /** Name, unique in the account. */
  name: Scalars['String']['output'];
  /** Permissions granted, from the catalog (`users.read`, `apikeys.manage_all`, `billing:invoices.read`, …). */
  permissions: Array<Scalars['String']['output']>;
};

/** A new signing secret for a webhook. */
export type RotateWebhookSecretInput = {
  /** Run every check and write nothing; no secret is made. */
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  /** For how long the old secret keeps signing beside the new one, 0 to 604800 seconds (default a day): receivers move to the new secret meanwhile. */
  gracePeriodSeconds?: InputMaybe<Scalars['Int']['input']>;
  /** Webhook ID (`whk_…`). */
  id: Scalars['ID']['input'];
};

/** One of the account's own services (an OAuth relying party): Keywarden issues access tokens whose `aud` is its audience, carrying its permissions. */
export type Service = Node & {
  __typename?: 'Service';
  /** The `aud` of its access tokens, unique across the installation (`https://billing.example.com`). */
  audience: Scalars['String']['output'];
  /** When the service was created. */
  createdAt: Scalars['DateTime']['output'];
  /** What the service is. */
  description?: Maybe<Scalars['String']['output']>;
  /** Global ID: a type prefix and 26 characters that sort by creation time. */
  id: Scalars['ID']['output'];
  /** Name, unique in the account (`[a-z][a-z0-9-]{1,62}`): the prefix of its permissions. */
  name: Scalars['String']['output'];
  /** The permissions it defines. */
  permissions: Array<ServicePermission>;
  /** When the service last changed. */
  updatedAt: Scalars['DateTime']['output'];
};

/** A page of services, newest first. */
export type ServiceConnection = {
  __typename?: 'ServiceConnection';
  /** The services of this page. */
  edges: Array<ServiceEdge>;
  /** Cursors and whether more pages exist. */
  pageInfo: PageInfo;
  /** How many items the whole list holds (counted only when asked for). */
  totalCount: Scalars['Int']['output'];
};

/** One service in a page, with its cursor. */
export type ServiceEdge = {
  __typename?: 'ServiceEdge';
  /** Opaque position of this item: pass it as `after` to continue after it, or as `before` to go back from it. */
  cursor: Scalars['String']['output'];
  /** The service. */
  node: Service;
};

/** A permission a service defines. Roles hold it as `<service name>:<name>`; access tokens for the service carry `<name>` in `scope`. */
export type ServicePermission = {
  __typename?: 'ServicePermission';
  /** What the permission allows. */
  description?: Maybe<Scalars['String']['output']>;
  /** Name, unique in the service (`invoices.read`). */
  name: Scalars['String']['output'];
};

/** A permission of a service. */
export type ServicePermissionInput = {
  /** What the permission allows. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Name, unique in the service: a letter, then letters, digits, `.`, `_` or `-` (at most 64). */
  name: Scalars['String']['input'];
};

/** A key's own roles and groups. With some, the key acts with what they grant, capped by what its owner may do at each request; with none, with its owner's permissions. */
export type SetApiKeyAccessInput = {
  /** The key's groups (replacing its groups), at most 50; the owner must be a member of each. Absent: unchanged. */
  groupIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** The key. */
  id: Scalars['ID']['input'];
  /** The etag you read (PRECONDITION_FAILED if stale). */
  ifMatch?: InputMaybe<Scalars['String']['input']>;
  /** The key's roles (replacing its roles), at most 50; the owner must hold each, directly or through a group. Absent: unchanged. */
  roleIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** Sets or removes a key's expiry. Extending an expired key revives it. */
export type SetApiKeyExpiryInput = {
  /** The new expiry, in the future; null: never (refused when the account sets maxKeyLifetimeDays). */
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  /** The key. */
  id: Scalars['ID']['input'];
  /** The etag you read (PRECONDITION_FAILED if stale). */
  ifMatch?: InputMaybe<Scalars['String']['input']>;
};

/** Turns a key on or off. */
export type SetApiKeyStateInput = {
  /** The key. */
  id: Scalars['ID']['input'];
  /** The etag you read (PRECONDITION_FAILED if stale). */
  ifMatch?: InputMaybe<Scalars['String']['input']>;
  /** ACTIVE or INACTIVE. */
  state: KeyState;
};

/** The roles a principal holds directly in the active account (replaces them all). */
export type SetPrincipalRolesInput = {
  /** User (`usr_…`) or functional ID (`fid_…`) of the active account. */
  principalId: Scalars['ID']['input'];
  /** Roles of the active account; an empty list removes every directly held role. */
  roleIds: Array<Scalars['ID']['input']>;
};

/** Disables or enables a user. */
export type SetUserDisabledInput = {
  /** True ends every session and key of the user at once; false lets its keys work again. */
  disabled: Scalars['Boolean']['input'];
  /** User ID (`usr_…`). */
  id: Scalars['ID']['input'];
};

/** What a client can follow live, over WebSocket (`graphql-transport-ws` on `/graphql`); authenticated callers only. */
export type Subscription = {
  __typename?: 'Subscription';
  /** Each new notification of the viewer, as it is created (the bell, live). Over WebSocket only (`graphql-transport-ws` on `/graphql`), authenticated in `connection_init` with `{ "authorization": "Bearer kws_…" }` or `"ApiKey kw_…"`; the server closes the socket (4401) when that credential ends. Only the viewer's own notifications are delivered. */
  notificationAdded: Notification;
};

/** Changes to a key's name, description, networks or leak action. Absent fields stay as they are. */
export type UpdateApiKeyInput = {
  /** New leak action. */
  actionWhenLeaked?: InputMaybe<LeakAction>;
  /** New network allowlist (CIDR), at most 50; an empty list: anywhere. */
  allowedCidrs?: InputMaybe<Array<Scalars['String']['input']>>;
  /** New description, at most 1024 characters; empty string clears it. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The key. */
  id: Scalars['ID']['input'];
  /** The etag you read: the change is refused with PRECONDITION_FAILED if the key changed since. */
  ifMatch?: InputMaybe<Scalars['String']['input']>;
  /** New name, 1 to 128 characters, unique per owner. */
  name?: InputMaybe<Scalars['String']['input']>;
};

/** Changes to a functional ID; omitted fields stay as they are. */
export type UpdateFunctionalIdInput = {
  /** New description (null clears it). */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Functional ID (`fid_…`). */
  id: Scalars['ID']['input'];
  /** New name, unique in the account. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** New responsible user. Without `functionalIds.manage`, the viewer or a user below it. */
  ownerId?: InputMaybe<Scalars['ID']['input']>;
};

/** Changes to a group; omitted fields stay as they are. */
export type UpdateGroupInput = {
  /** New description (null clears it). */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Group ID (`grp_…`). */
  id: Scalars['ID']['input'];
  /** New name, unique in the account. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** The new full list of roles the group grants. */
  roleIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** Changes to a custom role; omitted fields stay as they are. Built-in roles cannot be changed. */
export type UpdateRoleInput = {
  /** New description (null clears it). */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Role ID (`rol_…`). */
  id: Scalars['ID']['input'];
  /** New name, unique in the account. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** The new full list of permissions, from the catalog. */
  permissions?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** Changes to a service; omitted fields stay as they are. */
export type UpdateServiceInput = {
  /** New audience; tokens already issued keep the old one until they expire. */
  audience?: InputMaybe<Scalars['String']['input']>;
  /** New description (null clears it). */
  description?: InputMaybe<Scalars['String']['input']>;
  /** Service ID (`svc_…`). */
  id: Scalars['ID']['input'];
  /** New name (refused while a custom role holds one of its permissions). */
  name?: InputMaybe<Scalars['String']['input']>;
  /** The new full list of permissions; removing one that a custom role holds is refused (CONFLICT). */
  permissions?: InputMaybe<Array<ServicePermissionInput>>;
};

/** Changes to a user; omitted fields stay as they are. */
export type UpdateUserInput = {
  /** True removes the password (keys only from now on); false needs `password`. */
  federated?: InputMaybe<Scalars['Boolean']['input']>;
  /** User ID (`usr_…`). */
  id: Scalars['ID']['input'];
  /** New display name (the user may change its own). */
  name?: InputMaybe<Scalars['String']['input']>;
  /** New parent (needs `users.manage`); null makes the user a root. A user below this one is refused (BAD_USER_INPUT): no cycles. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** Password to set when turning `federated` off, 12 to 256 characters. */
  password?: InputMaybe<Scalars['String']['input']>;
};

/** Changes to a webhook; omitted fields stay as they are. */
export type UpdateWebhookInput = {
  /** New description (empty clears it). */
  description?: InputMaybe<Scalars['String']['input']>;
  /** False pauses the webhook; true resumes it. */
  enabled?: InputMaybe<Scalars['Boolean']['input']>;
  /** The new full list of event types, at least one. */
  events?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Webhook ID (`whk_…`). */
  id: Scalars['ID']['input'];
  /** A new URL, checked as on create. */
  url?: InputMaybe<Scalars['String']['input']>;
};

/** A person. Users form a hierarchy through `parent`. */
export type User = Node & Principal & {
  __typename?: 'User';
  /** Home account; null unless the viewer is a member of it. */
  account?: Maybe<Account>;
  /** Parent, grandparent, … up to the root, nearest first: those that are members of the active account. */
  ancestors: Array<User>;
  /** The principal's keys the viewer may see, newest first. */
  apiKeys: ApiKeyConnection;
  /** Direct children in the hierarchy that belong to the active account, newest first. */
  children: UserConnection;
  /** When the principal was created. */
  createdAt: Scalars['DateTime']['output'];
  /** A disabled user cannot log in, and none of its sessions or keys work. */
  disabled: Scalars['Boolean']['output'];
  /** Email address (unique, case-insensitive). Null unless the viewer is the user, an ancestor, or holds `users.read`. */
  email?: Maybe<Scalars['String']['output']>;
  /** A federated user has no password: it cannot log in, and authenticates with keys only. */
  federated: Scalars['Boolean']['output'];
  /** Groups of the active account the principal is a member of. */
  groups: Array<Group>;
  /** Global ID: a type prefix and 26 characters that sort by creation time. */
  id: Scalars['ID']['output'];
  /** Pending invitations to join other accounts: the viewer's own only. */
  invitations: Array<AccountInvitation>;
  /** USER or FUNCTIONAL_ID. */
  kind: PrincipalKind;
  /** Display name (for functional IDs, a path that may hold `/` folders). */
  name: Scalars['String']['output'];
  /** Parent user in the hierarchy; null for a root, or when the parent is not a member of the active account. */
  parent?: Maybe<User>;
  /** Roles held directly in the active account. */
  roles: Array<Role>;
  /** When the user last changed. */
  updatedAt: Scalars['DateTime']['output'];
};


/** A person. Users form a hierarchy through `parent`. */
export type UserApiKeysArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


/** A person. Users form a hierarchy through `parent`. */
export type UserChildrenArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of users, newest first. */
export type UserConnection = {
  __typename?: 'UserConnection';
  /** The users of this page. */
  edges: Array<UserEdge>;
  /** Cursors and whether more pages exist. */
  pageInfo: PageInfo;
  /** How many items the whole list holds (counted only when asked for). */
  totalCount: Scalars['Int']['output'];
};

/** One user in a page, with its cursor. */
export type UserEdge = {
  __typename?: 'UserEdge';
  /** Opaque position of this item: pass it as `after` to continue after it, or as `before` to go back from it. */
  cursor: Scalars['String']['output'];
  /** The user. */
  node: User;
};

/** A receiver of the active account's events, signed as Standard Webhooks do. */
export type Webhook = Node & {
  __typename?: 'Webhook';
  /** When the webhook was created. */
  createdAt: Scalars['DateTime']['output'];
  /** What the webhook is for. */
  description?: Maybe<Scalars['String']['output']>;
  /** False: no new deliveries are queued, and queued ones are not sent. */
  enabled: Scalars['Boolean']['output'];
  /** The event types delivered: `apikey.created`, `apikey.expiring`, `apikey.expired`, `apikey.leaked`, `apikey.secret_reset`, `apikey.deleted`, `apikey.state_changed`, `principal.access_changed`. */
  events: Array<Scalars['String']['output']>;
  /** Global ID: a type prefix and 26 characters that sort by creation time. */
  id: Scalars['ID']['output'];
  /** While a rotated-out secret still signs too (deliveries carry both signatures): until when. */
  previousSecretExpiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** When it last changed. */
  updatedAt: Scalars['DateTime']['output'];
  /** Where deliveries are POSTed. */
  url: Scalars['String']['output'];
};

/** A page of webhooks, newest first. */
export type WebhookConnection = {
  __typename?: 'WebhookConnection';
  /** The webhooks of this page. */
  edges: Array<WebhookEdge>;
  /** Cursors and whether more pages exist. */
  pageInfo: PageInfo;
  /** How many items the whole list holds (counted only when asked for). */
  totalCount: Scalars['Int']['output'];
};

/** One event sent (or to be sent) to one webhook, with its attempts. */
export type WebhookDelivery = Node & {
  __typename?: 'WebhookDelivery';
  /** Attempts made so far. */
  attempts: Scalars['Int']['output'];
  /** When the event was queued. */
  createdAt: Scalars['DateTime']['output'];
  /** When the receiver accepted it. */
  deliveredAt?: Maybe<Scalars['DateTime']['output']>;
  /** The event type: `apikey.created`, `apikey.expiring`, `apikey.expired`, `apikey.leaked`, `apikey.secret_reset`, `apikey.deleted`, `apikey.state_changed`, `principal.access_changed`. */
  eventType: Scalars['String']['output'];
  /** Global ID: a type prefix and 26 characters that sort by creation time. */
  id: Scalars['ID']['output'];
  /** When the last attempt was made. */
  lastAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  /** Why the last attempt failed. */
  lastError?: Maybe<Scalars['String']['output']>;
  /** The HTTP status of the last answer; null when there was none. */
  lastStatus?: Maybe<Scalars['Int']['output']>;
  /** The `webhook-id` header: the same for every attempt and redelivery of this event, so receivers can drop duplicates. */
  messageId: Scalars['String']['output'];
  /** When the next attempt is due (PENDING only). */
  nextAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  /** The JSON body, exactly as signed and sent. It never holds a secret. */
  payload: Scalars['String']['output'];
  /** Where it stands. */
  state: WebhookDeliveryState;
  /** The webhook. */
  webhookId: Scalars['ID']['output'];
};

/** A page of webhook deliverys, newest first. */
export type WebhookDeliveryConnection = {
  __typename?: 'WebhookDeliveryConnection';
  /** The webhook deliverys of this page. */
  edges: Array<WebhookDeliveryEdge>;
  /** Cursors and whether more pages exist. */
  pageInfo: PageInfo;
  /** How many items the whole list holds (counted only when asked for). */
  totalCount: Scalars['Int']['output'];
};

/** One webhook delivery in a page, with its cursor. */
export type WebhookDeliveryEdge = {
  __typename?: 'WebhookDeliveryEdge';
  /** Opaque position of this item: pass it as `after` to continue after it, or as `before` to go back from it. */
  cursor: Scalars['String']['output'];
  /** The webhook delivery. */
  node: WebhookDelivery;
};

/** Where a delivery stands. */
export type WebhookDeliveryState =
  /** The receiver answered 2xx. */
  | 'DELIVERED'
  /** Every attempt failed (`WEBHOOK_MAX_ATTEMPTS`); `redeliverWebhook` queues it again. */
  | 'FAILED'
  /** Queued, being attempted, or waiting for its next retry (`nextAttemptAt`). */
  | 'PENDING';

/** One webhook in a page, with its cursor. */
export type WebhookEdge = {
  __typename?: 'WebhookEdge';
  /** Opaque position of this item: pass it as `after` to continue after it, or as `before` to go back from it. */
  cursor: Scalars['String']['output'];
  /** The webhook. */
  node: Webhook;
};

/** A webhook with its signing secret, shown this once. */
export type WebhookSecretPayload = {
  __typename?: 'WebhookSecretPayload';
  /** True when nothing was written because the call was a dry run. */
  dryRun: Scalars['Boolean']['output'];
  /** The signing secret (`whsec_…`): store it now, it is never shown again. Null on dryRun. */
  secret?: Maybe<Scalars['String']['output']>;
  /** The webhook. */
  webhook: Webhook;
};

export type CreateGroupMutationVariables = Exact<{
  input: CreateGroupInput;
}>;


export type CreateGroupMutation = { __typename?: 'Mutation', createGroup: { __typename?: 'Group', id: string, name: string, description?: string | null, roles: Array<{ __typename?: 'Role', id: string, name: string }> } };

export type AddGroupMembersMutationVariables = Exact<{
  input: GroupMembersInput;
}>;


export type AddGroupMembersMutation = { __typename?: 'Mutation', addGroupMembers: { __typename?: 'Group', id: string, name: string } };

export type ListGroupsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ListGroupsQuery = { __typename?: 'Query', groups: { __typename?: 'GroupConnection', edges: Array<{ __typename?: 'GroupEdge', cursor: string, node: { __typename?: 'Group', id: string, name: string, description?: string | null, roles: Array<{ __typename?: 'Role', id: string, name: string }> } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type ListRolesQueryVariables = Exact<{ [key: string]: never; }>;


export type ListRolesQuery = { __typename?: 'Query', roles: Array<{ __typename?: 'Role', id: string, name: string, description?: string | null, permissions: Array<string>, builtIn: boolean }> };

export type SetPrincipalRolesMutationVariables = Exact<{
  input: SetPrincipalRolesInput;
}>;


export type SetPrincipalRolesMutation = { __typename?: 'Mutation', setPrincipalRoles: { __typename?: 'FunctionalId', id: string, name: string, roles: Array<{ __typename?: 'Role', id: string, name: string }> } | { __typename?: 'User', id: string, name: string, roles: Array<{ __typename?: 'Role', id: string, name: string }> } };

export type RemoveGroupMembersMutationVariables = Exact<{
  input: GroupMembersInput;
}>;


export type RemoveGroupMembersMutation = { __typename?: 'Mutation', removeGroupMembers: { __typename?: 'Group', id: string, name: string } };

export type UpdateGroupMutationVariables = Exact<{
  input: UpdateGroupInput;
}>;


export type UpdateGroupMutation = { __typename?: 'Mutation', updateGroup: { __typename?: 'Group', id: string, name: string, description?: string | null, roles: Array<{ __typename?: 'Role', id: string, name: string }> } };

export type DeleteGroupMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
}>;


export type DeleteGroupMutation = { __typename?: 'Mutation', deleteGroup: { __typename?: 'DeletePayload', deletedId: string, dryRun: boolean } };

export type GroupMembersQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type GroupMembersQuery = { __typename?: 'Query', node?: { __typename: 'Account' } | { __typename: 'ApiKey' } | { __typename: 'AuditEvent' } | { __typename: 'FunctionalId' } | { __typename: 'Group', members: { __typename?: 'PrincipalConnection', edges: Array<{ __typename?: 'PrincipalEdge', cursor: string, node: { __typename?: 'FunctionalId', id: string, kind: PrincipalKind, name: string } | { __typename?: 'User', id: string, kind: PrincipalKind, name: string } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } } | { __typename: 'Notification' } | { __typename: 'Role' } | { __typename: 'Service' } | { __typename: 'User' } | { __typename: 'Webhook' } | { __typename: 'WebhookDelivery' } | null };

export type PermissionCatalogQueryVariables = Exact<{ [key: string]: never; }>;


export type PermissionCatalogQuery = { __typename?: 'Query', permissionCatalog: Array<string> };

export type CreateRoleMutationVariables = Exact<{
  input: CreateRoleInput;
}>;


export type CreateRoleMutation = { __typename?: 'Mutation', createRole: { __typename?: 'Role', id: string, name: string, description?: string | null, permissions: Array<string>, builtIn: boolean } };

export type UpdateRoleMutationVariables = Exact<{
  input: UpdateRoleInput;
}>;


export type UpdateRoleMutation = { __typename?: 'Mutation', updateRole: { __typename?: 'Role', id: string, name: string, description?: string | null, permissions: Array<string>, builtIn: boolean } };

export type DeleteRoleMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
}>;


export type DeleteRoleMutation = { __typename?: 'Mutation', deleteRole: { __typename?: 'DeletePayload', deletedId: string, dryRun: boolean } };

export type ViewerPermissionsQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerPermissionsQuery = { __typename?: 'Query', viewerPermissions: Array<string> };

export type PrincipalAccessQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PrincipalAccessQuery = { __typename?: 'Query', node?: { __typename: 'Account', id: string } | { __typename: 'ApiKey', id: string } | { __typename: 'AuditEvent', id: string } | { __typename: 'FunctionalId', name: string, id: string, roles: Array<{ __typename?: 'Role', id: string, name: string }>, groups: Array<{ __typename?: 'Group', id: string, name: string }> } | { __typename: 'Group', id: string } | { __typename: 'Notification', id: string } | { __typename: 'Role', id: string } | { __typename: 'Service', id: string } | { __typename: 'User', name: string, id: string, roles: Array<{ __typename?: 'Role', id: string, name: string }>, groups: Array<{ __typename?: 'Group', id: string, name: string }> } | { __typename: 'Webhook', id: string } | { __typename: 'WebhookDelivery', id: string } | null };

export type AccountFieldsFragment = { __typename?: 'Account', id: string, name: string, createdAt: string, settings: { __typename?: 'AccountSettings', maxApiKeysPerPrincipal: number, maxAccessKeysPerPrincipal: number, maxKeyLifetimeDays?: number | null, restrictUserApiKeyCreation: boolean, expiryNoticeDays: Array<number>, crossAccountRestriction: { __typename?: 'CrossAccountRestriction', enabled: boolean, allowedAccountIds: Array<string> } } };

export type ActiveAccountQueryVariables = Exact<{ [key: string]: never; }>;


export type ActiveAccountQuery = { __typename?: 'Query', account: { __typename?: 'Account', id: string, name: string, createdAt: string, settings: { __typename?: 'AccountSettings', maxApiKeysPerPrincipal: number, maxAccessKeysPerPrincipal: number, maxKeyLifetimeDays?: number | null, restrictUserApiKeyCreation: boolean, expiryNoticeDays: Array<number>, crossAccountRestriction: { __typename?: 'CrossAccountRestriction', enabled: boolean, allowedAccountIds: Array<string> } } } };

export type CreateAccountMutationVariables = Exact<{
  input: CreateAccountInput;
}>;


export type CreateAccountMutation = { __typename?: 'Mutation', createAccount: { __typename?: 'Account', id: string, name: string, createdAt: string, settings: { __typename?: 'AccountSettings', maxApiKeysPerPrincipal: number, maxAccessKeysPerPrincipal: number, maxKeyLifetimeDays?: number | null, restrictUserApiKeyCreation: boolean, expiryNoticeDays: Array<number>, crossAccountRestriction: { __typename?: 'CrossAccountRestriction', enabled: boolean, allowedAccountIds: Array<string> } } } };

export type UpdateAccountSettingsMutationVariables = Exact<{
  input: AccountSettingsInput;
}>;


export type UpdateAccountSettingsMutation = { __typename?: 'Mutation', updateAccountSettings: { __typename?: 'Account', id: string, name: string, createdAt: string, settings: { __typename?: 'AccountSettings', maxApiKeysPerPrincipal: number, maxAccessKeysPerPrincipal: number, maxKeyLifetimeDays?: number | null, restrictUserApiKeyCreation: boolean, expiryNoticeDays: Array<number>, crossAccountRestriction: { __typename?: 'CrossAccountRestriction', enabled: boolean, allowedAccountIds: Array<string> } } } };

export type AddAccountMemberMutationVariables = Exact<{
  input: AccountMemberInput;
}>;


export type AddAccountMemberMutation = { __typename?: 'Mutation', addAccountMember: { __typename?: 'Account', id: string, name: string } };

export type RemoveAccountMemberMutationVariables = Exact<{
  input: AccountMemberInput;
}>;


export type RemoveAccountMemberMutation = { __typename?: 'Mutation', removeAccountMember: { __typename?: 'Account', id: string, name: string } };

export type MyInvitationsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyInvitationsQuery = { __typename?: 'Query', viewer?: { __typename?: 'FunctionalId', invitations: Array<{ __typename?: 'AccountInvitation', id: string, accountId: string, accountName: string, roleNames: Array<string>, createdAt: string }> } | { __typename?: 'User', invitations: Array<{ __typename?: 'AccountInvitation', id: string, accountId: string, accountName: string, roleNames: Array<string>, createdAt: string }> } | null };

export type AcceptAccountInvitationMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type AcceptAccountInvitationMutation = { __typename?: 'Mutation', acceptAccountInvitation: { __typename?: 'Account', id: string, name: string, createdAt: string, settings: { __typename?: 'AccountSettings', maxApiKeysPerPrincipal: number, maxAccessKeysPerPrincipal: number, maxKeyLifetimeDays?: number | null, restrictUserApiKeyCreation: boolean, expiryNoticeDays: Array<number>, crossAccountRestriction: { __typename?: 'CrossAccountRestriction', enabled: boolean, allowedAccountIds: Array<string> } } } };

export type DeclineAccountInvitationMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeclineAccountInvitationMutation = { __typename?: 'Mutation', declineAccountInvitation: boolean };

export type ApiKeyFieldsFragment = { __typename?: 'ApiKey', id: string, type: CredentialType, name: string, description?: string | null, prefix: string, accessKeyId?: string | null, state: KeyState, locked: boolean, expired: boolean, expiresAt?: string | null, createdAt: string, updatedAt: string, lastUsedAt?: string | null, authnCount: number, etag: string, unrestricted: boolean, allowedCidrs: Array<string>, actionWhenLeaked: LeakAction, owner?: { __typename?: 'FunctionalId', id: string, kind: PrincipalKind, name: string } | { __typename?: 'User', id: string, kind: PrincipalKind, name: string } | null };

export type CreateApiKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type CreateApiKeyMutation = { __typename?: 'Mutation', createApiKey: { __typename?: 'CreateApiKeyPayload', secret?: string | null, dryRun: boolean, apiKey: { __typename?: 'ApiKey', id: string, type: CredentialType, name: string, description?: string | null, prefix: string, accessKeyId?: string | null, state: KeyState, locked: boolean, expired: boolean, expiresAt?: string | null, createdAt: string, updatedAt: string, lastUsedAt?: string | null, authnCount: number, etag: string, unrestricted: boolean, allowedCidrs: Array<string>, actionWhenLeaked: LeakAction, owner?: { __typename?: 'FunctionalId', id: string, kind: PrincipalKind, name: string } | { __typename?: 'User', id: string, kind: PrincipalKind, name: string } | null } } };

export type ListApiKeysQueryVariables = Exact<{
  filter?: InputMaybe<ApiKeyFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ListApiKeysQuery = { __typename?: 'Query', apiKeys: { __typename?: 'ApiKeyConnection', edges: Array<{ __typename?: 'ApiKeyEdge', cursor: string, node: { __typename?: 'ApiKey', id: string, type: CredentialType, name: string, description?: string | null, prefix: string, accessKeyId?: string | null, state: KeyState, locked: boolean, expired: boolean, expiresAt?: string | null, createdAt: string, updatedAt: string, lastUsedAt?: string | null, authnCount: number, etag: string, unrestricted: boolean, allowedCidrs: Array<string>, actionWhenLeaked: LeakAction, owner?: { __typename?: 'FunctionalId', id: string, kind: PrincipalKind, name: string } | { __typename?: 'User', id: string, kind: PrincipalKind, name: string } | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type ApiKeyInfoQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ApiKeyInfoQuery = { __typename?: 'Query', apiKey?: { __typename?: 'ApiKey', id: string, type: CredentialType, name: string, description?: string | null, prefix: string, accessKeyId?: string | null, state: KeyState, locked: boolean, expired: boolean, expiresAt?: string | null, createdAt: string, updatedAt: string, lastUsedAt?: string | null, authnCount: number, etag: string, unrestricted: boolean, allowedCidrs: Array<string>, actionWhenLeaked: LeakAction, owner?: { __typename?: 'FunctionalId', id: string, kind: PrincipalKind, name: string } | { __typename?: 'User', id: string, kind: PrincipalKind, name: string } | null } | null };

export type UpdateApiKeyMutationVariables = Exact<{
  input: UpdateApiKeyInput;
}>;


export type UpdateApiKeyMutation = { __typename?: 'Mutation', updateApiKey: { __typename?: 'ApiKey', id: string, type: CredentialType, name: string, description?: string | null, prefix: string, accessKeyId?: string | null, state: KeyState, locked: boolean, expired: boolean, expiresAt?: string | null, createdAt: string, updatedAt: string, lastUsedAt?: string | null, authnCount: number, etag: string, unrestricted: boolean, allowedCidrs: Array<string>, actionWhenLeaked: LeakAction, owner?: { __typename?: 'FunctionalId', id: string, kind: PrincipalKind, name: string } | { __typename?: 'User', id: string, kind: PrincipalKind, name: string } | null } };

export type LockApiKeyMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type LockApiKeyMutation = { __typename?: 'Mutation', lockApiKey: { __typename?: 'ApiKey', id: string, type: CredentialType, name: string, description?: string | null, prefix: string, accessKeyId?: string | null, state: KeyState, locked: boolean, expired: boolean, expiresAt?: string | null, createdAt: string, updatedAt: string, lastUsedAt?: string | null, authnCount: number, etag: string, unrestricted: boolean, allowedCidrs: Array<string>, actionWhenLeaked: LeakAction, owner?: { __typename?: 'FunctionalId', id: string, kind: PrincipalKind, name: string } | { __typename?: 'User', id: string, kind: PrincipalKind, name: string } | null } };

export type UnlockApiKeyMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type UnlockApiKeyMutation = { __typename?: 'Mutation', unlockApiKey: { __typename?: 'ApiKey', id: string, type: CredentialType, name: string, description?: string | null, prefix: string, accessKeyId?: string | null, state: KeyState, locked: boolean, expired: boolean, expiresAt?: string | null, createdAt: string, updatedAt: string, lastUsedAt?: string | null, authnCount: number, etag: string, unrestricted: boolean, allowedCidrs: Array<string>, actionWhenLeaked: LeakAction, owner?: { __typename?: 'FunctionalId', id: string, kind: PrincipalKind, name: string } | { __typename?: 'User', id: string, kind: PrincipalKind, name: string } | null } };

export type SetApiKeyStateMutationVariables = Exact<{
  input: SetApiKeyStateInput;
}>;


export type SetApiKeyStateMutation = { __typename?: 'Mutation', setApiKeyState: { __typename?: 'ApiKey', id: string, type: CredentialType, name: string, description?: string | null, prefix: string, accessKeyId?: string | null, state: KeyState, locked: boolean, expired: boolean, expiresAt?: string | null, createdAt: string, updatedAt: string, lastUsedAt?: string | null, authnCount: number, etag: string, unrestricted: boolean, allowedCidrs: Array<string>, actionWhenLeaked: LeakAction, owner?: { __typename?: 'FunctionalId', id: string, kind: PrincipalKind, name: string } | { __typename?: 'User', id: string, kind: PrincipalKind, name: string } | null } };

export type SetApiKeyExpiryMutationVariables = Exact<{
  input: SetApiKeyExpiryInput;
}>;


export type SetApiKeyExpiryMutation = { __typename?: 'Mutation', setApiKeyExpiry: { __typename?: 'ApiKey', id: string, type: CredentialType, name: string, description?: string | null, prefix: string, accessKeyId?: string | null, state: KeyState, locked: boolean, expired: boolean, expiresAt?: string | null, createdAt: string, updatedAt: string, lastUsedAt?: string | null, authnCount: number, etag: string, unrestricted: boolean, allowedCidrs: Array<string>, actionWhenLeaked: LeakAction, owner?: { __typename?: 'FunctionalId', id: string, kind: PrincipalKind, name: string } | { __typename?: 'User', id: string, kind: PrincipalKind, name: string } | null } };

export type ResetApiKeySecretMutationVariables = Exact<{
  input: ResetApiKeySecretInput;
}>;


export type ResetApiKeySecretMutation = { __typename?: 'Mutation', resetApiKeySecret: { __typename?: 'CreateApiKeyPayload', secret?: string | null, dryRun: boolean, apiKey: { __typename?: 'ApiKey', id: string, type: CredentialType, name: string, description?: string | null, prefix: string, accessKeyId?: string | null, state: KeyState, locked: boolean, expired: boolean, expiresAt?: string | null, createdAt: string, updatedAt: string, lastUsedAt?: string | null, authnCount: number, etag: string, unrestricted: boolean, allowedCidrs: Array<string>, actionWhenLeaked: LeakAction, owner?: { __typename?: 'FunctionalId', id: string, kind: PrincipalKind, name: string } | { __typename?: 'User', id: string, kind: PrincipalKind, name: string } | null } } };

export type DeleteApiKeyMutationVariables = Exact<{
  input: DeleteApiKeyInput;
}>;


export type DeleteApiKeyMutation = { __typename?: 'Mutation', deleteApiKey: { __typename?: 'DeleteApiKeyPayload', deletedId: string, dryRun: boolean } };

export type SetApiKeyAccessMutationVariables = Exact<{
  input: SetApiKeyAccessInput;
}>;


export type SetApiKeyAccessMutation = { __typename?: 'Mutation', setApiKeyAccess: { __typename?: 'ApiKey', id: string, type: CredentialType, name: string, description?: string | null, prefix: string, accessKeyId?: string | null, state: KeyState, locked: boolean, expired: boolean, expiresAt?: string | null, createdAt: string, updatedAt: string, lastUsedAt?: string | null, authnCount: number, etag: string, unrestricted: boolean, allowedCidrs: Array<string>, actionWhenLeaked: LeakAction, roles: Array<{ __typename?: 'Role', id: string, name: string }>, groups: Array<{ __typename?: 'Group', id: string, name: string }>, owner?: { __typename?: 'FunctionalId', id: string, kind: PrincipalKind, name: string } | { __typename?: 'User', id: string, kind: PrincipalKind, name: string } | null } };

export type ReportLeakedSecretMutationVariables = Exact<{
  secret: Scalars['String']['input'];
}>;


export type ReportLeakedSecretMutation = { __typename?: 'Mutation', reportLeakedSecret: boolean };

export type ApiKeyDetailsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ApiKeyDetailsQuery = { __typename?: 'Query', apiKey?: { __typename?: 'ApiKey', id: string, type: CredentialType, name: string, description?: string | null, prefix: string, accessKeyId?: string | null, state: KeyState, locked: boolean, expired: boolean, expiresAt?: string | null, createdAt: string, updatedAt: string, lastUsedAt?: string | null, authnCount: number, etag: string, unrestricted: boolean, allowedCidrs: Array<string>, actionWhenLeaked: LeakAction, createdBy?: { __typename?: 'FunctionalId', id: string, name: string } | { __typename?: 'User', id: string, name: string } | null, updatedBy?: { __typename?: 'FunctionalId', id: string, name: string } | { __typename?: 'User', id: string, name: string } | null, roles: Array<{ __typename?: 'Role', id: string, name: string }>, groups: Array<{ __typename?: 'Group', id: string, name: string }>, owner?: { __typename?: 'FunctionalId', id: string, kind: PrincipalKind, name: string } | { __typename?: 'User', id: string, kind: PrincipalKind, name: string } | null } | null };

export type LoginMutationVariables = Exact<{
  input: LoginInput;
}>;


export type LoginMutation = { __typename?: 'Mutation', login: { __typename?: 'AuthPayload', token: string, expiresAt: string, principal: { __typename?: 'FunctionalId', id: string, kind: PrincipalKind, name: string } | { __typename?: 'User', id: string, kind: PrincipalKind, name: string } } };

export type AuthenticateMutationVariables = Exact<{
  input: AuthenticateInput;
}>;


export type AuthenticateMutation = { __typename?: 'Mutation', authenticate: { __typename?: 'AuthPayload', token: string, expiresAt: string, principal: { __typename?: 'FunctionalId', id: string, kind: PrincipalKind, name: string } | { __typename?: 'User', id: string, kind: PrincipalKind, name: string } } };

export type WhoAmIQueryVariables = Exact<{ [key: string]: never; }>;


export type WhoAmIQuery = { __typename?: 'Query', viewerPermissions: Array<string>, viewer?: { __typename: 'FunctionalId', id: string, kind: PrincipalKind, name: string, account?: { __typename?: 'Account', id: string, name: string } | null, roles: Array<{ __typename?: 'Role', name: string }> } | { __typename: 'User', email?: string | null, id: string, kind: PrincipalKind, name: string, account?: { __typename?: 'Account', id: string, name: string } | null, roles: Array<{ __typename?: 'Role', name: string }> } | null };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { __typename?: 'Mutation', logout: boolean };

export type ChangePasswordMutationVariables = Exact<{
  input: ChangePasswordInput;
}>;


export type ChangePasswordMutation = { __typename?: 'Mutation', changePassword: boolean };

export type ViewerIdentityQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerIdentityQuery = { __typename?: 'Query', viewer?: { __typename: 'FunctionalId', id: string, kind: PrincipalKind, name: string, account?: { __typename?: 'Account', id: string, name: string } | null } | { __typename: 'User', email?: string | null, id: string, kind: PrincipalKind, name: string, account?: { __typename?: 'Account', id: string, name: string } | null } | null };

export type BellNotificationsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
}>;


export type BellNotificationsQuery = { __typename?: 'Query', unread: { __typename?: 'NotificationConnection', totalCount: number }, notifications: { __typename?: 'NotificationConnection', edges: Array<{ __typename?: 'NotificationEdge', node: { __typename?: 'Notification', id: string, kind: NotificationKind, message: string, subjectId?: string | null, createdAt: string, readAt?: string | null } }> } };

export type NotificationAddedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type NotificationAddedSubscription = { __typename?: 'Subscription', notificationAdded: { __typename?: 'Notification', id: string, kind: NotificationKind, message: string, subjectId?: string | null, createdAt: string, readAt?: string | null } };

export type FunctionalIdFieldsFragment = { __typename?: 'FunctionalId', id: string, name: string, description?: string | null, createdAt: string, owner?: { __typename?: 'User', id: string, name: string } | null };

export type CreateFunctionalIdMutationVariables = Exact<{
  input: CreateFunctionalIdInput;
}>;


export type CreateFunctionalIdMutation = { __typename?: 'Mutation', createFunctionalId: { __typename?: 'FunctionalId', id: string, name: string, description?: string | null, createdAt: string, owner?: { __typename?: 'User', id: string, name: string } | null } };

export type ListFunctionalIdsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  pathPrefix?: InputMaybe<Scalars['String']['input']>;
}>;


export type ListFunctionalIdsQuery = { __typename?: 'Query', functionalIds: { __typename?: 'FunctionalIdConnection', edges: Array<{ __typename?: 'FunctionalIdEdge', cursor: string, node: { __typename?: 'FunctionalId', id: string, name: string, description?: string | null, createdAt: string, owner?: { __typename?: 'User', id: string, name: string } | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type DeleteFunctionalIdMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
}>;


export type DeleteFunctionalIdMutation = { __typename?: 'Mutation', deleteFunctionalId: { __typename?: 'DeletePayload', deletedId: string, dryRun: boolean } };

export type UpdateFunctionalIdMutationVariables = Exact<{
  input: UpdateFunctionalIdInput;
}>;


export type UpdateFunctionalIdMutation = { __typename?: 'Mutation', updateFunctionalId: { __typename?: 'FunctionalId', id: string, name: string, description?: string | null, createdAt: string, owner?: { __typename?: 'User', id: string, name: string } | null } };

export type FunctionalIdInfoQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type FunctionalIdInfoQuery = { __typename?: 'Query', node?: { __typename: 'Account' } | { __typename: 'ApiKey' } | { __typename: 'AuditEvent' } | { __typename: 'FunctionalId', id: string, name: string, description?: string | null, createdAt: string, roles: Array<{ __typename?: 'Role', id: string, name: string }>, groups: Array<{ __typename?: 'Group', id: string, name: string }>, owner?: { __typename?: 'User', id: string, name: string } | null } | { __typename: 'Group' } | { __typename: 'Notification' } | { __typename: 'Role' } | { __typename: 'Service' } | { __typename: 'User' } | { __typename: 'Webhook' } | { __typename: 'WebhookDelivery' } | null };

export type NotificationsQueryVariables = Exact<{
  unreadOnly?: InputMaybe<Scalars['Boolean']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type NotificationsQuery = { __typename?: 'Query', notifications: { __typename?: 'NotificationConnection', edges: Array<{ __typename?: 'NotificationEdge', cursor: string, node: { __typename?: 'Notification', id: string, kind: NotificationKind, message: string, subjectId?: string | null, createdAt: string, readAt?: string | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type MarkNotificationsReadMutationVariables = Exact<{
  ids: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
}>;


export type MarkNotificationsReadMutation = { __typename?: 'Mutation', markNotificationsRead: number };

export type AuditEventsQueryVariables = Exact<{
  filter?: InputMaybe<AuditEventFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type AuditEventsQuery = { __typename?: 'Query', auditEvents: { __typename?: 'AuditEventConnection', edges: Array<{ __typename?: 'AuditEventEdge', cursor: string, node: { __typename?: 'AuditEvent', id: string, at: string, action: string, outcome: AuditOutcome, authMethod: AuthMethod, keyId?: string | null, targetType?: string | null, targetId?: string | null, accountId?: string | null, requestId: string, ip?: string | null, actor?: { __typename?: 'FunctionalId', id: string, name: string } | { __typename?: 'User', id: string, name: string } | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type MarkAllNotificationsReadMutationVariables = Exact<{ [key: string]: never; }>;


export type MarkAllNotificationsReadMutation = { __typename?: 'Mutation', markAllNotificationsRead: number };

export type ServiceFieldsFragment = { __typename?: 'Service', id: string, name: string, audience: string, description?: string | null, createdAt: string, updatedAt: string, permissions: Array<{ __typename?: 'ServicePermission', name: string, description?: string | null }> };

export type CreateServiceMutationVariables = Exact<{
  input: CreateServiceInput;
}>;


export type CreateServiceMutation = { __typename?: 'Mutation', createService: { __typename?: 'Service', id: string, name: string, audience: string, description?: string | null, createdAt: string, updatedAt: string, permissions: Array<{ __typename?: 'ServicePermission', name: string, description?: string | null }> } };

export type ListServicesQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ListServicesQuery = { __typename?: 'Query', services: { __typename?: 'ServiceConnection', edges: Array<{ __typename?: 'ServiceEdge', cursor: string, node: { __typename?: 'Service', id: string, name: string, audience: string, description?: string | null, createdAt: string, updatedAt: string, permissions: Array<{ __typename?: 'ServicePermission', name: string, description?: string | null }> } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type ServiceInfoQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ServiceInfoQuery = { __typename?: 'Query', service?: { __typename?: 'Service', id: string, name: string, audience: string, description?: string | null, createdAt: string, updatedAt: string, permissions: Array<{ __typename?: 'ServicePermission', name: string, description?: string | null }> } | null };

export type UpdateServiceMutationVariables = Exact<{
  input: UpdateServiceInput;
}>;


export type UpdateServiceMutation = { __typename?: 'Mutation', updateService: { __typename?: 'Service', id: string, name: string, audience: string, description?: string | null, createdAt: string, updatedAt: string, permissions: Array<{ __typename?: 'ServicePermission', name: string, description?: string | null }> } };

export type DeleteServiceMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
}>;


export type DeleteServiceMutation = { __typename?: 'Mutation', deleteService: { __typename?: 'DeletePayload', deletedId: string, dryRun: boolean } };

export type UserFieldsFragment = { __typename?: 'User', id: string, name: string, email?: string | null, federated: boolean, disabled: boolean, createdAt: string, parent?: { __typename?: 'User', id: string, name: string } | null };

export type CreateUserMutationVariables = Exact<{
  input: CreateUserInput;
}>;


export type CreateUserMutation = { __typename?: 'Mutation', createUser: { __typename?: 'User', id: string, name: string, email?: string | null, federated: boolean, disabled: boolean, createdAt: string, parent?: { __typename?: 'User', id: string, name: string } | null } };

export type ListUsersQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ListUsersQuery = { __typename?: 'Query', users: { __typename?: 'UserConnection', edges: Array<{ __typename?: 'UserEdge', cursor: string, node: { __typename?: 'User', id: string, name: string, email?: string | null, federated: boolean, disabled: boolean, createdAt: string, parent?: { __typename?: 'User', id: string, name: string } | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type SetUserDisabledMutationVariables = Exact<{
  input: SetUserDisabledInput;
}>;


export type SetUserDisabledMutation = { __typename?: 'Mutation', setUserDisabled: { __typename?: 'User', id: string, name: string, email?: string | null, federated: boolean, disabled: boolean, createdAt: string, parent?: { __typename?: 'User', id: string, name: string } | null } };

export type UserInfoQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type UserInfoQuery = { __typename?: 'Query', user: { __typename?: 'User', id: string, name: string, email?: string | null, federated: boolean, disabled: boolean, createdAt: string, roles: Array<{ __typename?: 'Role', id: string, name: string }>, groups: Array<{ __typename?: 'Group', id: string, name: string }>, parent?: { __typename?: 'User', id: string, name: string } | null } };

export type UpdateUserMutationVariables = Exact<{
  input: UpdateUserInput;
}>;


export type UpdateUserMutation = { __typename?: 'Mutation', updateUser: { __typename?: 'User', id: string, name: string, email?: string | null, federated: boolean, disabled: boolean, createdAt: string, parent?: { __typename?: 'User', id: string, name: string } | null } };

export type DeleteUserMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
}>;


export type DeleteUserMutation = { __typename?: 'Mutation', deleteUser: { __typename?: 'DeletePayload', deletedId: string, dryRun: boolean } };

export type UserDetailsQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type UserDetailsQuery = { __typename?: 'Query', user: { __typename?: 'User', updatedAt: string, id: string, name: string, email?: string | null, federated: boolean, disabled: boolean, createdAt: string, roles: Array<{ __typename?: 'Role', id: string, name: string }>, groups: Array<{ __typename?: 'Group', id: string, name: string }>, apiKeys: { __typename?: 'ApiKeyConnection', totalCount: number }, parent?: { __typename?: 'User', id: string, name: string } | null } };

export type WebhookFieldsFragment = { __typename?: 'Webhook', id: string, url: string, description?: string | null, events: Array<string>, enabled: boolean, previousSecretExpiresAt?: string | null, createdAt: string, updatedAt: string };

export type WebhookDeliveryFieldsFragment = { __typename?: 'WebhookDelivery', id: string, webhookId: string, messageId: string, eventType: string, state: WebhookDeliveryState, attempts: number, lastStatus?: number | null, lastError?: string | null, createdAt: string, lastAttemptAt?: string | null, nextAttemptAt?: string | null, deliveredAt?: string | null };

export type CreateWebhookMutationVariables = Exact<{
  input: CreateWebhookInput;
}>;


export type CreateWebhookMutation = { __typename?: 'Mutation', createWebhook: { __typename?: 'WebhookSecretPayload', secret?: string | null, dryRun: boolean, webhook: { __typename?: 'Webhook', id: string, url: string, description?: string | null, events: Array<string>, enabled: boolean, previousSecretExpiresAt?: string | null, createdAt: string, updatedAt: string } } };

export type ListWebhooksQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ListWebhooksQuery = { __typename?: 'Query', webhooks: { __typename?: 'WebhookConnection', edges: Array<{ __typename?: 'WebhookEdge', cursor: string, node: { __typename?: 'Webhook', id: string, url: string, description?: string | null, events: Array<string>, enabled: boolean, previousSecretExpiresAt?: string | null, createdAt: string, updatedAt: string } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type UpdateWebhookMutationVariables = Exact<{
  input: UpdateWebhookInput;
}>;


export type UpdateWebhookMutation = { __typename?: 'Mutation', updateWebhook: { __typename?: 'Webhook', id: string, url: string, description?: string | null, events: Array<string>, enabled: boolean, previousSecretExpiresAt?: string | null, createdAt: string, updatedAt: string } };

export type RotateWebhookSecretMutationVariables = Exact<{
  input: RotateWebhookSecretInput;
}>;


export type RotateWebhookSecretMutation = { __typename?: 'Mutation', rotateWebhookSecret: { __typename?: 'WebhookSecretPayload', secret?: string | null, dryRun: boolean, webhook: { __typename?: 'Webhook', id: string, url: string, description?: string | null, events: Array<string>, enabled: boolean, previousSecretExpiresAt?: string | null, createdAt: string, updatedAt: string } } };

export type DeleteWebhookMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
}>;


export type DeleteWebhookMutation = { __typename?: 'Mutation', deleteWebhook: { __typename?: 'DeletePayload', deletedId: string, dryRun: boolean } };

export type ListWebhookDeliveriesQueryVariables = Exact<{
  webhookId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ListWebhookDeliveriesQuery = { __typename?: 'Query', webhookDeliveries: { __typename?: 'WebhookDeliveryConnection', edges: Array<{ __typename?: 'WebhookDeliveryEdge', cursor: string, node: { __typename?: 'WebhookDelivery', id: string, webhookId: string, messageId: string, eventType: string, state: WebhookDeliveryState, attempts: number, lastStatus?: number | null, lastError?: string | null, createdAt: string, lastAttemptAt?: string | null, nextAttemptAt?: string | null, deliveredAt?: string | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type RedeliverWebhookMutationVariables = Exact<{
  deliveryId: Scalars['ID']['input'];
}>;


export type RedeliverWebhookMutation = { __typename?: 'Mutation', redeliverWebhook: { __typename?: 'WebhookDelivery', id: string, webhookId: string, messageId: string, eventType: string, state: WebhookDeliveryState, attempts: number, lastStatus?: number | null, lastError?: string | null, createdAt: string, lastAttemptAt?: string | null, nextAttemptAt?: string | null, deliveredAt?: string | null } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const AccountFieldsFragmentDoc = new TypedDocumentString(`
    fragment AccountFields on Account {
  id
  name
  createdAt
  settings {
    maxApiKeysPerPrincipal
    maxAccessKeysPerPrincipal
    maxKeyLifetimeDays
    restrictUserApiKeyCreation
    expiryNoticeDays
    crossAccountRestriction {
      enabled
      allowedAccountIds
    }
  }
}
    `, {"fragmentName":"AccountFields"}) as unknown as TypedDocumentString<AccountFieldsFragment, unknown>;
export const ApiKeyFieldsFragmentDoc = new TypedDocumentString(`
    fragment ApiKeyFields on ApiKey {
  id
  type
  name
  description
  prefix
  accessKeyId
  state
  locked
  expired
  expiresAt
  createdAt
  updatedAt
  lastUsedAt
  authnCount
  etag
  unrestricted
  allowedCidrs
  actionWhenLeaked
  owner {
    id
    kind
    name
  }
}
    `, {"fragmentName":"ApiKeyFields"}) as unknown as TypedDocumentString<ApiKeyFieldsFragment, unknown>;
export const FunctionalIdFieldsFragmentDoc = new TypedDocumentString(`
    fragment FunctionalIdFields on FunctionalId {
  id
  name
  description
  createdAt
  owner {
    id
    name
  }
}
    `, {"fragmentName":"FunctionalIdFields"}) as unknown as TypedDocumentString<FunctionalIdFieldsFragment, unknown>;
export const ServiceFieldsFragmentDoc = new TypedDocumentString(`
    fragment ServiceFields on Service {
  id
  name
  audience
  description
  permissions {
    name
    description
  }
  createdAt
  updatedAt
}
    `, {"fragmentName":"ServiceFields"}) as unknown as TypedDocumentString<ServiceFieldsFragment, unknown>;
export const UserFieldsFragmentDoc = new TypedDocumentString(`
    fragment UserFields on User {
  id
  name
  email
  federated
  disabled
  createdAt
  parent {
    id
    name
  }
}
    `, {"fragmentName":"UserFields"}) as unknown as TypedDocumentString<UserFieldsFragment, unknown>;
export const WebhookFieldsFragmentDoc = new TypedDocumentString(`
    fragment WebhookFields on Webhook {
  id
  url
  description
  events
  enabled
  previousSecretExpiresAt
  createdAt
  updatedAt
}
    `, {"fragmentName":"WebhookFields"}) as unknown as TypedDocumentString<WebhookFieldsFragment, unknown>;
export const WebhookDeliveryFieldsFragmentDoc = new TypedDocumentString(`
    fragment WebhookDeliveryFields on WebhookDelivery {
  id
  webhookId
  messageId
  eventType
  state
  attempts
  lastStatus
  lastError
  createdAt
  lastAttemptAt
  nextAttemptAt
  deliveredAt
}
    `, {"fragmentName":"WebhookDeliveryFields"}) as unknown as TypedDocumentString<WebhookDeliveryFieldsFragment, unknown>;
export const CreateGroupDocument = new TypedDocumentString(`
    mutation CreateGroup($input: CreateGroupInput!) {
  createGroup(input: $input) {
    id
    name
    description
    roles {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<CreateGroupMutation, CreateGroupMutationVariables>;
export const AddGroupMembersDocument = new TypedDocumentString(`
    mutation AddGroupMembers($input: GroupMembersInput!) {
  addGroupMembers(input: $input) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<AddGroupMembersMutation, AddGroupMembersMutationVariables>;
export const ListGroupsDocument = new TypedDocumentString(`
    query ListGroups($first: Int, $after: String) {
  groups(first: $first, after: $after) {
    edges {
      cursor
      node {
        id
        name
        description
        roles {
          id
          name
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ListGroupsQuery, ListGroupsQueryVariables>;
export const ListRolesDocument = new TypedDocumentString(`
    query ListRoles {
  roles {
    id
    name
    description
    permissions
    builtIn
  }
}
    `) as unknown as TypedDocumentString<ListRolesQuery, ListRolesQueryVariables>;
export const SetPrincipalRolesDocument = new TypedDocumentString(`
    mutation SetPrincipalRoles($input: SetPrincipalRolesInput!) {
  setPrincipalRoles(input: $input) {
    id
    name
    roles {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<SetPrincipalRolesMutation, SetPrincipalRolesMutationVariables>;
export const RemoveGroupMembersDocument = new TypedDocumentString(`
    mutation RemoveGroupMembers($input: GroupMembersInput!) {
  removeGroupMembers(input: $input) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<RemoveGroupMembersMutation, RemoveGroupMembersMutationVariables>;
export const UpdateGroupDocument = new TypedDocumentString(`
    mutation UpdateGroup($input: UpdateGroupInput!) {
  updateGroup(input: $input) {
    id
    name
    description
    roles {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<UpdateGroupMutation, UpdateGroupMutationVariables>;
export const DeleteGroupDocument = new TypedDocumentString(`
    mutation DeleteGroup($id: ID!, $dryRun: Boolean) {
  deleteGroup(id: $id, dryRun: $dryRun) {
    deletedId
    dryRun
  }
}
    `) as unknown as TypedDocumentString<DeleteGroupMutation, DeleteGroupMutationVariables>;
export const GroupMembersDocument = new TypedDocumentString(`
    query GroupMembers($id: ID!, $first: Int, $after: String) {
  node(id: $id) {
    __typename
    ... on Group {
      members(first: $first, after: $after) {
        edges {
          cursor
          node {
            id
            kind
            name
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<GroupMembersQuery, GroupMembersQueryVariables>;
export const PermissionCatalogDocument = new TypedDocumentString(`
    query PermissionCatalog {
  permissionCatalog
}
    `) as unknown as TypedDocumentString<PermissionCatalogQuery, PermissionCatalogQueryVariables>;
export const CreateRoleDocument = new TypedDocumentString(`
    mutation CreateRole($input: CreateRoleInput!) {
  createRole(input: $input) {
    id
    name
    description
    permissions
    builtIn
  }
}
    `) as unknown as TypedDocumentString<CreateRoleMutation, CreateRoleMutationVariables>;
export const UpdateRoleDocument = new TypedDocumentString(`
    mutation UpdateRole($input: UpdateRoleInput!) {
  updateRole(input: $input) {
    id
    name
    description
    permissions
    builtIn
  }
}
    `) as unknown as TypedDocumentString<UpdateRoleMutation, UpdateRoleMutationVariables>;
export const DeleteRoleDocument = new TypedDocumentString(`
    mutation DeleteRole($id: ID!, $dryRun: Boolean) {
  deleteRole(id: $id, dryRun: $dryRun) {
    deletedId
    dryRun
  }
}
    `) as unknown as TypedDocumentString<DeleteRoleMutation, DeleteRoleMutationVariables>;
export const ViewerPermissionsDocument = new TypedDocumentString(`
    query ViewerPermissions {
  viewerPermissions
}
    `) as unknown as TypedDocumentString<ViewerPermissionsQuery, ViewerPermissionsQueryVariables>;
export const PrincipalAccessDocument = new TypedDocumentString(`
    query PrincipalAccess($id: ID!) {
  node(id: $id) {
    __typename
    id
    ... on User {
      name
      roles {
        id
        name
      }
      groups {
        id
        name
      }
    }
    ... on FunctionalId {
      name
      roles {
        id
        name
      }
      groups {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<PrincipalAccessQuery, PrincipalAccessQueryVariables>;
export const ActiveAccountDocument = new TypedDocumentString(`
    query ActiveAccount {
  account {
    ...AccountFields
  }
}
    fragment AccountFields on Account {
  id
  name
  createdAt
  settings {
    maxApiKeysPerPrincipal
    maxAccessKeysPerPrincipal
    maxKeyLifetimeDays
    restrictUserApiKeyCreation
    expiryNoticeDays
    crossAccountRestriction {
      enabled
      allowedAccountIds
    }
  }
}`) as unknown as TypedDocumentString<ActiveAccountQuery, ActiveAccountQueryVariables>;
export const CreateAccountDocument = new TypedDocumentString(`
    mutation CreateAccount($input: CreateAccountInput!) {
  createAccount(input: $input) {
    ...AccountFields
  }
}
    fragment AccountFields on Account {
  id
  name
  createdAt
  settings {
    maxApiKeysPerPrincipal
    maxAccessKeysPerPrincipal
    maxKeyLifetimeDays
    restrictUserApiKeyCreation
    expiryNoticeDays
    crossAccountRestriction {
      enabled
      allowedAccountIds
    }
  }
}`) as unknown as TypedDocumentString<CreateAccountMutation, CreateAccountMutationVariables>;
export const UpdateAccountSettingsDocument = new TypedDocumentString(`
    mutation UpdateAccountSettings($input: AccountSettingsInput!) {
  updateAccountSettings(input: $input) {
    ...AccountFields
  }
}
    fragment AccountFields on Account {
  id
  name
  createdAt
  settings {
    maxApiKeysPerPrincipal
    maxAccessKeysPerPrincipal
    maxKeyLifetimeDays
    restrictUserApiKeyCreation
    expiryNoticeDays
    crossAccountRestriction {
      enabled
      allowedAccountIds
    }
  }
}`) as unknown as TypedDocumentString<UpdateAccountSettingsMutation, UpdateAccountSettingsMutationVariables>;
export const AddAccountMemberDocument = new TypedDocumentString(`
    mutation AddAccountMember($input: AccountMemberInput!) {
  addAccountMember(input: $input) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<AddAccountMemberMutation, AddAccountMemberMutationVariables>;
export const RemoveAccountMemberDocument = new TypedDocumentString(`
    mutation RemoveAccountMember($input: AccountMemberInput!) {
  removeAccountMember(input: $input) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<RemoveAccountMemberMutation, RemoveAccountMemberMutationVariables>;
export const MyInvitationsDocument = new TypedDocumentString(`
    query MyInvitations {
  viewer {
    invitations {
      id
      accountId
      accountName
      roleNames
      createdAt
    }
  }
}
    `) as unknown as TypedDocumentString<MyInvitationsQuery, MyInvitationsQueryVariables>;
export const AcceptAccountInvitationDocument = new TypedDocumentString(`
    mutation AcceptAccountInvitation($id: ID!) {
  acceptAccountInvitation(id: $id) {
    ...AccountFields
  }
}
    fragment AccountFields on Account {
  id
  name
  createdAt
  settings {
    maxApiKeysPerPrincipal
    maxAccessKeysPerPrincipal
    maxKeyLifetimeDays
    restrictUserApiKeyCreation
    expiryNoticeDays
    crossAccountRestriction {
      enabled
      allowedAccountIds
    }
  }
}`) as unknown as TypedDocumentString<AcceptAccountInvitationMutation, AcceptAccountInvitationMutationVariables>;
export const DeclineAccountInvitationDocument = new TypedDocumentString(`
    mutation DeclineAccountInvitation($id: ID!) {
  declineAccountInvitation(id: $id)
}
    `) as unknown as TypedDocumentString<DeclineAccountInvitationMutation, DeclineAccountInvitationMutationVariables>;
export const CreateApiKeyDocument = new TypedDocumentString(`
    mutation CreateApiKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    secret
    dryRun
    apiKey {
      ...ApiKeyFields
    }
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  type
  name
  description
  prefix
  accessKeyId
  state
  locked
  expired
  expiresAt
  createdAt
  updatedAt
  lastUsedAt
  authnCount
  etag
  unrestricted
  allowedCidrs
  actionWhenLeaked
  owner {
    id
    kind
    name
  }
}`) as unknown as TypedDocumentString<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const ListApiKeysDocument = new TypedDocumentString(`
    query ListApiKeys($filter: ApiKeyFilter, $first: Int, $after: String) {
  apiKeys(filter: $filter, first: $first, after: $after) {
    edges {
      cursor
      node {
        ...ApiKeyFields
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  type
  name
  description
  prefix
  accessKeyId
  state
  locked
  expired
  expiresAt
  createdAt
  updatedAt
  lastUsedAt
  authnCount
  etag
  unrestricted
  allowedCidrs
  actionWhenLeaked
  owner {
    id
    kind
    name
  }
}`) as unknown as TypedDocumentString<ListApiKeysQuery, ListApiKeysQueryVariables>;
export const ApiKeyInfoDocument = new TypedDocumentString(`
    query ApiKeyInfo($id: ID!) {
  apiKey(id: $id) {
    ...ApiKeyFields
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  type
  name
  description
  prefix
  accessKeyId
  state
  locked
  expired
  expiresAt
  createdAt
  updatedAt
  lastUsedAt
  authnCount
  etag
  unrestricted
  allowedCidrs
  actionWhenLeaked
  owner {
    id
    kind
    name
  }
}`) as unknown as TypedDocumentString<ApiKeyInfoQuery, ApiKeyInfoQueryVariables>;
export const UpdateApiKeyDocument = new TypedDocumentString(`
    mutation UpdateApiKey($input: UpdateApiKeyInput!) {
  updateApiKey(input: $input) {
    ...ApiKeyFields
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  type
  name
  description
  prefix
  accessKeyId
  state
  locked
  expired
  expiresAt
  createdAt
  updatedAt
  lastUsedAt
  authnCount
  etag
  unrestricted
  allowedCidrs
  actionWhenLeaked
  owner {
    id
    kind
    name
  }
}`) as unknown as TypedDocumentString<UpdateApiKeyMutation, UpdateApiKeyMutationVariables>;
export const LockApiKeyDocument = new TypedDocumentString(`
    mutation LockApiKey($id: ID!) {
  lockApiKey(id: $id) {
    ...ApiKeyFields
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  type
  name
  description
  prefix
  accessKeyId
  state
  locked
  expired
  expiresAt
  createdAt
  updatedAt
  lastUsedAt
  authnCount
  etag
  unrestricted
  allowedCidrs
  actionWhenLeaked
  owner {
    id
    kind
    name
  }
}`) as unknown as TypedDocumentString<LockApiKeyMutation, LockApiKeyMutationVariables>;
export const UnlockApiKeyDocument = new TypedDocumentString(`
    mutation UnlockApiKey($id: ID!) {
  unlockApiKey(id: $id) {
    ...ApiKeyFields
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  type
  name
  description
  prefix
  accessKeyId
  state
  locked
  expired
  expiresAt
  createdAt
  updatedAt
  lastUsedAt
  authnCount
  etag
  unrestricted
  allowedCidrs
  actionWhenLeaked
  owner {
    id
    kind
    name
  }
}`) as unknown as TypedDocumentString<UnlockApiKeyMutation, UnlockApiKeyMutationVariables>;
export const SetApiKeyStateDocument = new TypedDocumentString(`
    mutation SetApiKeyState($input: SetApiKeyStateInput!) {
  setApiKeyState(input: $input) {
    ...ApiKeyFields
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  type
  name
  description
  prefix
  accessKeyId
  state
  locked
  expired
  expiresAt
  createdAt
  updatedAt
  lastUsedAt
  authnCount
  etag
  unrestricted
  allowedCidrs
  actionWhenLeaked
  owner {
    id
    kind
    name
  }
}`) as unknown as TypedDocumentString<SetApiKeyStateMutation, SetApiKeyStateMutationVariables>;
export const SetApiKeyExpiryDocument = new TypedDocumentString(`
    mutation SetApiKeyExpiry($input: SetApiKeyExpiryInput!) {
  setApiKeyExpiry(input: $input) {
    ...ApiKeyFields
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  type
  name
  description
  prefix
  accessKeyId
  state
  locked
  expired
  expiresAt
  createdAt
  updatedAt
  lastUsedAt
  authnCount
  etag
  unrestricted
  allowedCidrs
  actionWhenLeaked
  owner {
    id
    kind
    name
  }
}`) as unknown as TypedDocumentString<SetApiKeyExpiryMutation, SetApiKeyExpiryMutationVariables>;
export const ResetApiKeySecretDocument = new TypedDocumentString(`
    mutation ResetApiKeySecret($input: ResetApiKeySecretInput!) {
  resetApiKeySecret(input: $input) {
    secret
    dryRun
    apiKey {
      ...ApiKeyFields
    }
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  type
  name
  description
  prefix
  accessKeyId
  state
  locked
  expired
  expiresAt
  createdAt
  updatedAt
  lastUsedAt
  authnCount
  etag
  unrestricted
  allowedCidrs
  actionWhenLeaked
  owner {
    id
    kind
    name
  }
}`) as unknown as TypedDocumentString<ResetApiKeySecretMutation, ResetApiKeySecretMutationVariables>;
export const DeleteApiKeyDocument = new TypedDocumentString(`
    mutation DeleteApiKey($input: DeleteApiKeyInput!) {
  deleteApiKey(input: $input) {
    deletedId
    dryRun
  }
}
    `) as unknown as TypedDocumentString<DeleteApiKeyMutation, DeleteApiKeyMutationVariables>;
export const SetApiKeyAccessDocument = new TypedDocumentString(`
    mutation SetApiKeyAccess($input: SetApiKeyAccessInput!) {
  setApiKeyAccess(input: $input) {
    ...ApiKeyFields
    roles {
      id
      name
    }
    groups {
      id
      name
    }
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  type
  name
  description
  prefix
  accessKeyId
  state
  locked
  expired
  expiresAt
  createdAt
  updatedAt
  lastUsedAt
  authnCount
  etag
  unrestricted
  allowedCidrs
  actionWhenLeaked
  owner {
    id
    kind
    name
  }
}`) as unknown as TypedDocumentString<SetApiKeyAccessMutation, SetApiKeyAccessMutationVariables>;
export const ReportLeakedSecretDocument = new TypedDocumentString(`
    mutation ReportLeakedSecret($secret: String!) {
  reportLeakedSecret(secret: $secret)
}
    `) as unknown as TypedDocumentString<ReportLeakedSecretMutation, ReportLeakedSecretMutationVariables>;
export const ApiKeyDetailsDocument = new TypedDocumentString(`
    query ApiKeyDetails($id: ID!) {
  apiKey(id: $id) {
    ...ApiKeyFields
    createdBy {
      id
      name
    }
    updatedBy {
      id
      name
    }
    roles {
      id
      name
    }
    groups {
      id
      name
    }
  }
}
    fragment ApiKeyFields on ApiKey {
  id
  type
  name
  description
  prefix
  accessKeyId
  state
  locked
  expired
  expiresAt
  createdAt
  updatedAt
  lastUsedAt
  authnCount
  etag
  unrestricted
  allowedCidrs
  actionWhenLeaked
  owner {
    id
    kind
    name
  }
}`) as unknown as TypedDocumentString<ApiKeyDetailsQuery, ApiKeyDetailsQueryVariables>;
export const LoginDocument = new TypedDocumentString(`
    mutation Login($input: LoginInput!) {
  login(input: $input) {
    token
    expiresAt
    principal {
      id
      kind
      name
    }
  }
}
    `) as unknown as TypedDocumentString<LoginMutation, LoginMutationVariables>;
export const AuthenticateDocument = new TypedDocumentString(`
    mutation Authenticate($input: AuthenticateInput!) {
  authenticate(input: $input) {
    token
    expiresAt
    principal {
      id
      kind
      name
    }
  }
}
    `) as unknown as TypedDocumentString<AuthenticateMutation, AuthenticateMutationVariables>;
export const WhoAmIDocument = new TypedDocumentString(`
    query WhoAmI {
  viewer {
    __typename
    id
    kind
    name
    ... on User {
      email
    }
    account {
      id
      name
    }
    roles {
      name
    }
  }
  viewerPermissions
}
    `) as unknown as TypedDocumentString<WhoAmIQuery, WhoAmIQueryVariables>;
export const LogoutDocument = new TypedDocumentString(`
    mutation Logout {
  logout
}
    `) as unknown as TypedDocumentString<LogoutMutation, LogoutMutationVariables>;
export const ChangePasswordDocument = new TypedDocumentString(`
    mutation ChangePassword($input: ChangePasswordInput!) {
  changePassword(input: $input)
}
    `) as unknown as TypedDocumentString<ChangePasswordMutation, ChangePasswordMutationVariables>;
export const ViewerIdentityDocument = new TypedDocumentString(`
    query ViewerIdentity {
  viewer {
    __typename
    id
    kind
    name
    ... on User {
      email
    }
    account {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<ViewerIdentityQuery, ViewerIdentityQueryVariables>;
export const BellNotificationsDocument = new TypedDocumentString(`
    query BellNotifications($first: Int) {
  unread: notifications(unreadOnly: true, first: 1) {
    totalCount
  }
  notifications(first: $first) {
    edges {
      node {
        id
        kind
        message
        subjectId
        createdAt
        readAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<BellNotificationsQuery, BellNotificationsQueryVariables>;
export const NotificationAddedDocument = new TypedDocumentString(`
    subscription NotificationAdded {
  notificationAdded {
    id
    kind
    message
    subjectId
    createdAt
    readAt
  }
}
    `) as unknown as TypedDocumentString<NotificationAddedSubscription, NotificationAddedSubscriptionVariables>;
export const CreateFunctionalIdDocument = new TypedDocumentString(`
    mutation CreateFunctionalId($input: CreateFunctionalIdInput!) {
  createFunctionalId(input: $input) {
    ...FunctionalIdFields
  }
}
    fragment FunctionalIdFields on FunctionalId {
  id
  name
  description
  createdAt
  owner {
    id
    name
  }
}`) as unknown as TypedDocumentString<CreateFunctionalIdMutation, CreateFunctionalIdMutationVariables>;
export const ListFunctionalIdsDocument = new TypedDocumentString(`
    query ListFunctionalIds($first: Int, $after: String, $pathPrefix: String) {
  functionalIds(first: $first, after: $after, pathPrefix: $pathPrefix) {
    edges {
      cursor
      node {
        ...FunctionalIdFields
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment FunctionalIdFields on FunctionalId {
  id
  name
  description
  createdAt
  owner {
    id
    name
  }
}`) as unknown as TypedDocumentString<ListFunctionalIdsQuery, ListFunctionalIdsQueryVariables>;
export const DeleteFunctionalIdDocument = new TypedDocumentString(`
    mutation DeleteFunctionalId($id: ID!, $dryRun: Boolean) {
  deleteFunctionalId(id: $id, dryRun: $dryRun) {
    deletedId
    dryRun
  }
}
    `) as unknown as TypedDocumentString<DeleteFunctionalIdMutation, DeleteFunctionalIdMutationVariables>;
export const UpdateFunctionalIdDocument = new TypedDocumentString(`
    mutation UpdateFunctionalId($input: UpdateFunctionalIdInput!) {
  updateFunctionalId(input: $input) {
    ...FunctionalIdFields
  }
}
    fragment FunctionalIdFields on FunctionalId {
  id
  name
  description
  createdAt
  owner {
    id
    name
  }
}`) as unknown as TypedDocumentString<UpdateFunctionalIdMutation, UpdateFunctionalIdMutationVariables>;
export const FunctionalIdInfoDocument = new TypedDocumentString(`
    query FunctionalIdInfo($id: ID!) {
  node(id: $id) {
    __typename
    ... on FunctionalId {
      ...FunctionalIdFields
      roles {
        id
        name
      }
      groups {
        id
        name
      }
    }
  }
}
    fragment FunctionalIdFields on FunctionalId {
  id
  name
  description
  createdAt
  owner {
    id
    name
  }
}`) as unknown as TypedDocumentString<FunctionalIdInfoQuery, FunctionalIdInfoQueryVariables>;
export const NotificationsDocument = new TypedDocumentString(`
    query Notifications($unreadOnly: Boolean, $first: Int, $after: String) {
  notifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
    edges {
      cursor
      node {
        id
        kind
        message
        subjectId
        createdAt
        readAt
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<NotificationsQuery, NotificationsQueryVariables>;
export const MarkNotificationsReadDocument = new TypedDocumentString(`
    mutation MarkNotificationsRead($ids: [ID!]!) {
  markNotificationsRead(ids: $ids)
}
    `) as unknown as TypedDocumentString<MarkNotificationsReadMutation, MarkNotificationsReadMutationVariables>;
export const AuditEventsDocument = new TypedDocumentString(`
    query AuditEvents($filter: AuditEventFilter, $first: Int, $after: String) {
  auditEvents(filter: $filter, first: $first, after: $after) {
    edges {
      cursor
      node {
        id
        at
        action
        outcome
        authMethod
        keyId
        targetType
        targetId
        accountId
        requestId
        ip
        actor {
          id
          name
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<AuditEventsQuery, AuditEventsQueryVariables>;
export const MarkAllNotificationsReadDocument = new TypedDocumentString(`
    mutation MarkAllNotificationsRead {
  markAllNotificationsRead
}
    `) as unknown as TypedDocumentString<MarkAllNotificationsReadMutation, MarkAllNotificationsReadMutationVariables>;
export const CreateServiceDocument = new TypedDocumentString(`
    mutation CreateService($input: CreateServiceInput!) {
  createService(input: $input) {
    ...ServiceFields
  }
}
    fragment ServiceFields on Service {
  id
  name
  audience
  description
  permissions {
    name
    description
  }
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<CreateServiceMutation, CreateServiceMutationVariables>;
export const ListServicesDocument = new TypedDocumentString(`
    query ListServices($first: Int, $after: String) {
  services(first: $first, after: $after) {
    edges {
      cursor
      node {
        ...ServiceFields
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment ServiceFields on Service {
  id
  name
  audience
  description
  permissions {
    name
    description
  }
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<ListServicesQuery, ListServicesQueryVariables>;
export const ServiceInfoDocument = new TypedDocumentString(`
    query ServiceInfo($id: ID!) {
  service(id: $id) {
    ...ServiceFields
  }
}
    fragment ServiceFields on Service {
  id
  name
  audience
  description
  permissions {
    name
    description
  }
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<ServiceInfoQuery, ServiceInfoQueryVariables>;
export const UpdateServiceDocument = new TypedDocumentString(`
    mutation UpdateService($input: UpdateServiceInput!) {
  updateService(input: $input) {
    ...ServiceFields
  }
}
    fragment ServiceFields on Service {
  id
  name
  audience
  description
  permissions {
    name
    description
  }
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<UpdateServiceMutation, UpdateServiceMutationVariables>;
export const DeleteServiceDocument = new TypedDocumentString(`
    mutation DeleteService($id: ID!, $dryRun: Boolean) {
  deleteService(id: $id, dryRun: $dryRun) {
    deletedId
    dryRun
  }
}
    `) as unknown as TypedDocumentString<DeleteServiceMutation, DeleteServiceMutationVariables>;
export const CreateUserDocument = new TypedDocumentString(`
    mutation CreateUser($input: CreateUserInput!) {
  createUser(input: $input) {
    ...UserFields
  }
}
    fragment UserFields on User {
  id
  name
  email
  federated
  disabled
  createdAt
  parent {
    id
    name
  }
}`) as unknown as TypedDocumentString<CreateUserMutation, CreateUserMutationVariables>;
export const ListUsersDocument = new TypedDocumentString(`
    query ListUsers($first: Int, $after: String) {
  users(first: $first, after: $after) {
    edges {
      cursor
      node {
        ...UserFields
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment UserFields on User {
  id
  name
  email
  federated
  disabled
  createdAt
  parent {
    id
    name
  }
}`) as unknown as TypedDocumentString<ListUsersQuery, ListUsersQueryVariables>;
export const SetUserDisabledDocument = new TypedDocumentString(`
    mutation SetUserDisabled($input: SetUserDisabledInput!) {
  setUserDisabled(input: $input) {
    ...UserFields
  }
}
    fragment UserFields on User {
  id
  name
  email
  federated
  disabled
  createdAt
  parent {
    id
    name
  }
}`) as unknown as TypedDocumentString<SetUserDisabledMutation, SetUserDisabledMutationVariables>;
export const UserInfoDocument = new TypedDocumentString(`
    query UserInfo($id: ID!) {
  user(id: $id) {
    ...UserFields
    roles {
      id
      name
    }
    groups {
      id
      name
    }
  }
}
    fragment UserFields on User {
  id
  name
  email
  federated
  disabled
  createdAt
  parent {
    id
    name
  }
}`) as unknown as TypedDocumentString<UserInfoQuery, UserInfoQueryVariables>;
export const UpdateUserDocument = new TypedDocumentString(`
    mutation UpdateUser($input: UpdateUserInput!) {
  updateUser(input: $input) {
    ...UserFields
  }
}
    fragment UserFields on User {
  id
  name
  email
  federated
  disabled
  createdAt
  parent {
    id
    name
  }
}`) as unknown as TypedDocumentString<UpdateUserMutation, UpdateUserMutationVariables>;
export const DeleteUserDocument = new TypedDocumentString(`
    mutation DeleteUser($id: ID!, $dryRun: Boolean) {
  deleteUser(id: $id, dryRun: $dryRun) {
    deletedId
    dryRun
  }
}
    `) as unknown as TypedDocumentString<DeleteUserMutation, DeleteUserMutationVariables>;
export const UserDetailsDocument = new TypedDocumentString(`
    query UserDetails($id: ID!) {
  user(id: $id) {
    ...UserFields
    updatedAt
    roles {
      id
      name
    }
    groups {
      id
      name
    }
    apiKeys(first: 1) {
      totalCount
    }
  }
}
    fragment UserFields on User {
  id
  name
  email
  federated
  disabled
  createdAt
  parent {
    id
    name
  }
}`) as unknown as TypedDocumentString<UserDetailsQuery, UserDetailsQueryVariables>;
export const CreateWebhookDocument = new TypedDocumentString(`
    mutation CreateWebhook($input: CreateWebhookInput!) {
  createWebhook(input: $input) {
    secret
    dryRun
    webhook {
      ...WebhookFields
    }
  }
}
    fragment WebhookFields on Webhook {
  id
  url
  description
  events
  enabled
  previousSecretExpiresAt
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<CreateWebhookMutation, CreateWebhookMutationVariables>;
export const ListWebhooksDocument = new TypedDocumentString(`
    query ListWebhooks($first: Int, $after: String) {
  webhooks(first: $first, after: $after) {
    edges {
      cursor
      node {
        ...WebhookFields
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment WebhookFields on Webhook {
  id
  url
  description
  events
  enabled
  previousSecretExpiresAt
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<ListWebhooksQuery, ListWebhooksQueryVariables>;
export const UpdateWebhookDocument = new TypedDocumentString(`
    mutation UpdateWebhook($input: UpdateWebhookInput!) {
  updateWebhook(input: $input) {
    ...WebhookFields
  }
}
    fragment WebhookFields on Webhook {
  id
  url
  description
  events
  enabled
  previousSecretExpiresAt
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<UpdateWebhookMutation, UpdateWebhookMutationVariables>;
export const RotateWebhookSecretDocument = new TypedDocumentString(`
    mutation RotateWebhookSecret($input: RotateWebhookSecretInput!) {
  rotateWebhookSecret(input: $input) {
    secret
    dryRun
    webhook {
      ...WebhookFields
    }
  }
}
    fragment WebhookFields on Webhook {
  id
  url
  description
  events
  enabled
  previousSecretExpiresAt
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<RotateWebhookSecretMutation, RotateWebhookSecretMutationVariables>;
export const DeleteWebhookDocument = new TypedDocumentString(`
    mutation DeleteWebhook($id: ID!, $dryRun: Boolean) {
  deleteWebhook(id: $id, dryRun: $dryRun) {
    deletedId
    dryRun
  }
}
    `) as unknown as TypedDocumentString<DeleteWebhookMutation, DeleteWebhookMutationVariables>;
export const ListWebhookDeliveriesDocument = new TypedDocumentString(`
    query ListWebhookDeliveries($webhookId: ID!, $first: Int, $after: String) {
  webhookDeliveries(webhookId: $webhookId, first: $first, after: $after) {
    edges {
      cursor
      node {
        ...WebhookDeliveryFields
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    fragment WebhookDeliveryFields on WebhookDelivery {
  id
  webhookId
  messageId
  eventType
  state
  attempts
  lastStatus
  lastError
  createdAt
  lastAttemptAt
  nextAttemptAt
  deliveredAt
}`) as unknown as TypedDocumentString<ListWebhookDeliveriesQuery, ListWebhookDeliveriesQueryVariables>;
export const RedeliverWebhookDocument = new TypedDocumentString(`
    mutation RedeliverWebhook($deliveryId: ID!) {
  redeliverWebhook(deliveryId: $deliveryId) {
    ...WebhookDeliveryFields
  }
}
    fragment WebhookDeliveryFields on WebhookDelivery {
  id
  webhookId
  messageId
  eventType
  state
  attempts
  lastStatus
  lastError
  createdAt
  lastAttemptAt
  nextAttemptAt
  deliveredAt
}`) as unknown as TypedDocumentString<RedeliverWebhookMutation, RedeliverWebhookMutationVariables>;