import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from './context';
import { notFound } from './errors';
import { kindOfId } from './ids';
import { Node } from './node';
import { visibleKey } from './modules/api-keys/key-access';

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global ID, with the same visibility rules as its own query.' })
  async node(@Arg('id', () => ID, { description: 'Global ID.' }) id: string, @Ctx() ctx: RequestContext): Promise<Node> {
    switch (kindOfId(id)) {
      case 'user':
        return ctx.services.users.userInAccount(ctx, id);
      case 'functionalId':
        return ctx.services.functionalIds.functionalIdInAccount(ctx, id);
      case 'group':
        return ctx.services.groups.groupInAccount(ctx, id);
      case 'account':
        if (id === ctx.activeAccountId) return (await ctx.loaders.account.load(id)) ?? Promise.reject(notFound('Account'));
        break;
      case 'apiKey': {
        const key = await visibleKey(ctx, id);
        if (key) return key;
        break;
      }
      case 'notification': {
        const notification = await ctx.services.notifications.ofViewer(ctx, id);
        if (notification) return notification;
        break;
      }
      case 'auditEvent': {
        // Only for holders of audit.read, and only events of the active account: otherwise as absent as a missing one.
        if (!(await ctx.permissions()).has('audit.read')) break;
        const event = await ctx.services.audit.eventInAccount(id, ctx.activeAccountId!);
        if (event) return event;
        break;
      }
      case 'service':
        return ctx.services.relyingServices.serviceInAccount(ctx, id);
      case 'webhook':
        // Only for holders of webhooks.manage, like `webhooks`.
        if (!(await ctx.permissions()).has('webhooks.manage')) break;
        return ctx.services.webhooks.webhookInAccount(ctx, id);
      case 'role': {
        const role = await ctx.loaders.role.load(id);
        if (role && role.accountId === ctx.activeAccountId) return role;
        break;
      }
    }
    throw notFound('Node');
  }
}
