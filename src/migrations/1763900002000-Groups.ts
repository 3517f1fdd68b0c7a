import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKit } from './schema-helpers';

/**
 * Access groups: members (users and functional IDs) hold the group's roles in the group's account.
 * The table is `access_groups` because GROUPS is a reserved word in MySQL 8.
 */
export class Groups1763900002000 implements MigrationInterface {
  name = 'Groups1763900002000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    const fk = (columnNames: string[], referencedTableName: string) =>
      new TableForeignKey({ columnNames, referencedTableName, referencedColumnNames: ['id'], onDelete: 'CASCADE' });

    await queryRunner.createTable(
      new Table({
        name: 'access_groups',
        columns: [c.id(), c.ref('account_id'), c.text('name', 128), c.text('description', 1024, true), c.time('created_at'), c.time('updated_at')],
        indices: [
          new TableIndex({ name: 'UQ_groups_account_name', columnNames: ['account_id', 'name'], isUnique: true }),
          // Newest-first paging within an account.
          new TableIndex({ name: 'IDX_groups_account_id', columnNames: ['account_id', 'id'] }),
        ],
        foreignKeys: [fk(['account_id'], 'accounts')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'group_members',
        columns: [{ ...c.ref('group_id'), isPrimary: true }, { ...c.ref('principal_id'), isPrimary: true }, c.time('created_at')],
        // The primary key (group_id, principal_id) pages a group's members; this one finds a principal's groups.
        indices: [new TableIndex({ name: 'IDX_group_members_principal', columnNames: ['principal_id'] })],
        foreignKeys: [fk(['group_id'], 'access_groups'), fk(['principal_id'], 'principals')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'group_roles',
        columns: [{ ...c.ref('group_id'), isPrimary: true }, { ...c.ref('role_id'), isPrimary: true }, c.time('created_at')],
        indices: [new TableIndex({ name: 'IDX_group_roles_role', columnNames: ['role_id'] })],
        foreignKeys: [fk(['group_id'], 'access_groups'), fk(['role_id'], 'roles')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['group_roles', 'group_members', 'access_groups']) await queryRunner.dropTable(table);
  }
}
