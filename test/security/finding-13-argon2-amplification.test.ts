/**
 * Finding 13: argon2 amplification. Thirty aliased successful logins in one
 * request ran thirty argon2id checks and opened thirty sessions; aliased
 * createUser likewise, and nothing bounded how many users or accounts one
 * caller made. Now an operation holds at most one field that checks or
 * hashes a password (BAD_USER_INPUT before anything runs), and callers have
 * quotas (src/rate-limits.ts).
 */
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/server';
import { createUser as seedUser } from '../helpers/seed';
import { countRows, createOwnAccount } from './edge-helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

test('thirty aliased logins with the right password open no session at all', async () => {
  const sessions = await countRows(t, 'sessions');
  const aliases = Array.from({ length: 30 }, (_, n) => `s${n}: login(input: {email: $email, password: $password}) { token }`).join('\n');
  const burst = await t.gql(`mutation($email: String!, $password: String!) { ${aliases} }`, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  expect(burst.code).toBe('BAD_USER_INPUT');
  expect(burst.data).toBeFalsy();
  expect(await countRows(t, 'sessions')).toBe(sessions);

  // Hidden in fragments, or mixed with another costly field, it is the same.
  const mixed = await t.gql(
    `mutation($email: String!, $password: String!) { ...In authenticate(input: {apiKey: "kw_nothing"}) { token } }
     fragment In on Mutation { login(input: {email: $email, password: $password}) { token } }`,
    { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
  );
  expect(mixed.code).toBe('BAD_USER_INPUT');
  expect(await countRows(t, 'sessions')).toBe(sessions);
});

test('aliased createUser with passwords is refused; without passwords (no hashing) it runs', async () => {
  const users = await countRows(t, 'principals');
  const hashed = await t.gql(
    `mutation { a: createUser(input: {email: "amp.a@example.com", name: "A", password: "a-long-password-1"}) { id }
                b: createUser(input: {email: "amp.b@example.com", name: "B", password: "a-long-password-2"}) { id } }`,
    {},
    { token: t.adminToken },
  );
  expect(hashed.code).toBe('BAD_USER_INPUT');
  expect(await countRows(t, 'principals')).toBe(users);

  const federated = await t.gql(
    `mutation { a: createUser(input: {email: "amp.c@example.com", name: "C", federated: true}) { id }
                b: createUser(input: {email: "amp.d@example.com", name: "D", federated: true}) { id } }`,
    {},
    { token: t.adminToken },
  );
  expect(federated.errors).toBeUndefined();
  expect(await countRows(t, 'principals')).toBe(users + 2);
});

test('one user opens at most ten accounts a day', async () => {
  const opener = await seedUser(t, 'Account Opener');
  for (let n = 0; n < 10; n++) await createOwnAccount(t, opener.token, `Opened ${n}`);
  const eleventh = await t.gql(`mutation { createAccount(input: {name: "One too many"}) { id } }`, {}, { token: opener.token });
  expect(eleventh.code).toBe('RATE_LIMITED');
});
