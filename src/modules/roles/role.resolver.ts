import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { DeleteArgs, DeletePayload } from '../../payloads';
import { Principal } from '../users/principal.types';
import { CreateRoleInput, Role, SetPrincipalRolesInput, UpdateRoleInput } from './role.types';

@Resolver(() => Role)
export class RoleResolver {
  @Query(() => [Role], { description: 'The roles of the active account, built-in ones first.' })
  roles(@Ctx() ctx: RequestContext) {
    return ctx.services.roles.rolesOfAccount(ctx.activeAccountId!);
  }

  @Query(() => [String], {
    description: 'Every permission a role of the active account may hold: the built-in ones (`users.read`, `apikeys.manage_all`, …), then those of its services (`billing:invoices.read`).',
  })
  permissionCatalog(@Ctx() ctx: RequestContext): Promise<string[]> {
    return ctx.services.roles.catalogOf(ctx.activeAccountId!);
  }

  @Query(() => [String], {
    description:
      'The permissions the caller holds in the active account, through its roles and groups (capped by the key for a key-based call), sorted; frontends use it to offer only what will be allowed.',
  })
  async viewerPermissions(@Ctx() ctx: RequestContext): Promise<string[]> {
    return [...(await ctx.permissions())].sort();
  }

  @Mutation(() => Role, { description: 'Creates a custom role in the active account (needs `roles.manage`).' })
  createRole(@Arg('input', { description: 'The new role.' }) input: CreateRoleInput, @Ctx() ctx: RequestContext) {
    return ctx.services.roles.createRole(ctx, input);
  }

  @Mutation(() => Role, { description: 'Changes a custom role (needs `roles.manage`). Built-in roles are read-only: FORBIDDEN.' })
  updateRole(@Arg('input', { description: 'The changes.' }) input: UpdateRoleInput, @Ctx() ctx: RequestContext) {
    return ctx.services.roles.updateRole(ctx, input.id, input);
  }

  @Mutation(() => DeletePayload, { description: 'Deletes a custom role and every grant of it (needs `roles.manage`). Built-in roles: FORBIDDEN.' })
  deleteRole(@Args() { id, dryRun }: DeleteArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.roles.deleteRole(ctx, id, dryRun);
  }

  @Mutation(() => Principal, { description: 'Replaces the roles a principal holds directly in the active account (needs `roles.manage`).' })
  setPrincipalRoles(@Arg('input', { description: 'Principal and roles.' }) input: SetPrincipalRolesInput, @Ctx() ctx: RequestContext) {
    return ctx.services.roles.setPrincipalRoles(ctx, input.principalId, input.roleIds);
  }
}
