/** Field resolvers shared by every Principal type (User, FunctionalId): loaded in batches, never per row. */
import { Args, Ctx, FieldResolver, Resolver, Root, type ClassType } from 'type-graphql';
import type { RequestContext } from '../../context';
import { PageArgs } from '../../pagination';
import { ApiKeyConnection } from '../api-keys/api-key.types';
import { Account, AccountInvitation } from '../accounts/account.types';
import { Group } from '../groups/group.types';
import { Role } from '../roles/role.types';
import type { PrincipalEntity } from './principal.entity';

export function PrincipalFieldsResolver<T extends object>(objectType: ClassType<T>) {
  @Resolver(() => objectType)
  abstract class PrincipalFields {
    @FieldResolver(() => Account, { nullable: true, description: 'Home account; null unless the viewer is a member of it.' })
    account(@Root() principal: PrincipalEntity, @Ctx() ctx: RequestContext) {
      return ctx.loaders.visibleAccount.load(principal.accountId);
    }

    @FieldResolver(() => [Role], { description: 'Roles held directly in the active account.' })
    roles(@Root() principal: PrincipalEntity, @Ctx() ctx: RequestContext) {
      return ctx.loaders.rolesOfPrincipal.load(principal.id);
    }

    @FieldResolver(() => [Group], { description: 'Groups of the active account the principal is a member of.' })
    groups(@Root() principal: PrincipalEntity, @Ctx() ctx: RequestContext) {
      return ctx.loaders.groupsOfPrincipal.load(principal.id);
    }

    @FieldResolver(() => [AccountInvitation], { description: 'Pending invitations to join other accounts: the viewer\'s own only.' })
    async invitations(@Root() principal: PrincipalEntity, @Ctx() ctx: RequestContext): Promise<AccountInvitation[]> {
      if (principal.kind !== 'USER' || principal.id !== ctx.identity?.principal.id) return [];
      const invitations = await ctx.services.accounts.invitationsOf(principal.id);
      const accounts = await ctx.loaders.account.loadMany(invitations.map((i) => i.accountId));
      const roles = await ctx.loaders.role.loadMany(invitations.flatMap((i) => i.roleIds));
      const roleName = new Map(roles.flatMap((r) => (r && !(r instanceof Error) ? [[r.id, r.name] as const] : [])));
      return invitations.map((invitation, i) => {
        const account = accounts[i];
        return {
          id: invitation.id,
          accountId: invitation.accountId,
          accountName: account && !(account instanceof Error) ? account.name : '',
          roleNames: invitation.roleIds.flatMap((id) => roleName.get(id) ?? []),
          createdAt: invitation.createdAt,
        };
      });
    }

    @FieldResolver(() => ApiKeyConnection, { description: 'The principal\'s keys the viewer may see, newest first.' })
    apiKeys(@Root() principal: PrincipalEntity, @Args() page: PageArgs, @Ctx() ctx: RequestContext) {
      return ctx.services.apiKeys.keysOfPrincipal(ctx, principal, page);
    }
  }
  return PrincipalFields;
}
