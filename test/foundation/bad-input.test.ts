/** Bad input gets BAD_USER_INPUT naming the field (or 413), never a 500 or a stack trace, and the server keeps serving. */
import { httpPost, startTestServer, type GqlResult, type TestServer } from '../helpers/server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;

function expectNoStackTrace(text: string): void {
  expect(text).not.toMatch(/stacktrace|\bat \S+ \(|node_modules|\.ts:\d+/);
}

function expectBadInput(result: GqlResult, field?: string): void {
  expect(result.status).toBeLessThan(500);
  expect(result.code).toBe('BAD_USER_INPUT');
  if (field) expect(result.errors![0].message).toContain(field);
  expectNoStackTrace(JSON.stringify(result.body));
}

test('an empty email names the email field', async () => {
  expectBadInput(await t.gql(CREATE_USER, { input: { email: '', name: 'N', password: 'long-enough-password' } }, { token: t.adminToken }), 'email');
});

test('a 10 KB name names the name field', async () => {
  expectBadInput(await t.gql(CREATE_USER, { input: { email: 'x@example.com', name: 'n'.repeat(10_240), password: 'long-enough-password' } }, { token: t.adminToken }), 'name');
});

test('wrong variable types, a missing non-null and an unknown field are BAD_USER_INPUT', async () => {
  expectBadInput(await t.gql(CREATE_USER, { input: { email: 42, name: ['x'], password: true } }, { token: t.adminToken }));
  expectBadInput(await t.gql(CREATE_USER, { input: { name: 'no email' } }, { token: t.adminToken }));
  expectBadInput(await t.gql(`{ viewer { doesNotExist } }`, {}, { token: t.adminToken }));
  expectBadInput(await t.gql(`{ viewer { `, {}, { token: t.adminToken }));
});

test('a 2 MB body gets 413; bad JSON gets 400; neither leaks a stack trace', async () => {
  const huge = await httpPost(t.url, JSON.stringify({ query: `{ viewer { id } }`, variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }), { 'content-type': 'application/json' });
  expect(huge.status).toBe(413);
  expect(JSON.parse(huge.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  expect(JSON.parse(huge.text).extensions.requestId).toBe(huge.headers.get('x-request-id'));
  expectNoStackTrace(huge.text);

  const malformed = await httpPost(t.url, '{"query": "{ viewer { id } }"', { 'content-type': 'application/json' });
  expect(malformed.status).toBe(400);
  expect(JSON.parse(malformed.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  expectNoStackTrace(malformed.text);
});

test('after all that, the server still serves and nothing stored was lost', async () => {
  const health = await fetch(`${t.origin}/healthz`);
  expect(health.status).toBe(200);
  const viewer = await t.gql(`{ viewer { id } }`, {}, { token: t.adminToken });
  expect(viewer.data.viewer.id).toMatch(/^usr_/);
  const created = await t.gql(CREATE_USER, { input: { email: 'kept@example.com', name: 'Kept', password: 'long-enough-password' } }, { token: t.adminToken });
  expect(created.errors).toBeUndefined();
});
