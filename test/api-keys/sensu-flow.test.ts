/** The Sensu flow: `Authorization: Key <token>`; a password change keeps keys working; disabling the owner stops them. */
import { startTestServer, type TestServer } from '../helpers/server';
import { createKey, createUser, expectInvalidCredentials } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

test('Key <token> works, survives a password change, and stops when the owner is disabled', async () => {
  const dana = await createUser(t);
  const { secret } = await createKey(t, { token: dana.token }, { name: 'sensu-agent' });
  const sensu = { authorization: `Key ${secret}` };
  expect((await t.gql(`{ viewer { id } }`, {}, sensu)).data.viewer.id).toBe(dana.id);

  const changed = await t.gql(
    `mutation($input: ChangePasswordInput!) { changePassword(input: $input) }`,
    { input: { currentPassword: dana.password, newPassword: 'a-brand-new-password' } },
    { token: dana.token },
  );
  expect(changed.data.changePassword).toBe(true);
  t.clock.advance(60_000); // past the key cache TTL: the key is checked against the database again
  expect((await t.gql(`{ viewer { id } }`, {}, sensu)).data.viewer.id).toBe(dana.id);

  // `setUserDisabled` belongs to the identities issue: disable the row directly. Another node would
  // see it once its cache entry ages out (a few seconds), which the clock shows here.
  await t.server.dataSource.query(`UPDATE principals SET disabled = ? WHERE id = ?`, [true, dana.id]);
  t.clock.advance(60_000);
  expectInvalidCredentials(await t.gql(`{ viewer { id } }`, {}, sensu));
});
