import { ArrayMaxSize } from 'class-validator';
import { ArgsType, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../node';
import { ConnectionType, PageArgs } from '../../pagination';
import { NOTIFICATION_KINDS } from './notification-kinds';
import { MAX_MARK_READ_IDS } from './notification.service';

export const NotificationKind = Object.fromEntries(Object.keys(NOTIFICATION_KINDS).map((k) => [k, k])) as {
  [K in keyof typeof NOTIFICATION_KINDS]: K;
};
registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description: 'What a notification is about.',
  valuesConfig: Object.fromEntries(Object.entries(NOTIFICATION_KINDS).map(([kind, description]) => [kind, { description }])),
});

@ObjectType({ implements: Node, description: 'An in-app ("bell") notification for the viewer.' })
export class Notification extends Node {
  @Field(() => NotificationKind, { description: 'What it is about.' })
  kind!: string;

  @Field({ description: 'Human-readable text; it names keys by name and prefix, never by secret.' })
  message!: string;

  @Field(() => ID, { nullable: true, description: 'ID of what it is about (a key, a group, a principal); it may have been deleted since.' })
  subjectId!: string | null;

  @Field({ description: 'When it was created.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the viewer marked it read; null while unread.' })
  readAt!: Date | null;
}

export const NotificationConnection = ConnectionType(Notification, 'Notification', 'notification');

@ArgsType()
export class NotificationsArgs extends PageArgs {
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Only the unread ones (their `totalCount` is the bell badge).' })
  unreadOnly!: boolean;
}

@ArgsType()
export class MarkNotificationsReadArgs {
  @Field(() => [ID], { description: `Notifications to mark read, at most ${MAX_MARK_READ_IDS}; IDs that are not the viewer's are ignored.` })
  @ArrayMaxSize(MAX_MARK_READ_IDS)
  ids!: string[];
}
