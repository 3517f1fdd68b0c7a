import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { loadPrincipalPage } from '../../loaders';
import { PageArgs } from '../../pagination';
import { DeleteArgs, DeletePayload } from '../../payloads';
import { Role } from '../roles/role.types';
import { PrincipalConnection } from '../users/principal.types';
import type { GroupEntity } from './group.entity';
import { CreateGroupInput, Group, GroupConnection, GroupMembersInput, UpdateGroupInput } from './group.types';

@Resolver(() => Group)
export class GroupResolver {
  @Query(() => GroupConnection, { description: 'The groups of the active account, newest first.' })
  groups(@Args() page: PageArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.groups.listGroups(ctx, page);
  }

  @Mutation(() => Group, { description: 'Creates an access group in the active account (needs `groups.manage`).' })
  createGroup(@Arg('input', { description: 'The new group.' }) input: CreateGroupInput, @Ctx() ctx: RequestContext) {
    return ctx.services.groups.createGroup(ctx, input);
  }

  @Mutation(() => Group, { description: 'Renames a group, or replaces the roles it grants (needs `groups.manage`).' })
  updateGroup(@Arg('input', { description: 'The changes.' }) input: UpdateGroupInput, @Ctx() ctx: RequestContext) {
    return ctx.services.groups.updateGroup(ctx, input.id, input);
  }

  @Mutation(() => DeletePayload, { description: 'Deletes a group: its members lose what it granted (needs `groups.manage`).' })
  deleteGroup(@Args() { id, dryRun }: DeleteArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.groups.deleteGroup(ctx, id, dryRun);
  }

  @Mutation(() => Group, { description: 'Adds users and functional IDs of the active account to a group (needs `groups.manage`).' })
  addGroupMembers(@Arg('input', { description: 'Group and principals.' }) input: GroupMembersInput, @Ctx() ctx: RequestContext) {
    return ctx.services.groups.addMembers(ctx, input.groupId, input.principalIds);
  }

  @Mutation(() => Group, { description: 'Removes principals from a group; what it granted them ends with the next request (needs `groups.manage`).' })
  removeGroupMembers(@Arg('input', { description: 'Group and principals.' }) input: GroupMembersInput, @Ctx() ctx: RequestContext) {
    return ctx.services.groups.removeMembers(ctx, input.groupId, input.principalIds);
  }

  @FieldResolver(() => [Role], { description: 'Roles every member holds through the group.' })
  roles(@Root() group: GroupEntity, @Ctx() ctx: RequestContext) {
    return ctx.loaders.rolesOfGroup.load(group.id);
  }

  @FieldResolver(() => PrincipalConnection, { description: 'Members, by ID descending: users (`usr_`) newest first, then functional IDs (`fid_`).' })
  members(@Root() group: GroupEntity, @Args() page: PageArgs, @Ctx() ctx: RequestContext) {
    return loadPrincipalPage(ctx.loaders, ctx.loaders.groupMembersPage, { parentId: group.id, ...page }, () =>
      ctx.services.groups.countMembers(ctx, group.id),
    );
  }
}
