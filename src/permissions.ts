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
import { isKeyAdmin, visibleKey } from './modules/api-keys/key-access';
import type { Permission } from './modules/roles/permission-catalog';

export const isAuthenticated = rule('isAuthenticated', { cache: 'contextual' })(
  (_parent, _args, ctx: RequestContext) => ctx.identity !== null || unauthenticated(),
);

/** The caller holds `permission` in the active account. */
export const can = (permission: Permission) =>
  rule(`can:${permission}`, { cache: 'contextual' })(async (_parent, _args, ctx: RequestContext) => {
    if (!ctx.identity) return unauthenticated();
    return (await ctx.permissions()).has(permission) || forbidden(`Requires the ${permission} permission in this account`);
  });

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
    apiKey: canManageKey,
    apiKeys: canListKeysInScope,
  },
  Mutation: {
    login: allow,
    authenticate: allow,
    logout: isAuthenticated,
    changePassword: isAuthenticated,
    createUser: can('users.manage'),
    createApiKey: chain(isAuthenticated, callerKeyIsUnrestricted),
    updateApiKey: changesKey,
    setApiKeyState: changesKey,
    setApiKeyExpiry: changesKey,
    deleteApiKey: changesKey,
    resetApiKeySecret: chain(canManageKey, callerKeyIsUnrestricted, keyIsNotLocked),
    lockApiKey: canManageKey,
    unlockApiKey: canManageKey,
    reportLeakedSecret: allow,
  },
  // Settled by the root field that reached them.
  User: allow,
  Account: allow,
  AccountSettings: allow,
  CrossAccountRestriction: allow,
  Role: allow,
  AuthPayload: allow,
  PageInfo: allow,
  ApiKey: allow,
  ApiKeyConnection: allow,
  ApiKeyEdge: allow,
  CreateApiKeyPayload: allow,
  DeleteApiKeyPayload: allow,
};

export const permissions = shield(ruleTree, {
  fallbackRule: deny,
  fallbackError: async (_thrown, _parent, _args, ctx) => ((ctx as unknown as RequestContext).identity ? forbidden() : unauthenticated()),
  allowExternalErrors: true,
  debug: false,
});
