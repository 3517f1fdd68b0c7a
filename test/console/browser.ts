/**
 * Headless Chromium (Debian's, through playwright-core) for the console tests: every request the page makes
 * is recorded, and any to somewhere other than the test server is blocked and reported. Helpers to log in,
 * to read what the browser keeps (localStorage, sessionStorage, cookies), to check accessibility with axe,
 * and to take screenshots at 1280 px and 390 px into test/artifacts/. `consoleSuite()` is the set-up every
 * console test file shares: one server and one browser for the file, signed-in pages, sections by name.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/server';

const ARTIFACTS = path.resolve(__dirname, '../artifacts');

export interface ConsoleBrowser {
  browser: Browser;
  /** Every URL a page asked for. */
  requests: string[];
  /** Requests to anywhere but the test server (blocked). */
  blocked: string[];
  /** Console errors and uncaught page errors (a CSP violation shows here). */
  pageErrors: string[];
  /** A fresh profile (no storage) with one page on the console. */
  open(path?: string): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** `t`: where the console is served (a test server, or one node of a cluster). */
export async function launchConsoleBrowser(t: Pick<TestServer, 'origin'>): Promise<ConsoleBrowser> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const requests: string[] = [];
  const blocked: string[] = [];
  const pageErrors: string[] = [];
  const contexts: BrowserContext[] = [];
  return {
    browser,
    requests,
    blocked,
    pageErrors,
    async open(at = '/console/') {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      contexts.push(context);
      context.on('request', (request) => requests.push(request.url()));
      context.on('response', async (response) => {
        if (response.status() >= 400 && response.status() !== 401) pageErrors.push(`${response.status()} ${response.url()}: ${await response.text().catch(() => '')}`);
      });
      await context.route('**/*', (route) => {
        if (new URL(route.request().url()).origin === t.origin) return route.continue();
        blocked.push(route.request().url());
        return route.abort('blockedbyclient');
      });
      const page = await context.newPage();
      page.on('console', (message) => {
        // A refused credential answers 401, which Chromium logs as a failed resource: expected in these flows.
        // Failed responses are recorded above with their URL; a refused credential (401) is expected in these flows.
        if (message.type() === 'error' && !/^Failed to load resource/.test(message.text())) pageErrors.push(message.text());
      });
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(`${t.origin}${at}`);
      return { context, page };
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
    },
  };
}

export async function logIn(page: Page, email: string, password: string, within = page.locator('body')): Promise<void> {
  await within.getByLabel('Email').fill(email);
  await within.getByLabel('Password').fill(password);
  await within.getByRole('button', { name: 'Log in' }).click();
}

/** Everything the browser keeps for the page: local and session storage, and cookies. */
export async function browserStorage(context: BrowserContext, page: Page): Promise<{ local: Record<string, string>; session: Record<string, string>; cookies: string[] }> {
  const { local, session } = await page.evaluate(() => {
    const dump = (storage: Storage) => Object.fromEntries(Array.from({ length: storage.length }, (_, i) => storage.key(i)!).map((key) => [key, storage.getItem(key) ?? '']));
    return { local: dump(window.localStorage), session: dump(window.sessionStorage) };
  });
  const cookies = (await context.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`);
  return { local, session, cookies };
}

/** No password and no key secret anywhere the browser keeps data; localStorage and cookies hold nothing at all. */
export async function expectNothingSecretStored(context: BrowserContext, page: Page, secrets: string[]): Promise<void> {
  const stored = await browserStorage(context, page);
  expect(stored.local).toEqual({});
  expect(stored.cookies).toEqual([]);
  const everything = JSON.stringify(stored);
  for (const secret of secrets) expect(everything).not.toContain(secret);
}

/** axe-core on the page as it is now: no serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** The page at 1280 px and at 390 px wide (fitting each width), into test/artifacts/console-<name>-1280.png and -390.png. */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const original = page.viewportSize();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    // The page fits the width: wide tables scroll inside their own box, nothing pushes the page sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    await page.screenshot({ path: path.join(ARTIFACTS, `console-${name}-${width}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}

export interface ConsoleSuite {
  /** The server of this test file (set in beforeAll). */
  readonly t: TestServer;
  readonly b: ConsoleBrowser;
  /** A fresh profile logged in (the bootstrap administrator unless told), on the API keys page. */
  signedIn(email?: string, password?: string, at?: string): Promise<{ context: BrowserContext; page: Page }>;
}

/** One server (SQLite, or MariaDB with DATABASE_URL) and one Chromium for the test file that calls this at its top. */
export function consoleSuite(): ConsoleSuite {
  let server: TestServer | undefined;
  let chrome: ConsoleBrowser | undefined;
  beforeAll(async () => {
    server = await startTestServer();
    chrome = await launchConsoleBrowser(server);
  }, 60_000);
  afterAll(async () => {
    await chrome?.close();
    await server?.close();
  });
  return {
    get t() {
      if (!server) throw new Error('the console suite has not started');
      return server;
    },
    get b() {
      if (!chrome) throw new Error('the console suite has not started');
      return chrome;
    },
    async signedIn(email = ADMIN_EMAIL, password = ADMIN_PASSWORD, at?: string) {
      const opened = await this.b.open(at);
      await logIn(opened.page, email, password);
      await opened.page.getByRole('heading', { name: 'API keys' }).waitFor();
      return opened;
    },
  };
}

/** Opens a section of the console from its navigation, and waits for the page's heading. */
export async function openSection(page: Page, link: string, heading = link): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

/** Every request of the file's pages went to the test server (127.0.0.1), none was blocked, no page logged an error. */
export function expectStayedOnTheTestServer(b: ConsoleBrowser): void {
  expect(b.requests.length).toBeGreaterThan(0);
  expect(b.blocked).toEqual([]);
  for (const url of b.requests) expect(new URL(url).hostname).toBe('127.0.0.1');
  expect(b.pageErrors).toEqual([]);
}
