/**
 * A small client compiled (by ts-jest, type-checked) against the types that
 * `npm run codegen` generates from schema.graphql, run against the server.
 */
import * as ops from '../../client/generated/graphql';
import { KeywardenClient } from '../../src/cli/client';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

test('typed operations log in, create a key, and authenticate with it', async () => {
  const anonymous = new KeywardenClient({ endpoint: t.url });
  const { login } = await anonymous.request(ops.LoginDocument, { input: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
  const session = new KeywardenClient({ endpoint: t.url, authorization: `Bearer ${login.token}` });
  const { createApiKey } = await session.request(ops.CreateApiKeyDocument, { input: { name: 'typed-client', expiresInDays: 7 } });
  const keyState: ops.KeyState = createApiKey.apiKey.state;
  expect(keyState).toBe('ACTIVE');
  const withKey = new KeywardenClient({ endpoint: t.url, authorization: `ApiKey ${createApiKey.secret}` });
  const { viewer } = await withKey.request(ops.WhoAmIDocument);
  expect(viewer?.__typename === 'User' ? viewer.email : null).toBe(ADMIN_EMAIL);
  const page: ops.ListApiKeysQuery = await session.request(ops.ListApiKeysDocument, { filter: { scope: 'MINE' }, first: 10 });
  expect(page.apiKeys.edges.map((e) => e.node.name)).toContain('typed-client');
});
