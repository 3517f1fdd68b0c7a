/** Accounts, memberships, and the first start on an empty database. */
import { randomBytes } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import { auditTarget, type RequestContext } from '../../context';
import { isUniqueViolation } from '../../database';
import { badUserInput, conflict, forbidden, notFound } from '../../errors';
import { isIdOf, newId } from '../../ids';
import type { Logger } from '../../logger';
import { hashPassword } from '../auth/passwords';
import { ADMINISTRATOR_ROLE } from '../roles/permission-catalog';
import type { NotificationService } from '../notifications/notification.service';
import type { RoleService } from '../roles/role.service';
import { SessionEntity } from '../auth/session.entity';
import { GroupEntity, GroupMemberEntity } from '../groups/group.entity';
import { RoleAssignmentEntity } from '../roles/role-assignment.entity';
import { PrincipalEntity } from '../users/principal.entity';
import { AccountEntity, DEFAULT_EXPIRY_NOTICE_DAYS } from './account.entity';
import { MembershipEntity } from './membership.entity';

export class AccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly roles: RoleService,
    private readonly notifications: NotificationService,
  ) {}

  /** A new account with its built-in roles and default settings. */
  async createAccount(manager: EntityManager, name: string) {
    const now = this.clock.now();
    const account = manager.create(AccountEntity, {
      id: newId('account', now.getTime()),
      name,
      maxApiKeysPerPrincipal: 20,
      maxAccessKeysPerPrincipal: 2,
      maxKeyLifetimeDays: null,
      restrictUserApiKeyCreation: false,
      crossAccountRestriction: false,
      crossAccountAllowedIds: [],
      expiryNoticeDays: [...DEFAULT_EXPIRY_NOTICE_DAYS],
      createdAt: now,
      updatedAt: now,
    });
    await manager.insert(AccountEntity, account);
    const roles = await this.roles.createBuiltInRoles(manager, account.id);
    return { account, roles };
  }

  async addMembership(manager: EntityManager, accountId: string, userId: string): Promise<void> {
    await manager.insert(MembershipEntity, { accountId, userId, createdAt: this.clock.now() });
  }

  /** A new account: the viewer becomes a member and its Administrator (its home account stays as it was). */
  async createAccountFor(ctx: RequestContext, name: string): Promise<AccountEntity> {
    const viewer = ctx.identity!.principal;
    return ctx.transaction(async (manager) => {
      const { account, roles } = await this.createAccount(manager, name.trim());
      await this.addMembership(manager, account.id, viewer.id);
      await this.roles.assignRoles(manager, viewer.id, roles.filter((r) => r.name === ADMINISTRATOR_ROLE));
      auditTarget(ctx, 'Account', account.id, { name: account.name });
      return account;
    });
  }

  /** Member operations act on the active account, where the caller's `account.manage` was checked. */
  private async activeAccountNamed(ctx: RequestContext, accountId: string): Promise<AccountEntity> {
    if (accountId !== ctx.activeAccountId) throw forbidden('accountId must be the active account: send X-Account-Id to act in another account');
    return (await ctx.loaders.account.load(accountId)) ?? Promise.reject(notFound('Account'));
  }

  /** Any existing user may be added; it keeps its home account. */
  async addMember(ctx: RequestContext, input: { accountId: string; userId: string; roleIds?: string[] | null }): Promise<AccountEntity> {
    const account = await this.activeAccountNamed(ctx, input.accountId);
    const user = isIdOf('user', input.userId) ? await ctx.loaders.principal.load(input.userId) : null;
    if (!user || user.kind !== 'USER') throw badUserInput('userId', 'is not a user');
    const roles = await this.roles.requireRoles(this.dataSource.manager, account.id, input.roleIds);
    await this.roles.assertMayGrant(ctx, roles);
    try {
      await ctx.transaction(async (manager) => {
        await this.addMembership(manager, account.id, user.id);
        await this.roles.assignRoles(manager, user.id, roles);
        await this.notifications.notifyRolesChanged(manager, { principalId: user.id, added: roles, accountName: account.name });
        auditTarget(ctx, 'Account', account.id, { userId: user.id, roleIds: roles.map((r) => r.id) });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('The user is already a member of this account', { field: 'userId' });
      throw error;
    }
    return account;
  }

  /**
   * Removes a user from an account other than its home: its roles and group
   * memberships there go, its sessions in that account end, and its keys of
   * that account stop at once (they need the membership).
   */
  async removeMember(ctx: RequestContext, input: { accountId: string; userId: string }): Promise<AccountEntity> {
    const account = await this.activeAccountNamed(ctx, input.accountId);
    const user = isIdOf('user', input.userId) ? await ctx.loaders.principal.load(input.userId) : null;
    if (!user || user.kind !== 'USER') throw badUserInput('userId', 'is not a user');
    if (user.accountId === account.id) throw badUserInput('userId', 'this is the user\'s home account: delete the user instead');
    await ctx.transaction(async (manager) => {
      const removed = await manager.delete(MembershipEntity, { accountId: account.id, userId: user.id });
      if (!removed.affected) throw badUserInput('userId', 'is not a member of this account');
      await manager.delete(RoleAssignmentEntity, { accountId: account.id, principalId: user.id });
      const groups = await manager.find(GroupEntity, { select: { id: true }, where: { accountId: account.id } });
      if (groups.length > 0) await manager.delete(GroupMemberEntity, { principalId: user.id, groupId: In(groups.map((g) => g.id)) });
      await manager.delete(SessionEntity, { accountId: account.id, principalId: user.id });
      auditTarget(ctx, 'Account', account.id, { userId: user.id });
    });
    ctx.services.keyAuthenticator.forgetOwner(user.id);
    return account;
  }

  /** Changes the active account's policies; the cross-account allowlist must name other, existing accounts. */
  async updateSettings(ctx: RequestContext, input: AccountSettingsData): Promise<AccountEntity> {
    const account = await ctx.loaders.account.load(ctx.activeAccountId!);
    if (!account) throw notFound('Account');
    const changes: Partial<AccountEntity> = {};
    if (input.crossAccountRestriction) {
      const allowed = [...new Set(input.crossAccountRestriction.allowedAccountIds ?? [])];
      if (allowed.includes(account.id)) throw badUserInput('crossAccountRestriction.allowedAccountIds', 'lists this account: its own keys are always accepted');
      const known = allowed.length > 0 ? await this.dataSource.getRepository(AccountEntity).find({ select: { id: true }, where: { id: In(allowed) } }) : [];
      const unknown = allowed.find((id) => !known.some((a) => a.id === id));
      if (unknown !== undefined) throw badUserInput('crossAccountRestriction.allowedAccountIds', `${unknown.slice(0, 40)} is not an account`);
      changes.crossAccountRestriction = input.crossAccountRestriction.enabled;
      changes.crossAccountAllowedIds = allowed;
    }
    if (input.maxApiKeysPerPrincipal != null) changes.maxApiKeysPerPrincipal = input.maxApiKeysPerPrincipal;
    if (input.maxAccessKeysPerPrincipal != null) changes.maxAccessKeysPerPrincipal = input.maxAccessKeysPerPrincipal;
    if (input.maxKeyLifetimeDays !== undefined) changes.maxKeyLifetimeDays = input.maxKeyLifetimeDays;
    if (input.restrictUserApiKeyCreation != null) changes.restrictUserApiKeyCreation = input.restrictUserApiKeyCreation;
    // Largest first, each once: the sweeper walks them in order.
    if (input.expiryNoticeDays != null) changes.expiryNoticeDays = [...new Set(input.expiryNoticeDays)].sort((a, b) => b - a);
    changes.updatedAt = this.clock.now();
    await ctx.transaction(async (manager) => {
      await manager.update(AccountEntity, { id: account.id }, changes);
      const { updatedAt: _at, ...changed } = changes;
      auditTarget(ctx, 'Account', account.id, flattenSettings(changed));
    });
    return Object.assign(account, changes);
  }

  /**
   * On an empty database: the first account and its administrator, from
   * BOOTSTRAP_ADMIN_EMAIL/PASSWORD or `admin@localhost` with a random
   * password printed once. Never again once any user exists.
   */
  async bootstrap(config: Config, log: Logger): Promise<void> {
    const anyone = await this.dataSource.getRepository(PrincipalEntity).exists();
    if (anyone) return;
    const password = config.bootstrapAdminPassword ?? randomBytes(18).toString('base64url');
    const passwordHash = await hashPassword(password);
    const created = await this.dataSource.transaction(async (manager) => {
      if (await manager.getRepository(PrincipalEntity).exists()) return null; // another process won the race
      const { account, roles } = await this.createAccount(manager, 'Default');
      const now = this.clock.now();
      const admin = manager.create(PrincipalEntity, {
        id: newId('user', now.getTime()),
        kind: 'USER',
        accountId: account.id,
        name: 'Administrator',
        email: config.bootstrapAdminEmail,
        emailLower: config.bootstrapAdminEmail.toLowerCase(),
        functionalIdName: null,
        passwordHash,
        federated: false,
        disabled: false,
        parentId: null,
        ownerId: null,
        description: null,
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(PrincipalEntity, admin);
      await this.addMembership(manager, account.id, admin.id);
      await this.roles.assignRoles(manager, admin.id, roles.filter((r) => r.name === ADMINISTRATOR_ROLE));
      return { account, admin };
    });
    if (!created) return;
    if (config.bootstrapAdminPassword) {
      log.info({ email: created.admin.email, accountId: created.account.id }, 'created the first administrator (password from BOOTSTRAP_ADMIN_PASSWORD)');
    } else {
      // The one place a secret is printed, by design (DESIGN.md): change it after the first login.
      log.warn(
        { email: created.admin.email, accountId: created.account.id },
        `created the first administrator ${created.admin.email} with password: ${password} — it is shown only this once; log in and change it`,
      );
    }
  }
}

export interface AccountSettingsData {
  crossAccountRestriction?: { enabled: boolean; allowedAccountIds?: string[] | null } | null;
  maxApiKeysPerPrincipal?: number | null;
  maxAccessKeysPerPrincipal?: number | null;
  maxKeyLifetimeDays?: number | null;
  restrictUserApiKeyCreation?: boolean | null;
  expiryNoticeDays?: number[] | null;
}

/** Settings changes as audit details (flat values only). */
function flattenSettings(changes: Partial<AccountEntity>): Record<string, string | number | boolean | null | string[]> {
  const details: Record<string, string | number | boolean | null | string[]> = {};
  for (const [key, value] of Object.entries(changes)) details[key] = key === 'expiryNoticeDays' ? (value as number[]).join(',') : (value as string | number | boolean | null | string[]);
  return details;
}
