/** Probes, request IDs, access logs that never carry a secret, and a graceful stop. */
import { isoTimeField } from '../../src/logger';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

test('/healthz says the process is up; /readyz that the database answers', async () => {
  expect(await (await fetch(`${t.origin}/healthz`)).json()).toEqual({ status: 'ok' });
  const ready = await fetch(`${t.origin}/readyz`);
  expect(ready.status).toBe(200);
});

test('a sane X-Request-Id is kept, an insane one replaced, and the body carries the same ID', async () => {
  const kept = await t.gql(`{ __typename }`, {}, { headers: { 'x-request-id': 'trace-abc.123' } });
  expect(kept.headers.get('x-request-id')).toBe('trace-abc.123');
  expect(kept.body.extensions?.requestId).toBe('trace-abc.123');
  const replaced = await t.gql(`{ __typename }`, {}, { headers: { 'x-request-id': 'bad id <script>'.padEnd(80, 'x') } });
  expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  expect(replaced.body.extensions?.requestId).toBe(replaced.headers.get('x-request-id'));
  const refused = await t.gql(`{ account { id } }`);
  expect(refused.body.extensions?.requestId).toBe(refused.headers.get('x-request-id'));
  const health = await fetch(`${t.origin}/healthz`);
  expect(health.headers.get('x-request-id')).toBeTruthy();
});

test('GraphQL answers are never stored by a cache: no-store on a POST, a GET (answered through Express) and a refusal', async () => {
  const posted = await t.gql(`{ viewer { id } }`, {}, { token: t.adminToken });
  expect(posted.headers.get('cache-control')).toBe('no-store');
  const got = await fetch(`${t.url}?query=${encodeURIComponent('{ viewer { id } }')}`, { headers: { authorization: `Bearer ${t.adminToken}` } });
  expect(got.status).toBe(200);
  expect(got.headers.get('cache-control')).toBe('no-store');
  expect(((await got.json()) as { extensions: { requestId: string } }).extensions.requestId).toBe(got.headers.get('x-request-id'));
  const refused = await t.gql(`{ account { id } }`);
  expect(refused.headers.get('cache-control')).toBe('no-store');
});

test('the access log names request, operation, duration and outcome, and never a header or variable value', async () => {
  const result = await t.gql(
    `query WhoAmI { viewer { id } }`,
    { password: ADMIN_PASSWORD },
    { token: t.adminToken, headers: { 'x-request-id': 'log-check-1' } },
  );
  expect(result.errors).toBeUndefined();
  await new Promise((resolve) => setImmediate(resolve));
  const line = t.logs.map((l) => JSON.parse(l)).find((entry) => entry.requestId === 'log-check-1' && entry.msg === 'request');
  expect(line).toMatchObject({ operationName: 'WhoAmI', status: 200, outcome: 'ok', path: '/graphql' });
  expect(typeof line.durationMs).toBe('number');
  // Written by the access logger (no redaction: fixed fields), with every other line's level, base and time.
  expect(line).toMatchObject({ level: 30, service: 'keywarden' });
  expect(new Date(line.time).toISOString()).toBe(line.time);
  expect(Object.keys(line).sort()).toEqual(['durationMs', 'level', 'method', 'msg', 'operationName', 'outcome', 'path', 'requestId', 'service', 'status', 'time']);
  const all = t.logs.join('\n');
  expect(all).not.toContain(t.adminToken);
  expect(all).not.toContain(ADMIN_PASSWORD);
});

test('the time of a log line is the moment it is written, in ISO 8601 with milliseconds, within a second, across seconds and back', () => {
  // The text up to the second is kept from one line to the next: each moment below must still be written exactly.
  const second = Date.UTC(2026, 11, 31, 23, 59, 59);
  const moments = [second, second + 7, second + 42, second + 999, second + 1000, second + 1001, second + 86_400_000 + 5, second - 1, 0];
  const now = jest.spyOn(Date, 'now');
  try {
    for (const moment of moments) {
      now.mockReturnValue(moment);
      expect(isoTimeField()).toBe(`,"time":"${new Date(moment).toISOString()}"`);
    }
  } finally {
    now.mockRestore();
  }
});

test('close() drains an in-flight request before stopping', async () => {
  const local = await startTestServer();
  const inFlight = local.gql(`mutation { createUser(input: { email: "late@example.com", name: "Late", password: "late-password-12" }) { id } }`, {}, { token: local.adminToken });
  await new Promise((resolve) => setTimeout(resolve, 5));
  const closing = local.server.close();
  const result = await inFlight;
  await closing;
  expect(result.errors).toBeUndefined();
  expect(result.data.createUser.id).toMatch(/^usr_/);
  await local.db.drop();
});

test('every error response carries extensions.requestId: a method other than GET or POST (405) and a mutation over GET', async () => {
  const put = await fetch(t.url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
  expect(put.status).toBe(405);
  expect((await put.json()).extensions.requestId).toBe(put.headers.get('x-request-id'));
  const mutationOverGet = await fetch(`${t.url}?query=${encodeURIComponent('mutation { logout }')}`, { headers: { 'apollo-require-preflight': '1' } });
  expect(mutationOverGet.status).toBe(405);
  expect((await mutationOverGet.json()).extensions.requestId).toBe(mutationOverGet.headers.get('x-request-id'));
});

test('/favicon.ico answers (204), so a browser on the playground logs no error', async () => {
  const response = await fetch(`${t.origin}/favicon.ico`);
  expect(response.status).toBe(204);
});
