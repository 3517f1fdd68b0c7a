import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { loadPrincipalPage } from '../../loaders';
import { PageArgs } from '../../pagination';
import { DeleteArgs, DeletePayload } from '../../payloads';
import { mayReadEmail } from '../../permissions';
import { PrincipalEntity } from './principal.entity';
import { PrincipalFieldsResolver } from './principal-fields.resolver';
import { CreateUserInput, SetUserDisabledInput, UpdateUserInput, User, UserConnection } from './user.types';

@Resolver(() => User)
export class UserResolver extends PrincipalFieldsResolver(User) {
  @Query(() => User, { description: 'A user of the active account. NOT_FOUND when there is none the viewer may see.' })
  user(@Arg('id', () => ID, { description: 'User ID (`usr_…`).' }) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.users.userInAccount(ctx, id);
  }

  @Query(() => UserConnection, { description: 'The users of the active account (its own and those who joined it), newest first.' })
  users(@Args() page: PageArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.users.listUsers(ctx, page);
  }

  @Mutation(() => User, {
    description:
      'Creates a user in the active account. Holders of `users.manage` create anyone; any other user creates its own children. The creator is the parent unless a `users.manage` holder names another.',
  })
  createUser(@Arg('input', { description: 'The new user.' }) input: CreateUserInput, @Ctx() ctx: RequestContext) {
    return ctx.services.users.createUser(ctx, input);
  }

  @Mutation(() => User, {
    description: 'Changes a user: by `users.manage` holders and the user\'s ancestors; the user itself may change its name. Moving it needs `users.manage`.',
  })
  updateUser(@Arg('input', { description: 'The changes.' }) input: UpdateUserInput, @Ctx() ctx: RequestContext) {
    return ctx.services.users.updateUser(ctx, input.id, input);
  }

  @Mutation(() => User, {
    description: 'Disables a user — its sessions end and its keys stop at once — or enables it again (by `users.manage` holders and its ancestors).',
  })
  setUserDisabled(@Arg('input', { description: 'User and state.' }) input: SetUserDisabledInput, @Ctx() ctx: RequestContext) {
    return ctx.services.users.setUserDisabled(ctx, input.id, input.disabled);
  }

  @Mutation(() => DeletePayload, {
    description:
      'Deletes a user and its keys (by `users.manage` holders and its ancestors). CONFLICT while it has children or owns functional IDs; KEY_LOCKED while one of its keys is locked.',
  })
  deleteUser(@Args() { id, dryRun }: DeleteArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.users.deleteUser(ctx, id, dryRun);
  }

  /** Declared on `User`; masked here by the rule in permissions.ts (a shield rule could only fail the field, not null it). */
  @FieldResolver()
  async email(@Root() user: PrincipalEntity, @Ctx() ctx: RequestContext): Promise<string | null> {
    return (await mayReadEmail(ctx, user)) ? user.email : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Parent user in the hierarchy; null for a root, or when the parent is not a member of the active account.' })
  parent(@Root() user: PrincipalEntity, @Ctx() ctx: RequestContext) {
    return user.parentId ? ctx.loaders.visiblePrincipal.load(user.parentId) : null;
  }

  @FieldResolver(() => [User], { description: 'Parent, grandparent, … up to the root, nearest first: those that are members of the active account.' })
  async ancestors(@Root() user: PrincipalEntity, @Ctx() ctx: RequestContext): Promise<PrincipalEntity[]> {
    const ids = await ctx.loaders.ancestorIds.load(user.id);
    const ancestors = await ctx.loaders.visiblePrincipal.loadMany(ids);
    return ancestors.filter((a): a is PrincipalEntity => a instanceof PrincipalEntity);
  }

  @FieldResolver(() => UserConnection, { description: 'Direct children in the hierarchy that belong to the active account, newest first.' })
  children(@Root() user: PrincipalEntity, @Args() page: PageArgs, @Ctx() ctx: RequestContext) {
    return loadPrincipalPage(ctx.loaders, ctx.loaders.childrenPage, { parentId: user.id, ...page }, () => ctx.services.users.countChildren(ctx, user.id));
  }
}
