/**
 * Who may see and manage a key (DESIGN.md "Authorization model", rule 1):
 * only keys of the active account, and there
 *  - owner: the key's owner is the viewer;
 *  - ancestor: the viewer manages the owner in this account (src/authority.ts);
 *  - admin: the viewer holds `apikeys.manage_all` in this account.
 * Everyone else is told the key does not exist. Changing a key needs a
 * permission besides (src/permissions.ts); yielding a credential, the cap.
 */
import { managesPrincipal } from '../../authority';
import type { RequestContext } from '../../context';
import { isIdOf } from '../../ids';
import type { ApiKeyEntity } from './api-key.entity';

/** The viewer holds `apikeys.manage_all` in the active account. */
export async function isKeyAdmin(ctx: RequestContext): Promise<boolean> {
  return ctx.identity !== null && (await ctx.permissions()).has('apikeys.manage_all');
}

export async function mayManageKey(ctx: RequestContext, key: ApiKeyEntity): Promise<boolean> {
  if (!ctx.identity || key.accountId !== ctx.activeAccountId) return false;
  if (key.ownerId === ctx.identity.principal.id) return true;
  if (await isKeyAdmin(ctx)) return true;
  const owner = await ctx.loaders.principal.load(key.ownerId);
  return owner !== null && managesPrincipal(ctx, owner);
}

/** The key, when it exists and the viewer may see it; null otherwise (the caller answers NOT_FOUND either way). */
export async function visibleKey(ctx: RequestContext, id: unknown): Promise<ApiKeyEntity | null> {
  if (typeof id !== 'string' || !isIdOf('apiKey', id)) return null;
  const key = await ctx.loaders.apiKey.load(id);
  return key && (await mayManageKey(ctx, key)) ? key : null;
}

/** The request was made with a restricted key, or a session such a key opened (DESIGN.md "Restricted by default", rule 6). */
export function callerKeyIsRestricted(ctx: RequestContext): boolean {
  const key = ctx.identity?.apiKey;
  return key !== null && key !== undefined && !key.unrestricted;
}
