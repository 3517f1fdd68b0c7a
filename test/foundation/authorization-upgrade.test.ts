/**
 * Upgrading an existing database to the authorization model (migration 1764000000000): every member of
 * every account gets the built-in Member role, Administrator gets `self.manage`, and the cross-account
 * restriction is turned on (an allowlist an account had is kept).
 */
import { startTestServer, type TestServer } from '../helpers/server';
import { createUser } from '../api-keys/helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

test('the migration gives every existing member Member, Administrator self.manage, and turns the restriction on', async () => {
  const user = await createUser(t, { name: 'Existing' });
  const db = t.server.dataSource;
  const home: string = (await t.gql(`{ account { id } }`, {}, { token: t.adminToken })).data.account.id;
  // Back to the database as it was before: no Member, Administrator without self.manage, restriction off.
  // (Migrations that came after it are undone first, and re-applied with it.)
  let undone = 0;
  while ((await db.query("SELECT name FROM migrations WHERE name LIKE 'AuthorizationModel%'")).length > 0) {
    await db.undoLastMigration({ transaction: 'each' });
    undone++;
  }
  const admins: { id: string; permissions: string }[] = await db.query("SELECT id, permissions FROM roles WHERE name = 'Administrator'");
  for (const admin of admins) {
    await db.query('UPDATE roles SET permissions = ? WHERE id = ?', [JSON.stringify((JSON.parse(admin.permissions) as string[]).filter((p) => p !== 'self.manage')), admin.id]);
  }
  await db.query('UPDATE accounts SET cross_account_restriction = 0');
  expect(await db.query("SELECT id FROM roles WHERE name = 'Member'")).toEqual([]);

  expect(await db.runMigrations({ transaction: 'each' })).toHaveLength(undone);
  t.server.services.keyAuthenticator.forgetOwner(user.id);
  const seen = await t.gql(`{ viewer { roles { name permissions } } account { settings { crossAccountRestriction { enabled allowedAccountIds } } } }`, {}, { token: user.token });
  expect(seen.data.viewer.roles).toEqual([{ name: 'Member', permissions: ['self.manage'] }]);
  expect(seen.data.account.settings.crossAccountRestriction).toEqual({ enabled: true, allowedAccountIds: [] });
  const admin = await t.gql(`{ viewer { roles { name permissions } } }`, {}, { token: t.adminToken });
  expect(admin.data.viewer.roles.find((r: any) => r.name === 'Administrator').permissions).toContain('self.manage');
  // Self-service works again for the existing member.
  const created = await t.gql(`mutation { createApiKey(input: { name: "after-upgrade" }) { apiKey { account { id } } } }`, {}, { token: user.token });
  expect(created.data.createApiKey.apiKey.account.id).toBe(home);
});
