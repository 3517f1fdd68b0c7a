/** Roles and what they grant: a principal's permissions in an account, and a key's cap on them. */
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import { newId } from '../../ids';
import type { ApiKeyEntity } from '../api-keys/api-key.entity';
import { BUILT_IN_ROLES, type Permission } from './permission-catalog';
import { RoleAssignmentEntity } from './role-assignment.entity';
import { RoleEntity } from './role.entity';

export class RoleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The built-in roles every account starts with. */
  async createBuiltInRoles(manager: EntityManager, accountId: string): Promise<RoleEntity[]> {
    const now = this.clock.now();
    const roles = BUILT_IN_ROLES.map((template) =>
      manager.create(RoleEntity, {
        id: newId('role', now.getTime()),
        accountId,
        name: template.name,
        description: template.description,
        permissions: template.permissions,
        builtIn: true,
        createdAt: now,
        updatedAt: now,
      }),
    );
    await manager.insert(RoleEntity, roles);
    return roles;
  }

  async assignRoles(manager: EntityManager, principalId: string, roles: RoleEntity[]): Promise<void> {
    if (roles.length === 0) return;
    const now = this.clock.now();
    await manager.insert(
      RoleAssignmentEntity,
      roles.map((role) => ({ principalId, roleId: role.id, accountId: role.accountId, createdAt: now })),
    );
  }

  /** Roles of an account by ID; unknown IDs come back missing, for the caller to refuse. */
  rolesInAccount(manager: EntityManager, accountId: string, roleIds: string[]): Promise<RoleEntity[]> {
    if (roleIds.length === 0) return Promise.resolve([]);
    return manager.findBy(RoleEntity, { id: In(roleIds), accountId });
  }

  rolesOfAccount(accountId: string): Promise<RoleEntity[]> {
    return this.dataSource.getRepository(RoleEntity).find({ where: { accountId }, order: { builtIn: 'DESC', name: 'ASC' } });
  }

  /** The role IDs a principal holds in an account, directly. */
  async roleIdsOf(principalId: string, accountId: string): Promise<string[]> {
    const rows = await this.dataSource.getRepository(RoleAssignmentEntity).findBy({ principalId, accountId });
    return rows.map((r) => r.roleId);
  }

  /**
   * What a principal may do in an account: the permissions of its roles. A
   * request made with a key acts with the owner's permissions.
   */
  async permissionsOf(principalId: string, accountId: string, _viaKey: ApiKeyEntity | null): Promise<Set<Permission>> {
    const rows: { permissions: string }[] = await this.dataSource
      .createQueryBuilder()
      .select('r.permissions', 'permissions')
      .from(RoleAssignmentEntity, 'a')
      .innerJoin(RoleEntity, 'r', 'r.id = a.role_id')
      .where('a.principal_id = :principalId AND a.account_id = :accountId', { principalId, accountId })
      .getRawMany();
    return new Set(rows.flatMap((row) => JSON.parse(row.permissions) as Permission[]));
  }
}
