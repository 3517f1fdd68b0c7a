/**
 * Who may see and manage a key (DESIGN.md "Authorization"):
 *  - owner: the key's owner is the viewer;
 *  - ancestor: the viewer is an ancestor of the owner; for a functional ID's
 *    keys, its owner or an ancestor of its owner;
 *  - admin: the viewer holds `apikeys.manage_all` in the active account and
 *    the key belongs to the active account.
 * Everyone else is told the key does not exist.
 */
import type { RequestContext } from '../../context';
import { isIdOf } from '../../ids';
import type { PrincipalEntity } from '../users/principal.entity';
import type { ApiKeyEntity } from './api-key.entity';

/** The viewer holds `apikeys.manage_all` in the active account. */
export async function isKeyAdmin(ctx: RequestContext): Promise<boolean> {
  return ctx.identity !== null && (await ctx.permissions()).has('apikeys.manage_all');
}

/** The viewer is the principal or manages it (owner / ancestor rules). */
export async function managesPrincipal(ctx: RequestContext, principal: PrincipalEntity): Promise<boolean> {
  if (!ctx.identity) return false;
  const viewerId = ctx.identity.principal.id;
  if (principal.id === viewerId) return true;
  // Same rule as hierarchy.ts managerIdsOf, through the per-request loader (lists resolve many owners).
  if (principal.kind === 'USER') return (await ctx.loaders.ancestorIds.load(principal.id)).includes(viewerId);
  if (!principal.ownerId) return false;
  return principal.ownerId === viewerId || (await ctx.loaders.ancestorIds.load(principal.ownerId)).includes(viewerId);
}

export async function mayManageKey(ctx: RequestContext, key: ApiKeyEntity): Promise<boolean> {
  if (!ctx.identity) return false;
  if (key.ownerId === ctx.identity.principal.id) return true;
  if (key.accountId === ctx.activeAccountId && (await isKeyAdmin(ctx))) return true;
  const owner = await ctx.loaders.principal.load(key.ownerId);
  return owner !== null && managesPrincipal(ctx, owner);
}

/** The key, when it exists and the viewer may see it; null otherwise (the caller answers NOT_FOUND either way). */
export async function visibleKey(ctx: RequestContext, id: unknown): Promise<ApiKeyEntity | null> {
  if (typeof id !== 'string' || !isIdOf('apiKey', id)) return null;
  const key = await ctx.loaders.apiKey.load(id);
  return key && (await mayManageKey(ctx, key)) ? key : null;
}
