import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKit } from './schema-helpers';

/**
 * `rate_limits`: the counters of rate-limiter-flexible's MySQL store (src/rate-limits.ts), shared by every
 * node when REDIS_URL is not set. Made here, once, rather than by each node's limiters at start (they would
 * race to create it). Its columns are the store's own, in its order (it inserts `VALUES (key, points, expire)`):
 * `key` (limiter name, colon, the counted key), `points` spent, `expire` (epoch ms, null: never).
 * SQLite keeps counters in memory (one node) and never reads it; it is made there too, so both schemas match.
 */
export class RateLimits1764200000000 implements MigrationInterface {
  name = 'RateLimits1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columnKit(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'rate_limits',
        columns: [
          { ...c.text('key', 255), isPrimary: true },
          c.int('points', 0),
          { name: 'expire', type: 'bigint', isNullable: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('rate_limits');
  }
}
