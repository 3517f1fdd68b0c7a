/**
 * GraphQL-over-HTTP conformance, judged by the graphql-http package's own audit suite: every MUST holds.
 * The SHOULDs and MAYs are listed in the test output (not required by the spec, and some conflict with CSRF
 * prevention, which refuses anonymous simple GETs on purpose).
 */
import { serverAudits } from 'graphql-http';
import { startTestServer, type TestServer } from '../helpers/server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

test('every MUST of the GraphQL-over-HTTP audit passes', async () => {
  const audits = serverAudits({ url: t.url, fetchFn: fetch });
  const musts = audits.filter((audit) => audit.name.startsWith('MUST'));
  expect(musts.length).toBeGreaterThanOrEqual(13);
  const failed: string[] = [];
  for (const audit of musts) {
    const result = await audit.fn();
    if (result.status !== 'ok') failed.push(`${audit.name}: ${result.reason}`);
  }
  expect(failed).toEqual([]);
});
