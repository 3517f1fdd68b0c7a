/**
 * The console's other pages in headless Chromium against the real server: functional IDs (list, create with
 * a responsible user, roles and groups, and their keys on the API keys page) and the audit log (for
 * `audit.read` holders only; filters, the actor's events).
 */
import type { Page } from 'playwright-core';
import { createUser } from '../helpers/seed';
import { ADMIN_PASSWORD } from '../helpers/server';
import { consoleSuite, expectAccessible, expectNothingSecretStored, expectStayedOnTheTestServer, screenshots } from './browser';

const s = consoleSuite();
const signedIn = (email?: string, password?: string) => s.signedIn(email, password);

const section = (page: Page, name: string) => page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name });

test('functional IDs: create one, find it by its folder, and open its keys', async () => {
  const { context, page } = await signedIn();
  await section(page, 'Functional IDs').click();
  await page.getByRole('heading', { name: 'Functional IDs' }).waitFor();
  expect(new URL(page.url()).pathname).toBe('/console/functional-ids');
  await page.getByRole('button', { name: 'Create a functional ID' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a functional ID' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('pipelines/nightly');
  await dialog.getByRole('textbox', { name: 'Description' }).fill('runs the nightly jobs');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.waitFor({ state: 'detached' });
  const row = page.locator('tr[data-fid-name="pipelines/nightly"]');
  await row.waitFor();
  expect(await row.innerText()).toContain('runs the nightly jobs');
  await page.getByRole('searchbox', { name: 'Name starts with' }).fill('nothing/');
  await page.getByText('No functional IDs match.').waitFor();
  await page.getByRole('searchbox', { name: 'Name starts with' }).fill('pipelines/');
  await row.waitFor();
  await expectAccessible(page);
  await screenshots(page, 'functional-ids');

  // Its keys: one made for it through the API, and none of the viewer's own.
  const fid = (await s.t.gql(`{ functionalIds(pathPrefix: "pipelines/") { edges { node { id } } } }`, {}, { token: s.t.adminToken })).data.functionalIds.edges[0].node.id;
  for (const input of [{ name: 'nightly/runner', ownerId: fid }, { name: 'mine/laptop' }]) {
    expect((await s.t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { apiKey { id } } }`, { input }, { token: s.t.adminToken })).errors).toBeUndefined();
  }
  await row.getByRole('button', { name: 'Keys of pipelines/nightly' }).click();
  await page.getByRole('heading', { name: 'API keys' }).waitFor();
  await page.locator('tr[data-key-name="nightly/runner"]').waitFor();
  expect(await page.locator('tbody tr').count()).toBe(1);
  expect(await page.getByRole('combobox', { name: 'View' }).inputValue()).toBe('MANAGED');
  await page.getByRole('button', { name: 'Show every owner' }).click();
  await page.locator('tr[data-key-name="mine/laptop"]').waitFor();
  // The browser's Back returns to the functional IDs.
  await page.goBack();
  await page.getByRole('heading', { name: 'Functional IDs' }).waitFor();
  await expectNothingSecretStored(context, page, [ADMIN_PASSWORD]);
  await context.close();
});

test('functional IDs: created with a responsible user, roles and a group; a plain user is offered no groups and may make only itself responsible', async () => {
  const rita = await createUser(s.t, 'Rita Responsible');
  const builders = (await s.t.gql('mutation { createGroup(input: { name: "builders" }) { id } }', {}, { token: s.t.adminToken })).data.createGroup.id as string;
  const { context, page } = await signedIn();
  await section(page, 'Functional IDs').click();
  await page.getByRole('heading', { name: 'Functional IDs' }).waitFor();
  await page.getByRole('button', { name: 'Create a functional ID' }).click();
  let dialog = page.getByRole('dialog', { name: 'Create a functional ID' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('ci/builder');
  await dialog.getByRole('combobox', { name: 'Responsible user' }).selectOption({ label: 'Rita Responsible' });
  await dialog.getByRole('checkbox', { name: /^Viewer/ }).check();
  await dialog.getByRole('group', { name: 'Groups' }).getByRole('checkbox', { name: 'builders' }).check();
  await expectAccessible(page);
  await screenshots(page, 'functional-id-create');
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  const row = page.locator('tr[data-fid-name="ci/builder"]');
  await row.waitFor();
  expect(await row.innerText()).toContain('Rita Responsible');
  const created = async (prefix: string) =>
    (await s.t.gql(`query($p: String) { functionalIds(pathPrefix: $p) { edges { node { name owner { id } roles { name } groups { id } } } } }`, { p: prefix }, { token: s.t.adminToken })).data.functionalIds.edges.map((e: { node: unknown }) => e.node);
  expect(await created('ci/builder')).toEqual([{ name: 'ci/builder', owner: { id: rita.id }, roles: [{ name: 'Viewer' }], groups: [{ id: builders }] }]);
  await expectNothingSecretStored(context, page, [ADMIN_PASSWORD]);
  await context.close();

  // Rita holds no groups.manage: no groups are offered; another user as responsible is refused in words; herself is fine.
  const plain = await signedIn(rita.email, rita.password);
  await section(plain.page, 'Functional IDs').click();
  await plain.page.getByRole('heading', { name: 'Functional IDs' }).waitFor();
  await plain.page.getByRole('button', { name: 'Create a functional ID' }).click();
  dialog = plain.page.getByRole('dialog', { name: 'Create a functional ID' });
  await dialog.getByRole('group', { name: 'Roles' }).waitFor();
  expect(await dialog.getByRole('group', { name: 'Groups' }).count()).toBe(0);
  await dialog.getByRole('textbox', { name: 'Name' }).fill('rita/tool');
  const adminName = (await s.t.gql('{ viewer { name } }', {}, { token: s.t.adminToken })).data.viewer.name as string;
  await dialog.getByRole('combobox', { name: 'Responsible user' }).selectOption({ label: adminName });
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  const refused = dialog.getByRole('alert');
  await refused.waitFor();
  expect(await refused.getAttribute('data-code')).toBe('FORBIDDEN');
  expect(await refused.innerText()).toMatch(/You are not allowed to do this\.[\s\S]*owner must be you or a user below you/);
  await dialog.getByRole('combobox', { name: 'Responsible user' }).selectOption({ label: 'You' });
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await plain.page.locator('tr[data-fid-name="rita/tool"]').waitFor();
  expect(await created('rita/tool')).toEqual([{ name: 'rita/tool', owner: { id: rita.id }, roles: [], groups: [] }]);
  await expectNothingSecretStored(plain.context, plain.page, [rita.password]);
  await plain.context.close();
});

test('the audit log is offered to audit.read holders, filters by action and outcome, and is not offered to a plain user', async () => {
  const plain = await createUser(s.t, 'Plain Paul');
  const { context: plainContext, page: plainPage } = await signedIn(plain.email, plain.password);
  expect(await plainPage.getByRole('navigation', { name: 'Sections' }).getByRole('link').allInnerTexts()).toEqual(['API keys', 'Functional IDs', 'Users', 'Groups', 'Roles', 'Services', 'Account', 'Invitations']);
  await plainContext.close();

  const { context, page } = await signedIn();
  await section(page, 'Audit log').click();
  await page.getByRole('heading', { name: 'Audit log' }).waitFor();
  await page.locator('tr[data-action="auth.login"]').first().waitFor();
  await page.getByRole('searchbox', { name: 'Action' }).fill('user.create');
  await page.waitForFunction(() => {
    const rows = Array.from(document.querySelectorAll('tbody tr'));
    return rows.length > 0 && rows.every((row) => row.getAttribute('data-action') === 'user.create');
  });
  expect(await page.locator('tbody tr').first().innerText()).toContain('SUCCESS');
  await page.getByRole('combobox', { name: 'Outcome' }).selectOption('DENIED');
  await page.getByText('No events match.').waitFor();
  // One target's events, then none before a day long past.
  await page.getByRole('combobox', { name: 'Outcome' }).selectOption('');
  await page.getByRole('searchbox', { name: 'Action' }).fill('');
  await page.getByRole('searchbox', { name: 'Target ID' }).fill(plain.id);
  await page.waitForFunction((id) => {
    const rows = Array.from(document.querySelectorAll('tbody tr'));
    return rows.length > 0 && rows.every((row) => (row as HTMLElement).innerText.includes(id)) && document.querySelector('table')?.getAttribute('aria-busy') === 'false';
  }, plain.id);
  expect(await page.locator('tr[data-action="user.create"]').count()).toBe(1);
  await page.getByLabel('Until').fill('2001-01-01');
  await page.getByText('No events match.').waitFor();
  await expectAccessible(page);
  await screenshots(page, 'audit');
  await expectNothingSecretStored(context, page, [ADMIN_PASSWORD, plain.password]);
  await context.close();
});

test('the audit log filters by actor: one user’s events only, then anyone’s again', async () => {
  const ada = await createUser(s.t, 'Ada Actor');
  const made = await s.t.gql('mutation { createApiKey(input: { name: "ada/laptop" }) { secret } }', {}, { token: ada.token });
  expect(made.errors).toBeUndefined();
  const { context, page } = await signedIn();
  await section(page, 'Audit log').click();
  await page.getByRole('heading', { name: 'Audit log' }).waitFor();
  await page.locator('tr[data-action="auth.login"]').first().waitFor();
  const actors = () => page.locator('tbody tr').evaluateAll((rows) => [...new Set(rows.map((row) => row.getAttribute('data-actor-id')))]);
  expect((await actors()).length).toBeGreaterThan(1);
  await page.getByRole('combobox', { name: 'Actor' }).selectOption({ label: 'Ada Actor' });
  await page.waitForFunction((id) => {
    const rows = Array.from(document.querySelectorAll('tbody tr'));
    return rows.length > 0 && rows.every((row) => row.getAttribute('data-actor-id') === id) && document.querySelector('table')?.getAttribute('aria-busy') === 'false';
  }, ada.id);
  expect((await page.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')))).sort()).toEqual(['apikey.create', 'auth.login']);
  expect(await page.locator('tr[data-action="apikey.create"]').innerText()).toContain('Ada Actor');
  // With another filter on top: Ada's logins only; then anyone's again.
  await page.getByRole('searchbox', { name: 'Action' }).fill('auth.login');
  await page.waitForFunction(() => document.querySelectorAll('tbody tr').length === 1 && document.querySelector('tbody tr')?.getAttribute('data-action') === 'auth.login');
  await page.getByRole('searchbox', { name: 'Action' }).fill('');
  await page.getByRole('combobox', { name: 'Actor' }).selectOption({ label: 'Anyone' });
  await page.waitForFunction((id) => Array.from(document.querySelectorAll('tbody tr')).some((row) => row.getAttribute('data-actor-id') !== id), ada.id);
  await expectAccessible(page);
  await screenshots(page, 'audit-actor');
  await expectNothingSecretStored(context, page, [ADMIN_PASSWORD, ada.password, made.data.createApiKey.secret]);
  await context.close();
});

test('the pages asked nothing of anywhere but the test server, and logged no error', () => expectStayedOnTheTestServer(s.b));
