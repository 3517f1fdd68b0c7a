/** The one set of migrations runs up, all the way down, and up again on the database under test. */
import { createDataSource } from '../../ormconfig';
import { loadDatabaseConfig } from '../../src/config';
import { MIGRATIONS } from '../../src/database';
import { createTestDatabase } from '../helpers/database';

test('every migration applies and reverts', async () => {
  const db = await createTestDatabase();
  const dataSource = createDataSource(loadDatabaseConfig({ DATABASE_URL: db.url }));
  await dataSource.initialize();
  try {
    expect(await dataSource.runMigrations({ transaction: 'each' })).toHaveLength((MIGRATIONS as unknown[]).length);
    for (let i = 0; i < (MIGRATIONS as unknown[]).length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    const left: { n: number | string }[] = await dataSource.query(`SELECT COUNT(*) AS n FROM migrations`);
    expect(Number(left[0].n)).toBe(0);
    expect(await dataSource.runMigrations({ transaction: 'each' })).toHaveLength((MIGRATIONS as unknown[]).length);
    expect(await dataSource.showMigrations()).toBe(false);
  } finally {
    await dataSource.destroy();
    await db.drop();
  }
});
