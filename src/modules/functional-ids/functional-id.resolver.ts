import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { IsOptional, MaxLength } from 'class-validator';
import type { RequestContext } from '../../context';
import { PageArgs } from '../../pagination';
import { DeleteArgs, DeletePayload } from '../../payloads';
import type { PrincipalEntity } from '../users/principal.entity';
import { PrincipalFieldsResolver } from '../users/principal-fields.resolver';
import { User } from '../users/user.types';
import { CreateFunctionalIdInput, FunctionalId, FunctionalIdConnection, UpdateFunctionalIdInput } from './functional-id.types';

@ArgsType()
class FunctionalIdListArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only names starting with this (`ci/` lists the `ci` folder).' })
  @IsOptional()
  @MaxLength(255)
  pathPrefix?: string | null;
}

@Resolver(() => FunctionalId)
export class FunctionalIdResolver extends PrincipalFieldsResolver(FunctionalId) {
  @Query(() => FunctionalIdConnection, { description: 'The functional IDs of the active account, newest first.' })
  functionalIds(@Args() args: FunctionalIdListArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.functionalIds.list(ctx, args);
  }

  @Mutation(() => FunctionalId, {
    description: 'Creates a functional ID in the active account, owned by the viewer or (with `functionalIds.manage`, or for a user below the viewer) by `ownerId`.',
  })
  createFunctionalId(@Arg('input', { description: 'The new functional ID.' }) input: CreateFunctionalIdInput, @Ctx() ctx: RequestContext) {
    return ctx.services.functionalIds.create(ctx, input);
  }

  @Mutation(() => FunctionalId, { description: 'Changes a functional ID (by `functionalIds.manage` holders, its owner and the owner\'s ancestors).' })
  updateFunctionalId(@Arg('input', { description: 'The changes.' }) input: UpdateFunctionalIdInput, @Ctx() ctx: RequestContext) {
    return ctx.services.functionalIds.update(ctx, input.id, input);
  }

  @Mutation(() => DeletePayload, {
    description: 'Deletes a functional ID and its keys (by `functionalIds.manage` holders, its owner and the owner\'s ancestors). KEY_LOCKED while one of its keys is locked.',
  })
  deleteFunctionalId(@Args() { id, dryRun }: DeleteArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.functionalIds.delete(ctx, id, dryRun);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The responsible user; null when it is not a member of the active account.' })
  owner(@Root() functionalId: PrincipalEntity, @Ctx() ctx: RequestContext) {
    return functionalId.ownerId ? ctx.loaders.visiblePrincipal.load(functionalId.ownerId) : null;
  }
}
