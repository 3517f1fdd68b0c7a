/**
 * Finding 17: the playground kept secrets in the browser. GraphiQL's
 * `graphiql:queries` and `graphiql:tabState` in localStorage held the
 * `Bearer kws_…` header and the password typed into the Login tab, despite
 * `shouldPersistHeaders: false`. Driven here in headless Chromium as a user
 * would: log in, use the token, make a key, reload — and then read every
 * byte of localStorage.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/server';

let t: TestServer;
let userDataDir: string;
let browser: BrowserContext;

beforeAll(async () => {
  t = await startTestServer();
  userDataDir = mkdtempSync(path.join(os.tmpdir(), 'keywarden-chromium-'));
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    viewport: { width: 1400, height: 900 },
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  await t?.close();
});

/** The CodeMirror editor inside `selector`. */
const setEditor = (page: Page, selector: string, value: string) =>
  page.locator(selector).evaluate((element, text) => (element.querySelector('.CodeMirror') as unknown as { CodeMirror: { setValue(v: string): void } }).CodeMirror.setValue(text), value);
const editorText = (page: Page, selector: string) =>
  page.locator(selector).evaluate((element) => (element.querySelector('.CodeMirror') as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue());

const VARIABLES = '.graphiql-editor-tool .graphiql-editor >> nth=0';
const HEADERS = '.graphiql-editor-tool .graphiql-editor >> nth=1';

/** Runs the open tab and returns the JSON answer once it holds `expected`. */
async function run(page: Page, expected: string): Promise<any> {
  await page.getByRole('button', { name: /Execute query/ }).click();
  await page.locator('.result-window').getByText(expected).first().waitFor({ timeout: 20_000 }).catch(async (e) => {
    throw new Error(`${e.message}\nresult: ${await editorText(page, '.result-window')}\nheaders: ${await editorText(page, HEADERS)}\nvars: ${await editorText(page, VARIABLES)}`);
  });
  return JSON.parse(await editorText(page, '.result-window'));
}

/** Opens the playground as a link would, with a query and headers filled in. */
async function openWith(page: Page, query: string, headers: Record<string, string>): Promise<void> {
  await page.goto(`${t.origin}/?query=${encodeURIComponent(query)}&headers=${encodeURIComponent(JSON.stringify(headers))}`);
  await page.locator('.graphiql-container').waitFor();
}

const everythingStored = (page: Page) =>
  page.evaluate(() => JSON.stringify(Object.keys(window.localStorage).map((key) => [key, window.localStorage.getItem(key)])));

test('after logging in, using the token and making a key in the playground, localStorage holds none of the three, even after a reload', async () => {
  const page = await browser.newPage();
  await page.goto(`${t.origin}/`);
  await page.locator('.graphiql-container').waitFor();

  // Log in through the Login tab: the password goes into the variables editor.
  await setEditor(page, VARIABLES, JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }));
  const token = (await run(page, 'kws_')).data.login.token as string;
  expect(token).toMatch(/^kws_/);

  // Use the token: make a key, and ask who is calling.
  const bearer = { Authorization: `Bearer ${token}` };
  await openWith(page, 'mutation MakeKey { createApiKey(input: { name: "from-the-playground" }) { secret } }', bearer);
  const secret = (await run(page, 'kw_')).data.createApiKey.secret as string;
  expect(secret).toMatch(/^kw_/);
  await openWith(page, 'query WhoAmI { viewer { name } }', bearer);
  expect((await run(page, 'Administrator')).data.viewer.name).toBe('Administrator');

  const secrets = [token, ADMIN_PASSWORD, secret];
  const whileOpen = await everythingStored(page);
  for (const value of secrets) expect(whileOpen).not.toContain(value);

  await page.reload();
  await page.locator('.graphiql-container').waitFor();
  const afterReload = await everythingStored(page);
  for (const value of secrets) expect(afterReload).not.toContain(value);
  await page.close();
}, 60_000);
