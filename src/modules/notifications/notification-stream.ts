/**
 * Live fan-out of notifications (DESIGN.md "Live notifications"): once a
 * notification row commits, it is published on a message bus under its
 * recipient's topic, and the subscriptions of that recipient (and of nobody
 * else: the topic is the routing) hear of it. The same bus carries
 * "credential changed" signals, so that live connections re-check their
 * credential at once when a key or a session ends.
 *
 * The bus is injected at construction: `InProcessBus` here (one node), or a
 * cluster bus of the same shape (Redis pub/sub) so that every node hears
 * every event. Payloads cross it as JSON: nothing but plain data, never a
 * secret (a notification's message names keys by name and prefix only).
 */
import type { PubSub } from 'type-graphql';
import type { Logger } from '../../logger';
import type { NotificationEntity } from './notification.entity';
import type { NotificationKindValue } from './notification-kinds';

/** What the stream needs of a bus: the in-process one below, or a cluster-wide one with the same shape. */
export interface MessageBus {
  /** Delivers `payload` (plain JSON data) to every handler of `topic`, on every node the bus spans. */
  publish(topic: string, payload: object): void | Promise<void>;
  /** Calls `handler` for each payload published on `topic` from now on; returns the unsubscribe function. */
  subscribe(topic: string, handler: (payload: object) => void): () => void;
}

/**
 * One process's bus. Each handler gets its own copy of the payload, after the
 * publisher has moved on (a microtask later), as a network bus would: a
 * handler that throws or is slow never holds up the write that published.
 */
export class InProcessBus implements MessageBus {
  private readonly handlers = new Map<string, Set<(payload: object) => void>>();

  constructor(private readonly log?: Logger) {}

  publish(topic: string, payload: object): void {
    const handlers = this.handlers.get(topic);
    if (!handlers || handlers.size === 0) return;
    const text = JSON.stringify(payload);
    for (const handler of [...handlers]) {
      queueMicrotask(() => {
        try {
          handler(JSON.parse(text) as object);
        } catch (error) {
          this.log?.error({ err: { message: (error as Error).message }, topic }, 'a bus handler failed');
        }
      });
    }
  }

  subscribe(topic: string, handler: (payload: object) => void): () => void {
    let handlers = this.handlers.get(topic);
    if (!handlers) this.handlers.set(topic, (handlers = new Set()));
    handlers.add(handler);
    return () => {
      handlers.delete(handler);
      if (handlers.size === 0 && this.handlers.get(topic) === handlers) this.handlers.delete(topic);
    };
  }

  /** Handlers subscribed to `topic` now (the tests wait for a subscription to be in place). */
  subscriberCount(topic: string): number {
    return this.handlers.get(topic)?.size ?? 0;
  }

  /** Handlers subscribed now, all topics together (the tests check nothing leaks). */
  get handlerCount(): number {
    let count = 0;
    for (const handlers of this.handlers.values()) count += handlers.size;
    return count;
  }
}

/** The routing key of `Subscription.notificationAdded`; the recipient's ID is its dynamic part. */
export const NOTIFICATION_ADDED = 'notification.added';
/** Where credential changes go (one topic for all: they are rare, and each node checks its own connections). */
export const CREDENTIAL_CHANGED = 'credential.changed';

/** A credential that may have ended: a key (changed or deleted), every credential of a principal, or one session. */
export type CredentialChange = { keyId: string } | { principalId: string } | { sessionId: string };

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

  constructor(
    readonly bus: MessageBus,
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

  /** A key or session may have ended: live connections using it check their credential again. */
  credentialChanged(change: CredentialChange): void {
    this.send(CREDENTIAL_CHANGED, change);
  }

  onCredentialChanged(handler: (change: CredentialChange) => void): () => void {
    return this.bus.subscribe(CREDENTIAL_CHANGED, (payload) => handler(payload as CredentialChange));
  }

  private send(topic: string, payload: object): void {
    try {
      const sent = this.bus.publish(topic, payload);
      if (sent) sent.catch((error: unknown) => this.log.warn({ err: { message: (error as Error).message }, topic }, 'could not publish a live event'));
    } catch (error) {
      this.log.warn({ err: { message: (error as Error).message }, topic }, 'could not publish a live event');
    }
  }

  /**
   * The payloads of `topic` as an async iterator, subscribed at once and unsubscribed by `return()` (which
   * also ends a `next()` still waiting: graphql-ws calls it when the client completes or the socket closes).
   */
  iterate(topic: string): AsyncIterableIterator<unknown> {
    const queue: unknown[] = [];
    let waiting: ((result: IteratorResult<unknown>) => void) | null = null;
    let done = false;
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
