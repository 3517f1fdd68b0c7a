/**
 * The console's account pages in headless Chromium against the real server (SQLite, or MariaDB with
 * DATABASE_URL): services and their permissions, the account's settings (limits, expiry notice days, the
 * cross-account allowlist), and invitations (an administrator invites a user of another account by ID; that
 * user accepts in its own console, or declines). After each flow the browser keeps no password; axe finds
 * nothing serious.
 */
import { createUser } from '../helpers/seed';
import { ADMIN_PASSWORD } from '../helpers/server';
import { consoleSuite, expectAccessible, expectNothingSecretStored, expectStayedOnTheTestServer, openSection, screenshots } from './browser';

const s = consoleSuite();

const gqlAs = async (token: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
  const result = await s.t.gql(query, variables, { token, headers });
  expect(result.errors).toBeUndefined();
  return result.data;
};

test('services: create one, add permissions (a duplicate refused in words), remove one, delete it after typing its name', async () => {
  const { context, page } = await s.signedIn();
  await openSection(page, 'Services');
  await page.getByText('No services yet.').waitFor();
  await page.getByRole('button', { name: 'Create a service' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a service' });
  await dialog.getByRole('textbox', { name: /^Name/ }).fill('billing');
  await dialog.getByRole('textbox', { name: /^Audience/ }).fill('https://billing.example.com');
  await dialog.getByRole('button', { name: 'Create the service' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.locator('tr[data-service-name="billing"]').getByRole('button', { name: 'billing' }).click();
  const pane = page.getByRole('complementary');
  await pane.getByText('No permissions yet.').waitFor();

  const add = pane.getByRole('form', { name: 'Add a permission' });
  for (const [name, what] of [['invoices.read', 'read invoices'], ['invoices.write', 'issue invoices']]) {
    await add.getByRole('textbox', { name: 'Permission name' }).fill(name);
    await add.getByRole('textbox', { name: 'What it allows' }).fill(what);
    await add.getByRole('button', { name: 'Add the permission' }).click();
    await pane.locator(`li[data-permission="${name}"]`).waitFor();
  }
  const read = async () => (await gqlAs(s.t.adminToken, '{ services { edges { node { id name permissions { name description } } } } }')).services.edges.map((e: { node: unknown }) => e.node);
  expect(await read()).toEqual([expect.objectContaining({ name: 'billing', permissions: [{ name: 'invoices.read', description: 'read invoices' }, { name: 'invoices.write', description: 'issue invoices' }] })]);
  expect((await gqlAs(s.t.adminToken, '{ permissionCatalog }')).permissionCatalog).toContain('billing:invoices.read');

  await add.getByRole('textbox', { name: 'Permission name' }).fill('invoices.read');
  await add.getByRole('button', { name: 'Add the permission' }).click();
  const refused = pane.getByRole('alert');
  await refused.waitFor();
  expect(await refused.getAttribute('data-code')).toBe('BAD_USER_INPUT');
  expect(await refused.innerText()).toMatch(/Some of what you entered is not valid\.[\s\S]*appears twice/);
  await expectAccessible(page);
  await screenshots(page, 'services');

  await pane.getByRole('button', { name: 'Remove invoices.write' }).click();
  await pane.locator('li[data-permission="invoices.write"]').waitFor({ state: 'detached' });
  expect((await read())[0].permissions.map((p: { name: string }) => p.name)).toEqual(['invoices.read']);

  await pane.getByRole('button', { name: 'Delete the service…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete the service “billing”' });
  await confirm.getByRole('textbox', { name: 'Service name' }).fill('billing');
  await confirm.getByRole('button', { name: 'Delete the service' }).click();
  await page.getByText('No services yet.').waitFor();
  expect(await read()).toEqual([]);
  await expectNothingSecretStored(context, page, [ADMIN_PASSWORD]);
  await context.close();
});

test('account settings: limits, expiry notice days and the cross-account allowlist are saved; a bad value is refused in words; a plain member only reads them', async () => {
  const other = (await gqlAs(s.t.adminToken, 'mutation { createAccount(input: { name: "Partner Ltd" }) { id } }')).createAccount.id as string;
  const { context, page } = await s.signedIn();
  await openSection(page, 'Account', 'Account settings');
  const form = page.getByRole('form', { name: 'Account settings' });
  const own = await page.locator('dd code').innerText();
  expect(own).toMatch(/^acc_/);
  expect(await form.getByRole('textbox', { name: /^Notice days/ }).inputValue()).toBe('30, 7, 2');

  await form.getByRole('spinbutton', { name: 'API keys per user or functional ID' }).fill('7');
  await form.getByRole('spinbutton', { name: /^Longest key lifetime/ }).fill('365');
  await form.getByRole('textbox', { name: /^Notice days/ }).fill('14, 3');
  await form.getByRole('checkbox', { name: /^Accept keys of other accounts only/ }).check();
  // Its own ID is refused (its own keys are always accepted), and the server says which field.
  await form.getByRole('textbox', { name: /^Accounts allowed/ }).fill(`${other}\n${own}`);
  await form.getByRole('button', { name: 'Save the settings' }).click();
  const refused = form.getByRole('alert');
  await refused.waitFor();
  expect(await refused.innerText()).toMatch(/Some of what you entered is not valid\.[\s\S]*its own keys are always accepted/);
  await form.getByRole('textbox', { name: /^Accounts allowed/ }).fill(other);
  await form.getByRole('button', { name: 'Save the settings' }).click();
  await form.getByText('Settings saved.').waitFor();
  expect((await gqlAs(s.t.adminToken, '{ account { settings { maxApiKeysPerPrincipal maxKeyLifetimeDays expiryNoticeDays crossAccountRestriction { enabled allowedAccountIds } } } }')).account.settings).toEqual({
    maxApiKeysPerPrincipal: 7,
    maxKeyLifetimeDays: 365,
    expiryNoticeDays: [14, 3],
    crossAccountRestriction: { enabled: true, allowedAccountIds: [other] },
  });
  await expectAccessible(page);
  await screenshots(page, 'account');
  // After a reload the form shows what was saved.
  await page.reload();
  await form.getByRole('textbox', { name: /^Notice days/ }).waitFor();
  expect(await form.getByRole('textbox', { name: /^Notice days/ }).inputValue()).toBe('14, 3');
  await expectNothingSecretStored(context, page, [ADMIN_PASSWORD]);
  await context.close();

  const plain = await createUser(s.t, 'Reader Rita');
  const opened = await s.signedIn(plain.email, plain.password);
  await openSection(opened.page, 'Account', 'Account settings');
  const readOnly = opened.page.getByRole('form', { name: 'Account settings' });
  await opened.page.getByText('Only holders of account.manage may change these settings.').waitFor();
  expect(await readOnly.getByRole('spinbutton', { name: 'API keys per user or functional ID' }).inputValue()).toBe('7');
  expect(await readOnly.getByRole('spinbutton', { name: 'API keys per user or functional ID' }).isDisabled()).toBe(true);
  expect(await readOnly.getByRole('button', { name: 'Save the settings' }).count()).toBe(0);
  await expectNothingSecretStored(opened.context, opened.page, [plain.password]);
  await opened.context.close();
});

test('invitations: an administrator invites a user of another account by its ID; that user sees the invitation and accepts it', async () => {
  // Wendy belongs to another account only (made there by its administrator).
  const founder = await createUser(s.t, 'Founder Fay');
  const partner = (await gqlAs(founder.token, 'mutation { createAccount(input: { name: "Wendy Works" }) { id } }')).createAccount.id as string;
  const wendyPassword = 'wendy-password-2718';
  const wendyId = (
    await gqlAs(founder.token, 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }', { input: { name: 'Wendy Outside', email: 'wendy@example.com', password: wendyPassword } }, { 'x-account-id': partner })
  ).createUser.id as string;

  // Wendy has nothing waiting, and finds her ID to give to the administrator.
  const wendy = await s.signedIn('wendy@example.com', wendyPassword);
  await openSection(wendy.page, 'Invitations');
  await wendy.page.getByText('No invitations are waiting for you.').waitFor();
  expect(await wendy.page.getByTestId('my-user-id').innerText()).toBe(wendyId);
  expect(await wendy.page.getByRole('form', { name: 'Invite a user' }).count()).toBe(0);

  // The administrator invites her (an unknown ID first: refused in words).
  const { context, page } = await s.signedIn();
  await openSection(page, 'Invitations');
  const invite = page.getByRole('form', { name: 'Invite a user' });
  await invite.getByRole('textbox', { name: /^User ID/ }).fill('usr_nobody');
  await invite.getByRole('button', { name: 'Send the invitation' }).click();
  await invite.getByRole('alert').waitFor();
  expect(await invite.getByRole('alert').innerText()).toContain('Some of what you entered is not valid.');
  await invite.getByRole('textbox', { name: /^User ID/ }).fill(wendyId);
  await invite.getByRole('checkbox', { name: /^KeyAdministrator/ }).check();
  await invite.getByRole('button', { name: 'Send the invitation' }).click();
  await invite.getByText('Invitation sent').waitFor();
  await expectAccessible(page);
  await expectNothingSecretStored(context, page, [ADMIN_PASSWORD]);
  await context.close();

  // Wendy sees it (after a reload) and accepts.
  await wendy.page.reload();
  const row = wendy.page.locator('tr[data-invitation-account]');
  await row.waitFor();
  const accountName = await row.getAttribute('data-invitation-account');
  expect(await row.innerText()).toContain('Member, KeyAdministrator');
  await expectAccessible(wendy.page);
  await screenshots(wendy.page, 'invitations');
  await row.getByRole('button', { name: `Accept the invitation to ${accountName}` }).click();
  await wendy.page.getByText(`You are now a member of “${accountName}”.`).waitFor();
  await wendy.page.getByText('No invitations are waiting for you.').waitFor();
  const home = (await gqlAs(s.t.adminToken, '{ account { id } }')).account.id as string;
  const wendyToken = await s.t.login('wendy@example.com', wendyPassword);
  expect((await gqlAs(wendyToken, '{ viewerPermissions }', {}, { 'x-account-id': home })).viewerPermissions).toContain('apikeys.manage_all');
  await expectNothingSecretStored(wendy.context, wendy.page, [wendyPassword, founder.password]);
  await wendy.context.close();
});

test('invitations: a user declines one of two invitations (it grants nothing, the other stays); one answered meanwhile is refused in words', async () => {
  // Dora belongs to another account; she is invited into this one and into a third.
  const founder = await createUser(s.t, 'Founder Finn');
  const partner = (await gqlAs(founder.token, 'mutation { createAccount(input: { name: "Dora Works" }) { id } }')).createAccount.id as string;
  const side = (await gqlAs(founder.token, 'mutation { createAccount(input: { name: "Side Co" }) { id } }')).createAccount.id as string;
  const doraPassword = 'dora-password-1618';
  const doraId = (
    await gqlAs(founder.token, 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }', { input: { name: 'Dora Outside', email: 'dora@example.com', password: doraPassword } }, { 'x-account-id': partner })
  ).createUser.id as string;
  const home = (await gqlAs(s.t.adminToken, '{ account { id name } }')).account as { id: string; name: string };
  const invite = 'mutation($input: AccountMemberInput!) { addAccountMember(input: $input) { id } }';
  await gqlAs(s.t.adminToken, invite, { input: { accountId: home.id, userId: doraId, roleIds: [] } });
  await gqlAs(founder.token, invite, { input: { accountId: side, userId: doraId, roleIds: [] } }, { 'x-account-id': side });

  const dora = await s.signedIn('dora@example.com', doraPassword);
  await openSection(dora.page, 'Invitations');
  const homeRow = dora.page.locator(`tr[data-invitation-account="${home.name}"]`);
  const sideRow = dora.page.locator('tr[data-invitation-account="Side Co"]');
  await homeRow.waitFor();
  await sideRow.waitFor();
  await homeRow.getByRole('button', { name: `Decline the invitation to ${home.name}` }).click();
  await dora.page.getByText(`You declined the invitation to “${home.name}”.`).waitFor();
  await homeRow.waitFor({ state: 'detached' });
  expect(await dora.page.locator('tr[data-invitation-account]').count()).toBe(1);
  const doraToken = await s.t.login('dora@example.com', doraPassword);
  expect((await gqlAs(doraToken, '{ viewer { invitations { accountName } } }')).viewer.invitations).toEqual([{ accountName: 'Side Co' }]);
  // Declined: no membership in this account.
  expect((await s.t.gql('{ viewerPermissions }', {}, { token: doraToken, headers: { 'x-account-id': home.id } })).errors).toBeDefined();
  await expectAccessible(dora.page);
  await screenshots(dora.page, 'invitations-declined');

  // Declined meanwhile elsewhere (another tab): the page's Decline is refused in words.
  const sideInvitation = (await gqlAs(doraToken, '{ viewer { invitations { id } } }')).viewer.invitations[0].id as string;
  await gqlAs(doraToken, 'mutation($id: ID!) { declineAccountInvitation(id: $id) }', { id: sideInvitation });
  await sideRow.getByRole('button', { name: 'Decline the invitation to Side Co' }).click();
  const refused = dora.page.getByRole('alert');
  await refused.waitFor();
  expect(await refused.getAttribute('data-code')).toBe('NOT_FOUND');
  expect(await refused.innerText()).toContain('It does not exist, or you may not see it.');
  await expectNothingSecretStored(dora.context, dora.page, [doraPassword, founder.password]);
  await dora.context.close();
});

test('the account pages asked nothing of anywhere but the test server, and logged no error', () => expectStayedOnTheTestServer(s.b));
