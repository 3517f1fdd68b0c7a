/**
 * Who may do what: every Query and Mutation field has a rule here, and the
 * fallback denies (DESIGN.md "Authorization"). Rules return typed errors:
 * UNAUTHENTICATED when nobody is logged in, FORBIDDEN when the caller lacks
 * a permission, NOT_FOUND for a resource the caller may not see.
 *
 * Object types below the root are reached only through a guarded root field,
 * so their fields are `allow` unless they carry something more sensitive than
 * their parent (listed with their own rule).
 */
import { allow, chain, deny, rule, shield } from 'graphql-shield';
import type { RequestContext } from './context';
import { forbidden, keyLocked, notFound, unauthenticated } from './errors';
import { isIdOf } from './ids';
import { isKeyAdmin, visibleKey } from './modules/api-keys/key-access';
import type { Permission } from './modules/roles/permission-catalog';
import type { PrincipalEntity } from './modules/users/principal.entity';

export const isAuthenticated = rule('isAuthenticated', { cache: 'contextual' })(
  (_parent, _args, ctx: RequestContext) => ctx.identity !== null || unauthenticated(),
);

/** Shield refuses two rule objects with one name: a rule factory returns the same rule for the same name. */
function once<R>(make: (name: string) => R): (name: string) => R {
  const made = new Map<string, R>();
  return (name) => {
    if (!made.has(name)) made.set(name, make(name));
    return made.get(name)!;
  };
}

/** The caller holds `permission` in the active account. */
export const can: (permission: Permission) => ReturnType<ReturnType<typeof rule>> = once((permission) =>
  rule(`can:${permission}`, { cache: 'contextual' })(async (_parent, _args, ctx: RequestContext) => {
    if (!ctx.identity) return unauthenticated();
    return (await ctx.permissions()).has(permission as Permission) || forbidden(`Requires the ${permission} permission in this account`);
  }),
);

// ── Identities and access ─────────────────────────────────────────

/** The caller is a user (not a functional ID acting with its key). */
export const isUser = rule('isUser', { cache: 'contextual' })((_parent, _args, ctx: RequestContext) => {
  if (!ctx.identity) return unauthenticated();
  return ctx.identity.principal.kind === 'USER' || forbidden('Only users may do this');
});

/** Holds `permission`, or else is a user (the service then narrows what it may do). */
const canOrIsUser = (permission: Permission) =>
  rule(`canOrIsUser:${permission}`, { cache: 'contextual' })(async (_parent, _args, ctx: RequestContext) => {
    if (!ctx.identity) return unauthenticated();
    if ((await ctx.permissions()).has(permission)) return true;
    return ctx.identity.principal.kind === 'USER' || forbidden(`Requires the ${permission} permission in this account`);
  });

const argId = (args: { id?: unknown; input?: { id?: unknown } }): string | null => {
  const id = args.id ?? args.input?.id;
  return typeof id === 'string' ? id : null;
};

/** True when the viewer is an ancestor of the user (one batched recursive query). */
async function isAncestorOf(ctx: RequestContext, userId: string): Promise<boolean> {
  return isIdOf('user', userId) && (await ctx.loaders.ancestorIds.load(userId)).includes(ctx.identity!.principal.id);
}

/**
 * Managing a user: `users.manage` in the account, or being one of its
 * ancestors (a manager manages its reports); with `self`, the user itself
 * too (the service then lets it change its name only).
 */
const managesUserRule = once((name) =>
  rule(name)(async (_parent, args, ctx: RequestContext) => {
    const self = name.endsWith(':self');
    if (!ctx.identity) return unauthenticated();
    if ((await ctx.permissions()).has('users.manage')) return true;
    const id = argId(args);
    if (id && self && id === ctx.identity.principal.id) return true;
    if (id && (await isAncestorOf(ctx, id))) return true;
    return forbidden('Requires the users.manage permission, or being an ancestor of this user');
  }),
);
const managesUser = (self: boolean) => managesUserRule(self ? 'managesUser:self' : 'managesUser:ancestor');

/** Managing a functional ID: `functionalIds.manage`, or being its owner or an ancestor of its owner. */
const managesFunctionalId = rule('managesFunctionalId')(async (_parent, args, ctx: RequestContext) => {
  if (!ctx.identity) return unauthenticated();
  if ((await ctx.permissions()).has('functionalIds.manage')) return true;
  const id = argId(args);
  const functionalId = id && isIdOf('functionalId', id) ? await ctx.loaders.principal.load(id) : null;
  if (!functionalId || functionalId.kind !== 'FUNCTIONAL_ID' || functionalId.accountId !== ctx.activeAccountId) return notFound('Functional ID');
  const viewerId = ctx.identity.principal.id;
  if (functionalId.ownerId === viewerId || (functionalId.ownerId && (await isAncestorOf(ctx, functionalId.ownerId)))) return true;
  return forbidden('Requires the functionalIds.manage permission, or being the owner or an ancestor of the owner');
});

/**
 * `User.email` is visible to the user itself, its ancestors and holders of
 * `users.read`; to anyone else it reads null. Applied by the `email` field
 * resolver: a shield rule can only fail a field, and a list of users must
 * not fail because one email is hidden.
 */
export async function mayReadEmail(ctx: RequestContext, user: PrincipalEntity): Promise<boolean> {
  if (!ctx.identity) return false;
  if (user.id === ctx.identity.principal.id) return true;
  if ((await ctx.permissions()).has('users.read')) return true;
  return isAncestorOf(ctx, user.id);
}
// ── API keys ──────────────────────────────────────────────────────────
/** The key an operation names: `id`, or `input.id`. */
const keyIdArg = (args: { id?: unknown; input?: { id?: unknown } }) => args.id ?? args.input?.id;

/** The viewer owns the key, is an ancestor of its owner (or of its functional ID's owner), or is a key admin of its account. Else NOT_FOUND. */
export const canManageKey = rule('canManageKey')(async (_parent, args, ctx: RequestContext) => {
  if (!ctx.identity) return unauthenticated();
  return (await visibleKey(ctx, keyIdArg(args))) !== null || notFound('API key');
});

/** A locked key is read-only (after canManageKey: the key exists and is visible). */
export const keyIsNotLocked = rule('keyIsNotLocked')(async (_parent, args, ctx: RequestContext) => {
  const key = await ctx.loaders.apiKey.load(String(keyIdArg(args)));
  return !key?.locked || keyLocked();
});

/** A request made with a restricted key (or a session it opened) may not create, reset or re-scope keys. */
export const callerKeyIsUnrestricted = rule('callerKeyIsUnrestricted')((_parent, _args, ctx: RequestContext) => {
  const key = ctx.identity?.apiKey;
  return !key || key.unrestricted || forbidden('This request was made with a restricted key: it cannot create, reset or re-scope keys');
});

/** `apiKeys(filter: {scope: ALL})` needs `apikeys.manage_all` in the active account. */
export const canListKeysInScope = rule('canListKeysInScope')(async (_parent, args: { filter?: { scope?: string } | null }, ctx: RequestContext) => {
  if (!ctx.identity) return unauthenticated();
  if ((args.filter?.scope ?? 'MINE') !== 'ALL') return true;
  return (await isKeyAdmin(ctx)) || forbidden('scope ALL requires the apikeys.manage_all permission in this account');
});

const changesKey = chain(canManageKey, keyIsNotLocked);

export const ruleTree = {
  Query: {
    viewer: allow,
    node: isAuthenticated,
    user: isAuthenticated,
    roles: isAuthenticated,
    account: isAuthenticated,
    // Identities and access: every member of the active account sees its users (emails masked, see
    // mayReadEmail), functional IDs, groups and the permission catalog.
    users: isAuthenticated,
    functionalIds: isAuthenticated,
    groups: isAuthenticated,
    permissionCatalog: isAuthenticated,
    viewerPermissions: isAuthenticated,
    apiKey: canManageKey,
    apiKeys: canListKeysInScope,
    // Notifications and audit: the bell is the viewer's own; the trail needs audit.read.
    notifications: isAuthenticated,
    auditEvents: can('audit.read'),
  },
  Mutation: {
    login: allow,
    authenticate: allow,
    logout: isAuthenticated,
    changePassword: isAuthenticated,
    // Identities and access. Users: managers (users.manage) create anyone; any user creates its own children.
    createUser: canOrIsUser('users.manage'),
    updateUser: managesUser(true),
    setUserDisabled: managesUser(false),
    deleteUser: managesUser(false),
    // Functional IDs: any user creates its own; owner, owner's ancestors and functionalIds.manage change them.
    createFunctionalId: canOrIsUser('functionalIds.manage'),
    updateFunctionalId: managesFunctionalId,
    deleteFunctionalId: managesFunctionalId,
    createRole: can('roles.manage'),
    updateRole: can('roles.manage'),
    deleteRole: can('roles.manage'),
    setPrincipalRoles: can('roles.manage'),
    createGroup: can('groups.manage'),
    updateGroup: can('groups.manage'),
    deleteGroup: can('groups.manage'),
    addGroupMembers: can('groups.manage'),
    removeGroupMembers: can('groups.manage'),
    // Accounts: any user may open one (and administers it); the rest acts on the active account.
    createAccount: isUser,
    addAccountMember: can('account.manage'),
    removeAccountMember: can('account.manage'),
    updateAccountSettings: can('account.manage'),
    // API keys
    createApiKey: chain(isAuthenticated, callerKeyIsUnrestricted),
    updateApiKey: changesKey,
    setApiKeyState: changesKey,
    setApiKeyExpiry: changesKey,
    deleteApiKey: changesKey,
    resetApiKeySecret: chain(canManageKey, callerKeyIsUnrestricted, keyIsNotLocked),
    // Key access: re-scoping a key, refused to restricted keys like create and reset.
    setApiKeyAccess: chain(canManageKey, callerKeyIsUnrestricted, keyIsNotLocked),
    lockApiKey: canManageKey,
    unlockApiKey: canManageKey,
    reportLeakedSecret: allow,
    // Notifications: the service touches only the viewer's own.
    markNotificationsRead: isAuthenticated,
    markAllNotificationsRead: isAuthenticated,
  },
  // Settled by the root field that reached them.
  User: allow,
  Account: allow,
  AccountSettings: allow,
  CrossAccountRestriction: allow,
  Role: allow,
  AuthPayload: allow,
  FunctionalId: allow,
  Group: allow,
  DeletePayload: allow,
  PageInfo: allow,
  UserConnection: allow,
  UserEdge: allow,
  FunctionalIdConnection: allow,
  FunctionalIdEdge: allow,
  GroupConnection: allow,
  GroupEdge: allow,
  PrincipalConnection: allow,
  PrincipalEdge: allow,
  ApiKey: allow,
  ApiKeyConnection: allow,
  ApiKeyEdge: allow,
  CreateApiKeyPayload: allow,
  DeleteApiKeyPayload: allow,
  Notification: allow,
  NotificationConnection: allow,
  NotificationEdge: allow,
  AuditEvent: allow,
  AuditEventConnection: allow,
  AuditEventEdge: allow,
};

export const permissions = shield(ruleTree, {
  fallbackRule: deny,
  fallbackError: async (_thrown, _parent, _args, ctx) => ((ctx as unknown as RequestContext).identity ? forbidden() : unauthenticated()),
  allowExternalErrors: true,
  debug: false,
});
