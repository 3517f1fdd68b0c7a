/**
 * Domain events: what happened to keys and principals, as webhooks publish
 * it (DESIGN.md "Webhooks"). The services that cause them hand them to an
 * `EventSink` inside their own transaction, so an event is queued exactly
 * when its change commits. The notifications module raises them and knows
 * nothing of webhooks; the webhooks module is the sink.
 *
 * An event's data names keys and principals by ID, name and non-secret
 * prefix; it never holds a secret or a secret's hash.
 */
import type { EntityManager } from 'typeorm';
import type { ApiKeyEntity } from './modules/api-keys/api-key.entity';

/** Every event type, with the description published in the schema and the README. */
export const EVENT_TYPES = {
  'apikey.created': 'A key was created.',
  'apikey.expiring': 'A key reached one of its account\'s expiry notice thresholds (`expiryNoticeDays`).',
  'apikey.expired': 'A key expired and no longer authenticates.',
  'apikey.leaked': 'A secret of a key was reported as leaked; `action` says what was done to the key.',
  'apikey.secret_reset': 'A key\'s secret was reset.',
  'apikey.deleted': 'A key was deleted.',
  'apikey.state_changed': 'A key was set ACTIVE or INACTIVE, locked or unlocked; `change` says which.',
  'principal.access_changed': 'A principal\'s roles or groups changed in the account.',
} as const;

export type EventType = keyof typeof EVENT_TYPES;

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(EVENT_TYPES, value);
}

export type EventData = Record<string, unknown>;

export interface DomainEvent {
  type: EventType;
  /** The account whose webhooks hear of it. */
  accountId: string;
  data: EventData;
}

export interface EventSink {
  /** Queues the event, in the caller's transaction. */
  publish(manager: EntityManager, event: DomainEvent): Promise<void>;
}

/** What an event tells of a key: never its secret or its hash. */
export type KeyEventSubject = Pick<ApiKeyEntity, 'id' | 'type' | 'name' | 'prefix' | 'ownerId' | 'accountId' | 'state' | 'locked' | 'expiresAt'>;

export function keyData(key: KeyEventSubject): EventData {
  return {
    id: key.id,
    type: key.type,
    name: key.name,
    prefix: key.prefix,
    ownerId: key.ownerId,
    accountId: key.accountId,
    state: key.state,
    locked: key.locked,
    expiresAt: key.expiresAt?.toISOString() ?? null,
  };
}
