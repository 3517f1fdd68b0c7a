import { Table, TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKit } from './schema-helpers';

/**
 * In-app notifications, the email outbox, and on `api_keys` the expiry date
 * each expiry notice was sent for (the atomic "notified for this expiry" claim).
 */
export class Notifications1763900003000 implements MigrationInterface {
  name = 'Notifications1763900003000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'notifications',
        columns: [
          c.id(),
          c.ref('recipient_id'),
          c.text('kind', 32),
          c.text('message', 1024),
          c.ref('subject_id', true),
          c.time('created_at'),
          c.time('read_at', true),
        ],
        indices: [
          // The viewer's list, newest first; and its unread part.
          new TableIndex({ name: 'IDX_notifications_recipient', columnNames: ['recipient_id', 'id'] }),
          new TableIndex({ name: 'IDX_notifications_recipient_unread', columnNames: ['recipient_id', 'read_at', 'id'] }),
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['recipient_id'], referencedTableName: 'principals', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'email_outbox',
        columns: [
          c.id(),
          // No foreign key: a queued email outlives a deleted recipient's row, like the audit trail.
          c.ref('recipient_id', true),
          c.text('to_address', 320),
          c.text('subject', 255),
          c.longText('text_body'),
          c.longText('html_body'),
          c.text('state', 16),
          c.int('attempts', 0),
          c.time('next_attempt_at'),
          c.text('last_error', 512, true),
          c.time('created_at'),
          c.time('sent_at', true),
        ],
        indices: [new TableIndex({ name: 'IDX_email_outbox_due', columnNames: ['state', 'next_attempt_at'] })],
      }),
    );

    await queryRunner.addColumns('api_keys', [
      new TableColumn(c.time('expiring_notice_for', true)),
      new TableColumn(c.time('expired_notice_for', true)),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('api_keys', 'expired_notice_for');
    await queryRunner.dropColumn('api_keys', 'expiring_notice_for');
    await queryRunner.dropTable('email_outbox');
    await queryRunner.dropTable('notifications');
  }
}
