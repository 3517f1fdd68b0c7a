import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { notFound } from '../../errors';
import type { AccountEntity } from './account.entity';
import { Account, AccountSettings } from './account.types';

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => Account, { description: 'The active account: `X-Account-Id`, else the key\'s account, else the viewer\'s home account.' })
  async account(@Ctx() ctx: RequestContext) {
    return (ctx.activeAccountId && (await ctx.loaders.account.load(ctx.activeAccountId))) || Promise.reject(notFound('Account'));
  }

  @FieldResolver(() => AccountSettings, { description: 'Limits and policies.' })
  settings(@Root() account: AccountEntity): AccountSettings {
    return {
      maxApiKeysPerPrincipal: account.maxApiKeysPerPrincipal,
      maxAccessKeysPerPrincipal: account.maxAccessKeysPerPrincipal,
      maxKeyLifetimeDays: account.maxKeyLifetimeDays,
      restrictUserApiKeyCreation: account.restrictUserApiKeyCreation,
      crossAccountRestriction: { enabled: account.crossAccountRestriction, allowedAccountIds: account.crossAccountAllowedIds },
    };
  }
}
