/**
 * The web console's API keys page, driven in headless Chromium against the real server (SQLite, or MariaDB
 * with DATABASE_URL): log in, create keys and see each secret once, lock and delete, a stale edit, filters
 * and paging over 120 keys, the View filter for key administrators, an expired session. After each flow
 * the browser's storage holds no password and no secret; no request leaves the test server; axe finds no
 * serious or critical violation.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { createUser } from '../helpers/seed';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../helpers/server';
import { browserStorage, consoleSuite, expectAccessible, expectNothingSecretStored, expectStayedOnTheTestServer, logIn, screenshots } from './browser';

const s = consoleSuite();

const CREATE = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id name etag } } }`;

async function createKey(input: Record<string, unknown>, token = s.t.adminToken): Promise<{ id: string; name: string; etag: string }> {
  const result = await s.t.gql(CREATE, { input }, { token });
  expect(result.errors).toBeUndefined();
  return result.data.createApiKey.apiKey;
}

const openSignedIn = (at?: string) => s.signedIn(ADMIN_EMAIL, ADMIN_PASSWORD, at);

/** The full names of the rows shown, once the list is not loading and `ready` holds for them. */
async function rowsWhen(page: Page, ready: (names: string[]) => boolean): Promise<string[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { busy, names } = await page.evaluate(() => ({
      busy: document.querySelector('table')?.getAttribute('aria-busy') === 'true',
      names: Array.from(document.querySelectorAll('tbody tr')).map((row) => row.getAttribute('data-key-name') ?? ''),
    }));
    if (!busy && ready(names)) return names;
    if (Date.now() > deadline) throw new Error(`the rows never became ready; last: ${JSON.stringify(names)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const count = (n: number) => (names: string[]) => names.length === n;

async function openDetails(page: Page, name: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Name starts with' }).fill(name);
  await rowsWhen(page, (names) => names.length === 1 && names[0] === name);
  await page.locator(`tr[data-key-name="${name}"] .key-name`).click();
  await page.getByRole('complementary').getByRole('heading', { name }).waitFor();
}

test('an API key and an access key are created in the console, and each secret is shown exactly once', async () => {
  const { context, page } = await s.b.open();
  await expectAccessible(page);
  await screenshots(page, 'login');
  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.getByRole('heading', { name: 'API keys' }).waitFor();

  // An API key, expiring in 30 days, from two networks.
  await page.getByRole('button', { name: 'Create a key' }).click();
  let dialog = page.getByRole('dialog', { name: 'Create a key' });
  await dialog.getByRole('textbox', { name: /^Name/ }).fill('console/deploy');
  await dialog.getByRole('textbox', { name: 'Description' }).fill('deploys from CI');
  await dialog.getByRole('spinbutton', { name: 'Days until expiry' }).fill('30');
  await dialog.getByRole('textbox', { name: /Allowed networks/ }).fill('10.0.0.0/8, 127.0.0.0/8');
  await expectAccessible(page);
  await screenshots(page, 'create-dialog');
  await dialog.getByRole('button', { name: 'Create' }).click();

  let shown = page.getByRole('dialog', { name: 'Key “console/deploy” created' });
  await shown.getByText('You will not see this secret again.').waitFor();
  const token = await shown.getByTestId('secret').innerText();
  expect(token).toMatch(/^kw_[A-Za-z0-9]{38}$/);
  const viewer = await s.t.gql('{ viewer { id } }', {}, { authorization: `ApiKey ${token}` });
  expect(viewer.errors).toBeUndefined();
  const created = (await s.t.gql(`{ apiKeys(filter: { nameStartsWith: "console/deploy" }) { edges { node { id description allowedCidrs expiresAt } } } }`, {}, { token: s.t.adminToken }))
    .data.apiKeys.edges[0].node;
  expect(created).toMatchObject({ description: 'deploys from CI', allowedCidrs: ['10.0.0.0/8', '127.0.0.0/8'] });
  expect(Date.parse(created.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);

  // The downloads hold the secret (a CSV like Akeyless's, and JSON).
  const [json] = await Promise.all([page.waitForEvent('download'), shown.getByRole('button', { name: 'Download JSON' }).click()]);
  expect(JSON.parse(readFileSync(await json.path(), 'utf8'))).toMatchObject({ name: 'console/deploy', id: created.id, type: 'API_KEY', apiKey: token });
  const [csv] = await Promise.all([page.waitForEvent('download'), shown.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(readFileSync(await csv.path(), 'utf8')).toBe(`Key name,Key ID,API key\nconsole/deploy,${created.id},${token}\n`);
  await shown.getByRole('button', { name: 'I have stored it, close' }).click();
  await page.locator('tr[data-key-name="console/deploy"]').waitFor();
  expect(await page.content()).not.toContain(token);
  await expectNothingSecretStored(context, page, [token, ADMIN_PASSWORD]);

  // An access key that never expires.
  await page.getByRole('button', { name: 'Create a key' }).click();
  dialog = page.getByRole('dialog', { name: 'Create a key' });
  await dialog.getByRole('textbox', { name: /^Name/ }).fill('console/backup');
  await dialog.getByRole('radio', { name: /Access key/ }).check();
  await dialog.getByRole('radio', { name: 'Never' }).check();
  await dialog.getByRole('button', { name: 'Create' }).click();
  shown = page.getByRole('dialog', { name: 'Key “console/backup” created' });
  await shown.getByText('You will not see this secret again.').waitFor();
  const accessKeyId = await shown.getByTestId('access-key-id').innerText();
  const secretAccessKey = await shown.getByTestId('secret').innerText();
  expect(accessKeyId).toMatch(/^KW[A-Z2-7]{18}$/);
  expect(secretAccessKey).toHaveLength(40);
  const basic = Buffer.from(`${accessKeyId}:${secretAccessKey}`).toString('base64');
  expect((await s.t.gql('{ viewer { id } }', {}, { authorization: `Basic ${basic}` })).errors).toBeUndefined();
  const [pair] = await Promise.all([page.waitForEvent('download'), shown.getByRole('button', { name: 'Download JSON' }).click()]);
  expect(JSON.parse(readFileSync(await pair.path(), 'utf8'))).toMatchObject({ accessKeyId, secretAccessKey, type: 'ACCESS_KEY' });
  await shown.getByRole('button', { name: 'I have stored it, close' }).click();
  await page.locator('tr[data-key-name="console/backup"]').waitFor();
  expect(await page.content()).not.toContain(secretAccessKey);

  // After a reload: the session stays (this tab), the secrets do not come back.
  await page.reload();
  await page.locator('tr[data-key-name="console/backup"]').waitFor();
  const html = await page.content();
  expect(html).not.toContain(token);
  expect(html).not.toContain(secretAccessKey);
  expect(html).toContain(accessKeyId); // public: the table shows it
  await expectNothingSecretStored(context, page, [token, secretAccessKey, ADMIN_PASSWORD]);
  await context.close();
});

test('a locked key cannot be deleted (the server says why); unlocked, it is deleted after typing its name', async () => {
  const key = await createKey({ name: 'console/locked-one' });
  const { context, page } = await openSignedIn();
  await openDetails(page, key.name);
  const pane = page.getByRole('complementary');
  await pane.getByRole('button', { name: 'Lock', exact: true }).click();
  await pane.getByRole('button', { name: 'Unlock' }).waitFor();

  await pane.getByRole('button', { name: 'Delete…' }).click();
  let confirm = page.getByRole('dialog', { name: `Delete “${key.name}”` });
  const deleteButton = confirm.getByRole('button', { name: 'Delete the key' });
  expect(await deleteButton.isDisabled()).toBe(true);
  await confirm.getByRole('textbox', { name: 'Key name' }).fill('console/locked');
  expect(await deleteButton.isDisabled()).toBe(true);
  await confirm.getByRole('textbox', { name: 'Key name' }).fill(key.name);
  await deleteButton.click();
  const refusal = confirm.getByRole('alert');
  await refusal.waitFor();
  expect(await refusal.innerText()).toContain('The key is locked. The API key is locked: unlock it first');
  await expectAccessible(page);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  expect((await s.t.gql(`query($id: ID!) { apiKey(id: $id) { id locked } }`, { id: key.id }, { token: s.t.adminToken })).data.apiKey).toEqual({ id: key.id, locked: true });

  await pane.getByRole('button', { name: 'Unlock' }).click();
  await pane.getByRole('button', { name: 'Lock', exact: true }).waitFor();
  await pane.getByRole('button', { name: 'Delete…' }).click();
  confirm = page.getByRole('dialog', { name: `Delete “${key.name}”` });
  await confirm.getByRole('textbox', { name: 'Key name' }).fill(key.name);
  await confirm.getByRole('button', { name: 'Delete the key' }).click();
  await rowsWhen(page, count(0));
  await page.getByText('No keys match').waitFor();
  expect((await s.t.gql(`query($id: ID!) { apiKey(id: $id) { id } }`, { id: key.id }, { token: s.t.adminToken })).code).toBe('NOT_FOUND');
  await expectNothingSecretStored(context, page, [ADMIN_PASSWORD]);
  await context.close();
});

test('deactivate, change the expiry, and reset the secret with a grace period: the new secret is shown once', async () => {
  const created = await s.t.gql(CREATE, { input: { name: 'console/rotate' } }, { token: s.t.adminToken });
  const oldToken = created.data.createApiKey.secret as string;
  const key = created.data.createApiKey.apiKey as { id: string; name: string };
  const { context, page } = await openSignedIn();
  await openDetails(page, key.name);
  const pane = page.getByRole('complementary');
  const read = async () => (await s.t.gql(`query($id: ID!) { apiKey(id: $id) { state expiresAt } }`, { id: key.id }, { token: s.t.adminToken })).data.apiKey;

  await pane.getByRole('button', { name: 'Deactivate', exact: true }).click();
  await pane.getByRole('button', { name: 'Activate', exact: true }).waitFor();
  expect((await read()).state).toBe('INACTIVE');
  await pane.getByRole('button', { name: 'Activate', exact: true }).click();
  await pane.getByRole('button', { name: 'Deactivate', exact: true }).waitFor();

  const expiry = pane.getByRole('form', { name: 'Change the expiry' });
  const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  await expiry.getByLabel('Expires on').fill(day);
  await expiry.getByRole('button', { name: 'Set expiry' }).click();
  await pane.getByText(`${day} 23:59 UTC`).waitFor();
  expect((await read()).expiresAt).toBe(`${day}T23:59:59.000Z`);
  await expiry.getByRole('button', { name: 'Never expire' }).click();
  await pane.locator('dd', { hasText: /^Never$/ }).first().waitFor();
  await pane.getByText(`${day} 23:59 UTC`).waitFor({ state: 'detached' });
  expect((await read()).expiresAt).toBeNull();

  await pane.getByRole('button', { name: 'Reset secret…' }).click();
  const reset = page.getByRole('dialog', { name: `Reset the secret of “${key.name}”` });
  await reset.getByRole('spinbutton', { name: /Grace period/ }).fill('3600');
  await reset.getByRole('button', { name: 'Reset the secret' }).click();
  const shown = page.getByRole('dialog', { name: `New secret for “${key.name}”` });
  await shown.getByText('You will not see this secret again.').waitFor();
  const newToken = await shown.getByTestId('secret').innerText();
  expect(newToken).toMatch(/^kw_/);
  expect(newToken).not.toBe(oldToken);
  // Both work during the grace period.
  for (const token of [newToken, oldToken]) expect((await s.t.gql('{ viewer { id } }', {}, { authorization: `ApiKey ${token}` })).errors).toBeUndefined();
  await shown.getByRole('button', { name: 'I have stored it, close' }).click();
  await shown.waitFor({ state: 'detached' });
  expect(await page.content()).not.toContain(newToken);
  await page.reload();
  await page.getByRole('complementary').getByRole('heading', { name: key.name }).waitFor();
  expect(await page.content()).not.toContain(newToken);
  await expectNothingSecretStored(context, page, [oldToken, newToken, ADMIN_PASSWORD]);
  await context.close();
});

test('an edit over a change made elsewhere is refused, explained, and a reload shows the current key', async () => {
  const key = await createKey({ name: 'console/stale', description: 'first' });
  const { context, page } = await openSignedIn();
  await openDetails(page, key.name);
  const pane = page.getByRole('complementary');
  await expectAccessible(page);
  await screenshots(page, 'details');

  // Someone else renames it (through the API) while the pane is open.
  const elsewhere = await s.t.gql(`mutation($input: UpdateApiKeyInput!) { updateApiKey(input: $input) { name } }`, { input: { id: key.id, name: 'console/stale-renamed' } }, { token: s.t.adminToken });
  expect(elsewhere.errors).toBeUndefined();

  const form = pane.getByRole('form', { name: 'Edit name and description' });
  await form.getByRole('textbox', { name: 'Description' }).fill('edited in the console');
  await form.getByRole('button', { name: 'Save' }).click();
  const explained = form.getByRole('alert');
  await explained.waitFor();
  expect(await explained.innerText()).toMatch(/Someone changed this since you opened it\.[\s\S]*after this page read it, so your change was not saved/);
  expect((await s.t.gql(`query($id: ID!) { apiKey(id: $id) { name description } }`, { id: key.id }, { token: s.t.adminToken })).data.apiKey).toEqual({ name: 'console/stale-renamed', description: 'first' });

  await explained.getByRole('button', { name: 'Reload the key' }).click();
  await pane.getByRole('heading', { name: 'console/stale-renamed' }).waitFor();
  expect(await form.getByRole('textbox', { name: 'Name' }).inputValue()).toBe('console/stale-renamed');
  await form.getByRole('textbox', { name: 'Description' }).fill('edited in the console');
  await form.getByRole('button', { name: 'Save' }).click();
  await form.getByText('Saved.').waitFor();
  expect((await s.t.gql(`query($id: ID!) { apiKey(id: $id) { description } }`, { id: key.id }, { token: s.t.adminToken })).data.apiKey.description).toBe('edited in the console');
  await expectNothingSecretStored(context, page, [ADMIN_PASSWORD]);
  await context.close();
});

test('a key is created with a role and a group, and its access (roles and groups) is edited in the details pane, etag-checked', async () => {
  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const result = await s.t.gql(query, variables, { token: s.t.adminToken });
    expect(result.errors).toBeUndefined();
    return result.data;
  };
  const adminId = (await gql('{ viewer { id } }')).viewer.id as string;
  const roles = (await gql('{ roles { id name } }')).roles as { id: string; name: string }[];
  const roleNamed = (name: string) => roles.find((role) => role.name === name)!.id;
  const group = (await gql('mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }', { input: { name: 'key-readers', roleIds: [roleNamed('Member')] } })).createGroup.id;
  await gql('mutation($input: GroupMembersInput!) { addGroupMembers(input: $input) { id } }', { input: { groupId: group, principalIds: [adminId] } });
  const access = async (name: string) => {
    const key = (await gql(`{ apiKeys(filter: { nameStartsWith: "${name}" }) { edges { node { id accessScoped roles { name } groups { name } } } } }`)).apiKeys.edges[0].node;
    return { ...key, roles: key.roles.map((r: { name: string }) => r.name).sort(), groups: key.groups.map((g: { name: string }) => g.name) };
  };

  const { context, page } = await openSignedIn();
  await page.getByRole('button', { name: 'Create a key' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a key' });
  await dialog.getByRole('textbox', { name: /^Name/ }).fill('console/scoped');
  await dialog.getByRole('checkbox', { name: /^KeyAdministrator/ }).check();
  await dialog.getByRole('checkbox', { name: 'key-readers' }).check();
  await dialog.getByRole('button', { name: 'Create' }).click();
  const shown = page.getByRole('dialog', { name: 'Key “console/scoped” created' });
  const token = await shown.getByTestId('secret').innerText();
  await shown.getByRole('button', { name: 'I have stored it, close' }).click();
  expect(await access('console/scoped')).toMatchObject({ accessScoped: true, roles: ['KeyAdministrator'], groups: ['key-readers'] });

  await openDetails(page, 'console/scoped');
  const pane = page.getByRole('complementary');
  await pane.getByText('Access: roles and groups').click();
  const form = pane.getByRole('form', { name: 'Access' });
  expect(await form.getByRole('checkbox', { name: /^KeyAdministrator/ }).isChecked()).toBe(true);
  await form.getByRole('checkbox', { name: /^KeyAdministrator/ }).uncheck();
  await form.getByRole('checkbox', { name: /^Member/ }).check();
  await form.getByRole('button', { name: 'Save access' }).click();
  await form.getByText('Access saved.').waitFor();
  expect(await access('console/scoped')).toMatchObject({ roles: ['Member'], groups: ['key-readers'] });
  await pane.locator('dd', { hasText: /^Member$/ }).waitFor();
  await expectAccessible(page);

  // Changed elsewhere meanwhile: the access edit is refused and explained, and a reload shows the current key.
  const { id } = await access('console/scoped');
  await gql('mutation($input: UpdateApiKeyInput!) { updateApiKey(input: $input) { id } }', { input: { id, description: 'changed elsewhere' } });
  await form.getByRole('checkbox', { name: 'key-readers' }).uncheck();
  await form.getByRole('checkbox', { name: /^Member/ }).uncheck();
  await form.getByRole('button', { name: 'Save access' }).click();
  await form.getByRole('alert').waitFor();
  expect(await form.getByRole('alert').innerText()).toMatch(/Someone changed this since you opened it\.[\s\S]*your change was not saved/);
  expect(await access('console/scoped')).toMatchObject({ roles: ['Member'], groups: ['key-readers'] });
  await form.getByRole('button', { name: 'Reload the key' }).click();
  await pane.locator('dd', { hasText: 'changed elsewhere' }).waitFor();
  // None of either: the key acts with its owner's permissions again.
  await form.getByRole('checkbox', { name: 'key-readers' }).uncheck();
  await form.getByRole('checkbox', { name: /^Member/ }).uncheck();
  await form.getByRole('button', { name: 'Save access' }).click();
  await form.getByText('Access saved.').waitFor();
  expect(await access('console/scoped')).toMatchObject({ accessScoped: false, roles: [], groups: [] });
  await expectNothingSecretStored(context, page, [token, ADMIN_PASSWORD]);
  await context.close();
});

test('a key administrator may view All keys of the account; a plain user is not offered that view', async () => {
  const plain = await createUser(s.t, 'Plain Pat');
  const viewOptions = async (email: string, password: string) => {
    const { context, page } = await s.b.open();
    await logIn(page, email, password);
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    // (The page shows only once the API has said which permissions the viewer holds.)
    const options = await page.getByRole('combobox', { name: 'View' }).locator('option').allInnerTexts();
    await expectNothingSecretStored(context, page, [password]);
    await context.close();
    return options;
  };
  expect(await viewOptions(plain.email, plain.password)).toEqual(['My keys', 'Managed']);
  expect(await viewOptions(ADMIN_EMAIL, ADMIN_PASSWORD)).toEqual(['My keys', 'Managed', 'All keys of the account']);
});

test('log out ends the session on the server and leaves nothing in the browser; a wrong password is refused in words', async () => {
  const { context, page } = await s.b.open();
  await logIn(page, ADMIN_EMAIL, 'not-the-password');
  const refused = page.getByRole('alert');
  await refused.waitFor();
  expect(await refused.innerText()).toContain('Invalid credentials');
  expect(await page.getByLabel('Password').inputValue()).toBe('');
  await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.getByRole('heading', { name: 'API keys' }).waitFor();
  const { session } = await browserStorage(context, page);
  const token = (JSON.parse(Object.values(session)[0]) as { token: string }).token;
  expect(token).toMatch(/^kws_/);
  expect((await s.t.gql('{ viewer { id } }', {}, { token })).errors).toBeUndefined();

  // Log out signs out, then reloads the page (nothing stays in memory): read the storage after the reload, not
  // while the login form shows on the page that is going away.
  const reloaded = page.waitForEvent('load');
  await page.getByRole('button', { name: 'Log out' }).click();
  await reloaded;
  await page.getByRole('form', { name: 'Log in' }).waitFor();
  expect((await s.t.gql('{ viewer { id } }', {}, { token })).code).toBe('UNAUTHENTICATED');
  expect(await browserStorage(context, page)).toEqual({ local: {}, session: {}, cookies: [] });
  await context.close();
});

describe('over 120 keys', () => {
  /** fleet/f<j>/k<i> for six functional IDs j, 20 keys each, created in order i = 0…19. */
  const FIDS = 6;
  beforeAll(async () => {
    await Promise.all(
      Array.from({ length: FIDS }, async (_, j) => {
        const fid = await s.t.gql(`mutation($input: CreateFunctionalIdInput!) { createFunctionalId(input: $input) { id } }`, { input: { name: `fleet-bot-${j}` } }, { token: s.t.adminToken });
        const ownerId = fid.data.createFunctionalId.id as string;
        for (let i = 0; i < 20; i++) {
          const key = await createKey({
            ownerId,
            name: i >= 2 && i <= 4 ? `fleet/db/f${j}-k${i}` : `fleet/f${j}/k${i}`,
            type: i < 2 ? 'ACCESS_KEY' : 'API_KEY',
            ...(i === 5 ? { expiresInDays: 1 } : {}),
          });
          if (i === 6) expect((await s.t.gql(`mutation($id: ID!) { lockApiKey(id: $id) { id } }`, { id: key.id }, { token: s.t.adminToken })).errors).toBeUndefined();
        }
      }),
    );
  }, 120_000);

  test('filters and cursor paging, newest first', async () => {
    const { context, page } = await openSignedIn();
    await page.getByRole('combobox', { name: 'View' }).selectOption('MANAGED');
    await page.getByRole('searchbox', { name: 'Name starts with' }).fill('fleet/');
    const seen: string[][] = [await rowsWhen(page, count(25))];
    await expectAccessible(page);
    await screenshots(page, 'api-keys');
    for (let n = 2; n <= 5; n++) {
      const previousFirst = seen[seen.length - 1][0];
      await page.getByRole('button', { name: 'Next' }).click();
      seen.push(await rowsWhen(page, (names) => names.length > 0 && names[0] !== previousFirst));
      await page.getByText(`Page ${n}`).waitFor();
    }
    expect(seen.map((names) => names.length)).toEqual([25, 25, 25, 25, 20]);
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
    const all = seen.flat();
    expect(new Set(all).size).toBe(120);
    // Newest first: within each functional ID, k19 comes before k18 … before k0.
    for (let j = 0; j < FIDS; j++) {
      const order = all.filter((name) => name.includes(`f${j}`)).map((name) => Number(/k(\d+)$/.exec(name)![1]));
      expect(order).toEqual([...order].sort((x, y) => y - x));
    }
    await page.getByRole('button', { name: 'Previous' }).click();
    expect(await rowsWhen(page, (names) => names[0] === seen[3][0])).toEqual(seen[3]);

    const pick = async (label: string, value: string) => page.getByRole('combobox', { name: label }).selectOption(value);
    await pick('Type', 'ACCESS_KEY');
    expect((await rowsWhen(page, count(12))).every((name) => /\/k[01]$/.test(name))).toBe(true);
    expect(await page.getByText('Page 1').count()).toBe(1); // a filter starts again from the first page
    await pick('Type', '');
    await pick('Locked', 'true');
    expect(await rowsWhen(page, count(6))).toEqual(expect.arrayContaining(['fleet/f0/k6', 'fleet/f5/k6']));
    await pick('Locked', '');
    await pick('Expiring', '48');
    expect((await rowsWhen(page, count(6))).every((name) => name.endsWith('/k5'))).toBe(true);
    await pick('Expiring', '');
    await pick('State', 'INACTIVE');
    await rowsWhen(page, count(0));
    await page.getByText('No keys match').waitFor();
    await pick('State', '');
    await page.getByRole('spinbutton', { name: 'Unused for (days)' }).fill('2');
    await rowsWhen(page, count(0));
    await page.getByRole('spinbutton', { name: 'Unused for (days)' }).fill('');
    await pick('Per page', '100');
    await rowsWhen(page, count(100));
    // Folders: the db/ folder from a row's name, then back up to fleet/ from the breadcrumbs.
    await page.locator('tr[data-key-name^="fleet/db/"]').first().getByRole('button', { name: 'Folder fleet/db/' }).click();
    expect((await rowsWhen(page, count(18))).every((name) => name.startsWith('fleet/db/'))).toBe(true);
    expect(await page.getByRole('searchbox', { name: 'Name starts with' }).inputValue()).toBe('fleet/db/');
    await page.getByRole('navigation', { name: 'Folder' }).getByRole('button', { name: 'fleet/', exact: true }).click();
    await rowsWhen(page, count(100));
    await expectNothingSecretStored(context, page, [ADMIN_PASSWORD]);
    await context.close();
  });

  test('an expired session returns to the login and, logged in again, the page goes on as it was', async () => {
    const { context, page } = await openSignedIn();
    await page.getByRole('combobox', { name: 'View' }).selectOption('MANAGED');
    await openDetails(page, 'fleet/db/f3-k4');
    await page.getByRole('searchbox', { name: 'Name starts with' }).fill('fleet/db/');
    await rowsWhen(page, count(18));

    s.t.clock.advance(2 * 3600_000); // past the one-hour session
    await page.getByRole('combobox', { name: 'Locked' }).selectOption('false');
    const again = page.getByRole('dialog', { name: 'Your session has ended' });
    await again.waitFor();
    await expectAccessible(page);
    await logIn(page, ADMIN_EMAIL, ADMIN_PASSWORD, again);
    await again.waitFor({ state: 'detached' });

    expect(await rowsWhen(page, count(18))).toContain('fleet/db/f3-k4');
    expect(await page.getByRole('combobox', { name: 'View' }).inputValue()).toBe('MANAGED');
    expect(await page.getByRole('combobox', { name: 'Locked' }).inputValue()).toBe('false');
    expect(await page.getByRole('searchbox', { name: 'Name starts with' }).inputValue()).toBe('fleet/db/');

    await page.getByRole('complementary').getByRole('heading', { name: 'fleet/db/f3-k4' }).waitFor();
    expect(new URL(page.url()).searchParams.get('prefix')).toBe('fleet/db/');
    await expectNothingSecretStored(context, page, [ADMIN_PASSWORD]);
    await context.close();
  });
});

test('the console asked nothing of anywhere but the test server, and logged no error', () => expectStayedOnTheTestServer(s.b));
