/** Users: creation and lookup. */
import type { DataSource } from 'typeorm';
import type { Clock } from '../../clock';
import { auditTarget, type RequestContext } from '../../context';
import { isUniqueViolation } from '../../database';
import { badUserInput, conflict, notFound } from '../../errors';
import { isIdOf, newId } from '../../ids';
import type { AccountService } from '../accounts/account.service';
import { MembershipEntity } from '../accounts/membership.entity';
import { hashPassword } from '../auth/passwords';
import type { RoleService } from '../roles/role.service';
import { PrincipalEntity } from './principal.entity';

export interface CreateUserData {
  email: string;
  name: string;
  password?: string | null;
  parentId?: string | null;
  federated?: boolean | null;
  roleIds?: string[] | null;
}

export class UserService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly accounts: AccountService,
    private readonly roles: RoleService,
  ) {}

  /** A user of the active account, or NOT_FOUND. */
  async userInAccount(ctx: RequestContext, id: string): Promise<PrincipalEntity> {
    const user = isIdOf('user', id) ? await ctx.loaders.principal.load(id) : null;
    if (!user || user.kind !== 'USER' || !ctx.activeAccountId) throw notFound('User');
    const member = await this.dataSource.getRepository(MembershipEntity).existsBy({ accountId: ctx.activeAccountId, userId: id });
    if (!member) throw notFound('User');
    return user;
  }

  async createUser(ctx: RequestContext, input: CreateUserData): Promise<PrincipalEntity> {
    const accountId = ctx.activeAccountId!;
    const federated = input.federated ?? false;
    if (!federated && !input.password) throw badUserInput('password', 'is required unless the user is federated');
    if (federated && input.password) throw badUserInput('password', 'a federated user has no password');
    if (input.parentId) await this.userInAccount(ctx, input.parentId).catch(() => Promise.reject(badUserInput('parentId', 'is not a user of this account')));
    const roles = await this.roles.rolesInAccount(this.dataSource.manager, accountId, input.roleIds ?? []);
    if (roles.length !== new Set(input.roleIds ?? []).size) throw badUserInput('roleIds', 'names a role that is not in this account');
    const passwordHash = input.password ? await hashPassword(input.password) : null;
    const now = this.clock.now();
    const user = this.dataSource.manager.create(PrincipalEntity, {
      id: newId('user', now.getTime()),
      kind: 'USER',
      accountId,
      name: input.name,
      email: input.email.trim(),
      emailLower: input.email.trim().toLowerCase(),
      functionalIdName: null,
      passwordHash,
      federated,
      disabled: false,
      parentId: input.parentId ?? null,
      ownerId: null,
      description: null,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await ctx.transaction(async (manager) => {
        await manager.insert(PrincipalEntity, user);
        await this.accounts.addMembership(manager, accountId, user.id);
        await this.roles.assignRoles(manager, user.id, roles);
        auditTarget(ctx, 'User', user.id);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('A user with this email already exists', { field: 'email' });
      throw error;
    }
    return user;
  }
}
