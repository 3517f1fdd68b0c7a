import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKit } from './schema-helpers';

const NEW_ADMINISTRATOR_PERMISSIONS = ['services.manage', 'credentials.introspect'];

/**
 * Relying parties: an account's services with their own permissions, and the
 * keys that sign access tokens for them (shared by every node; one row per
 * generation). Existing Administrator roles gain `services.manage` and
 * `credentials.introspect`.
 */
export class Services1764100000000 implements MigrationInterface {
  name = 'Services1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'services',
        columns: [
          c.id(),
          c.ref('account_id'),
          c.text('name', 63),
          c.text('audience', 255),
          c.text('description', 1024, true),
          c.longText('permissions'),
          c.time('created_at'),
          c.time('updated_at'),
        ],
        indices: [
          new TableIndex({ name: 'UQ_services_account_name', columnNames: ['account_id', 'name'], isUnique: true }),
          // Tokens name a service by audience alone.
          new TableIndex({ name: 'UQ_services_audience', columnNames: ['audience'], isUnique: true }),
          new TableIndex({ name: 'IDX_services_account_id', columnNames: ['account_id', 'id'] }),
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['account_id'], referencedTableName: 'accounts', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'signing_keys',
        columns: [c.id(), c.int('generation'), c.text('public_jwk', 512), c.text('private_key', 512), c.time('created_at')],
        indices: [new TableIndex({ name: 'UQ_signing_keys_generation', columnNames: ['generation'], isUnique: true })],
      }),
    );
    await this.changeAdministrators(queryRunner, (permissions) => [...new Set([...permissions, ...NEW_ADMINISTRATOR_PERMISSIONS])]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.changeAdministrators(queryRunner, (permissions) =>
      permissions.filter((p) => !NEW_ADMINISTRATOR_PERMISSIONS.includes(p) && !p.includes(':')),
    );
    await queryRunner.dropTable('signing_keys');
    await queryRunner.dropTable('services');
  }

  private async changeAdministrators(queryRunner: QueryRunner, change: (permissions: string[]) => string[]): Promise<void> {
    const roles: { id: string; permissions: string }[] = await queryRunner.query(
      `SELECT id, permissions FROM roles WHERE built_in = 1 AND name = 'Administrator'`,
    );
    for (const role of roles) {
      await queryRunner.query('UPDATE roles SET permissions = ? WHERE id = ?', [JSON.stringify(change(JSON.parse(role.permissions))), role.id]);
    }
  }
}
