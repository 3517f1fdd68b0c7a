/**
 * POST /oauth/introspect over HTTP, answered before Express: the same form
 * rules and RFC 6749 §5.2 error bodies as the token endpoint, no-store, a
 * request ID, an access log line, and no SQL for a cached client and token.
 */
import { startTestServer, type TestServer } from '../helpers/server';
import { createFunctionalId, createKey, createUser } from '../api-keys/helpers';
import { basic, callerHolding, createRole, createService, postForm, setRoles, type ServiceInfo } from './helpers';

let t: TestServer;
let billing: ServiceInfo;
let client: { accessKeyId: string; secret: string };

beforeAll(async () => {
  t = await startTestServer({ WEBHOOK_POLL_INTERVAL: '1h' });
  billing = await createService(t);
  const admin = await createUser(t);
  const fid = await createFunctionalId(t, admin.id, 'services/billing');
  await setRoles(t, fid, [await createRole(t, 'introspector', ['credentials.introspect'])]);
  const key = await createKey(t, { token: t.adminToken }, { name: 'introspection-client', type: 'ACCESS_KEY', ownerId: fid });
  client = { accessKeyId: key.key.accessKeyId, secret: key.secret };
});
afterAll(() => t.close());

const introspect = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${t.origin}/oauth/introspect`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(client.accessKeyId, client.secret), ...headers },
    body,
  });

test('a cached client and API key: active, no-store, a request ID, an access log line, and no SQL', async () => {
  const reader = await callerHolding(t, [`${billing.name}:invoices.read`]);
  const form = new URLSearchParams({ token: reader.apiKey.token, audience: billing.audience }).toString();
  expect((await (await introspect(form)).json()).active).toBe(true); // warms the key cache with both keys
  t.sql.reset();
  const answer = await introspect(form, { 'x-request-id': 'introspect-1' });
  expect(t.sql.count).toBe(0);
  expect(answer.status).toBe(200);
  expect(answer.headers.get('cache-control')).toBe('no-store');
  expect(answer.headers.get('x-request-id')).toBe('introspect-1');
  expect(await answer.json()).toMatchObject({ active: true, kind: 'api_key', sub: reader.user.id, scope: 'invoices.read', aud: billing.audience });
  await new Promise((resolve) => setImmediate(resolve));
  const line = t.logs.map((l) => JSON.parse(l)).find((entry) => entry.requestId === 'introspect-1' && entry.msg === 'request');
  expect(line).toMatchObject({ method: 'POST', path: '/oauth/introspect', status: 200, outcome: 'ok', level: 30, service: 'keywarden' });
  expect(Object.keys(line).sort()).toEqual(['durationMs', 'level', 'method', 'msg', 'outcome', 'path', 'requestId', 'service', 'status', 'time']);
  expect(t.logs.join('\n')).not.toContain(reader.apiKey.token);
  expect(t.logs.join('\n')).not.toContain(client.secret);
});

test('a form that is not one, a repeated or missing parameter, a too large or too long form: 400 invalid_request', async () => {
  const cases: [string, Record<string, string>, string][] = [
    ['{"token":"x"}', { 'content-type': 'application/json' }, 'The body must be application/x-www-form-urlencoded'],
    ['token=a&token=b', {}, 'token is given more than once'],
    ['audience=x', {}, 'token is required'],
    [`token=${'a'.repeat(17 * 1024)}`, {}, 'The form is too large or malformed'],
    [Array.from({ length: 21 }, (_, i) => `p${i}=1`).join('&'), {}, 'The form is too large or malformed'],
    ['token=x', { 'content-type': 'application/x-www-form-urlencoded; charset=latin1' }, 'The form is too large or malformed'],
    [`token=x&client_id=${client.accessKeyId}&client_secret=${client.secret}`, {}, 'Authenticate the client one way: HTTP Basic or client_secret in the body, not both'],
  ];
  for (const [body, headers, description] of cases) {
    const answer = await introspect(body, headers);
    expect({ status: answer.status, body: await answer.json() }).toEqual({ status: 400, body: { error: 'invalid_request', error_description: description } });
    expect(answer.headers.get('x-request-id')).toBeTruthy();
  }
});

test('client authentication: in the body it works; a wrong secret is 401 invalid_client with WWW-Authenticate; none is 401', async () => {
  const inBody = await postForm(t, '/oauth/introspect', { token: 'kw_nonsense', client_id: client.accessKeyId, client_secret: client.secret });
  expect(inBody).toMatchObject({ status: 200, body: { active: false } });
  const wrong = await postForm(t, '/oauth/introspect', { token: 'x' }, { authorization: basic(client.accessKeyId, 'q'.repeat(40)) });
  expect(wrong).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  expect(wrong.headers.get('www-authenticate')).toBe('Basic realm="keywarden"');
  const none = await postForm(t, '/oauth/introspect', { token: 'x' });
  expect(none).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
  // Other methods and paths still go through Express: a GET is not introspection.
  expect((await fetch(`${t.origin}/oauth/introspect`)).status).toBe(404);
});
