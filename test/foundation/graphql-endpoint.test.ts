/**
 * `POST /graphql` with JSON is answered before Express (src/graphql-endpoint.ts); everything else at /graphql
 * still goes through Express. Both paths must answer alike: the same refusals with the same shapes, request IDs
 * and access lines, and a request cut short or streamed past the limit never takes the server down.
 */
import http from 'node:http';
import { gzipSync } from 'node:zlib';
import { httpPost, startTestServer, type TestServer } from '../helpers/server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const VIEWER = JSON.stringify({ query: '{ viewer { id } }' });

function errorCodeAndRequestId(answer: { headers: Headers; text: string }): [string, boolean] {
  const body = JSON.parse(answer.text) as { errors: { extensions: { code: string } }[]; extensions: { requestId: string } };
  return [body.errors[0].extensions.code, body.extensions.requestId === answer.headers.get('x-request-id')];
}

/** A POST with a chunked body (no Content-Length), written as `chunks`. */
function chunkedPost(chunks: string[], headers: Record<string, string>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(t.url, { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } }, (response) => {
      const parts: Buffer[] = [];
      response.on('data', (c: Buffer) => parts.push(c));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8') }));
    });
    request.on('error', reject);
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}

test('JSON that is not an object or an array is refused as bad JSON, as body-parser refuses it (400, BAD_USER_INPUT, the request ID)', async () => {
  const answer = await httpPost(t.url, '"{ viewer { id } }"', { 'content-type': 'application/json' });
  expect(answer.status).toBe(400);
  expect(errorCodeAndRequestId(answer)).toEqual(['BAD_USER_INPUT', true]);
});

test('a body in another charset goes to Express and is refused there as before (415, GraphQL-shaped, the request ID)', async () => {
  const answer = await httpPost(t.url, VIEWER, { 'content-type': 'application/json; charset=latin1', authorization: `Bearer ${t.adminToken}` });
  expect(answer.status).toBe(415);
  expect(errorCodeAndRequestId(answer)).toEqual(['BAD_USER_INPUT', true]);
});

test('a gzip-compressed body goes to Express, which inflates it and answers', async () => {
  const answer = await fetch(t.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: `Bearer ${t.adminToken}` },
    body: gzipSync(VIEWER),
  });
  expect(answer.status).toBe(200);
  expect(((await answer.json()) as { data: { viewer: { id: string } } }).data.viewer.id).toMatch(/^usr_/);
});

test('an empty body gets 400 from Apollo with the request ID, never a 500', async () => {
  const answer = await httpPost(t.url, '', { 'content-type': 'application/json' });
  expect(answer.status).toBe(400);
  expect(JSON.parse(answer.text).extensions.requestId).toBe(answer.headers.get('x-request-id'));
});

test('a chunked body over 1 MB gets 413; a chunked body under it is answered', async () => {
  const big = await chunkedPost(['{"query":"{ viewer { id } }","variables":{"pad":"', ...Array(20).fill('x'.repeat(64 * 1024)), '"}}'], { 'content-type': 'application/json' });
  expect(big.status).toBe(413);
  expect(JSON.parse(big.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  const small = await chunkedPost(['{"query":', '"{ viewer { id } }"}'], { 'content-type': 'application/json', authorization: `Bearer ${t.adminToken}` });
  expect(small.status).toBe(200);
  expect(JSON.parse(small.text).data.viewer.id).toMatch(/^usr_/);
});

test('a request cut off mid-body leaves the server serving, and its access line says what happened', async () => {
  await new Promise<void>((resolve) => {
    const request = http.request(t.url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '1000', 'x-request-id': 'cut-off-mid-body' } });
    request.on('error', () => resolve());
    request.write('{"query":"{ vie', () => setTimeout(() => (request.destroy(), resolve()), 50));
  });
  const after = await t.gql('{ viewer { id } }', {}, { token: t.adminToken });
  expect(after.status).toBe(200);
  // The access line is written once the server sees the socket close: polled, for up to 2 s.
  let line: string | undefined;
  for (let waited = 0; !line && waited < 2000; waited += 20) {
    line = t.logs.find((l) => l.includes('"requestId":"cut-off-mid-body"'));
    if (!line) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(line && JSON.parse(line)).toMatchObject({ msg: 'request', method: 'POST', path: '/graphql' });
});
