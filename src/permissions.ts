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
import { allow, deny, rule, shield } from 'graphql-shield';
import type { RequestContext } from './context';
import { forbidden, unauthenticated } from './errors';
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

export const ruleTree = {
  Query: {
    viewer: allow,
    node: isAuthenticated,
    user: isAuthenticated,
    roles: isAuthenticated,
    account: isAuthenticated,
    // Notifications and audit (issue 5): the bell is the viewer's own; the trail needs audit.read.
    notifications: isAuthenticated,
    auditEvents: can('audit.read'),
  },
  Mutation: {
    login: allow,
    authenticate: allow,
    logout: isAuthenticated,
    changePassword: isAuthenticated,
    createUser: can('users.manage'),
    // Notifications (issue 5): the service touches only the viewer's own.
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
  PageInfo: allow,
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
