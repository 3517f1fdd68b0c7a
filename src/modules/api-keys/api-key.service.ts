/**
 * The lifecycle of API keys and access keys: create, list, update, state,
 * expiry, reset, delete, lock, and the anonymous leak report. Who may act on
 * which key is settled by the rules in src/permissions.ts (see key-access.ts)
 * before these run; account limits live in key-rules.ts. Every write goes
 * through `ctx.transaction` (audit event in the same transaction), and every
 * change to a key drops it from this node's authentication cache.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import { assertNotAbove, belongsToActiveAccount, isSelfOrManager } from '../../authority';
import { auditTarget, type RequestContext } from '../../context';
import { isUniqueViolation } from '../../database';
import { conflict, forbidden, keyLocked, notFound, preconditionFailed, badUserInput, rateLimited } from '../../errors';
import { isIdOf, newId } from '../../ids';
import { connectionOf, paginate, planPage, type Connection } from '../../pagination';
import type { KeyEventKind, NotificationService } from '../notifications/notification.service';
import { rearmExpiryNotices } from '../notifications/expiry-sweeper';
import { consume, type Limiters } from '../../rate-limits';
import { SecretHasher } from '../../secrets';
import { AccountEntity } from '../accounts/account.entity';
import type { AuditDetails } from '../audit/audit-event.entity';
import type { RoleService } from '../roles/role.service';
import { managedPrincipalIdsOf } from '../users/hierarchy';
import type { PrincipalEntity } from '../users/principal.entity';
import { ApiKeyEntity, type CredentialTypeValue, type KeyStateValue, type LeakActionValue } from './api-key.entity';
import type { ApiKeyFilter } from './api-key.types';
import { callerKeyIsRestricted, isKeyAdmin } from './key-access';
import type { KeyAuthenticator } from './key-authenticator';
import {
  isWellFormedAccessKeyId,
  isWellFormedApiKeyToken,
  isWellFormedSecretAccessKey,
  newAccessKeyId,
  newApiKeyToken,
  newSecretAccessKey,
  tokenPrefix,
} from './key-format';
import { checkedKeyGrants, currentKeyGrants, hasKeyGrants, keyPermissionsWith, replaceKeyGrants } from './key-grants';
import { checkKeyLimit, checkedCidrs, checkedExpiry, lockOwner, refuseLoosening } from './key-rules';

const DAY_MS = 86_400_000;
/** A key's owner hears of a leak of it at most once in this time. */
const LEAK_NOTICE_INTERVAL_MS = 3_600_000;

export interface CreateApiKeyData {
  name: string;
  description?: string | null;
  ownerId?: string | null;
  type?: CredentialTypeValue;
  expiresAt?: Date | null;
  expiresInDays?: number | null;
  unrestricted?: boolean;
  allowedCidrs?: string[] | null;
  actionWhenLeaked?: LeakActionValue;
  /** The key's own access: roles and groups its owner holds (none: it acts with the owner's permissions). */
  roleIds?: string[] | null;
  groupIds?: string[] | null;
  dryRun?: boolean;
}

/** A key's access: each list, when given, replaces what the key had. */
export interface SetApiKeyAccessData {
  id: string;
  roleIds?: string[] | null;
  groupIds?: string[] | null;
  ifMatch?: string | null;
}

export interface UpdateApiKeyData {
  id: string;
  name?: string | null;
  description?: string | null;
  allowedCidrs?: string[] | null;
  actionWhenLeaked?: LeakActionValue | null;
  ifMatch?: string | null;
}

/** A key with the secret that goes with it (shown once), or none on dryRun. */
export interface KeyWithSecret {
  apiKey: ApiKeyEntity;
  secret: string | null;
  dryRun: boolean;
}

/** The etag of a key: changes with every write (the row's version). */
export function etagOf(key: Pick<ApiKeyEntity, 'version'>): string {
  return `v${key.version}`;
}

/** The version an `ifMatch` names; a malformed one matches nothing. */
function versionOf(ifMatch: string): number {
  const match = /^v(\d{1,9})$/.exec(ifMatch.trim());
  return match ? Number(match[1]) : -1;
}

interface WriteOptions {
  ifMatch?: string | null;
  /** Only `lockApiKey`/`unlockApiKey` act on a locked key. */
  allowLocked?: boolean;
  /** The bell the key's owner hears of this change (not when the owner made it). */
  notice?: KeyEventKind;
}

export class ApiKeyService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly hasher: SecretHasher,
    private readonly authenticator: KeyAuthenticator,
    private readonly roles: RoleService,
    private readonly notifications: NotificationService,
    private readonly limiters: Limiters,
  ) {}

  // ── Reading ──────────────────────────────────────────────────────────

  /** Lists keys by scope and filter, newest first. The scope ALL is guarded by the rules (admin only). */
  async listKeys(ctx: RequestContext, filter: ApiKeyFilter | null | undefined, page: { first?: number | null; after?: string | null }): Promise<Connection<ApiKeyEntity>> {
    const viewerId = ctx.identity!.principal.id;
    const query = this.dataSource.getRepository(ApiKeyEntity).createQueryBuilder('k');
    switch (filter?.scope ?? 'MINE') {
      case 'MINE':
        query.where('k.owner_id = :viewerId', { viewerId });
        break;
      case 'MANAGED':
        query.where('k.owner_id IN (:...ownerIds)', { ownerIds: await managedPrincipalIdsOf(this.dataSource, viewerId, ctx.activeAccountId!) });
        break;
      case 'ALL':
        break;
    }
    // Every scope stops at the account boundary (rule 1): the keys of the active account.
    query.andWhere('k.account_id = :accountId', { accountId: ctx.activeAccountId });
    const now = this.clock.now().getTime();
    if (filter?.ownerId) query.andWhere('k.owner_id = :ownerId', { ownerId: filter.ownerId });
    if (filter?.type) query.andWhere('k.type = :type', { type: filter.type });
    if (filter?.state) query.andWhere('k.state = :state', { state: filter.state });
    if (filter?.locked !== undefined && filter?.locked !== null) query.andWhere('k.locked = :locked', { locked: filter.locked });
    if (filter?.expiringWithinHours) {
      query.andWhere('k.expires_at > :now AND k.expires_at <= :until', { now, until: now + filter.expiringWithinHours * 3_600_000 });
    }
    if (filter?.nameStartsWith) {
      // `!` escapes LIKE wildcards the same way on SQLite and MySQL (a backslash would not).
      const escaped = filter.nameStartsWith.replace(/[!%_]/g, (c) => `!${c}`);
      query.andWhere("k.name LIKE :namePrefix ESCAPE '!'", { namePrefix: `${escaped}%` });
    }
    if (filter?.unusedForDays) {
      query.andWhere('COALESCE(k.last_used_at, k.created_at) <= :unusedSince', { unusedSince: now - filter.unusedForDays * DAY_MS });
    }
    return paginate(query, 'k.id', page);
  }

  /**
   * `Principal.apiKeys`: the principal's keys of the active account, for
   * itself, its managers there and the account's key administrators; for
   * anyone else, none.
   */
  async keysOfPrincipal(ctx: RequestContext, principal: PrincipalEntity, page: { first?: number | null; after?: string | null }): Promise<Connection<ApiKeyEntity>> {
    if (!(await isSelfOrManager(ctx, principal)) && !(await isKeyAdmin(ctx))) return connectionOf([], planPage(page), async () => 0);
    const query = this.dataSource
      .getRepository(ApiKeyEntity)
      .createQueryBuilder('k')
      .where('k.owner_id = :ownerId AND k.account_id = :accountId', { ownerId: principal.id, accountId: ctx.activeAccountId });
    return paginate(query, 'k.id', page);
  }

  // ── Creating ─────────────────────────────────────────────────────────

  async createApiKey(ctx: RequestContext, input: CreateApiKeyData): Promise<KeyWithSecret> {
    const viewer = ctx.identity!.principal;
    const accountId = ctx.activeAccountId!;
    const owner = await this.ownerForNewKey(ctx, input.ownerId ?? viewer.id);
    const account = await this.account(this.dataSource.manager, accountId);
    if (account.restrictUserApiKeyCreation && owner.kind === 'USER' && !(await isKeyAdmin(ctx))) {
      throw forbidden('This account lets only key administrators (apikeys.manage_all) create keys for users');
    }
    const now = this.clock.now();
    if (input.expiresAt && input.expiresInDays) throw badUserInput('expiresAt', 'give expiresAt or expiresInDays, not both');
    const requestedExpiry = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * DAY_MS) : (input.expiresAt ?? null);
    const expiresAt = checkedExpiry(requestedExpiry, now, account, input.expiresInDays ? 'expiresInDays' : 'expiresAt');
    const type = input.type ?? 'API_KEY';
    const grants = await checkedKeyGrants(this.dataSource.manager, this.roles, owner.id, accountId, input.roleIds ?? [], input.groupIds ?? []);
    const access = { roleIds: grants.roles.map((r) => r.id), groupIds: grants.groups.map((g) => g.id) };
    const ownerPermissions = await this.roles.permissionsOf(owner.id, accountId, null);
    await assertNotAbove(ctx, owner, 'create a key for this principal', await keyPermissionsWith(this.dataSource.manager, grants, ownerPermissions));

    const key = this.dataSource.manager.create(ApiKeyEntity, {
      id: newId('apiKey', now.getTime()),
      type,
      name: input.name,
      description: input.description || null,
      ownerId: owner.id,
      accountId,
      createdById: viewer.id,
      updatedById: viewer.id,
      accessKeyId: null,
      previousSecretHash: null,
      previousSecretExpiresAt: null,
      secretGeneration: 1,
      state: 'ACTIVE',
      locked: false,
      expiresAt,
      unrestricted: input.unrestricted ?? false,
      accessScoped: grants.roles.length > 0 || grants.groups.length > 0,
      allowedCidrs: checkedCidrs(input.allowedCidrs),
      actionWhenLeaked: input.actionWhenLeaked ?? 'DISABLE',
      lastUsedAt: null,
      authnCount: 0,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });

    if (input.dryRun) {
      // Every check a real create makes, without writing or making a secret.
      await this.refuseTakenName(this.dataSource.manager, owner.id, key.name);
      await checkKeyLimit(this.dataSource.manager, account, owner.id, type);
      key.prefix = type === 'API_KEY' ? 'kw_' : '';
      key.secretHash = '';
      auditTarget(ctx, 'ApiKey', key.id, { dryRun: true });
      return { apiKey: key, secret: null, dryRun: true };
    }

    const secret = this.giveSecret(key);
    try {
      await ctx.transaction(async (manager) => {
        await lockOwner(manager, owner.id);
        // Settings and counts read under the lock: concurrent creates see each other.
        await checkKeyLimit(manager, await this.account(manager, accountId), owner.id, type);
        await this.refuseTakenName(manager, owner.id, key.name);
        await manager.insert(ApiKeyEntity, key);
        if (key.accessScoped) await replaceKeyGrants(manager, key.id, grants, now);
        await this.notifications.notifyKeyEvent(manager, { kind: 'KEY_CREATED', key, actorId: ctx.identity!.principal.id });
        auditTarget(ctx, 'ApiKey', key.id, { type, ownerId: owner.id, ...access });
      });
    } catch (error) {
      throw isUniqueViolation(error) ? nameTaken() : error;
    }
    return { apiKey: key, secret, dryRun: false };
  }

  /**
   * The owner of a new key, a principal of the active account (else
   * NOT_FOUND): with `self.manage`, the viewer, a user below it or a
   * functional ID it manages there; with `apikeys.manage_all`, anyone
   * there. The caller then applies the cap (rule 4).
   */
  private async ownerForNewKey(ctx: RequestContext, ownerId: string): Promise<PrincipalEntity> {
    const viewer = ctx.identity!.principal;
    const owner = ownerId === viewer.id ? viewer : isIdOf('user', ownerId) || isIdOf('functionalId', ownerId) ? await ctx.loaders.principal.load(ownerId) : null;
    if (!owner || !(await belongsToActiveAccount(ctx, owner))) throw notFound('Owner');
    if (await isKeyAdmin(ctx)) return owner;
    if ((await ctx.permissions()).has('self.manage') && (await isSelfOrManager(ctx, owner))) return owner;
    throw forbidden('You may create keys only for yourself, users below you and functional IDs you manage');
  }

  /** Sets a fresh secret's hash and hint on the key and returns the secret (to show once). */
  private giveSecret(key: ApiKeyEntity): string {
    if (key.type === 'API_KEY') {
      const token = newApiKeyToken();
      key.secretHash = this.hasher.hash(token);
      key.prefix = tokenPrefix(token);
      return token;
    }
    key.accessKeyId ??= newAccessKeyId();
    key.prefix = key.accessKeyId;
    const secretAccessKey = newSecretAccessKey();
    key.secretHash = this.hasher.hash(secretAccessKey);
    return secretAccessKey;
  }

  private async refuseTakenName(manager: EntityManager, ownerId: string, name: string, exceptKeyId?: string): Promise<void> {
    const holder = await manager.findOne(ApiKeyEntity, { where: { ownerId, name }, select: { id: true } });
    if (holder && holder.id !== exceptKeyId) throw nameTaken();
  }

  private async ownerOf(ctx: RequestContext, key: ApiKeyEntity): Promise<PrincipalEntity> {
    return (await ctx.loaders.principal.load(key.ownerId)) ?? Promise.reject(notFound('API key'));
  }

  private async account(manager: EntityManager, accountId: string): Promise<AccountEntity> {
    return (await manager.findOneBy(AccountEntity, { id: accountId })) ?? Promise.reject(notFound('Account'));
  }

  // ── Changing ─────────────────────────────────────────────────────────

  async updateApiKey(ctx: RequestContext, input: UpdateApiKeyData): Promise<ApiKeyEntity> {
    const changes: Partial<ApiKeyEntity> = {};
    if (input.name !== undefined && input.name !== null) changes.name = input.name;
    if (input.description !== undefined && input.description !== null) changes.description = input.description || null;
    if (input.allowedCidrs !== undefined && input.allowedCidrs !== null) changes.allowedCidrs = checkedCidrs(input.allowedCidrs);
    if (input.actionWhenLeaked) changes.actionWhenLeaked = input.actionWhenLeaked;
    try {
      return await this.writeKey(ctx, input.id, { ifMatch: input.ifMatch }, async (manager, key) => {
        if (changes.name !== undefined && changes.name !== key.name) await this.refuseTakenName(manager, key.ownerId, changes.name, key.id);
        return changes;
      });
    } catch (error) {
      throw isUniqueViolation(error) ? nameTaken() : error;
    }
  }

  setApiKeyState(ctx: RequestContext, id: string, state: KeyStateValue, ifMatch?: string | null): Promise<ApiKeyEntity> {
    return this.writeKey(ctx, id, { ifMatch, notice: state === 'ACTIVE' ? 'KEY_ENABLED' : 'KEY_DISABLED' }, async () => ({ state }), { state });
  }

  /** A new expiry (null: never), within the key account's `maxKeyLifetimeDays`. Extending an expired key revives it. */
  setApiKeyExpiry(ctx: RequestContext, id: string, expiresAt: Date | null, ifMatch?: string | null): Promise<ApiKeyEntity> {
    return this.writeKey(ctx, id, { ifMatch, notice: 'KEY_EXPIRY_CHANGED' }, async (manager, key) => ({
      expiresAt: checkedExpiry(expiresAt, this.clock.now(), await this.account(manager, key.accountId), 'expiresAt'),
      // A date moved away and back must notify again: the sweeper's "notified for" marks start over.
      ...rearmExpiryNotices(),
    }));
  }

  /**
   * Gives a key its own roles and groups (each list, when given, replaces
   * the key's). Both empty: the key acts with its owner's permissions again.
   * Checked against the owner's holdings in the key's account (key-grants.ts).
   */
  setApiKeyAccess(ctx: RequestContext, input: SetApiKeyAccessData): Promise<ApiKeyEntity> {
    const details: AuditDetails = {};
    if (input.roleIds != null) details.roleIds = [...new Set(input.roleIds)];
    if (input.groupIds != null) details.groupIds = [...new Set(input.groupIds)];
    return this.writeKey(ctx, input.id, { ifMatch: input.ifMatch, notice: 'KEY_ACCESS_CHANGED' }, async (manager, key) => {
      const grants = await checkedKeyGrants(manager, this.roles, key.ownerId, key.accountId, input.roleIds ?? [], input.groupIds ?? []);
      const current = await currentKeyGrants(manager, key.id);
      const after = { roles: input.roleIds != null ? grants.roles : current.roles, groups: input.groupIds != null ? grants.groups : current.groups };
      const owner = await this.ownerOf(ctx, key);
      const ownerPermissions = await this.roles.permissionsOf(owner.id, key.accountId, null);
      // A key can only narrow its own scope; another's key is capped by its owner (rules 4 and 5).
      await assertNotAbove(ctx, owner, 'change the access of this key', await keyPermissionsWith(manager, after, ownerPermissions));
      await replaceKeyGrants(manager, key.id, { roles: input.roleIds != null ? grants.roles : undefined, groups: input.groupIds != null ? grants.groups : undefined }, this.clock.now());
      return { accessScoped: await hasKeyGrants(manager, key.id) };
    }, details);
  }

  lockApiKey(ctx: RequestContext, id: string): Promise<ApiKeyEntity> {
    return this.writeKey(ctx, id, { allowLocked: true, notice: 'KEY_LOCKED' }, async () => ({ locked: true }));
  }

  unlockApiKey(ctx: RequestContext, id: string): Promise<ApiKeyEntity> {
    return this.writeKey(ctx, id, { allowLocked: true, notice: 'KEY_UNLOCKED' }, async () => ({ locked: false }));
  }

  /**
   * A new secret, shown once. With a grace period the old secret keeps
   * working until it ends (and sessions it opened with it); without, it
   * stops at once.
   */
  async resetApiKeySecret(
    ctx: RequestContext,
    input: { id: string; gracePeriodSeconds?: number | null; ifMatch?: string | null; dryRun?: boolean | null },
  ): Promise<KeyWithSecret> {
    const current = await this.checkedForWrite(this.dataSource.manager, input.id, input);
    await assertNotAbove(ctx, await this.ownerOf(ctx, current), 'reset this key', await this.roles.permissionsOf(current.ownerId, current.accountId, current));
    if (input.dryRun) return { apiKey: current, secret: null, dryRun: true };
    const graceMs = (input.gracePeriodSeconds ?? 0) * 1000;
    let secret = '';
    const apiKey = await this.writeKey(ctx, input.id, { ...input, notice: 'KEY_SECRET_RESET' }, async (_manager, key) => {
      const now = this.clock.now();
      const previousHash = key.secretHash;
      const renewed = { ...key } as ApiKeyEntity;
      secret = this.giveSecret(renewed);
      return {
        secretHash: renewed.secretHash,
        prefix: renewed.prefix,
        previousSecretHash: graceMs > 0 ? previousHash : null,
        previousSecretExpiresAt: graceMs > 0 ? new Date(now.getTime() + graceMs) : null,
        secretGeneration: key.secretGeneration + 1,
      };
    }, { gracePeriodSeconds: input.gracePeriodSeconds ?? 0 });
    return { apiKey, secret, dryRun: false };
  }

  /** Deletes a key; sessions it opened go with it (foreign key cascade). */
  async deleteApiKey(ctx: RequestContext, input: { id: string; ifMatch?: string | null; dryRun?: boolean | null }): Promise<{ deletedId: string; dryRun: boolean }> {
    if (input.dryRun) {
      await this.checkedForWrite(this.dataSource.manager, input.id, input);
      return { deletedId: input.id, dryRun: true };
    }
    try {
      await ctx.transaction(async (manager) => {
        const key = await this.checkedForWrite(manager, input.id, input);
        const deletion = manager.createQueryBuilder().delete().from(ApiKeyEntity).where('id = :id AND locked = :unlocked', { id: key.id, unlocked: false });
        if (input.ifMatch != null) deletion.andWhere('version = :version', { version: versionOf(input.ifMatch) });
        const result = await deletion.execute();
        if (!result.affected) await this.explainNoWrite(manager, key.id, input);
        await this.notifications.notifyKeyEvent(manager, { kind: 'KEY_DELETED', key, actorId: ctx.identity!.principal.id });
        auditTarget(ctx, 'ApiKey', key.id, { ownerId: key.ownerId });
      });
    } finally {
      this.authenticator.forget(input.id);
    }
    return { deletedId: input.id, dryRun: false };
  }

  /**
   * The one write path for a key: `UPDATE … SET version = version + 1
   * WHERE id = ? [AND version = ifMatch] [AND locked = false]`. When no row
   * changes, the key vanished (NOT_FOUND), was locked (KEY_LOCKED) or
   * changed since it was read (PRECONDITION_FAILED) — nothing is written.
   */
  private async writeKey(
    ctx: RequestContext,
    id: string,
    options: WriteOptions,
    changesFor: (manager: EntityManager, key: ApiKeyEntity) => Promise<Partial<ApiKeyEntity>>,
    details?: AuditDetails,
  ): Promise<ApiKeyEntity> {
    try {
      return await ctx.transaction(async (manager) => {
        const key = await this.checkedForWrite(manager, id, options);
        const changes = await changesFor(manager, key);
        if (callerKeyIsRestricted(ctx)) refuseLoosening(key, changes);
        const update = manager
          .createQueryBuilder()
          .update(ApiKeyEntity)
          .set({ ...changes, updatedAt: this.clock.now(), updatedById: ctx.identity!.principal.id, version: () => 'version + 1' })
          .where('id = :id', { id });
        if (options.ifMatch != null) update.andWhere('version = :version', { version: versionOf(options.ifMatch) });
        if (!options.allowLocked) update.andWhere('locked = :unlocked', { unlocked: false });
        const result = await update.execute();
        if (!result.affected) await this.explainNoWrite(manager, id, options);
        const written = await manager.findOneByOrFail(ApiKeyEntity, { id });
        if (options.notice) await this.notifications.notifyKeyEvent(manager, { kind: options.notice, key: written, actorId: ctx.identity!.principal.id });
        auditTarget(ctx, 'ApiKey', id, details);
        return written;
      });
    } finally {
      this.authenticator.forget(id);
    }
  }

  /** The key as it stands, if a write may proceed: exists, unlocked (unless allowed), `ifMatch` current. */
  private async checkedForWrite(manager: EntityManager, id: string, options: WriteOptions, latest = false): Promise<ApiKeyEntity> {
    // `latest`: a locking read (FOR UPDATE; our UPDATE already holds that row lock; MariaDB has no FOR SHARE), so MySQL
    // answers the row as committed now, not the transaction's REPEATABLE READ snapshot.
    const lock = latest && manager.connection.driver.options.type === 'mysql' ? { lock: { mode: 'pessimistic_write' as const } } : {};
    const key = await manager.findOne(ApiKeyEntity, { where: { id }, ...lock });
    if (!key) throw notFound('API key');
    if (key.locked && !options.allowLocked) throw keyLocked();
    if (options.ifMatch != null && versionOf(options.ifMatch) !== key.version) throw preconditionFailed();
    return key;
  }

  /** Why a conditional write changed no row: it always throws. */
  private async explainNoWrite(manager: EntityManager, id: string, options: WriteOptions): Promise<never> {
    await this.checkedForWrite(manager, id, options, true); // locked or deleted meanwhile: KEY_LOCKED / NOT_FOUND, as asked
    throw preconditionFailed(); // it changed between our read and our write
  }

  // ── Leaks ────────────────────────────────────────────────────────────

  /**
   * Anyone may report a secret found in the open. A well-formed secret of a
   * live key gets the key's `actionWhenLeaked`: DISABLE (even when locked —
   * a leak outranks the lock, and it can be undone), DELETE (a locked key is
   * disabled instead), or NONE. The answer is `true` whatever was found, so
   * the mutation tells nobody whether a secret is real.
   */
  async reportLeakedSecret(ctx: RequestContext, reported: string): Promise<boolean> {
    const wait = await consume(this.limiters.leakReportsByIp, ctx.ip);
    if (wait !== null) throw rateLimited(wait);
    const candidate = this.leakCandidate(reported.trim());
    if (!candidate) {
      ctx.log.info({ reason: 'malformed secret' }, 'leak report ignored');
      return true;
    }
    const hash = this.hasher.hash(candidate.secret);
    const now = this.clock.now();
    const key = (
      await this.dataSource.getRepository(ApiKeyEntity).find({
        where: [
          { secretHash: hash, type: candidate.type },
          { previousSecretHash: hash, type: candidate.type },
        ],
      })
    ).find((k) => SecretHasher.same(k.secretHash, hash) || (k.previousSecretExpiresAt !== null && k.previousSecretExpiresAt > now));
    if (!key || (candidate.accessKeyId && key.accessKeyId !== candidate.accessKeyId)) {
      ctx.log.info({ reason: 'no live key with this secret' }, 'leak report ignored');
      return true;
    }
    // The key's account audits the report: its auditors and administrators are the ones who must act on it.
    if (ctx.state.mutation) ctx.state.mutation.accountId = key.accountId;
    const action: LeakActionValue = key.actionWhenLeaked === 'DELETE' && key.locked ? 'DISABLE' : key.actionWhenLeaked;
    try {
      await ctx.transaction(async (manager) => {
        if (action === 'DELETE') await manager.delete(ApiKeyEntity, { id: key.id });
        if (action === 'DISABLE') {
          await manager
            .createQueryBuilder()
            .update(ApiKeyEntity)
            .set({ state: 'INACTIVE', updatedAt: now, updatedById: null, version: () => 'version + 1' })
            .where('id = :id', { id: key.id })
            .execute();
        }
        // One leak is news once: reports of the same key within the hour (one paste, many reporters) notify nobody again.
        const told = await this.notifications.notifiedSince(manager, 'KEY_LEAKED', key.id, new Date(now.getTime() - LEAK_NOTICE_INTERVAL_MS));
        if (!told) await this.notifications.notifyKeyEvent(manager, { kind: 'KEY_LEAKED', key, actorId: null, action });
        auditTarget(ctx, 'ApiKey', key.id, { leakAction: action, ownerId: key.ownerId, ownerNotified: !told });
      });
    } finally {
      this.authenticator.forget(key.id);
    }
    ctx.log.warn({ keyId: key.id, ownerId: key.ownerId, action }, 'leaked key secret reported');
    return true;
  }

  /** What a reported string could be: an API key token, a secret access key, or `accessKeyId:secret`. */
  private leakCandidate(value: string): { type: CredentialTypeValue; secret: string; accessKeyId?: string } | null {
    if (isWellFormedApiKeyToken(value)) return { type: 'API_KEY', secret: value };
    if (isWellFormedSecretAccessKey(value)) return { type: 'ACCESS_KEY', secret: value };
    const [accessKeyId, secret, extra] = value.split(':');
    if (extra === undefined && secret !== undefined && isWellFormedAccessKeyId(accessKeyId) && isWellFormedSecretAccessKey(secret)) {
      return { type: 'ACCESS_KEY', secret, accessKeyId };
    }
    return null;
  }
}

const nameTaken = () => conflict('This owner already has a key with this name', { field: 'name' });
