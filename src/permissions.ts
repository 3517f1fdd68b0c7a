/**
 * Who may do what: every Query and Mutation field has a rule here, and the
 * fallback denies (DESIGN.md "Authorization" and "Authorization model"; the
 * reviewable table is docs/identities-and-access.md). Rules return typed
 * errors: UNAUTHENTICATED when nobody is logged in, FORBIDDEN when the caller
 * lacks a permission, NOT_FOUND for a resource the caller may not see.
 * What a rule cannot see from the arguments alone — the cap, the account
 * boundary over principals, restricted keys loosening nothing — the services
 * check through src/authority.ts and key-rules.ts.
 *
 * Object types below the root are reached only through a guarded root field,
 * so their fields are `allow` unless they carry something more sensitive than
 * their parent (listed with their own rule).
 */
import { allow, chain, deny, rule as shieldRule, shield } from 'graphql-shield';
import type { RequestContext } from './context';
import { forbidden, keyLocked, notFound, unauthenticated } from './errors';
import { isIdOf } from './ids';
import { managesPrincipal } from './authority';
import { callerKeyIsRestricted, isKeyAdmin, visibleKey } from './modules/api-keys/key-access';
import type { Permission } from './modules/roles/permission-catalog';
import type { PrincipalEntity } from './modules/users/principal.entity';

/**
 * graphql-shield's `rule`, except that a rule that throws (the database away or past its deadline while
 * permissions load) fails the field with that error instead of being read as a plain "no": shield turns a
 * thrown error into FORBIDDEN, which would blame the caller, and the refusal's audit event would wait for
 * the database once more. The field is denied either way.
 */
const rule: typeof shieldRule = (...ruleArgs) => {
  const make = shieldRule(...ruleArgs);
  return (check) =>
    make(async (...checkArgs) => {
      try {
        return await check(...checkArgs);
      } catch (error) {
        return error as Error;
      }
    });
};

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

/** The caller holds at least one of `permissions` (the service then narrows what each lets it do). */
const canAny: (...permissions: Permission[]) => ReturnType<ReturnType<typeof rule>> = (...permissions) =>
  canAnyRule(permissions.join('|'));
const canAnyRule = once((names) =>
  rule(`canAny:${names}`, { cache: 'contextual' })(async (_parent, _args, ctx: RequestContext) => {
    if (!ctx.identity) return unauthenticated();
    const mine = await ctx.permissions();
    const wanted = names.split('|') as Permission[];
    return wanted.some((p) => mine.has(p)) || forbidden(`Requires one of the permissions ${wanted.join(', ')} in this account`);
  }),
);

// ── Identities and access ─────────────────────────────────────────

/** The caller is a user (not a functional ID acting with its key). */
export const isUser = rule('isUser', { cache: 'contextual' })((_parent, _args, ctx: RequestContext) => {
  if (!ctx.identity) return unauthenticated();
  return ctx.identity.principal.kind === 'USER' || forbidden('Only users may do this');
});

const argId = (args: { id?: unknown; input?: { id?: unknown } }): string | null => {
  const id = args.id ?? args.input?.id;
  return typeof id === 'string' ? id : null;
};

/**
 * Managing a user: `users.manage` in the account, or `self.manage` and
 * managing it there (an ancestor, both members: rule 1); with `self`, the
 * user itself too (the service then narrows what each may change).
 */
const managesUserRule = once((name) =>
  rule(name)(async (_parent, args, ctx: RequestContext) => {
    const self = name.endsWith(':self');
    if (!ctx.identity) return unauthenticated();
    const mine = await ctx.permissions();
    if (mine.has('users.manage')) return true;
    const id = argId(args);
    const user = id && isIdOf('user', id) ? await ctx.loaders.principal.load(id) : null;
    const related = user !== null && ((self && user.id === ctx.identity.principal.id) || (await managesPrincipal(ctx, user)));
    if (!related) return forbidden('Requires the users.manage permission, or being an ancestor of this user');
    return mine.has('self.manage') || forbidden('Requires the self.manage permission in this account');
  }),
);
const managesUser = (self: boolean) => managesUserRule(self ? 'managesUser:self' : 'managesUser:ancestor');

/** Managing a functional ID: `functionalIds.manage`, or `self.manage` and being its owner or an ancestor of its owner here. */
const managesFunctionalId = rule('managesFunctionalId')(async (_parent, args, ctx: RequestContext) => {
  if (!ctx.identity) return unauthenticated();
  const mine = await ctx.permissions();
  if (mine.has('functionalIds.manage')) return true;
  const id = argId(args);
  const functionalId = id && isIdOf('functionalId', id) ? await ctx.loaders.principal.load(id) : null;
  if (!functionalId || functionalId.kind !== 'FUNCTIONAL_ID' || functionalId.accountId !== ctx.activeAccountId) return notFound('Functional ID');
  if (!(await managesPrincipal(ctx, functionalId))) return forbidden('Requires the functionalIds.manage permission, or being the owner or an ancestor of the owner');
  return mine.has('self.manage') || forbidden('Requires the self.manage permission in this account');
});

/** True when the viewer is an ancestor of the user (one batched recursive query). */
async function isAncestorOf(ctx: RequestContext, userId: string): Promise<boolean> {
  return isIdOf('user', userId) && (await ctx.loaders.ancestorIds.load(userId)).includes(ctx.identity!.principal.id);
}

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

/** The key is of the active account and the viewer owns it, manages its owner there, or is a key admin there. Else NOT_FOUND. */
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
  return !callerKeyIsRestricted(ctx) || forbidden('This request was made with a restricted key: it cannot create, reset or re-scope keys');
});

/** `apiKeys(filter: {scope: ALL})` needs `apikeys.manage_all` in the active account. */
export const canListKeysInScope = rule('canListKeysInScope')(async (_parent, args: { filter?: { scope?: string } | null }, ctx: RequestContext) => {
  if (!ctx.identity) return unauthenticated();
  if ((args.filter?.scope ?? 'MINE') !== 'ALL') return true;
  return (await isKeyAdmin(ctx)) || forbidden('scope ALL requires the apikeys.manage_all permission in this account');
});

/** Writing to a key: visible (else NOT_FOUND), and a permission: key admins' containment, or self-service (rule 5). */
const writesKey = chain(canManageKey, canAny('apikeys.manage_all', 'self.manage'));
const changesKey = chain(writesKey, keyIsNotLocked);

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
    // Protecting your services: members see the account's services (their permissions are in the catalog too).
    services: isAuthenticated,
    service: isAuthenticated,
    // Webhooks: the account's, for holders of webhooks.manage (the service keeps them to the active account).
    webhooks: can('webhooks.manage'),
    webhookDeliveries: can('webhooks.manage'),
  },
  // Every write needs a permission (rule 5): self-service is `self.manage`, held through the built-in role Member.
  // The services add the account boundary (rule 1) and the cap (rule 4, src/authority.ts) where the table in
  // docs/identities-and-access.md says so.
  Mutation: {
    login: allow,
    authenticate: allow,
    // Ending one's own session or reading one's own bell grants nothing: any caller.
    logout: isAuthenticated,
    markNotificationsRead: isAuthenticated,
    markAllNotificationsRead: isAuthenticated,
    changePassword: chain(isUser, can('self.manage')),
    // Users: users.manage creates anyone; self.manage creates one's own children. Changes: users.manage, or
    // self.manage over oneself (name only) and one's descendants here; passwords and moves are capped.
    createUser: canAny('users.manage', 'self.manage'),
    updateUser: managesUser(true),
    setUserDisabled: managesUser(false),
    deleteUser: managesUser(false),
    // Functional IDs: functionalIds.manage, or self.manage for those one owns (or one's descendants own) here.
    createFunctionalId: canAny('functionalIds.manage', 'self.manage'),
    updateFunctionalId: managesFunctionalId,
    deleteFunctionalId: managesFunctionalId,
    // Roles and groups grant only what the granter holds (the services check it).
    createRole: can('roles.manage'),
    updateRole: can('roles.manage'),
    deleteRole: can('roles.manage'),
    setPrincipalRoles: can('roles.manage'),
    createGroup: can('groups.manage'),
    updateGroup: can('groups.manage'),
    deleteGroup: can('groups.manage'),
    addGroupMembers: can('groups.manage'),
    removeGroupMembers: can('groups.manage'),
    // Accounts: a user may open one (and administers it); membership needs the user's consent (rule 3).
    createAccount: chain(isUser, can('self.manage')),
    addAccountMember: can('account.manage'),
    removeAccountMember: can('account.manage'),
    updateAccountSettings: can('account.manage'),
    acceptAccountInvitation: chain(isUser, can('self.manage')),
    declineAccountInvitation: chain(isUser, can('self.manage')),
    // API keys: visible in the active account (rule 1), a permission (rule 5); what yields a credential is capped
    // (rule 4) and refused to restricted keys, which loosen nothing (rule 6).
    createApiKey: chain(canAny('apikeys.manage_all', 'self.manage'), callerKeyIsUnrestricted),
    updateApiKey: changesKey,
    setApiKeyState: changesKey,
    setApiKeyExpiry: changesKey,
    deleteApiKey: changesKey,
    resetApiKeySecret: chain(writesKey, callerKeyIsUnrestricted, keyIsNotLocked),
    setApiKeyAccess: chain(writesKey, callerKeyIsUnrestricted, keyIsNotLocked),
    lockApiKey: writesKey,
    // Rule 6 (a restricted key loosens nothing: unlock, re-activate, expiry, allowedCidrs, actionWhenLeaked) is checked
    // on the values, in the one write path of ApiKeyService (refuseLoosening in key-rules.ts).
    unlockApiKey: writesKey,
    reportLeakedSecret: allow,
    // Protecting your services
    createService: can('services.manage'),
    updateService: can('services.manage'),
    deleteService: can('services.manage'),
    // Webhooks
    createWebhook: can('webhooks.manage'),
    updateWebhook: can('webhooks.manage'),
    rotateWebhookSecret: can('webhooks.manage'),
    deleteWebhook: can('webhooks.manage'),
    redeliverWebhook: can('webhooks.manage'),
  },
  // Live: the viewer's own notifications (the subscription's topic is the viewer's). Checked as each event is
  // resolved; the WebSocket server also refuses connections without a valid credential (src/subscriptions.ts).
  Subscription: {
    notificationAdded: isAuthenticated,
  },
  // Settled by the root field that reached them.
  User: allow,
  Account: allow,
  AccountInvitation: allow,
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
  Service: allow,
  ServicePermission: allow,
  ServiceConnection: allow,
  ServiceEdge: allow,
  Webhook: allow,
  WebhookConnection: allow,
  WebhookEdge: allow,
  WebhookDelivery: allow,
  WebhookDeliveryConnection: allow,
  WebhookDeliveryEdge: allow,
  WebhookSecretPayload: allow,
};

/**
 * The object types whose every field is `allow`: reached only through a guarded parent, they add nothing to
 * check. guardSchema (src/schema.ts) leaves their resolvers unwrapped, since shield would wrap each of their
 * fields in an `allow` that only costs time (graphql-middleware wraps every field of every type). A type not in
 * the tree, or with any rule of its own, stays wrapped and under the fallback `deny`.
 */
export const SETTLED_BY_PARENT: readonly string[] = Object.entries(ruleTree)
  .filter(([, rule]) => rule === allow)
  .map(([type]) => type);

/**
 * The root query fields open to anyone (`allow`): `viewer`, which answers the caller or null. Queries are not
 * audited, so their only middleware is that `allow`; guardSchema leaves them unwrapped like the types above.
 * Mutations always stay wrapped (the audit trail), whatever their rule.
 */
export const OPEN_QUERY_FIELDS: readonly string[] = Object.entries(ruleTree.Query)
  .filter(([, rule]) => rule === allow)
  .map(([field]) => field);

export const permissions = shield(ruleTree, {
  fallbackRule: deny,
  fallbackError: async (_thrown, _parent, _args, ctx) => ((ctx as unknown as RequestContext).identity ? forbidden() : unauthenticated()),
  allowExternalErrors: true,
  debug: false,
});
