/** Limits and ifMatch hold under concurrent requests (run on SQLite and on MariaDB). */
import { startTestServer, type TestServer } from '../helpers/server';
import { CREATE_KEY, UPDATE_KEY, createKey, createUser } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

test('50 concurrent createApiKey for a principal holding 18 keys: exactly 2 succeed, the rest LIMIT_EXCEEDED', async () => {
  const erin = await createUser(t);
  for (let i = 0; i < 18; i++) await createKey(t, { token: erin.token }, { name: `existing-${i}` });
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) => t.gql(CREATE_KEY, { input: { name: `racing-${i}` } }, { token: erin.token })),
  );
  // Counts only: a failing assertion must not print the secrets of the keys that were made.
  expect(results.filter((r) => r.data?.createApiKey).length).toBe(2);
  expect(results.filter((r) => r.code === 'LIMIT_EXCEEDED').length).toBe(48);
  const [{ held }] = await t.server.dataSource.query(`SELECT COUNT(*) AS held FROM api_keys WHERE owner_id = ?`, [erin.id]);
  expect(Number(held)).toBe(20);
});

test('two concurrent updates with the same ifMatch: exactly one succeeds, the other PRECONDITION_FAILED', async () => {
  const frank = await createUser(t);
  const { key } = await createKey(t, { token: frank.token }, { name: 'contended' });
  const [first, second] = await Promise.all(
    ['left', 'right'].map((description) => t.gql(UPDATE_KEY, { input: { id: key.id, description, ifMatch: key.etag } }, { token: frank.token })),
  );
  const outcomes = [first, second].map((r) => (r.errors ? r.code : 'OK')).sort();
  expect(outcomes).toEqual(['OK', 'PRECONDITION_FAILED']);
  const winner = (first.errors ? second : first).data.updateApiKey;
  const [{ version }] = await t.server.dataSource.query(`SELECT version FROM api_keys WHERE id = ?`, [key.id]);
  expect(Number(version)).toBe(2);
  expect(winner.etag).toBe('v2');
});

test('write transactions take turns: one that rolls back never undoes another that committed meanwhile', async () => {
  // typeorm's better-sqlite3 driver runs every transaction on one connection: without the write lock the
  // second becomes a SAVEPOINT inside the first, reports success, and vanishes with the first's ROLLBACK.
  const { dataSource, writeLock } = t.server.services;
  await dataSource.query(`CREATE TABLE lock_probe (v VARCHAR(8))`);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const failing = writeLock.run(() =>
    dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO lock_probe VALUES ('a')`);
      await gate;
      throw new Error('a fails');
    }),
  );
  const committing = writeLock.run(() => dataSource.transaction((manager) => manager.query(`INSERT INTO lock_probe VALUES ('b')`)));
  setTimeout(release, 50);
  await expect(failing).rejects.toThrow('a fails');
  await committing;
  expect(await dataSource.query(`SELECT v FROM lock_probe`)).toEqual([{ v: 'b' }]);
  // A write issued from inside a locked transaction goes straight through instead of waiting for itself.
  await writeLock.run(() => dataSource.transaction(() => writeLock.run(() => dataSource.query(`INSERT INTO lock_probe VALUES ('c')`))));
  expect(await dataSource.query(`SELECT v FROM lock_probe ORDER BY v`)).toEqual([{ v: 'b' }, { v: 'c' }]);
});
