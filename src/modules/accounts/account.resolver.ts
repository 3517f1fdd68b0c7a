import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { notFound } from '../../errors';
import type { AccountEntity } from './account.entity';
import { Account, AccountMemberInput, AccountSettings, AccountSettingsInput, CreateAccountInput } from './account.types';

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => Account, { description: 'The active account: `X-Account-Id`, else the key\'s account, else the viewer\'s home account.' })
  async account(@Ctx() ctx: RequestContext) {
    return (ctx.activeAccountId && (await ctx.loaders.account.load(ctx.activeAccountId))) || Promise.reject(notFound('Account'));
  }

  @Mutation(() => Account, { description: 'Creates an account; the viewer (a user) becomes a member and its Administrator.' })
  createAccount(@Arg('input', { description: 'The new account.' }) input: CreateAccountInput, @Ctx() ctx: RequestContext) {
    return ctx.services.accounts.createAccountFor(ctx, input.name);
  }

  @Mutation(() => Account, {
    description:
      'Invites an existing user to the active account, with roles there (needs `account.manage`, and every permission of those roles): the user becomes a member only when it accepts (`acceptAccountInvitation`).',
  })
  addAccountMember(@Arg('input', { description: 'Account, user and roles.' }) input: AccountMemberInput, @Ctx() ctx: RequestContext) {
    return ctx.services.accounts.addMember(ctx, input);
  }

  @Mutation(() => Account, {
    description:
      'Removes a user from the active account (not its home account): its roles, groups, sessions and keys there end at once, and so do its rights over others there; a pending invitation is withdrawn (needs `account.manage`).',
  })
  removeAccountMember(@Arg('input', { description: 'Account and user.' }) input: AccountMemberInput, @Ctx() ctx: RequestContext) {
    return ctx.services.accounts.removeMember(ctx, input);
  }

  @Mutation(() => Account, { description: 'Accepts an invitation addressed to the viewer: it joins that account with the Member role and the roles the invitation names.' })
  acceptAccountInvitation(@Arg('id', () => ID, { description: 'The invitation (`acc_inv_…`).' }) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.accounts.acceptInvitation(ctx, id);
  }

  @Mutation(() => Boolean, { description: 'Declines an invitation addressed to the viewer: it is deleted and grants nothing.' })
  declineAccountInvitation(@Arg('id', () => ID, { description: 'The invitation (`acc_inv_…`).' }) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.accounts.declineInvitation(ctx, id);
  }

  @Mutation(() => Account, { description: 'Changes the active account\'s limits and policies (needs `account.manage`).' })
  updateAccountSettings(@Arg('input', { description: 'The changes.' }) input: AccountSettingsInput, @Ctx() ctx: RequestContext) {
    return ctx.services.accounts.updateSettings(ctx, input);
  }

  @FieldResolver(() => AccountSettings, { description: 'Limits and policies.' })
  settings(@Root() account: AccountEntity): AccountSettings {
    return {
      maxApiKeysPerPrincipal: account.maxApiKeysPerPrincipal,
      maxAccessKeysPerPrincipal: account.maxAccessKeysPerPrincipal,
      maxKeyLifetimeDays: account.maxKeyLifetimeDays,
      restrictUserApiKeyCreation: account.restrictUserApiKeyCreation,
      crossAccountRestriction: { enabled: account.crossAccountRestriction, allowedAccountIds: account.crossAccountAllowedIds },
      expiryNoticeDays: account.expiryNoticeDays,
    };
  }
}
