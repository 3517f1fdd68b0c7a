import { Args, Ctx, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../context';
import { unauthenticated } from '../../errors';
import { decodeNotification, NOTIFICATION_ADDED, type NotificationMessage } from './notification-stream';
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

  @Subscription(() => Notification, {
    description:
      'Each new notification of the viewer, as it is created (the bell, live). Over WebSocket only (`graphql-transport-ws` ' +
      'on `/graphql`), authenticated in `connection_init` with `{ "authorization": "Bearer kws_…" }` or `"ApiKey kw_…"`; ' +
      'the server closes the socket (4401) when that credential ends. Only the viewer\'s own notifications are delivered.',
    topics: NOTIFICATION_ADDED,
    // The topic is the recipient's: a subscription hears of its viewer's notifications and of no one else's.
    topicId: ({ context }: { context: RequestContext }) => {
      if (!context.identity) throw unauthenticated();
      return context.identity.principal.id;
    },
  })
  notificationAdded(@Root() message: NotificationMessage): Notification {
    return decodeNotification(message) as Notification;
  }
}
