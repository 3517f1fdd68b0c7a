/** Accounts, memberships, and the first start on an empty database. */
import { randomBytes } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import { assertKeepsAnAdministrator } from '../../authority';
import { auditTarget, type RequestContext } from '../../context';
import { isUniqueViolation } from '../../database';
import { badUserInput, conflict, forbidden, notFound, rateLimited } from '../../errors';
import { isIdOf, newId } from '../../ids';
import type { Logger } from '../../logger';
import { consume, type Limiters } from '../../rate-limits';
import { hashPassword } from '../auth/passwords';
import { ADMINISTRATOR_ROLE } from '../roles/permission-catalog';
import { isMemberRole } from '../roles/role.service';
import type { NotificationService } from '../notifications/notification.service';
import type { RoleService } from '../roles/role.service';
import { SessionEntity } from '../auth/session.entity';
import { GroupEntity, GroupMemberEntity } from '../groups/group.entity';
import { RoleAssignmentEntity } from '../roles/role-assignment.entity';
import { displayEmail, normalizedEmail } from '../users/identity-text';
import { PrincipalEntity } from '../users/principal.entity';
import { AccountInvitationEntity } from './invitation.entity';
import { AccountEntity, DEFAULT_EXPIRY_NOTICE_DAYS } from './account.entity';
import { MembershipEntity } from './membership.entity';

export class AccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly roles: RoleService,
    private readonly notifications: NotificationService,
    private readonly limiters: Limiters,
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
      // Rule 2: secure by default — keys of other accounts are refused until this account allows theirs.
      crossAccountRestriction: true,
      crossAccountAllowedIds: [],
      expiryNoticeDays: [...DEFAULT_EXPIRY_NOTICE_DAYS],
      createdAt: now,
      updatedAt: now,
    });
    await manager.insert(AccountEntity, account);
    const roles = await this.roles.createBuiltInRoles(manager, account.id);
    return { account, roles };
  }

  /** Makes the user a member, with the built-in role Member (self-service, rule 5). */
  async addMembership(manager: EntityManager, accountId: string, userId: string): Promise<void> {
    await manager.insert(MembershipEntity, { accountId, userId, createdAt: this.clock.now() });
    await this.roles.assignRoles(manager, userId, await this.roles.memberRole(manager, accountId));
  }

  /** A new account: the viewer becomes a member and its Administrator (its home account stays as it was). */
  async createAccountFor(ctx: RequestContext, name: string): Promise<AccountEntity> {
    const viewer = ctx.identity!.principal;
    const wait = await consume(this.limiters.accountsCreatedByCaller, viewer.id);
    if (wait !== null) throw rateLimited(wait);
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

  /**
   * Invites an existing user (rule 3: membership needs consent): a pending
   * `AccountInvitation` the user sees in `viewer.invitations` and its bell,
   * granting nothing until accepted. The roles it names must be ones the
   * caller could grant now. A member already, or invited already: CONFLICT.
   */
  async addMember(ctx: RequestContext, input: { accountId: string; userId: string; roleIds?: string[] | null }): Promise<AccountEntity> {
    const account = await this.activeAccountNamed(ctx, input.accountId);
    const user = isIdOf('user', input.userId) ? await ctx.loaders.principal.load(input.userId) : null;
    if (!user || user.kind !== 'USER') throw badUserInput('userId', 'is not a user');
    const roles = await this.roles.requireRoles(this.dataSource.manager, account.id, input.roleIds);
    await this.roles.assertMayGrant(ctx, roles);
    if (await this.dataSource.getRepository(MembershipEntity).existsBy({ accountId: account.id, userId: user.id })) {
      throw conflict('The user is already a member of this account', { field: 'userId' });
    }
    const now = this.clock.now();
    const invitation = this.dataSource.manager.create(AccountInvitationEntity, {
      id: newId('accountInvitation', now.getTime()),
      accountId: account.id,
      userId: user.id,
      invitedById: ctx.identity!.principal.id,
      roleIds: roles.map((r) => r.id),
      createdAt: now,
    });
    try {
      await ctx.transaction(async (manager) => {
        await manager.insert(AccountInvitationEntity, invitation);
        await this.notifications.notify(manager, {
          recipientIds: [user.id],
          kind: 'ACCOUNT_INVITATION',
          message: `You were invited to join the account "${account.name}": accept or decline it (viewer.invitations).`,
          subjectId: invitation.id,
        });
        auditTarget(ctx, 'Account', account.id, { userId: user.id, invitationId: invitation.id, roleIds: invitation.roleIds });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('The user is already invited to this account', { field: 'userId' });
      throw error;
    }
    return account;
  }

  /** The viewer's pending invitations, newest first. */
  invitationsOf(userId: string): Promise<AccountInvitationEntity[]> {
    return this.dataSource.getRepository(AccountInvitationEntity).find({ where: { userId }, order: { id: 'DESC' } });
  }

  /** An invitation addressed to the viewer, or NOT_FOUND (someone else's reads as missing). */
  private async invitationOfViewer(ctx: RequestContext, id: string): Promise<AccountInvitationEntity> {
    const invitation = isIdOf('accountInvitation', id) ? await this.dataSource.getRepository(AccountInvitationEntity).findOneBy({ id }) : null;
    if (!invitation || invitation.userId !== ctx.identity!.principal.id) throw notFound('Invitation');
    return invitation;
  }

  /** The viewer joins the account with the Member role and the roles the invitation names (those that still exist). */
  async acceptInvitation(ctx: RequestContext, id: string): Promise<AccountEntity> {
    const invitation = await this.invitationOfViewer(ctx, id);
    const account = await ctx.loaders.account.load(invitation.accountId);
    if (!account) throw notFound('Invitation');
    await ctx.transaction(async (manager) => {
      const removed = await manager.delete(AccountInvitationEntity, { id: invitation.id });
      if (!removed.affected) throw notFound('Invitation'); // accepted or declined meanwhile
      const roles = await this.roles.rolesInAccount(manager, invitation.accountId, invitation.roleIds);
      await this.addMembership(manager, invitation.accountId, invitation.userId);
      await this.roles.assignRoles(manager, invitation.userId, roles.filter((r) => !isMemberRole(r)));
      await this.notifications.notifyRolesChanged(manager, { principalId: invitation.userId, added: roles, accountName: account.name });
      auditTarget(ctx, 'AccountInvitation', invitation.id, { accountId: invitation.accountId, roleIds: roles.map((r) => r.id) });
    });
    // A membership gained: the user's cached key verdicts (membership of a key's account) on every node.
    ctx.services.keyAuthenticator.forgetOwner(invitation.userId);
    return account;
  }

  async declineInvitation(ctx: RequestContext, id: string): Promise<boolean> {
    const invitation = await this.invitationOfViewer(ctx, id);
    await ctx.transaction(async (manager) => {
      await manager.delete(AccountInvitationEntity, { id: invitation.id });
      auditTarget(ctx, 'AccountInvitation', invitation.id, { accountId: invitation.accountId });
    });
    return true;
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
      if (!removed.affected) {
        // Not a member: withdraw a pending invitation, if there is one.
        const withdrawn = await manager.delete(AccountInvitationEntity, { accountId: account.id, userId: user.id });
        if (!withdrawn.affected) throw badUserInput('userId', 'is not a member of this account');
        auditTarget(ctx, 'Account', account.id, { userId: user.id, invitationWithdrawn: true });
        return;
      }
      await manager.delete(RoleAssignmentEntity, { accountId: account.id, principalId: user.id });
      const groups = await manager.find(GroupEntity, { select: { id: true }, where: { accountId: account.id } });
      if (groups.length > 0) await manager.delete(GroupMemberEntity, { principalId: user.id, groupId: In(groups.map((g) => g.id)) });
      await manager.delete(SessionEntity, { accountId: account.id, principalId: user.id });
      await assertKeepsAnAdministrator(manager, account.id);
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
        email: displayEmail(config.bootstrapAdminEmail),
        emailLower: normalizedEmail(config.bootstrapAdminEmail),
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
