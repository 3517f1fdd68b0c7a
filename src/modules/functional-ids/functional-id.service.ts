/**
 * Functional IDs: identities for programs, rows of `principals` with kind
 * FUNCTIONAL_ID (so keys, roles and groups reference them like users). Their
 * name may hold `/` folders and is unique per account (`functional_id_name`).
 */
import type { DataSource } from 'typeorm';
import type { Clock } from '../../clock';
import { assertNotAbove, managesPrincipal } from '../../authority';
import { auditTarget, type RequestContext } from '../../context';
import { isUniqueViolation } from '../../database';
import { badUserInput, conflict, forbidden, notFound } from '../../errors';
import { isIdOf, newId } from '../../ids';
import { paginate, type Connection } from '../../pagination';
import type { GroupService } from '../groups/group.service';
import type { RoleService } from '../roles/role.service';
import { PrincipalEntity } from '../users/principal.entity';
import { deletePrincipal } from '../users/principal-removal';
import type { UserService } from '../users/user.service';

export interface CreateFunctionalIdData {
  name: string;
  description?: string | null;
  ownerId?: string | null;
  roleIds?: string[] | null;
  groupIds?: string[] | null;
}

export interface UpdateFunctionalIdData {
  name?: string | null;
  description?: string | null;
  ownerId?: string | null;
}

/** Escapes LIKE wildcards with `!` (an explicit ESCAPE works the same on SQLite and MySQL). */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

export class FunctionalIdService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly users: UserService,
    private readonly roles: RoleService,
    private readonly groups: GroupService,
  ) {}

  /** A functional ID of the active account, or NOT_FOUND. */
  async functionalIdInAccount(ctx: RequestContext, id: string): Promise<PrincipalEntity> {
    const principal = isIdOf('functionalId', id) ? await ctx.loaders.principal.load(id) : null;
    if (!principal || principal.kind !== 'FUNCTIONAL_ID' || principal.accountId !== ctx.activeAccountId) throw notFound('Functional ID');
    return principal;
  }

  /** The active account's functional IDs, newest first; `pathPrefix` keeps the names that start with it (`ci/`). */
  list(ctx: RequestContext, args: { first?: number | null; after?: string | null; pathPrefix?: string | null }): Promise<Connection<PrincipalEntity>> {
    const query = this.dataSource
      .getRepository(PrincipalEntity)
      .createQueryBuilder('p')
      .where("p.account_id = :accountId AND p.kind = 'FUNCTIONAL_ID'", { accountId: ctx.activeAccountId });
    if (args.pathPrefix) query.andWhere("p.functional_id_name LIKE :prefix ESCAPE '!'", { prefix: likePrefix(args.pathPrefix) });
    return paginate(query, 'p.id', args);
  }

  async create(ctx: RequestContext, input: CreateFunctionalIdData): Promise<PrincipalEntity> {
    const accountId = ctx.activeAccountId!;
    const viewer = ctx.identity!.principal;
    const ownerId = input.ownerId ?? (viewer.kind === 'USER' ? viewer.id : null);
    if (!ownerId) throw badUserInput('ownerId', 'is required when the caller is not a user');
    await this.checkOwner(ctx, ownerId);
    const roles = await this.roles.requireRoles(this.dataSource.manager, accountId, input.roleIds);
    await this.roles.assertMayGrant(ctx, roles);
    const groups = await this.groups.requireJoinableGroups(ctx, input.groupIds);
    const now = this.clock.now();
    const name = input.name.trim();
    const functionalId = this.dataSource.manager.create(PrincipalEntity, {
      id: newId('functionalId', now.getTime()),
      kind: 'FUNCTIONAL_ID',
      accountId,
      name,
      email: null,
      emailLower: null,
      functionalIdName: name,
      passwordHash: null,
      federated: false,
      disabled: false,
      parentId: null,
      ownerId,
      description: input.description ?? null,
      createdAt: now,
      updatedAt: now,
    });
    await this.write(ctx, async (tx) => {
      await tx.getRepository(PrincipalEntity).insert(functionalId);
      await this.roles.assignRoles(tx, functionalId.id, roles);
      await this.groups.joinGroups(tx, functionalId.id, groups);
      auditTarget(ctx, 'FunctionalId', functionalId.id, { name, ownerId, roleIds: roles.map((r) => r.id), groupIds: groups.map((g) => g.id) });
    });
    return functionalId;
  }

  async update(ctx: RequestContext, id: string, input: UpdateFunctionalIdData): Promise<PrincipalEntity> {
    const functionalId = await this.functionalIdInAccount(ctx, id);
    const changes: Partial<PrincipalEntity> = {};
    if (input.name != null) changes.name = changes.functionalIdName = input.name.trim();
    if (input.description !== undefined) changes.description = input.description;
    if (input.ownerId != null && input.ownerId !== functionalId.ownerId) {
      // The owner and its ancestors manage the functional ID's keys: yielding them needs the cap (rule 4).
      await assertNotAbove(ctx, functionalId, 'change the owner of this functional ID');
      await this.checkOwner(ctx, input.ownerId);
      changes.ownerId = input.ownerId;
    }
    changes.updatedAt = this.clock.now();
    await this.write(ctx, async (tx) => {
      await tx.update(PrincipalEntity, { id: functionalId.id }, changes);
      auditTarget(ctx, 'FunctionalId', functionalId.id, { changed: Object.keys(changes).filter((k) => k !== 'updatedAt') });
    });
    ctx.services.keyAuthenticator.forgetOwner(functionalId.id);
    return Object.assign(functionalId, changes);
  }

  delete(ctx: RequestContext, id: string, dryRun: boolean) {
    return this.functionalIdInAccount(ctx, id).then((functionalId) => deletePrincipal(ctx, functionalId, dryRun));
  }

  /**
   * The owner is a user of the account. Without `functionalIds.manage` the
   * caller may make only itself or a user below it responsible: owning
   * gives the owner's managers power over the functional ID's keys.
   */
  private async checkOwner(ctx: RequestContext, ownerId: string): Promise<void> {
    await this.users.userInAccount(ctx, ownerId).catch(() => Promise.reject(badUserInput('ownerId', 'is not a user of this account')));
    if ((await ctx.permissions()).has('functionalIds.manage')) return;
    const viewerId = ctx.identity!.principal.id;
    if (ownerId !== viewerId && !(await managesPrincipal(ctx, await this.users.userInAccount(ctx, ownerId)))) {
      throw forbidden('Without functionalIds.manage the owner must be you or a user below you');
    }
  }

  private async write(ctx: RequestContext, work: Parameters<RequestContext['transaction']>[0]): Promise<void> {
    try {
      await ctx.transaction(work);
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('A functional ID with this name already exists in this account', { field: 'name' });
      throw error;
    }
  }
}
