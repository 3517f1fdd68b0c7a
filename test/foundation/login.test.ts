/** Password sessions: login, bearer, logout, expiry, changePassword; refusals indistinguishable; failures rate limited. */
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/server';
import { PrincipalEntity } from '../../src/modules/users/principal.entity';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token expiresAt principal { id } } }`;
const login = (email: string, password: string, localAddress?: string) => t.gql(LOGIN, { input: { email, password } }, { localAddress });

test('a session token looks like kws_ + 43 base64url characters, expires in an hour, and only its hash is stored', async () => {
  const result = await login(ADMIN_EMAIL.toUpperCase(), ADMIN_PASSWORD);
  const { token, expiresAt } = result.data.login;
  expect(token).toMatch(/^kws_[A-Za-z0-9_-]{43}$/);
  expect(new Date(expiresAt).getTime() - t.clock.now().getTime()).toBe(3600_000);
  const rows = await t.server.dataSource.query(`SELECT token_hash FROM sessions`);
  expect(JSON.stringify(rows)).not.toContain(token.slice(4));
});

test('wrong password and unknown email are indistinguishable', async () => {
  const wrongPassword = await login(ADMIN_EMAIL, 'not-the-password', '127.0.0.3');
  const unknownEmail = await login('nobody@example.com', 'not-the-password', '127.0.0.3');
  expect(wrongPassword.code).toBe('UNAUTHENTICATED');
  expect(unknownEmail.code).toBe(wrongPassword.code);
  expect(unknownEmail.errors![0].message).toBe(wrongPassword.errors![0].message);
  expect(unknownEmail.status).toBe(wrongPassword.status);
  expect(wrongPassword.errors![0].message).toBe('Invalid credentials');
});

test('a federated user and a disabled user cannot log in', async () => {
  const created = await t.gql(
    `mutation { a: createUser(input: { email: "fed@example.com", name: "Fed", federated: true }) { id federated }
                b: createUser(input: { email: "off@example.com", name: "Off", password: "off-password-123" }) { id } }`,
    {},
    { token: t.adminToken },
  );
  expect(created.errors).toBeUndefined();
  expect((await login('fed@example.com', 'anything-at-all', '127.0.0.4')).code).toBe('UNAUTHENTICATED');
  expect((await login('off@example.com', 'off-password-123', '127.0.0.4')).errors).toBeUndefined();
  // Disabling lands with the identities work; flip the column here.
  await t.server.dataSource.getRepository(PrincipalEntity).update({ id: created.data.b.id }, { disabled: true });
  expect((await login('off@example.com', 'off-password-123', '127.0.0.4')).code).toBe('UNAUTHENTICATED');
});

test('the 11th failed login from one IP within a minute is RATE_LIMITED; another IP is still served', async () => {
  for (let i = 0; i < 10; i++) expect((await login(`user${i}@example.com`, 'wrong-password', '127.0.0.5')).code).toBe('UNAUTHENTICATED');
  const eleventh = await login(ADMIN_EMAIL, ADMIN_PASSWORD, '127.0.0.5');
  expect(eleventh.code).toBe('RATE_LIMITED');
  expect(eleventh.status).toBe(429);
  expect((await login(ADMIN_EMAIL, ADMIN_PASSWORD, '127.0.0.6')).errors).toBeUndefined();
});

test('logout ends the session; a session ends after an hour', async () => {
  const token = (await login(ADMIN_EMAIL, ADMIN_PASSWORD)).data.login.token;
  expect((await t.gql(`mutation { logout }`, {}, { token })).data.logout).toBe(true);
  const after = await t.gql(`{ viewer { id } }`, {}, { token });
  expect(after.code).toBe('UNAUTHENTICATED');
  expect(after.status).toBe(401);

  const second = (await login(ADMIN_EMAIL, ADMIN_PASSWORD)).data.login.token;
  expect((await t.gql(`{ viewer { id } }`, {}, { token: second })).data.viewer.id).toMatch(/^usr_/);
  t.clock.advance(3600_000);
  expect((await t.gql(`{ viewer { id } }`, {}, { token: second })).code).toBe('UNAUTHENTICATED');
});

test('changePassword: the old password stops, the new one works, other sessions end', async () => {
  const admin = (await login(ADMIN_EMAIL, ADMIN_PASSWORD)).data.login.token; // the clock moved past the first session
  const created = await t.gql(`mutation { createUser(input: { email: "pw@example.com", name: "Pw", password: "first-password-1" }) { id } }`, {}, { token: admin });
  expect(created.errors).toBeUndefined();
  const other = (await login('pw@example.com', 'first-password-1')).data.login.token;
  const current = (await login('pw@example.com', 'first-password-1')).data.login.token;
  const wrong = await t.gql(`mutation { changePassword(input: { currentPassword: "nope", newPassword: "second-password-2" }) }`, {}, { token: current });
  expect(wrong.code).toBe('BAD_USER_INPUT');
  const changed = await t.gql(`mutation { changePassword(input: { currentPassword: "first-password-1", newPassword: "second-password-2" }) }`, {}, { token: current });
  expect(changed.data.changePassword).toBe(true);
  expect((await t.gql(`{ viewer { id } }`, {}, { token: current })).errors).toBeUndefined();
  expect((await t.gql(`{ viewer { id } }`, {}, { token: other })).code).toBe('UNAUTHENTICATED');
  expect((await login('pw@example.com', 'first-password-1', '127.0.0.7')).code).toBe('UNAUTHENTICATED');
  expect((await login('pw@example.com', 'second-password-2')).errors).toBeUndefined();
});

test('passwords are stored as argon2id with at least OWASP parameters', async () => {
  const [row] = await t.server.dataSource.query(`SELECT password_hash FROM principals WHERE email_lower = ?`, ['pw@example.com']);
  const match = /^\$argon2id\$v=19\$m=(\d+),p=(\d+),t=(\d+)\$/.exec(row.password_hash);
  expect(match).not.toBeNull();
  expect(Number(match![1])).toBeGreaterThanOrEqual(19456);
  expect(Number(match![3])).toBeGreaterThanOrEqual(2);
});
