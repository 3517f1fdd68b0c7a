/**
 * The console's bell in headless Chromium against the real server (SQLite, or MariaDB with DATABASE_URL):
 * a ROLES_CHANGED and a KEY_LEAKED notice, caused over HTTP by someone else while the page is open, show
 * in the bell without a reload, through the live subscription; marking read updates the count; the bell
 * works from the keyboard. The browser keeps no password and no key secret, no request leaves the test
 * server, and axe finds no serious or critical violation.
 */
import type { Page } from 'playwright-core';
import { createUser, roleId, type SeededUser } from '../helpers/seed';
import { startTestServer, type TestServer } from '../helpers/server';
import { expectAccessible, expectNothingSecretStored, launchConsoleBrowser, logIn, screenshots, type ConsoleBrowser } from './browser';

let t: TestServer;
let b: ConsoleBrowser;
let user: SeededUser;

beforeAll(async () => {
  t = await startTestServer();
  b = await launchConsoleBrowser(t);
  user = await createUser(t, 'Bell Watcher');
}, 60_000);

afterAll(async () => {
  await b?.close();
  await t?.close();
});

/** Polls the page until `probe` answers true, for `ms` at most (the bound the issue sets for a live notice is 2 s). */
async function within<T>(page: Page, ms: number, what: string, probe: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`within ${ms} ms: ${what} never showed (bell says "${await bellLabel(page)}")`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const bell = (page: Page) => page.locator('.bell-button');
const bellLabel = (page: Page) => bell(page).getAttribute('aria-label');
const unreadCount = async (page: Page): Promise<number> => {
  const label = (await bellLabel(page)) ?? '';
  const match = /(\d+) unread/.exec(label);
  return match ? Number(match[1]) : 0;
};

test('a ROLES_CHANGED and a KEY_LEAKED notice reach the open bell live; marking read updates the count', async () => {
  const { context, page } = await b.open();
  const sockets: string[] = [];
  page.on('websocket', (socket) => sockets.push(socket.url()));
  let navigations = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations++;
  });
  await logIn(page, user.email, user.password);
  await page.getByRole('heading', { name: 'API keys' }).waitFor();
  // The bell's subscription is in place on the server before anything happens.
  await within(page, 10_000, 'the live subscription', async () => t.server.services.notificationStream.openSubscriptions(user.id) > 0);
  await within(page, 10_000, 'the first read of the bell', async () => (await bellLabel(page))?.startsWith('Notifications'));
  // The keys page's own first query has gone out (the heading shows before it does, and it once landed after
  // the count below was taken).
  await within(page, 10_000, 'the key list query', async () => b.requests.some((url) => url.includes('operationName=ListApiKeys')));
  const before = await unreadCount(page);
  const navigationsBefore = navigations;

  // Someone else changes the user's roles, over HTTP.
  const requestsBefore = b.requests.length;
  const viewer = await roleId(t, 'Viewer');
  const set = await t.gql(`mutation($input: SetPrincipalRolesInput!) { setPrincipalRoles(input: $input) { id } }`, { input: { principalId: user.id, roleIds: [viewer] } }, { token: t.adminToken });
  expect(set.errors).toBeUndefined();
  await within(page, 2000, 'the ROLES_CHANGED count', async () => (await unreadCount(page)) === before + 1);
  // It came over the socket: the page asked the server for nothing meanwhile.
  expect(b.requests.slice(requestsBefore).filter((url) => url.includes('/graphql'))).toEqual([]);

  // A key of the user reported leaked (anonymously).
  const created = await t.gql(
    `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }`,
    { input: { name: 'bell/leaky', ownerId: user.id, actionWhenLeaked: 'NONE' } },
    { token: t.adminToken },
  );
  const secret: string = created.data.createApiKey.secret;
  await within(page, 2000, 'the KEY_CREATED count', async () => (await unreadCount(page)) === before + 2);
  await t.gql(`mutation($secret: String!) { reportLeakedSecret(secret: $secret) }`, { secret });
  await within(page, 2000, 'the KEY_LEAKED count', async () => (await unreadCount(page)) === before + 3);
  expect(navigations).toBe(navigationsBefore); // no reload

  // From the keyboard: focus the bell, open it with Enter; the notices are listed.
  await bell(page).focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('region', { name: 'Notifications' });
  await panel.waitFor();
  await within(page, 2000, 'the ROLES_CHANGED item', async () => (await panel.locator('[data-kind="ROLES_CHANGED"].unread').count()) === 1);
  await within(page, 2000, 'the KEY_LEAKED item', async () => (await panel.locator('[data-kind="KEY_LEAKED"].unread').count()) === 1);
  expect(await panel.locator('[data-kind="KEY_LEAKED"]').innerText()).toContain('bell/leaky');
  await expectAccessible(page);
  await screenshots(page, 'bell');

  // Mark one read: the count goes down by one, and the server agrees.
  await panel.locator('[data-kind="ROLES_CHANGED"]').getByRole('button', { name: /^Mark read/ }).click();
  await within(page, 2000, 'the count after marking one read', async () => (await unreadCount(page)) === before + 2);
  const unreadOnServer = await t.gql(`{ notifications(unreadOnly: true, first: 50) { totalCount } }`, {}, { token: user.token });
  expect(unreadOnServer.data.notifications.totalCount).toBe(before + 2);

  // Mark all read, with the keyboard.
  await panel.getByRole('button', { name: 'Mark all read' }).focus();
  await page.keyboard.press('Enter');
  await within(page, 2000, 'no unread left', async () => (await bellLabel(page)) === 'Notifications, none unread');
  expect((await t.gql(`{ notifications(unreadOnly: true, first: 50) { totalCount } }`, {}, { token: user.token })).data.notifications.totalCount).toBe(0);

  // Escape closes the panel and gives focus back to the bell.
  await page.keyboard.press('Escape');
  await within(page, 2000, 'the panel to close', async () => !(await panel.isVisible()));
  expect(await page.evaluate(() => document.activeElement?.classList.contains('bell-button'))).toBe(true);

  // Nothing secret kept; nothing asked of anywhere but the test server, the live socket included.
  await expectNothingSecretStored(context, page, [user.password, secret]);
  expect(b.blocked).toEqual([]);
  expect(sockets.length).toBeGreaterThan(0);
  for (const url of sockets) expect(new URL(url).origin).toBe(t.origin.replace(/^http/, 'ws'));
  expect(b.pageErrors).toEqual([]);
});
