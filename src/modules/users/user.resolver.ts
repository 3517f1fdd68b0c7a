import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import type { PrincipalEntity } from './principal.entity';
import { PrincipalFieldsResolver } from './principal-fields.resolver';
import { CreateUserInput, User } from './user.types';

@Resolver(() => User)
export class UserResolver extends PrincipalFieldsResolver(User) {
  @Query(() => User, { description: 'A user of the active account. NOT_FOUND when there is none the viewer may see.' })
  user(@Arg('id', () => ID, { description: 'User ID (`usr_…`).' }) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.users.userInAccount(ctx, id);
  }

  @Mutation(() => User, { description: 'Creates a user in the active account (needs `users.manage`).' })
  createUser(@Arg('input', { description: 'The new user.' }) input: CreateUserInput, @Ctx() ctx: RequestContext) {
    return ctx.services.users.createUser(ctx, input);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Parent user in the hierarchy, if any.' })
  parent(@Root() user: PrincipalEntity, @Ctx() ctx: RequestContext) {
    return user.parentId ? ctx.loaders.principal.load(user.parentId) : null;
  }
}
