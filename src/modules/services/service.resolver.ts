import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { PageArgs } from '../../pagination';
import { DeleteArgs, DeletePayload } from '../../payloads';
import { CreateServiceInput, Service, ServiceConnection, UpdateServiceInput } from './service.types';

/** Thin: reads arguments and calls ServiceService. Who may call what is in src/permissions.ts. */
@Resolver(() => Service)
export class ServiceResolver {
  @Query(() => ServiceConnection, { description: 'The services of the active account, newest first.' })
  services(@Args() page: PageArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.relyingServices.listServices(ctx, page);
  }

  @Query(() => Service, { nullable: true, description: 'A service of the active account; NOT_FOUND otherwise.' })
  service(@Arg('id', () => ID, { description: 'Service ID (`svc_…`).' }) id: string, @Ctx() ctx: RequestContext) {
    return ctx.services.relyingServices.serviceInAccount(ctx, id);
  }

  @Mutation(() => Service, { description: 'Creates a service in the active account (needs `services.manage`); Administrator holds its permissions at once.' })
  createService(@Arg('input', { description: 'The new service.' }) input: CreateServiceInput, @Ctx() ctx: RequestContext) {
    return ctx.services.relyingServices.createService(ctx, input);
  }

  @Mutation(() => Service, { description: 'Changes a service (needs `services.manage`).' })
  updateService(@Arg('input', { description: 'The changes.' }) input: UpdateServiceInput, @Ctx() ctx: RequestContext) {
    return ctx.services.relyingServices.updateService(ctx, input.id, input);
  }

  @Mutation(() => DeletePayload, { description: 'Deletes a service (needs `services.manage`); refused with CONFLICT while a custom role holds one of its permissions.' })
  deleteService(@Args() { id, dryRun }: DeleteArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.relyingServices.deleteService(ctx, id, dryRun);
  }
}
