/**
 * The entity and migration lists, and the DataSource options for each
 * database. `ormconfig.ts` builds the one DataSource from these.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DataSourceOptions, Logger as TypeormLogger, MixedList } from 'typeorm';
import type { DatabaseConfig } from './config';
import { AccountEntity } from './modules/accounts/account.entity';
import { MembershipEntity } from './modules/accounts/membership.entity';
import { PrincipalEntity } from './modules/users/principal.entity';
import { RoleEntity } from './modules/roles/role.entity';
import { RoleAssignmentEntity } from './modules/roles/role-assignment.entity';
import { SessionEntity } from './modules/auth/session.entity';
import { ApiKeyEntity } from './modules/api-keys/api-key.entity';
import { AuditEventEntity } from './modules/audit/audit-event.entity';
import { GroupEntity, GroupMemberEntity, GroupRoleEntity } from './modules/groups/group.entity';
import { ApiKeyGroupEntity, ApiKeyRoleEntity } from './modules/api-keys/key-grant.entity';
import { Foundation1763900000000 } from './migrations/1763900000000-Foundation';
import { AuditLog1763900000500 } from './migrations/1763900000500-AuditLog';
import { Groups1763900002000 } from './migrations/1763900002000-Groups';
import { Notifications1763900003000 } from './migrations/1763900003000-Notifications';
import { NotificationEntity } from './modules/notifications/notification.entity';
import { OutboxEmailEntity } from './modules/notifications/outbox-email.entity';
import { KeyAccess1763900004000 } from './migrations/1763900004000-KeyAccess';
import { NormalizedEmails1764010000000 } from './migrations/1764010000000-NormalizedEmails';
import { Services1764100000000 } from './migrations/1764100000000-Services';
import { ServiceEntity } from './modules/services/service.entity';
import { SigningKeyEntity } from './modules/oauth/signing-key.entity';
import { AuthorizationModel1764000000000 } from './migrations/1764000000000-AuthorizationModel';
import { AccountInvitationEntity } from './modules/accounts/invitation.entity';
import { Webhooks1764300000000 } from './migrations/1764300000000-Webhooks';
import { RateLimits1764200000000 } from './migrations/1764200000000-RateLimits';
import { WebhookDeliveryEntity, WebhookEntity } from './modules/webhooks/webhook.entity';

export const ENTITIES: MixedList<Function> = [
  AccountEntity,
  MembershipEntity,
  PrincipalEntity,
  RoleEntity,
  RoleAssignmentEntity,
  SessionEntity,
  ApiKeyEntity,
  AuditEventEntity,
  GroupEntity,
  GroupMemberEntity,
  GroupRoleEntity,
  NotificationEntity,
  OutboxEmailEntity,
  ApiKeyRoleEntity,
  ApiKeyGroupEntity,
  ServiceEntity,
  SigningKeyEntity,
  AccountInvitationEntity,
  WebhookEntity,
  WebhookDeliveryEntity,
];

/** Applied in order, on start and by `npm run migration:run`. Never edit a landed one: add a new one. */
export const MIGRATIONS: MixedList<Function> = [
  Foundation1763900000000,
  AuditLog1763900000500,
  Groups1763900002000,
  Notifications1763900003000,
  KeyAccess1763900004000,
  AuthorizationModel1764000000000,
  NormalizedEmails1764010000000,
  Services1764100000000,
  RateLimits1764200000000,
  Webhooks1764300000000,
];

export interface DataSourceExtras {
  /** Receives every SQL statement (the tests count them). */
  logger?: TypeormLogger;
  /** MySQL connection pool size. */
  poolSize?: number;
}

export function dataSourceOptions(database: DatabaseConfig, extras: DataSourceExtras = {}): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: extras.logger ? (['query', 'error'] as const) : false,
    logger: extras.logger,
  };
  if (database.kind === 'sqlite') {
    if (database.path !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(database.path)), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: database.path,
      // How long a statement waits for another process's lock (the driver is synchronous: the process waits with it).
      timeout: database.queryTimeoutMs,
      prepareDatabase: (db: { pragma(statement: string): unknown }) => {
        if (database.path !== ':memory:') db.pragma('journal_mode = WAL');
        db.pragma('foreign_keys = ON');
        db.pragma(`busy_timeout = ${Math.trunc(database.queryTimeoutMs)}`);
        // LIKE is case-sensitive on MySQL's binary collation; make SQLite agree.
        db.pragma('case_sensitive_like = ON');
      },
    } as DataSourceOptions;
  }
  return {
    ...common,
    type: 'mysql',
    connectorPackage: 'mysql2',
    url: database.url,
    charset: 'utf8mb4_bin',
    timezone: 'Z',
    poolSize: extras.poolSize ?? 10,
    // A new connection's handshake; waiting for a pooled one and each statement are bounded in database-deadlines.ts.
    connectTimeout: database.queryTimeoutMs,
    // Fail fast while the database is away instead of queueing forever.
    extra: { enableKeepAlive: true, queueLimit: 500 },
  } as DataSourceOptions;
}

/** A unique index refused the write (MySQL ER_DUP_ENTRY, SQLite SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } };
  const code = e.driverError?.code ?? e.code;
  const errno = e.driverError?.errno ?? e.errno;
  return code === 'ER_DUP_ENTRY' || errno === 1062 || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
