import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKit } from './schema-helpers';

/**
 * Key access (BMC Helix: roles and groups given to an access key): a key
 * with `access_scoped` acts with what its rows here grant, capped by its
 * owner's permissions. The rows go with the key, the role or the group; the
 * flag stays, so deleting a key's last role leaves it able to do nothing
 * rather than everything its owner may.
 */
export class KeyAccess1763900004000 implements MigrationInterface {
  name = 'KeyAccess1763900004000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    // Plain ALTER TABLE … ADD COLUMN runs alike on SQLite and MySQL (typeorm's addColumn rebuilds the table on SQLite).
    await queryRunner.query('ALTER TABLE api_keys ADD COLUMN access_scoped boolean NOT NULL DEFAULT 0');
    const fk = (columnNames: string[], referencedTableName: string) =>
      new TableForeignKey({ columnNames, referencedTableName, referencedColumnNames: ['id'], onDelete: 'CASCADE' });

    await queryRunner.createTable(
      new Table({
        name: 'api_key_roles',
        columns: [{ ...c.ref('api_key_id'), isPrimary: true }, { ...c.ref('role_id'), isPrimary: true }, c.time('created_at')],
        // The primary key finds a key's roles; this one serves the cascade from roles.
        indices: [new TableIndex({ name: 'IDX_api_key_roles_role', columnNames: ['role_id'] })],
        foreignKeys: [fk(['api_key_id'], 'api_keys'), fk(['role_id'], 'roles')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'api_key_groups',
        columns: [{ ...c.ref('api_key_id'), isPrimary: true }, { ...c.ref('group_id'), isPrimary: true }, c.time('created_at')],
        indices: [new TableIndex({ name: 'IDX_api_key_groups_group', columnNames: ['group_id'] })],
        foreignKeys: [fk(['api_key_id'], 'api_keys'), fk(['group_id'], 'access_groups')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['api_key_groups', 'api_key_roles']) await queryRunner.dropTable(table);
    await queryRunner.query('ALTER TABLE api_keys DROP COLUMN access_scoped');
  }
}
