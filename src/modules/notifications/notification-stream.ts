/**
 * Live fan-out of notifications (DESIGN.md "Live notifications"): once a
 * notification row commits, it is published on a message bus under its
 * recipient's topic, and the subscriptions of that recipient (and of nobody
 * else: the topic is the routing) hear of it. Live connections learn that
 * their credential may have ended from the cache invalidations
 * (src/cache-invalidation.ts), which cross the same bus.
 *
 * The bus is the cluster bus (src/cluster-bus.ts): this process alone, or
 * every node through Redis pub/sub when REDIS_URL is set. Payloads cross it
 * as JSON: nothing but plain data, never a secret (a notification's message
 * names keys by name and prefix only).
 */
import type { PubSub } from 'type-graphql';
import type { ClusterBus } from '../../cluster-bus';
import type { Logger } from '../../logger';
import type { NotificationEntity } from './notification.entity';
import type { NotificationKindValue } from './notification-kinds';

/** The routing key of `Subscription.notificationAdded`; the recipient's ID is its dynamic part. */
export const NOTIFICATION_ADDED = 'notification.added';
/** A notification as it crosses the bus. */
export interface NotificationMessage {
  id: string;
  recipientId: string;
  kind: NotificationKindValue;
  message: string;
  subjectId: string | null;
  createdAt: string;
  readAt: string | null;
}

export function encodeNotification(row: NotificationEntity): NotificationMessage {
  return {
    id: row.id,
    recipientId: row.recipientId,
    kind: row.kind,
    message: row.message,
    subjectId: row.subjectId,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/** Back to the shape of a row (the `Notification` type resolves it as it resolves rows). */
export function decodeNotification(message: NotificationMessage): NotificationEntity {
  return {
    id: message.id,
    recipientId: message.recipientId,
    kind: message.kind,
    message: message.message,
    subjectId: message.subjectId,
    createdAt: new Date(message.createdAt),
    readAt: message.readAt === null ? null : new Date(message.readAt),
  };
}

export function notificationTopic(recipientId: string): string {
  return `${NOTIFICATION_ADDED}:${recipientId}`;
}

/** How many events one subscription keeps while its client reads slowly; older ones are dropped (the list query has them all). */
const MAX_QUEUED_EVENTS = 256;

export class NotificationStream {
  /** type-graphql's PubSub over this stream's bus, for `@Subscription({ topics, topicId })`. */
  readonly pubSub: PubSub;
  private readonly open = new Map<string, number>();

  constructor(
    readonly bus: ClusterBus,
    readonly log: Logger,
  ) {
    this.pubSub = {
      publish: (routingKey, ...args) => {
        const payload = args[args.length - 1];
        const topic = args.length > 1 ? `${routingKey}:${String(args[0])}` : routingKey;
        this.send(topic, payload as object);
      },
      subscribe: (routingKey, dynamicId) => this.iterate(dynamicId === undefined ? routingKey : `${routingKey}:${String(dynamicId)}`),
    };
  }

  /** Publishes committed notification rows, each to its recipient's topic. */
  added(rows: readonly NotificationEntity[]): void {
    for (const row of rows) this.send(notificationTopic(row.recipientId), encodeNotification(row));
  }

  /** Subscriptions open on this node: of one recipient, or all (the tests wait for one to be in place, and for none to leak). */
  openSubscriptions(recipientId?: string): number {
    if (recipientId !== undefined) return this.open.get(notificationTopic(recipientId)) ?? 0;
    let count = 0;
    for (const n of this.open.values()) count += n;
    return count;
  }

  private send(topic: string, payload: object): void {
    // The bus never throws and never waits: a lost event costs only liveness (the list query has every row).
    this.bus.publish(topic, payload);
  }

  private opened(topic: string, by: 1 | -1): void {
    const n = (this.open.get(topic) ?? 0) + by;
    if (n > 0) this.open.set(topic, n);
    else this.open.delete(topic);
  }

  /**
   * The payloads of `topic` as an async iterator, subscribed at once and unsubscribed by `return()` (which
   * also ends a `next()` still waiting: graphql-ws calls it when the client completes or the socket closes).
   */
  iterate(topic: string): AsyncIterableIterator<unknown> {
    const queue: unknown[] = [];
    let waiting: ((result: IteratorResult<unknown>) => void) | null = null;
    let done = false;
    this.opened(topic, 1);
    const unsubscribe = this.bus.subscribe(topic, (payload) => {
      if (done) return;
      if (waiting) {
        const resolve = waiting;
        waiting = null;
        resolve({ value: payload, done: false });
        return;
      }
      queue.push(payload);
      if (queue.length > MAX_QUEUED_EVENTS) {
        queue.shift();
        this.log.warn({ topic }, 'a live subscriber reads too slowly: dropped its oldest event');
      }
    });
    const finish = (): Promise<IteratorResult<unknown>> => {
      if (!done) {
        done = true;
        unsubscribe();
        this.opened(topic, -1);
        queue.length = 0;
        if (waiting) waiting({ value: undefined, done: true });
        waiting = null;
      }
      return Promise.resolve({ value: undefined, done: true });
    };
    const iterator: AsyncIterableIterator<unknown> = {
      next: () => {
        if (queue.length > 0) return Promise.resolve({ value: queue.shift(), done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (waiting = resolve));
      },
      return: finish,
      throw: async (error?: unknown) => {
        await finish();
        throw error;
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}
