/**
 * The cluster bus: small messages from one node to every node (this one
 * included), for what must not wait for a TTL: cache invalidations and
 * live notifications. Delivery is best effort and at most once: a
 * message published while Redis is away is lost, so whatever a subscriber
 * keeps must also expire by itself (the caches do, by KEY_CACHE_TTL_MS), and
 * after an outage every node hears `BUS_RESYNC` (drop what you cannot trust).
 *
 * - Without Redis: in process only (one node, or nodes that rely on TTLs).
 * - With Redis (`REDIS_URL`): one pub/sub channel, `<REDIS_PREFIX>bus`; each
 *   message carries its topic and the ID of the node that sent it. The sender
 *   delivers to itself at once, synchronously, and skips its own echo.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from './logger';
import type { RedisConnections } from './redis';

export type BusHandler = (payload: unknown) => void;
export type Unsubscribe = () => void;

/** Heard by every subscriber of this topic when the bus reconnects after an outage (messages may have been lost). */
export const BUS_RESYNC = 'bus.resync';

export interface ClusterBus {
  /** True when messages reach other nodes (Redis); false when in process only. */
  readonly shared: boolean;
  /** Delivers to this node's subscribers now, and to other nodes' when shared. Never throws; never waits. */
  publish(topic: string, payload: unknown): void;
  subscribe(topic: string, handler: BusHandler): Unsubscribe;
  /** Messages that could not be sent to other nodes (Redis away). */
  readonly stats: { published: number; received: number; failed: number };
  close(): Promise<void>;
}

/** What travels on the channel. */
interface Envelope {
  topic: string;
  payload: unknown;
  from: string;
}

export function createClusterBus(redis: RedisConnections | null, log: Logger): ClusterBus {
  const handlers = new Map<string, Set<BusHandler>>();
  const stats = { published: 0, received: 0, failed: 0 };
  const nodeId = randomUUID();
  const channel = `${redis?.prefix ?? ''}bus`;

  const deliver = (topic: string, payload: unknown) => {
    for (const handler of handlers.get(topic) ?? []) {
      try {
        handler(payload);
      } catch (error) {
        log.error({ topic, err: (error as Error).message }, 'a cluster bus subscriber failed');
      }
    }
  };

  if (redis) {
    let subscribedOnce = false;
    redis.subscriber.on('message', (from: string, text: string) => {
      if (from !== channel) return;
      let envelope: Envelope;
      try {
        envelope = JSON.parse(text) as Envelope;
      } catch {
        return;
      }
      if (envelope.from === nodeId || typeof envelope.topic !== 'string') return;
      stats.received++;
      deliver(envelope.topic, envelope.payload);
    });
    // ioredis subscribes again on every reconnect; from the second time on, messages may have been missed.
    redis.subscriber.on('ready', () => {
      if (subscribedOnce) deliver(BUS_RESYNC, null);
      subscribedOnce = true;
    });
    redis.subscriber.subscribe(channel).catch((error: Error) => log.warn({ err: error.message }, 'cluster bus: could not subscribe yet; will on reconnect'));
  }

  return {
    shared: redis !== null,
    stats,
    publish(topic, payload) {
      deliver(topic, payload);
      if (!redis) return;
      stats.published++;
      redis.commands.publish(channel, JSON.stringify({ topic, payload, from: nodeId } satisfies Envelope)).catch(() => {
        // Redis away: other nodes fall back to their TTL. Counted, not logged per message (redis.ts logs the outage).
        stats.failed++;
      });
    },
    subscribe(topic, handler) {
      const set = handlers.get(topic) ?? new Set<BusHandler>();
      set.add(handler);
      handlers.set(topic, set);
      return () => {
        set.delete(handler);
        // One topic per recipient: an emptied set goes, or the map grows with every user who ever subscribed.
        if (set.size === 0 && handlers.get(topic) === set) handlers.delete(topic);
      };
    },
    async close() {
      handlers.clear();
    },
  };
}
