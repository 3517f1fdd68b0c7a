import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { newId } from '../ids';
import { columnKit } from './schema-helpers';

/**
 * DESIGN.md "Authorization model" for existing databases:
 *  - the built-in role `Member` (`self.manage`) in every account, given to
 *    every existing member, and `self.manage` added to `Administrator`
 *    (which holds every permission);
 *  - the cross-account restriction turned on in every account (rule 2:
 *    secure by default); an allowlist an account already had is kept;
 *  - `account_invitations` (rule 3).
 */
export class AuthorizationModel1764000000000 implements MigrationInterface {
  name = 'AuthorizationModel1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    const now = Date.now();
    const accounts: { id: string }[] = await queryRunner.query('SELECT id FROM accounts');
    for (const account of accounts) {
      const memberRoleId = newId('role', now);
      await queryRunner.query(
        'INSERT INTO roles (id, account_id, name, description, permissions, built_in, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)',
        [memberRoleId, account.id, 'Member', 'Self-service: one\'s own keys, functional IDs, child users, profile and password, new accounts. Given to every member.', '["self.manage"]', now, now],
      );
      await queryRunner.query(
        `INSERT INTO role_assignments (principal_id, role_id, account_id, created_at)
         SELECT m.user_id, ?, m.account_id, ? FROM account_memberships m WHERE m.account_id = ?`,
        [memberRoleId, now, account.id],
      );
      const admins: { id: string; permissions: string }[] = await queryRunner.query(
        "SELECT id, permissions FROM roles WHERE account_id = ? AND name = 'Administrator' AND built_in = 1",
        [account.id],
      );
      for (const admin of admins) {
        const permissions = JSON.parse(admin.permissions) as string[];
        if (!permissions.includes('self.manage')) {
          await queryRunner.query('UPDATE roles SET permissions = ? WHERE id = ?', [JSON.stringify(['self.manage', ...permissions]), admin.id]);
        }
      }
    }
    await queryRunner.query('UPDATE accounts SET cross_account_restriction = 1');

    const fk = (columnNames: string[], referencedTableName: string) =>
      new TableForeignKey({ columnNames, referencedTableName, referencedColumnNames: ['id'], onDelete: 'CASCADE' });
    await queryRunner.createTable(
      new Table({
        name: 'account_invitations',
        columns: [c.id(), c.ref('account_id'), c.ref('user_id'), c.ref('invited_by_id', true), c.longText('role_ids'), c.time('created_at')],
        indices: [
          new TableIndex({ name: 'UQ_account_invitations_account_user', columnNames: ['account_id', 'user_id'], isUnique: true }),
          new TableIndex({ name: 'IDX_account_invitations_user', columnNames: ['user_id'] }),
        ],
        foreignKeys: [fk(['account_id'], 'accounts'), fk(['user_id'], 'principals')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('account_invitations');
    await queryRunner.query("DELETE FROM roles WHERE name = 'Member' AND built_in = 1");
  }
}
