import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKit } from './schema-helpers';

/** The audit trail, indexed for the `auditEvents` filters (newest first by ID). */
export class AuditLog1763900000500 implements MigrationInterface {
  name = 'AuditLog1763900000500';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'audit_events',
        columns: [
          c.id(),
          c.time('at'),
          c.text('action', 64),
          c.text('outcome', 16),
          c.ref('actor_id', true),
          c.text('auth_method', 16),
          c.ref('key_id', true),
          c.text('target_type', 32, true),
          c.ref('target_id', true),
          c.ref('account_id', true),
          c.text('request_id', 64),
          c.text('ip', 64, true),
          c.text('user_agent', 256, true),
          c.text('error_code', 32, true),
          c.longText('details', true),
        ],
        indices: [
          new TableIndex({ name: 'IDX_audit_action', columnNames: ['action', 'id'] }),
          new TableIndex({ name: 'IDX_audit_actor', columnNames: ['actor_id', 'id'] }),
          new TableIndex({ name: 'IDX_audit_target', columnNames: ['target_id', 'id'] }),
          new TableIndex({ name: 'IDX_audit_outcome', columnNames: ['outcome', 'id'] }),
          new TableIndex({ name: 'IDX_audit_account', columnNames: ['account_id', 'id'] }),
          new TableIndex({ name: 'IDX_audit_at', columnNames: ['at'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_events');
  }
}
