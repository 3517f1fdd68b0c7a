/**
 * Migration NormalizedEmails: addresses stored before emails were NFKC-normalised
 * and case-folded are rewritten in that form, except where two would become one.
 * Such rows can only come from an older version, so this test writes them with SQL.
 */
import { createDataSource } from '../../ormconfig';
import { loadDatabaseConfig } from '../../src/config';
import { NormalizedEmails1764010000000 } from '../../src/migrations/1764010000000-NormalizedEmails';
import { createTestDatabase } from '../helpers/database';

test('old full-width addresses are normalised; two that would collide are left for an operator', async () => {
  const db = await createTestDatabase();
  const dataSource = createDataSource(loadDatabaseConfig({ DATABASE_URL: db.url }));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.query(
      `INSERT INTO accounts (id, name, max_api_keys_per_principal, max_access_keys_per_principal, max_key_lifetime_days,
         restrict_user_api_key_creation, cross_account_restriction, cross_account_allowed_ids, created_at, updated_at)
       VALUES ('acc_old', 'Old', 20, 2, NULL, 0, 0, '[]', 0, 0)`,
    );
    const insertUser = (id: string, email: string, emailLower: string) =>
      dataSource.query(
        `INSERT INTO principals (id, kind, account_id, name, email, email_lower, federated, disabled, created_at, updated_at)
         VALUES (?, 'USER', 'acc_old', ?, ?, ?, 1, 0, 0, 0)`,
        [id, id, email, emailLower],
      );
    await insertUser('usr_wide', 'Ｗｉｄｅ@example.com', 'ｗｉｄｅ@example.com');
    await insertUser('usr_twin_a', 'twin@example.com', 'twin@example.com');
    await insertUser('usr_twin_b', 'ＴＷＩＮ@example.com', 'ｔｗｉｎ@example.com');

    const runner = dataSource.createQueryRunner();
    try {
      await new NormalizedEmails1764010000000().up(runner);
    } finally {
      await runner.release();
    }
    const rows: { id: string; email: string; email_lower: string }[] = await dataSource.query(
      `SELECT id, email, email_lower FROM principals WHERE account_id = 'acc_old' ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: 'usr_twin_a', email: 'twin@example.com', email_lower: 'twin@example.com' },
      { id: 'usr_twin_b', email: 'ＴＷＩＮ@example.com', email_lower: 'ｔｗｉｎ@example.com' },
      { id: 'usr_wide', email: 'Wide@example.com', email_lower: 'wide@example.com' },
    ]);
  } finally {
    await dataSource.destroy();
    await db.drop();
  }
});
