import { ADMIN_EMAIL, startTestServer, type TestServer } from '../helpers/server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

test('the bootstrap administrator logs in and reads viewer', async () => {
  const result = await t.gql(`{ viewer { id kind name ... on User { email } account { id name settings { maxApiKeysPerPrincipal } } roles { name permissions } } }`, {}, { token: t.adminToken });
  expect(result.errors).toBeUndefined();
  expect(result.data.viewer.email).toBe(ADMIN_EMAIL);
  // Every member holds the built-in Member role besides its own (DESIGN.md rule 5).
  expect(result.data.viewer.roles.map((r: any) => r.name).sort()).toEqual(['Administrator', 'Member']);
  expect(result.body.extensions?.requestId).toBe(result.headers.get('x-request-id'));
});
