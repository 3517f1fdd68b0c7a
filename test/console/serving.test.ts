/**
 * How the server serves the console (no browser): the app under /console with a strict CSP and an SPA
 * fallback, hashed assets cached for long, and Query.viewerPermissions, which the console asks to offer
 * only what the viewer may do.
 */
import { createUser } from '../helpers/seed';
import { startTestServer, type TestServer } from '../helpers/server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

test('/console/ and any path below it answer the app with a CSP that keeps it on this origin; /console redirects there', async () => {
  const redirect = await fetch(`${t.origin}/console`, { redirect: 'manual' });
  expect(redirect.status).toBe(301);
  expect(redirect.headers.get('location')).toBe('/console/');

  for (const path of ['/console/', '/console/api-keys', '/console/api-keys?view=ALL']) {
    const page = await fetch(`${t.origin}${path}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe');
    const html = await page.text();
    expect(html).toContain('<div id="root">');
    // Every script and stylesheet is one of the console's own files, and each is served.
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]).filter((source) => !source.startsWith('data:'));
    expect(sources.length).toBeGreaterThanOrEqual(2);
    for (const source of sources) {
      expect(source).toMatch(/^\/console\/assets\/[\w-]+\.(js|css)$/);
      const asset = await fetch(`${t.origin}${source}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toMatch(/max-age=31536000, immutable/);
    }
  }
  const missing = await fetch(`${t.origin}/console/assets/nothing-here.js`);
  expect(missing.status).toBe(404);
});

test('viewerPermissions: what the caller holds in the active account; a key administrator holds apikeys.manage_all, a plain user only self.manage (Member)', async () => {
  const admin = await t.gql('{ viewerPermissions }', {}, { token: t.adminToken });
  expect(admin.data.viewerPermissions).toContain('apikeys.manage_all');
  expect(admin.data.viewerPermissions).toEqual([...admin.data.viewerPermissions].sort());
  const plain = await createUser(t, 'Plain Pam');
  expect((await t.gql('{ viewerPermissions }', {}, { token: plain.token })).data.viewerPermissions).toEqual(['self.manage']); // Member's, nothing more
  expect((await t.gql('{ viewerPermissions }')).code).toBe('UNAUTHENTICATED');
});
