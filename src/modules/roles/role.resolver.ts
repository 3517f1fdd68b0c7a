import { Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { Role } from './role.types';

@Resolver(() => Role)
export class RoleResolver {
  @Query(() => [Role], { description: 'The roles of the active account, built-in ones first.' })
  roles(@Ctx() ctx: RequestContext) {
    return ctx.services.roles.rolesOfAccount(ctx.activeAccountId!);
  }
}
