import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKit } from './schema-helpers';

/**
 * Webhooks and their delivery outbox; the account setting `expiryNoticeDays`
 * with, on `api_keys`, the threshold an expiring notice was last sent for;
 * and `webhooks.manage` for the built-in Administrator roles that exist.
 */
export class Webhooks1764300000000 implements MigrationInterface {
  name = 'Webhooks1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'webhooks',
        columns: [
          c.id(),
          c.ref('account_id'),
          c.text('url', 2048),
          c.text('description', 1024, true),
          c.longText('events'),
          c.bool('enabled', true),
          c.longText('secret_sealed'),
          c.longText('previous_secret_sealed', true),
          c.time('previous_secret_expires_at', true),
          c.ref('created_by_id', true),
          c.time('created_at'),
          c.time('updated_at'),
        ],
        indices: [new TableIndex({ name: 'IDX_webhooks_account', columnNames: ['account_id', 'id'] })],
        foreignKeys: [new TableForeignKey({ columnNames: ['account_id'], referencedTableName: 'accounts', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'webhook_deliveries',
        columns: [
          c.id(),
          c.ref('webhook_id'),
          c.ref('message_id'),
          c.text('event_type', 64),
          c.longText('payload'),
          c.text('state', 16),
          c.int('attempts', 0),
          c.time('next_attempt_at'),
          c.text('last_error', 512, true),
          c.int('last_status', undefined, true),
          c.time('last_attempt_at', true),
          c.time('created_at'),
          c.time('delivered_at', true),
        ],
        indices: [
          // A webhook's deliveries, newest first; and the outbox's due rows.
          new TableIndex({ name: 'IDX_webhook_deliveries_webhook', columnNames: ['webhook_id', 'id'] }),
          new TableIndex({ name: 'IDX_webhook_deliveries_due', columnNames: ['state', 'next_attempt_at'] }),
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['webhook_id'], referencedTableName: 'webhooks', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );

    // Plain ALTER TABLE … ADD COLUMN runs alike on SQLite and MySQL (typeorm's addColumn rebuilds the table on SQLite).
    await queryRunner.query("ALTER TABLE accounts ADD COLUMN expiry_notice_days varchar(64) NOT NULL DEFAULT '[30,7,2]'");
    await queryRunner.query('ALTER TABLE api_keys ADD COLUMN expiring_notice_days int NULL');
    // Notices already sent were the two-day notice: the farther thresholds do not come back for them.
    await queryRunner.query('UPDATE api_keys SET expiring_notice_days = 2 WHERE expiring_notice_for IS NOT NULL');

    const administrators: { id: string; permissions: string }[] = await queryRunner.query(
      "SELECT id, permissions FROM roles WHERE built_in = 1 AND name = 'Administrator'",
    );
    for (const role of administrators) {
      const permissions = JSON.parse(role.permissions) as string[];
      if (!permissions.includes('webhooks.manage')) {
        await queryRunner.query('UPDATE roles SET permissions = ? WHERE id = ?', [JSON.stringify([...permissions, 'webhooks.manage']), role.id]);
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const administrators: { id: string; permissions: string }[] = await queryRunner.query(
      "SELECT id, permissions FROM roles WHERE built_in = 1 AND name = 'Administrator'",
    );
    for (const role of administrators) {
      const permissions = (JSON.parse(role.permissions) as string[]).filter((p) => p !== 'webhooks.manage');
      await queryRunner.query('UPDATE roles SET permissions = ? WHERE id = ?', [JSON.stringify(permissions), role.id]);
    }
    await queryRunner.query('ALTER TABLE api_keys DROP COLUMN expiring_notice_days');
    await queryRunner.query('ALTER TABLE accounts DROP COLUMN expiry_notice_days');
    await queryRunner.dropTable('webhook_deliveries');
    await queryRunner.dropTable('webhooks');
  }
}
