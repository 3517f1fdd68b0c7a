/** Users: creation, changes, the hierarchy, disabling and deletion. */
import type { DataSource } from 'typeorm';
import type { Clock } from '../../clock';
import { assertKeepsAnAdministrator, assertNotAbove } from '../../authority';
import { auditTarget, type RequestContext } from '../../context';
import { isUniqueViolation } from '../../database';
import { badUserInput, conflict, forbidden, notFound, rateLimited } from '../../errors';
import { isIdOf, newId } from '../../ids';
import { paginate, type Connection } from '../../pagination';
import { consume, type Limiters } from '../../rate-limits';
import type { AccountService } from '../accounts/account.service';
import { MembershipEntity } from '../accounts/membership.entity';
import { hashPassword } from '../auth/passwords';
import { SessionEntity } from '../auth/session.entity';
import type { GroupService } from '../groups/group.service';
import { isMemberRole, type RoleService } from '../roles/role.service';
import { ancestorIdsOf } from './hierarchy';
import { displayEmail, normalizedEmail } from './identity-text';
import { PrincipalEntity } from './principal.entity';
import { deletePrincipal } from './principal-removal';

export interface CreateUserData {
  email: string;
  name: string;
  password?: string | null;
  parentId?: string | null;
  federated?: boolean | null;
  roleIds?: string[] | null;
  groupIds?: string[] | null;
}

export interface UpdateUserData {
  name?: string | null;
  parentId?: string | null;
  federated?: boolean | null;
  password?: string | null;
}

export class UserService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly accounts: AccountService,
    private readonly roles: RoleService,
    private readonly groups: GroupService,
    private readonly limiters: Limiters,
  ) {}

  /** A user of the active account, or NOT_FOUND. */
  async userInAccount(ctx: RequestContext, id: string): Promise<PrincipalEntity> {
    const user = isIdOf('user', id) ? await ctx.loaders.principal.load(id) : null;
    if (!user || user.kind !== 'USER' || !ctx.activeAccountId) throw notFound('User');
    const member = await this.dataSource.getRepository(MembershipEntity).existsBy({ accountId: ctx.activeAccountId, userId: id });
    if (!member) throw notFound('User');
    return user;
  }

  /** A user whose home is the active account: only its home account changes, disables or deletes it. */
  async homeUser(ctx: RequestContext, id: string): Promise<PrincipalEntity> {
    const user = await this.userInAccount(ctx, id);
    if (user.accountId !== ctx.activeAccountId) {
      throw forbidden('This user belongs to another account: change it there (here you may only removeAccountMember)');
    }
    return user;
  }

  /** The members of the active account (home or joined), newest first. */
  listUsers(ctx: RequestContext, page: { first?: number | null; after?: string | null }): Promise<Connection<PrincipalEntity>> {
    const query = this.dataSource
      .getRepository(PrincipalEntity)
      .createQueryBuilder('p')
      .innerJoin(MembershipEntity, 'm', 'm.user_id = p.id AND m.account_id = :accountId', { accountId: ctx.activeAccountId })
      .where("p.kind = 'USER'");
    return paginate(query, 'p.id', page);
  }

  /** Children of a user that belong to the active account (as `User.children` lists them). */
  countChildren(ctx: RequestContext, userId: string): Promise<number> {
    return this.dataSource
      .getRepository(PrincipalEntity)
      .createQueryBuilder('p')
      .innerJoin(MembershipEntity, 'm', 'm.user_id = p.id AND m.account_id = :accountId', { accountId: ctx.activeAccountId })
      .where("p.parent_id = :userId AND p.kind = 'USER'", { userId })
      .getCount();
  }

  /**
   * Holders of `users.manage` create any user and may name its parent; any
   * other user creates its own children only. The creator is the parent
   * unless a manager names another.
   */
  async createUser(ctx: RequestContext, input: CreateUserData): Promise<PrincipalEntity> {
    const accountId = ctx.activeAccountId!;
    const viewer = ctx.identity!.principal;
    const wait = await consume(this.limiters.usersCreatedByCaller, viewer.id);
    if (wait !== null) throw rateLimited(wait);
    const permissions = await ctx.permissions();
    const manager = permissions.has('users.manage');
    const federated = input.federated ?? false;
    if (!federated && !input.password) throw badUserInput('password', 'is required unless the user is federated');
    if (federated && input.password) throw badUserInput('password', 'a federated user has no password');
    if (!manager && ((input.parentId && input.parentId !== viewer.id) || viewer.kind !== 'USER')) {
      throw forbidden('Without users.manage you may only create users below yourself');
    }
    const parentId = input.parentId ?? (viewer.kind === 'USER' ? viewer.id : null);
    if (input.parentId) await this.userInAccount(ctx, input.parentId).catch(() => Promise.reject(badUserInput('parentId', 'is not a user of this account')));
    const roles = await this.roles.requireRoles(this.dataSource.manager, accountId, input.roleIds);
    await this.roles.assertMayGrant(ctx, roles);
    const groups = await this.groups.requireJoinableGroups(ctx, input.groupIds);

    const passwordHash = input.password ? await hashPassword(input.password) : null;
    const now = this.clock.now();
    const user = this.dataSource.manager.create(PrincipalEntity, {
      id: newId('user', now.getTime()),
      kind: 'USER',
      accountId,
      name: input.name,
      email: displayEmail(input.email),
      emailLower: normalizedEmail(input.email),
      functionalIdName: null,
      passwordHash,
      federated,
      disabled: false,
      parentId,
      ownerId: null,
      description: null,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await ctx.transaction(async (tx) => {
        await tx.insert(PrincipalEntity, user);
        await this.accounts.addMembership(tx, accountId, user.id);
        await this.roles.assignRoles(tx, user.id, roles.filter((r) => !isMemberRole(r)));
        await this.groups.joinGroups(tx, user.id, groups);
        auditTarget(ctx, 'User', user.id, { parentId, roleIds: roles.map((r) => r.id), groupIds: groups.map((g) => g.id) });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw await this.emailInUse(viewer.id);
      throw error;
    }
    return user;
  }

  /**
   * Emails are unique in the whole installation (login names no account), so
   * a taken one must be refused; the refusal reads the same whichever account
   * holds the address — this one or another — and names neither, and each
   * caller gets few of them (README "Decisions"), so no tenant can sweep
   * another's address book through createUser.
   */
  private async emailInUse(callerId: string) {
    const wait = await consume(this.limiters.emailInUseByCaller, callerId);
    if (wait !== null) return rateLimited(wait);
    return conflict('This email address cannot be used for a new user', { field: 'email' });
  }

  /**
   * The permission rule lets through users.manage holders, the user's
   * ancestors and the user itself; here: the user alone may change only its
   * name, and moving a user in the hierarchy needs `users.manage`.
   */
  async updateUser(ctx: RequestContext, id: string, input: UpdateUserData): Promise<PrincipalEntity> {
    const user = await this.homeUser(ctx, id);
    const viewer = ctx.identity!.principal;
    const manager = (await ctx.permissions()).has('users.manage');
    const ancestor = (await ctx.loaders.ancestorIds.load(user.id)).includes(viewer.id);
    if (!manager && !ancestor && (input.parentId !== undefined || input.federated != null)) {
      throw forbidden('You may change only your own name');
    }
    const changes: Partial<PrincipalEntity> = {};
    if (input.name != null) changes.name = input.name;
    if (input.parentId !== undefined && input.parentId !== user.parentId) {
      if (!manager) throw forbidden('Moving a user in the hierarchy requires the users.manage permission');
      // A new parent gains power over the user's keys: nobody puts anyone above a user it does not cover (rule 4).
      await assertNotAbove(ctx, user, 'move this user in the hierarchy');
      if (input.parentId !== null) await this.refuseCycle(ctx, user, input.parentId);
      changes.parentId = input.parentId;
    }
    // Setting or clearing a password, federated toggles included, yields the power to log in as the user (rule 4).
    if (input.federated != null && input.federated !== user.federated) await assertNotAbove(ctx, user, "change this user's password");
    let endPasswordSessions = false;
    if (input.federated === true && !user.federated) {
      if (input.password) throw badUserInput('password', 'a federated user has no password');
      changes.federated = true;
      changes.passwordHash = null;
      endPasswordSessions = true;
    } else if (input.federated === false && user.federated) {
      if (!input.password) throw badUserInput('password', 'is required to turn federated off');
      changes.federated = false;
      changes.passwordHash = await hashPassword(input.password);
    } else if (input.password) {
      throw badUserInput('password', 'is set here only when turning federated off; users change theirs with changePassword');
    }
    changes.updatedAt = this.clock.now();
    await ctx.transaction(async (tx) => {
      await tx.update(PrincipalEntity, { id: user.id }, changes);
      if (endPasswordSessions) await tx.delete(SessionEntity, { principalId: user.id, method: 'PASSWORD' });
      auditTarget(ctx, 'User', user.id, { changed: Object.keys(changes).filter((k) => k !== 'updatedAt' && k !== 'passwordHash') });
    });
    // Cached sessions and key verdicts hold the principal (its name, its password sessions): on every node.
    ctx.services.keyAuthenticator.forgetOwner(user.id);
    Object.assign(user, changes);
    return user;
  }

  /** The new parent must be a user of the account that is neither the user nor below it. */
  private async refuseCycle(ctx: RequestContext, user: PrincipalEntity, parentId: string): Promise<void> {
    const parent = await this.userInAccount(ctx, parentId).catch(() => Promise.reject(badUserInput('parentId', 'is not a user of this account')));
    if (parent.id === user.id) throw badUserInput('parentId', 'a user cannot be its own parent');
    if ((await ancestorIdsOf(this.dataSource, parent.id)).includes(user.id)) {
      throw badUserInput('parentId', `${parent.name} (${parent.id}) is below ${user.name} in the hierarchy: that would make a cycle`);
    }
  }

  /** Disabling ends every session of the user at once (deleted) and stops its keys from the next request. */
  async setUserDisabled(ctx: RequestContext, id: string, disabled: boolean): Promise<PrincipalEntity> {
    const user = await this.homeUser(ctx, id);
    if (user.id === ctx.identity!.principal.id) throw badUserInput('id', 'you cannot disable or enable yourself');
    const updatedAt = this.clock.now();
    if (ctx.state.mutation && !disabled) ctx.state.mutation.action = 'user.enable'; // audit-actions maps the mutation to user.disable
    await ctx.transaction(async (tx) => {
      await tx.update(PrincipalEntity, { id: user.id }, { disabled, updatedAt });
      if (disabled) await tx.delete(SessionEntity, { principalId: user.id });
      if (disabled) await assertKeepsAnAdministrator(tx, ctx.activeAccountId!);
      auditTarget(ctx, 'User', user.id, { disabled });
    });
    // Keys check the owner's `disabled` flag when they authenticate: drop the cached verdicts.
    ctx.services.keyAuthenticator.forgetOwner(user.id);
    return Object.assign(user, { disabled, updatedAt });
  }

  async deleteUser(ctx: RequestContext, id: string, dryRun: boolean): Promise<{ deletedId: string; dryRun: boolean }> {
    const user = await this.homeUser(ctx, id);
    if (user.id === ctx.identity!.principal.id) throw badUserInput('id', 'you cannot delete yourself');
    return deletePrincipal(ctx, user, dryRun);
  }
}
