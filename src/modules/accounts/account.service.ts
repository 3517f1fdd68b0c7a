/** Accounts, memberships, and the first start on an empty database. */
import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import { newId } from '../../ids';
import type { Logger } from '../../logger';
import { hashPassword } from '../auth/passwords';
import { ADMINISTRATOR_ROLE } from '../roles/permission-catalog';
import type { RoleService } from '../roles/role.service';
import { PrincipalEntity } from '../users/principal.entity';
import { AccountEntity } from './account.entity';
import { MembershipEntity } from './membership.entity';

export class AccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly roles: RoleService,
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
