/** Builds every service once, at start, and hands them to requests through the context. */
import type { DataSource } from 'typeorm';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Logger } from './logger';
import { SecretHasher } from './secrets';
import { WriteLock } from './write-lock';
import { AccountService } from './modules/accounts/account.service';
import { AuditService } from './modules/audit/audit.service';
import { AuthService } from './modules/auth/auth.service';
import { ApiKeyService } from './modules/api-keys/api-key.service';
import { KeyAuthenticator } from './modules/api-keys/key-authenticator';
import { RoleService } from './modules/roles/role.service';
import { UserService } from './modules/users/user.service';
import { GroupService } from './modules/groups/group.service';
import { FunctionalIdService } from './modules/functional-ids/functional-id.service';

export function createServices(config: Config & { secret: string }, dataSource: DataSource, clock: Clock, log: Logger) {
  const hasher = new SecretHasher(config.secret);
  const writeLock = new WriteLock(config.database.kind === 'sqlite');
  const keyAuthenticator = new KeyAuthenticator(dataSource, hasher, clock, log, writeLock, {
    cacheTtlMs: config.keyCacheTtlMs,
    cacheMaxEntries: config.keyCacheMaxEntries,
    usageFlushIntervalMs: config.usageFlushIntervalMs,
  });
  const audit = new AuditService(dataSource, clock, log, writeLock);
  const roles = new RoleService(dataSource, clock);
  const accounts = new AccountService(dataSource, clock, roles);
  const groups = new GroupService(dataSource, clock, roles);
  const users = new UserService(dataSource, clock, accounts, roles, groups);
  const functionalIds = new FunctionalIdService(dataSource, clock, users, roles, groups);
  const apiKeys = new ApiKeyService(dataSource, clock, hasher, keyAuthenticator, roles);
  const auth = new AuthService(dataSource, config, clock, hasher, keyAuthenticator, audit, writeLock);
  return { config, dataSource, clock, log, hasher, writeLock, keyAuthenticator, audit, roles, accounts, users, groups, functionalIds, auth, apiKeys };
}

export type Services = ReturnType<typeof createServices>;

/** Stops background work and writes what is pending (key usage). */
export async function closeServices(services: Services): Promise<void> {
  await services.keyAuthenticator.close();
}
