import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { notFound } from '../../errors';
import { PageArgs } from '../../pagination';
import { isExpired } from './key-validity';
import { Account } from '../accounts/account.types';
import { Group } from '../groups/group.types';
import { isServicePermissionName } from '../roles/permission-catalog';
import { Role } from '../roles/role.types';
import { Principal } from '../users/principal.types';
import type { ApiKeyEntity } from './api-key.entity';
import { etagOf } from './api-key.service';
import {
  ApiKey,
  ApiKeyConnection,
  ApiKeyFilter,
  CreateApiKeyInput,
  CreateApiKeyPayload,
  DeleteApiKeyInput,
  DeleteApiKeyPayload,
  ResetApiKeySecretInput,
  SetApiKeyAccessInput,
  SetApiKeyExpiryInput,
  SetApiKeyStateInput,
  UpdateApiKeyInput,
} from './api-key.types';

/** Thin: reads arguments and calls ApiKeyService. Who may call what is in src/permissions.ts. */
@Resolver(() => ApiKey)
export class ApiKeyResolver {
  @Query(() => ApiKey, { nullable: true, description: 'A key the viewer owns or manages (or any key of the account, for `apikeys.manage_all`). NOT_FOUND otherwise.' })
  async apiKey(@Arg('id', () => ID, { description: 'Key ID (`key_…`).' }) id: string, @Ctx() ctx: RequestContext) {
    return (await ctx.loaders.apiKey.load(id)) ?? Promise.reject(notFound('API key'));
  }

  @Query(() => ApiKeyConnection, { description: 'Keys, newest first, by scope (MINE by default) and filter.' })
  apiKeys(
    @Arg('filter', () => ApiKeyFilter, { nullable: true, description: 'Scope and conditions.' }) filter: ApiKeyFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.apiKeys.listKeys(ctx, filter, page);
  }

  @Mutation(() => CreateApiKeyPayload, { description: 'Creates an API key or an access key. The payload holds its secret, shown this once.' })
  createApiKey(@Arg('input', { description: 'The new key.' }) input: CreateApiKeyInput, @Ctx() ctx: RequestContext) {
    return ctx.services.apiKeys.createApiKey(ctx, input);
  }

  @Mutation(() => ApiKey, { description: 'Changes a key\'s name, description, allowedCidrs or actionWhenLeaked.' })
  updateApiKey(@Arg('input', { description: 'The changes.' }) input: UpdateApiKeyInput, @Ctx() ctx: RequestContext) {
    return ctx.services.apiKeys.updateApiKey(ctx, input);
  }

  @Mutation(() => ApiKey, { description: 'Turns a key on (ACTIVE) or off (INACTIVE).' })
  setApiKeyState(@Arg('input', { description: 'Key and state.' }) input: SetApiKeyStateInput, @Ctx() ctx: RequestContext) {
    return ctx.services.apiKeys.setApiKeyState(ctx, input.id, input.state, input.ifMatch);
  }

  @Mutation(() => ApiKey, { description: 'Sets (or removes, with null) a key\'s expiry.' })
  setApiKeyExpiry(@Arg('input', { description: 'Key and expiry.' }) input: SetApiKeyExpiryInput, @Ctx() ctx: RequestContext) {
    return ctx.services.apiKeys.setApiKeyExpiry(ctx, input.id, input.expiresAt ?? null, input.ifMatch);
  }

  @Mutation(() => CreateApiKeyPayload, { description: 'Makes a new secret for a key, shown this once; the old one works for the grace period.' })
  resetApiKeySecret(@Arg('input', { description: 'Key, grace period, ifMatch, dryRun.' }) input: ResetApiKeySecretInput, @Ctx() ctx: RequestContext) {
    return ctx.services.apiKeys.resetApiKeySecret(ctx, input);
  }

  @Mutation(() => DeleteApiKeyPayload, { description: 'Deletes a key; sessions it opened end with it. A locked key cannot be deleted.' })
  deleteApiKey(@Arg('input', { description: 'Key, ifMatch, dryRun.' }) input: DeleteApiKeyInput, @Ctx() ctx: RequestContext) {
    return ctx.services.apiKeys.deleteApiKey(ctx, input);
  }

  @Mutation(() => ApiKey, {
    description: 'Gives a key its own roles and groups (BMC Helix key access): it then acts with what they grant, capped by its owner\'s permissions. Empty lists: the owner\'s permissions.',
  })
  setApiKeyAccess(@Arg('input', { description: 'Key, roles, groups, ifMatch.' }) input: SetApiKeyAccessInput, @Ctx() ctx: RequestContext) {
    return ctx.services.apiKeys.setApiKeyAccess(ctx, input);
  }

  @Mutation(() => ApiKey, { description: 'Locks a key: read-only until unlocked (it still authenticates).' })
  lockApiKey(@Arg('id', () => ID, { description: 'The key.' }) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.apiKeys.lockApiKey(ctx, id);
  }

  @Mutation(() => ApiKey, { description: 'Unlocks a key, so that it can be changed and deleted again.' })
  unlockApiKey(@Arg('id', () => ID, { description: 'The key.' }) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.apiKeys.unlockApiKey(ctx, id);
  }

  @Mutation(() => Boolean, {
    description: 'Reports a key secret found in the open (no authentication needed). A live key gets its actionWhenLeaked. Always answers true.',
  })
  reportLeakedSecret(@Arg('secret', { description: 'The leaked API key token, secret access key, or `accessKeyId:secretAccessKey`.' }) secret: string, @Ctx() ctx: RequestContext) {
    return ctx.services.apiKeys.reportLeakedSecret(ctx, secret.slice(0, 256));
  }

  @FieldResolver(() => Principal, { nullable: true, description: 'Who holds the key; null when it is neither the viewer nor a member of the active account.' })
  owner(@Root() key: ApiKeyEntity, @Ctx() ctx: RequestContext) {
    return ctx.loaders.visiblePrincipal.load(key.ownerId);
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The account the key belongs to (where it was created); null unless the viewer is a member of it.' })
  account(@Root() key: ApiKeyEntity, @Ctx() ctx: RequestContext) {
    return ctx.loaders.visibleAccount.load(key.accountId);
  }

  @FieldResolver(() => Principal, { nullable: true, description: 'Who created the key; null if that principal is gone, or is neither the viewer nor a member of the active account.' })
  createdBy(@Root() key: ApiKeyEntity, @Ctx() ctx: RequestContext) {
    return key.createdById ? ctx.loaders.visiblePrincipal.load(key.createdById) : null;
  }

  @FieldResolver(() => Principal, { nullable: true, description: 'Who last changed the key; null if that principal is gone, after an automatic change, or beyond the active account.' })
  updatedBy(@Root() key: ApiKeyEntity, @Ctx() ctx: RequestContext) {
    return key.updatedById ? ctx.loaders.visiblePrincipal.load(key.updatedById) : null;
  }

  @FieldResolver(() => [Role], { description: 'The key\'s own roles; with none (and no groups) it acts with its owner\'s permissions.' })
  roles(@Root() key: ApiKeyEntity, @Ctx() ctx: RequestContext) {
    return ctx.loaders.rolesOfApiKey.load(key.id);
  }

  @FieldResolver(() => [Group], { description: 'The key\'s own groups: it acts with their roles, capped by its owner\'s permissions.' })
  groups(@Root() key: ApiKeyEntity, @Ctx() ctx: RequestContext) {
    return ctx.loaders.groupsOfApiKey.load(key.id);
  }

  @FieldResolver(() => [String], {
    description:
      'The permissions of the account\'s services this key carries now (`billing:invoices.read`), capped by its owner\'s like every permission: what its access tokens for those services can hold.',
  })
  async servicePermissions(@Root() key: ApiKeyEntity, @Ctx() ctx: RequestContext): Promise<string[]> {
    const held = await ctx.loaders.keyPermissions.load(key);
    return [...held].filter(isServicePermissionName).sort();
  }

  @FieldResolver(() => Boolean, { description: 'True once expiresAt has passed: the key no longer authenticates.' })
  expired(@Root() key: ApiKeyEntity, @Ctx() ctx: RequestContext) {
    return isExpired(key, ctx.services.clock.now());
  }

  @FieldResolver(() => String, { description: 'Changes with every change to the key: pass it as `ifMatch` to refuse a write over a change you have not seen.' })
  etag(@Root() key: ApiKeyEntity) {
    return etagOf(key);
  }
}
