/**
 * Drives the playground in headless Chromium (Debian's `chromium`, through
 * playwright-core) with every request that is not to the test server
 * blocked: the page must work offline, from the project's own files.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../helpers/server';

const ARTIFACTS = path.resolve(__dirname, '../artifacts');

let t: TestServer;
let userDataDir: string;
let browser: BrowserContext;
/** Requests the page tried to make anywhere but the test server. */
const blocked: string[] = [];
/** Console errors and uncaught page errors (a CSP violation shows here). */
const pageErrors: string[] = [];

beforeAll(async () => {
  t = await startTestServer();
  userDataDir = mkdtempSync(path.join(os.tmpdir(), 'keywarden-chromium-'));
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    viewport: { width: 1400, height: 900 },
  });
  await browser.route('**/*', (route) => {
    if (new URL(route.request().url()).origin === t.origin) return route.continue();
    blocked.push(route.request().url());
    return route.abort('blockedbyclient');
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  await t?.close();
});

async function open(url: string): Promise<Page> {
  const page = await browser.newPage();
  page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(url);
  await page.locator('.graphiql-container').waitFor();
  return page;
}

/** The text of a CodeMirror editor (the query, variables, headers or response pane). */
const editorText = (page: Page, selector: string) =>
  page.locator(selector).evaluate((element) => (element.querySelector('.CodeMirror') as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue());

test('the playground opens with example operations, a header editor holding "ApiKey " and the schema docs', async () => {
  const page = await open(`${t.origin}/`);
  expect(await page.locator('.graphiql-tab').allInnerTexts()).toEqual(['Login', 'CreateApiKey', 'ListApiKeys', 'Viewer']);
  expect(JSON.parse(await editorText(page, '.graphiql-editor-tool .graphiql-editor:not(.hidden)'))).toEqual({
    Authorization: 'ApiKey ',
  });

  await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
  const docs = page.locator('.graphiql-doc-explorer');
  await docs.getByText('Query', { exact: true }).click();
  await docs.getByRole('link', { name: 'viewer', exact: true }).waitFor();
  expect(await docs.innerText()).toMatch(/Who is calling; null when anonymous/);
  await page.close();
});

test('from a browser, GET /graphql runs { viewer { id } } with the Authorization header and shows the answer, offline', async () => {
  const viewer = await t.gql('{ viewer { id } }', {}, { token: t.adminToken });
  const viewerId = viewer.data.viewer.id as string;
  const headers = JSON.stringify({ Authorization: `Bearer ${t.adminToken}` });
  const page = await open(`${t.origin}/graphql?query=${encodeURIComponent('{ viewer { id } }')}&headers=${encodeURIComponent(headers)}`);

  await page.getByRole('button', { name: /Execute query/ }).click();
  const response = page.locator('.result-window');
  await response.getByText(viewerId).waitFor();
  expect(JSON.parse(await editorText(page, '.result-window'))).toEqual({ data: { viewer: { id: viewerId } }, extensions: { requestId: expect.any(String) } });

  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'playground.png') });
  await page.close();
  expect(blocked).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('API clients still get JSON from GET /graphql, and the assets come from this server', async () => {
  const api = await fetch(`${t.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
  expect(await api.json()).toMatchObject({ data: { __typename: 'Query' } });

  const html = await (await fetch(`${t.origin}/`, { headers: { accept: 'text/html' } })).text();
  const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
  expect(sources.length).toBeGreaterThanOrEqual(5);
  for (const source of sources) {
    expect(source).toMatch(/^\/playground\/assets\//);
    expect((await fetch(`${t.origin}${source}`)).status).toBe(200);
  }
});
