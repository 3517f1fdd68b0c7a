import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { PageArgs } from '../../pagination';
import { Principal } from '../users/principal.types';
import type { AuditEventEntity } from './audit-event.entity';
import { AuditEvent, AuditEventConnection, AuditEventFilter } from './audit.types';

@Resolver(() => AuditEvent)
export class AuditResolver {
  @Query(() => AuditEventConnection, {
    description: 'The audit trail of the active account, newest first (needs `audit.read`; FORBIDDEN otherwise).',
  })
  auditEvents(
    @Arg('filter', () => AuditEventFilter, { nullable: true, description: 'Conditions the events must meet.' }) filter: AuditEventFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.audit.list(ctx.activeAccountId!, filter ?? {}, page);
  }

  @FieldResolver(() => Principal, { nullable: true, description: 'Who acted; null when anonymous, since deleted, or not a member of the active account (see `actorId`).' })
  actor(@Root() event: AuditEventEntity, @Ctx() ctx: RequestContext) {
    return event.actorId ? ctx.loaders.visiblePrincipal.load(event.actorId) : null;
  }
}
