/**
 * In-app notifications (the bell) and, when `SMTP_URL` is set, their emails.
 *
 * Other services call ONE entry point, inside their own transaction, so a
 * notification commits or rolls back with the change that caused it:
 *   `notify(manager, { recipientIds, kind, message, subjectId, email? })`
 * and the ready-made helpers built on it: `notifyRolesChanged`,
 * `notifyGroupsChanged`, `notifyKeyEvent`. These helpers also raise the
 * matching domain event (src/events.ts: webhooks), whoever hears of it in-app.
 */
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import { auditTarget, type RequestContext } from '../../context';
import { badUserInput } from '../../errors';
import { isIdOf, newId } from '../../ids';
import { paginate, type Connection } from '../../pagination';
import { keyData, type EventSink, type EventType, type KeyEventSubject } from '../../events';
import { afterCommit } from '../../after-commit';
import { leakedEmail, keyLabel } from './key-emails';
import type { EmailContent, MailOutbox } from './mail-outbox';
import { NotificationEntity } from './notification.entity';
import type { NotificationKindValue } from './notification-kinds';
import type { NotificationStream } from './notification-stream';
import { ownerAudience, principalsById } from './recipients';

export interface NotifyRequest {
  /** Principals to notify; duplicates, nulls and unknown IDs are dropped. */
  recipientIds: readonly (string | null | undefined)[];
  kind: NotificationKindValue;
  /** Shown in the bell; no secret, ever (≤ 1024 characters). */
  message: string;
  /** What it is about: a key, a group, a principal. */
  subjectId?: string | null;
  /** Also email the recipients who have an address (users, not disabled), when SMTP is configured. */
  email?: EmailContent;
}

export interface NamedRef {
  id: string;
  name: string;
  /** The account the role or group belongs to. */
  accountId: string;
}

/** Key events that notify the key's owner (and a functional ID's responsible user), unless they did it. */
export type KeyEventKind =
  | 'KEY_LEAKED'
  | 'KEY_SECRET_RESET'
  | 'KEY_LOCKED'
  | 'KEY_UNLOCKED'
  | 'KEY_DISABLED'
  | 'KEY_ENABLED'
  | 'KEY_DELETED'
  | 'KEY_CREATED'
  | 'KEY_EXPIRY_CHANGED'
  | 'KEY_ACCESS_CHANGED';

const KEY_EVENT_WORDS: Record<KeyEventKind, string> = {
  KEY_LEAKED: 'was reported as leaked',
  KEY_SECRET_RESET: 'had its secret reset',
  KEY_LOCKED: 'was locked',
  KEY_UNLOCKED: 'was unlocked',
  KEY_DISABLED: 'was set INACTIVE',
  KEY_ENABLED: 'was set ACTIVE',
  KEY_DELETED: 'was deleted',
  KEY_CREATED: 'was created for you',
  KEY_EXPIRY_CHANGED: 'had its expiry changed',
  KEY_ACCESS_CHANGED: 'had its roles or groups changed',
};

/** The webhook event of each key event: expiry and access changes of a key have none. */
const KEY_EVENT_TYPES: Partial<Record<KeyEventKind, EventType>> = {
  KEY_CREATED: 'apikey.created',
  KEY_LEAKED: 'apikey.leaked',
  KEY_SECRET_RESET: 'apikey.secret_reset',
  KEY_DELETED: 'apikey.deleted',
  KEY_DISABLED: 'apikey.state_changed',
  KEY_ENABLED: 'apikey.state_changed',
  KEY_LOCKED: 'apikey.state_changed',
  KEY_UNLOCKED: 'apikey.state_changed',
};

/** How many IDs `markNotificationsRead` takes at once. */
export const MAX_MARK_READ_IDS = 100;

export class NotificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    readonly outbox: MailOutbox,
    private readonly events: EventSink,
    private readonly stream: NotificationStream,
  ) {}

  /** THE entry point: in-app rows for every recipient, plus outbox emails when asked and SMTP is set. Returns the rows. */
  async notify(manager: EntityManager, request: NotifyRequest): Promise<NotificationEntity[]> {
    const recipients = await principalsById(manager, request.recipientIds);
    if (recipients.size === 0) return [];
    const now = this.clock.now();
    const rows = [...recipients.values()].map((recipient) =>
      manager.create(NotificationEntity, {
        id: newId('notification', now.getTime()),
        recipientId: recipient.id,
        kind: request.kind,
        message: request.message.slice(0, 1024),
        subjectId: request.subjectId ?? null,
        createdAt: now,
        readAt: null,
      }),
    );
    await manager.insert(NotificationEntity, rows);
    afterCommit(manager, () => this.stream.added(rows), this.stream.log);
    if (request.email && this.outbox.enabled) {
      const addressed = [...recipients.values()].filter((p) => p.kind === 'USER' && p.email && !p.disabled);
      await this.outbox.enqueue(manager, addressed.map((p) => ({ id: p.id, email: p.email! })), request.email);
    }
    return rows;
  }

  /**
   * Bell for a principal whose roles changed (call from setPrincipalRoles,
   * addAccountMember, … inside their transaction). Nothing when nothing changed.
   */
  async notifyRolesChanged(
    manager: EntityManager,
    change: { principalId: string; added?: NamedRef[]; removed?: NamedRef[]; accountName?: string },
  ): Promise<number> {
    const added = change.added ?? [];
    const removed = change.removed ?? [];
    if (added.length === 0 && removed.length === 0) return 0;
    await this.events.publish(manager, {
      type: 'principal.access_changed',
      accountId: [...added, ...removed][0].accountId,
      data: { principalId: change.principalId, rolesAdded: refs(added), rolesRemoved: refs(removed), groupsJoined: [], groupsLeft: [] },
    });
    const where = change.accountName ? ` in account "${change.accountName}"` : '';
    const parts = [
      added.length ? `you were given ${plural(added.length, 'the role', 'the roles')} ${names(added)}` : '',
      removed.length ? `you no longer have ${plural(removed.length, 'the role', 'the roles')} ${names(removed)}` : '',
    ].filter(Boolean);
    const rows = await this.notify(manager, {
      recipientIds: [change.principalId],
      kind: 'ROLES_CHANGED',
      message: `Your roles changed${where}: ${parts.join('; ')}.`,
      subjectId: change.principalId,
    });
    return rows.length;
  }

  /**
   * Bell for principals who joined or left groups (call from addGroupMembers
   * and removeGroupMembers with the principals and the group, inside their
   * transaction). One notification per principal.
   */
  async notifyGroupsChanged(
    manager: EntityManager,
    change: { principalIds: readonly string[]; joined?: NamedRef[]; left?: NamedRef[] },
  ): Promise<number> {
    const joined = change.joined ?? [];
    const left = change.left ?? [];
    if (change.principalIds.length === 0 || (joined.length === 0 && left.length === 0)) return 0;
    for (const principalId of new Set(change.principalIds)) {
      await this.events.publish(manager, {
        type: 'principal.access_changed',
        accountId: [...joined, ...left][0].accountId,
        data: { principalId, rolesAdded: [], rolesRemoved: [], groupsJoined: refs(joined), groupsLeft: refs(left) },
      });
    }
    const parts = [
      joined.length ? `you joined ${plural(joined.length, 'the group', 'the groups')} ${names(joined)}` : '',
      left.length ? `you left ${plural(left.length, 'the group', 'the groups')} ${names(left)}` : '',
    ].filter(Boolean);
    const groups = [...joined, ...left];
    const rows = await this.notify(manager, {
      recipientIds: change.principalIds,
      kind: 'GROUPS_CHANGED',
      message: `Your groups changed: ${parts.join('; ')}.`,
      subjectId: groups.length === 1 ? groups[0].id : null,
    });
    return rows.length;
  }

  /**
   * Bell for the owner of a key that someone else changed (and for a
   * functional ID's key, its responsible user). The actor is not told of
   * their own act. KEY_LEAKED is also emailed.
   */
  /** True when `kind` was notified about `subjectId` at or after `since` (to anyone). */
  async notifiedSince(manager: EntityManager, kind: NotificationKindValue, subjectId: string, since: Date): Promise<boolean> {
    return manager
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.subject_id = :subjectId AND n.kind = :kind AND n.created_at >= :since', { subjectId, kind, since: since.getTime() })
      .getExists();
  }

  async notifyKeyEvent(
    manager: EntityManager,
    event: { kind: KeyEventKind; key: KeyEventSubject; actorId: string | null; action?: 'NONE' | 'DISABLE' | 'DELETE' },
  ): Promise<number> {
    const type = KEY_EVENT_TYPES[event.kind];
    if (type) {
      // A leak report hands over the key as it was found: say what the action made of it.
      const key = event.action === 'DISABLE' ? { ...event.key, state: 'INACTIVE' as const } : event.key;
      const data = { key: keyData(key), actorId: event.actorId, ...(event.action ? { action: event.action } : {}) };
      const change = { KEY_DISABLED: 'DISABLED', KEY_ENABLED: 'ENABLED', KEY_LOCKED: 'LOCKED', KEY_UNLOCKED: 'UNLOCKED' }[event.kind as string];
      await this.events.publish(manager, { type, accountId: event.key.accountId, data: change ? { ...data, change } : data });
    }
    const people = await principalsById(manager, [event.key.ownerId, event.actorId]);
    const recipients = ownerAudience(people.get(event.key.ownerId)).filter((id) => id !== event.actorId);
    if (recipients.length === 0) return 0;
    const actor = event.actorId ? people.get(event.actorId) : undefined;
    const by = actor ? ` by ${actor.name}` : '';
    const extra = event.action ? ` Action taken: ${event.action}.` : '';
    const rows = await this.notify(manager, {
      recipientIds: recipients,
      kind: event.kind,
      message: `${keyLabel(event.key)} ${KEY_EVENT_WORDS[event.kind]}${by}.${extra}`,
      subjectId: event.key.id,
      email: event.kind === 'KEY_LEAKED' ? leakedEmail(event.key, event.action ?? 'none') : undefined,
    });
    return rows.length;
  }

  /** The viewer's notifications, newest first. */
  list(ctx: RequestContext, args: { unreadOnly?: boolean | null; first?: number | null; after?: string | null }): Promise<Connection<NotificationEntity>> {
    const query = this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.recipient_id = :recipientId', { recipientId: ctx.identity!.principal.id });
    if (args.unreadOnly) query.andWhere('n.read_at IS NULL');
    return paginate(query, 'n.id', args);
  }

  /** One of the viewer's notifications, or null (someone else's is as absent as a missing one). */
  async ofViewer(ctx: RequestContext, id: string): Promise<NotificationEntity | null> {
    if (!ctx.identity || !isIdOf('notification', id)) return null;
    return this.dataSource.getRepository(NotificationEntity).findOneBy({ id, recipientId: ctx.identity.principal.id });
  }

  /** Marks the viewer's own unread notifications among `ids` read; others' IDs are ignored. Returns how many changed. */
  async markRead(ctx: RequestContext, ids: string[]): Promise<number> {
    if (ids.length > MAX_MARK_READ_IDS) throw badUserInput('ids', `at most ${MAX_MARK_READ_IDS} at once`);
    const wanted = [...new Set(ids.filter((id) => isIdOf('notification', id)))];
    const recipientId = ctx.identity!.principal.id;
    return ctx.transaction(async (manager) => {
      const changed = wanted.length === 0 ? 0 : await this.markReadWhere(manager, { id: In(wanted), recipientId, readAt: IsNull() });
      auditTarget(ctx, 'Principal', recipientId, { count: changed });
      return changed;
    });
  }

  /** Marks every unread notification of the viewer read. Returns how many changed. */
  markAllRead(ctx: RequestContext): Promise<number> {
    const recipientId = ctx.identity!.principal.id;
    return ctx.transaction(async (manager) => {
      const changed = await this.markReadWhere(manager, { recipientId, readAt: IsNull() });
      auditTarget(ctx, 'Principal', recipientId, { count: changed });
      return changed;
    });
  }

  private async markReadWhere(manager: EntityManager, where: Record<string, unknown>): Promise<number> {
    const result = await manager.update(NotificationEntity, where, { readAt: this.clock.now() });
    return result.affected ?? 0;
  }
}

function names(refs: NamedRef[]): string {
  return refs.map((r) => `"${r.name}"`).join(', ');
}

function refs(list: NamedRef[]): { id: string; name: string }[] {
  return list.map((r) => ({ id: r.id, name: r.name }));
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}
