import { Args, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { MarkNotificationsReadArgs, Notification, NotificationConnection, NotificationsArgs } from './notification.types';

@Resolver(() => Notification)
export class NotificationResolver {
  @Query(() => NotificationConnection, { description: 'The viewer\'s notifications, newest first.' })
  notifications(@Args() args: NotificationsArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.notifications.list(ctx, args);
  }

  @Mutation(() => Int, { description: 'Marks some of the viewer\'s notifications read; returns how many were unread and now are read.' })
  markNotificationsRead(@Args() { ids }: MarkNotificationsReadArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.notifications.markRead(ctx, ids);
  }

  @Mutation(() => Int, { description: 'Marks every notification of the viewer read; returns how many were unread.' })
  markAllNotificationsRead(@Ctx() ctx: RequestContext) {
    return ctx.services.notifications.markAllRead(ctx);
  }
}
