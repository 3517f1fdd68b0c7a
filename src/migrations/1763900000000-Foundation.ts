import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKit } from './schema-helpers';

/** Accounts, principals, roles, memberships, sessions and the api_keys table (DESIGN.md "Credentials"). */
export class Foundation1763900000000 implements MigrationInterface {
  name = 'Foundation1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    const fk = (columnNames: string[], referencedTableName: string, onDelete: 'CASCADE' | 'RESTRICT' | 'SET NULL') =>
      new TableForeignKey({ columnNames, referencedTableName, referencedColumnNames: ['id'], onDelete });

    await queryRunner.createTable(
      new Table({
        name: 'accounts',
        columns: [
          c.id(),
          c.text('name', 128),
          c.int('max_api_keys_per_principal', 20),
          c.int('max_access_keys_per_principal', 2),
          c.int('max_key_lifetime_days', undefined, true),
          c.bool('restrict_user_api_key_creation'),
          c.bool('cross_account_restriction'),
          c.longText('cross_account_allowed_ids'),
          c.time('created_at'),
          c.time('updated_at'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'principals',
        columns: [
          c.id(),
          c.text('kind', 16),
          c.ref('account_id'),
          c.text('name', 255),
          c.text('email', 320, true),
          c.text('email_lower', 320, true),
          c.text('functional_id_name', 255, true),
          c.text('password_hash', 255, true),
          c.bool('federated'),
          c.bool('disabled'),
          c.ref('parent_id', true),
          c.ref('owner_id', true),
          c.text('description', 1024, true),
          c.time('created_at'),
          c.time('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'UQ_principals_email', columnNames: ['email_lower'], isUnique: true }),
          new TableIndex({ name: 'UQ_principals_fid_name', columnNames: ['account_id', 'functional_id_name'], isUnique: true }),
          new TableIndex({ name: 'IDX_principals_account_kind', columnNames: ['account_id', 'kind', 'id'] }),
          new TableIndex({ name: 'IDX_principals_parent', columnNames: ['parent_id'] }),
          new TableIndex({ name: 'IDX_principals_owner', columnNames: ['owner_id'] }),
        ],
        foreignKeys: [
          fk(['account_id'], 'accounts', 'CASCADE'),
          // Deleting a user with children or functional IDs is refused by the service; the database agrees.
          fk(['parent_id'], 'principals', 'RESTRICT'),
          fk(['owner_id'], 'principals', 'RESTRICT'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'account_memberships',
        columns: [{ ...c.ref('account_id'), isPrimary: true }, { ...c.ref('user_id'), isPrimary: true }, c.time('created_at')],
        indices: [new TableIndex({ name: 'IDX_memberships_user', columnNames: ['user_id'] })],
        foreignKeys: [fk(['account_id'], 'accounts', 'CASCADE'), fk(['user_id'], 'principals', 'CASCADE')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'roles',
        columns: [
          c.id(),
          c.ref('account_id'),
          c.text('name', 128),
          c.text('description', 1024, true),
          c.longText('permissions'),
          c.bool('built_in'),
          c.time('created_at'),
          c.time('updated_at'),
        ],
        indices: [new TableIndex({ name: 'UQ_roles_account_name', columnNames: ['account_id', 'name'], isUnique: true })],
        foreignKeys: [fk(['account_id'], 'accounts', 'CASCADE')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'role_assignments',
        columns: [{ ...c.ref('principal_id'), isPrimary: true }, { ...c.ref('role_id'), isPrimary: true }, c.ref('account_id'), c.time('created_at')],
        indices: [new TableIndex({ name: 'IDX_role_assignments_role', columnNames: ['role_id'] })],
        foreignKeys: [fk(['principal_id'], 'principals', 'CASCADE'), fk(['role_id'], 'roles', 'CASCADE')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'api_keys',
        columns: [
          c.id(),
          c.text('type', 16),
          c.text('name', 128),
          c.text('description', 1024, true),
          c.ref('owner_id'),
          c.ref('account_id'),
          c.ref('created_by_id', true),
          c.ref('updated_by_id', true),
          c.text('access_key_id', 20, true),
          c.text('prefix', 24),
          c.text('secret_hash', 64),
          c.text('previous_secret_hash', 64, true),
          c.time('previous_secret_expires_at', true),
          c.int('secret_generation', 1),
          c.text('state', 16),
          c.bool('locked'),
          c.time('expires_at', true),
          c.bool('unrestricted'),
          c.longText('allowed_cidrs'),
          c.text('action_when_leaked', 16),
          c.time('last_used_at', true),
          c.int('authn_count', 0),
          c.int('version', 1),
          c.time('created_at'),
          c.time('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'UQ_api_keys_secret_hash', columnNames: ['secret_hash'], isUnique: true }),
          new TableIndex({ name: 'IDX_api_keys_previous_secret_hash', columnNames: ['previous_secret_hash'] }),
          new TableIndex({ name: 'UQ_api_keys_access_key_id', columnNames: ['access_key_id'], isUnique: true }),
          new TableIndex({ name: 'UQ_api_keys_owner_name', columnNames: ['owner_id', 'name'], isUnique: true }),
          // Newest-first paging: the ID sorts by creation time.
          new TableIndex({ name: 'IDX_api_keys_owner_id', columnNames: ['owner_id', 'id'] }),
          new TableIndex({ name: 'IDX_api_keys_account_id', columnNames: ['account_id', 'id'] }),
          new TableIndex({ name: 'IDX_api_keys_expires_at', columnNames: ['expires_at'] }),
        ],
        foreignKeys: [
          fk(['owner_id'], 'principals', 'CASCADE'),
          fk(['account_id'], 'accounts', 'CASCADE'),
          fk(['created_by_id'], 'principals', 'SET NULL'),
          fk(['updated_by_id'], 'principals', 'SET NULL'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'sessions',
        columns: [
          c.id(),
          c.text('token_hash', 64),
          c.ref('principal_id'),
          c.ref('account_id'),
          c.ref('api_key_id', true),
          c.int('key_secret_generation', undefined, true),
          c.text('method', 16),
          c.time('created_at'),
          c.time('expires_at'),
        ],
        indices: [
          new TableIndex({ name: 'UQ_sessions_token_hash', columnNames: ['token_hash'], isUnique: true }),
          new TableIndex({ name: 'IDX_sessions_principal', columnNames: ['principal_id'] }),
          new TableIndex({ name: 'IDX_sessions_api_key', columnNames: ['api_key_id'] }),
          new TableIndex({ name: 'IDX_sessions_expires_at', columnNames: ['expires_at'] }),
        ],
        foreignKeys: [
          fk(['principal_id'], 'principals', 'CASCADE'),
          fk(['account_id'], 'accounts', 'CASCADE'),
          fk(['api_key_id'], 'api_keys', 'CASCADE'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['sessions', 'api_keys', 'role_assignments', 'roles', 'account_memberships', 'principals', 'accounts']) {
      await queryRunner.dropTable(table);
    }
  }
}
