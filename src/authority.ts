/**
 * Whether an actor may act on or for another principal (DESIGN.md
 * "Authorization model"). The root-field rules live in src/permissions.ts;
 * the rules here are the ones every service calls, never re-derived inline:
 *
 *  - rule 1, the account boundary: `managesPrincipal` judges the owner and
 *    ancestor rights in the active account only, over principals that belong
 *    to it (an ancestor manages a descendant only where both are members);
 *  - rule 4, the cap: `assertNotAbove` — an action that yields a credential
 *    of P, or the power to act as P, needs the actor's effective permissions
 *    in the account to include all of P's (for a key of the actor itself:
 *    all of that key's, rule 5);
 *  - rule 4, last sentence: `assertKeepsAnAdministrator`.
 */
import type { EntityManager } from 'typeorm';
import type { RequestContext } from './context';
import { forbidden } from './errors';
import { ADMINISTRATOR_ROLE, type Permission } from './modules/roles/permission-catalog';
import type { PrincipalEntity } from './modules/users/principal.entity';

/** The principal belongs to the active account: a user that is a member of it, a functional ID made in it. */
export async function belongsToActiveAccount(ctx: RequestContext, principal: PrincipalEntity): Promise<boolean> {
  if (!ctx.activeAccountId) return false;
  if (principal.kind === 'FUNCTIONAL_ID') return principal.accountId === ctx.activeAccountId;
  return ctx.loaders.memberOfActiveAccount.load(principal.id);
}

/**
 * The viewer manages the principal in the active account (rule 1): for a
 * user, the viewer is one of its ancestors and the user is a member here;
 * for a functional ID of this account, the viewer is its owner or an
 * ancestor of its owner, and the owner is a member here. The viewer itself
 * acts here, so it is a member (src/modules/auth checks that first).
 */
export async function managesPrincipal(ctx: RequestContext, principal: PrincipalEntity): Promise<boolean> {
  if (!ctx.identity || principal.id === ctx.identity.principal.id) return false;
  const viewerId = ctx.identity.principal.id;
  if (!(await belongsToActiveAccount(ctx, principal))) return false;
  if (principal.kind === 'USER') return (await ctx.loaders.ancestorIds.load(principal.id)).includes(viewerId);
  if (!principal.ownerId || !(await ctx.loaders.memberOfActiveAccount.load(principal.ownerId))) return false;
  return principal.ownerId === viewerId || (await ctx.loaders.ancestorIds.load(principal.ownerId)).includes(viewerId);
}

/** The viewer is the principal, or manages it in the active account. */
export async function isSelfOrManager(ctx: RequestContext, principal: PrincipalEntity): Promise<boolean> {
  return ctx.identity?.principal.id === principal.id || managesPrincipal(ctx, principal);
}

/**
 * The cap (rule 4): refuses with FORBIDDEN unless the caller's effective
 * permissions in the active account include all of `principal`'s there.
 * `keyPermissions`: what the credential about to be yielded would hold, when
 * it is a key of the caller's own principal — then the cap compares with it
 * (a Viewer-scoped key may make a Viewer key, never an unscoped one; rule 5).
 */
export async function assertNotAbove(
  ctx: RequestContext,
  principal: PrincipalEntity,
  action: string,
  keyPermissions?: ReadonlySet<Permission>,
): Promise<void> {
  const own = ctx.identity?.principal.id === principal.id;
  const required = own && keyPermissions ? keyPermissions : await ctx.services.roles.permissionsOf(principal.id, ctx.activeAccountId!, null);
  const mine = await ctx.permissions();
  const beyond = [...required].filter((permission) => !mine.has(permission));
  if (beyond.length > 0) {
    const whose = own ? 'that credential' : `${principal.name} (${principal.id})`;
    throw forbidden(`You may not ${action}: ${whose} holds permissions you do not have here (${beyond.sort().join(', ')})`);
  }
}

/** The caller's effective permissions include every one of `permissions` (roles, groups and memberships grant no more). */
export async function assertHoldsAll(ctx: RequestContext, permissions: Iterable<Permission>, what: string): Promise<void> {
  const mine = await ctx.permissions();
  const beyond = [...new Set(permissions)].filter((permission) => !mine.has(permission));
  if (beyond.length > 0) throw forbidden(`You may not grant ${what}: it holds permissions you do not have (${beyond.sort().join(', ')})`);
}

/**
 * An account always keeps at least one Administrator: an enabled user, a
 * member, holding the built-in role directly. Call inside the transaction,
 * after the change, with the account it touched.
 */
export async function assertKeepsAnAdministrator(manager: EntityManager, accountId: string): Promise<void> {
  const rows: { n: number | string }[] = await manager.query(
    `SELECT COUNT(*) AS n
       FROM role_assignments a
       JOIN roles r ON r.id = a.role_id
       JOIN principals p ON p.id = a.principal_id
       JOIN account_memberships m ON m.user_id = p.id AND m.account_id = a.account_id
      WHERE a.account_id = ? AND r.name = ? AND r.built_in = ? AND p.kind = 'USER' AND p.disabled = ?`,
    [accountId, ADMINISTRATOR_ROLE, 1, 0],
  );
  if (Number(rows[0]?.n ?? 0) === 0) throw forbidden('The account must keep at least one enabled Administrator: give the role to someone else first');
}
