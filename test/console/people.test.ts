/**
 * The console's people pages in headless Chromium against the real server (SQLite, or MariaDB with
 * DATABASE_URL): the users hierarchy as a tree (create under a parent, a federated user, disable and
 * enable, a user's details pane with its keys), groups (create,
 * members in and out, roles, delete behind the typed name) and roles (create from the permission catalog,
 * assign to a user, delete). After each flow the browser keeps no password; axe finds nothing serious.
 */
import { createApiKeyFor, createUser, roleId } from '../helpers/seed';
import { ADMIN_PASSWORD } from '../helpers/server';
import { consoleSuite, expectAccessible, expectNothingSecretStored, expectStayedOnTheTestServer, openSection, screenshots } from './browser';

const s = consoleSuite();

const gqlAdmin = async (query: string, variables: Record<string, unknown> = {}) => {
  const result = await s.t.gql(query, variables, { token: s.t.adminToken });
  expect(result.errors).toBeUndefined();
  return result.data;
};

test('users: the hierarchy is a tree; a user is created under another, disabled (cannot log in) and enabled again', async () => {
  const { context, page } = await s.signedIn();
  await openSection(page, 'Users');
  const admin = page.locator('li[data-user-email="admin@example.com"]');
  await admin.waitFor();

  // Keyboard only: Tab reaches "Create a user" (focus visibly outlined), Enter opens the dialog, Escape closes it.
  const create = page.getByRole('button', { name: 'Create a user' });
  for (let i = 0; i < 40 && !(await create.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  expect(await create.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
  await page.keyboard.press('Enter');
  let dialog = page.getByRole('dialog', { name: 'Create a user' });
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });

  const leadPassword = 'lead-password-4711';
  await create.click();
  dialog = page.getByRole('dialog', { name: 'Create a user' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Ann Lead');
  await dialog.getByRole('textbox', { name: 'Email' }).fill('ann.lead@example.com');
  await dialog.getByRole('textbox', { name: /^Password/ }).fill(leadPassword);
  await dialog.getByRole('checkbox', { name: /^Member/ }).check();
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Create the user' }).click();
  await dialog.waitFor({ state: 'detached' });
  const ann = admin.locator('li[data-user-name="Ann Lead"]');
  await ann.waitFor();
  // The viewer's own row offers no Disable.
  expect(await admin.locator('.node').first().getByRole('button', { name: /^Disable/ }).count()).toBe(0);

  // A child of Ann, made from Ann's row.
  const devPassword = 'dev-password-0815';
  await ann.getByRole('button', { name: 'Add a user under Ann Lead' }).click();
  dialog = page.getByRole('dialog', { name: 'Create a user under Ann Lead' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Bob Dev');
  await dialog.getByRole('textbox', { name: 'Email' }).fill('bob.dev@example.com');
  await dialog.getByRole('textbox', { name: /^Password/ }).fill(devPassword);
  await dialog.getByRole('button', { name: 'Create the user' }).click();
  await dialog.waitFor({ state: 'detached' });
  const bob = ann.locator('li[data-user-name="Bob Dev"]');
  await bob.waitFor();
  const adminName = (await gqlAdmin('{ viewer { name } }')).viewer.name;
  const users = (await gqlAdmin('{ users(first: 100) { edges { node { id name parent { name } roles { name } } } } }')).users.edges.map((e: { node: unknown }) => e.node);
  expect(users).toEqual(expect.arrayContaining([
    expect.objectContaining({ name: 'Ann Lead', parent: { name: adminName }, roles: [{ name: 'Member' }] }),
    expect.objectContaining({ name: 'Bob Dev', parent: { name: 'Ann Lead' } }),
  ]));

  // The same email again: refused in words.
  await create.click();
  dialog = page.getByRole('dialog', { name: 'Create a user' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Bob Again');
  await dialog.getByRole('textbox', { name: 'Email' }).fill('bob.dev@example.com');
  await dialog.getByRole('textbox', { name: /^Password/ }).fill('another-password-1');
  await dialog.getByRole('button', { name: 'Create the user' }).click();
  const refused = dialog.getByRole('alert');
  await refused.waitFor();
  expect(await refused.getAttribute('data-code')).toBe('CONFLICT');
  expect(await refused.innerText()).toContain('This conflicts with something that already exists.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Disabled, Bob cannot log in; enabled, he can.
  await bob.getByRole('button', { name: 'Disable Bob Dev' }).click();
  await bob.locator('.badge', { hasText: 'Disabled' }).waitFor();
  expect((await s.t.gql('mutation { login(input: { email: "bob.dev@example.com", password: "dev-password-0815" }) { token } }')).code).toBe('UNAUTHENTICATED');
  await expectAccessible(page);
  await screenshots(page, 'users');
  await bob.getByRole('button', { name: 'Enable Bob Dev' }).click();
  await bob.locator('.badge', { hasText: 'Disabled' }).waitFor({ state: 'detached' });
  expect(await s.t.login('bob.dev@example.com', devPassword)).toMatch(/^kws_/);
  await expectNothingSecretStored(context, page, [ADMIN_PASSWORD, leadPassword, devPassword, 'another-password-1']);
  await context.close();
});

test('users: a federated user is created with no password, cannot log in, and shows as federated', async () => {
  const { context, page } = await s.signedIn();
  await openSection(page, 'Users');
  await page.locator('li[data-user-email="admin@example.com"]').waitFor();
  await page.getByRole('button', { name: 'Create a user' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create a user' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Fed Erated');
  await dialog.getByRole('textbox', { name: 'Email' }).fill('fed.erated@example.com');
  await dialog.getByRole('textbox', { name: /^Password/ }).waitFor();
  await dialog.getByRole('checkbox', { name: /^Federated/ }).check();
  // Federated: the password field goes (the API refuses a password for a federated user).
  expect(await dialog.getByRole('textbox', { name: /^Password/ }).count()).toBe(0);
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Create the user' }).click();
  await dialog.waitFor({ state: 'detached' });
  const fed = page.locator('li[data-user-name="Fed Erated"]');
  await fed.locator('.badge', { hasText: 'Federated' }).waitFor();
  const users = (await gqlAdmin('{ users(first: 100) { edges { node { name email federated disabled } } } }')).users.edges.map((e: { node: { name: string } }) => e.node);
  expect(users.find((user: { name: string }) => user.name === 'Fed Erated')).toEqual({ name: 'Fed Erated', email: 'fed.erated@example.com', federated: true, disabled: false });
  expect((await s.t.gql('mutation { login(input: { email: "fed.erated@example.com", password: "any-password-at-all" }) { token } }')).code).toBe('UNAUTHENTICATED');
  // Its details say how it signs in.
  await fed.getByRole('button', { name: 'Fed Erated', exact: true }).click();
  await page.getByRole('complementary').getByText('Keys only (federated, no password)').waitFor();
  await expectNothingSecretStored(context, page, [ADMIN_PASSWORD]);
  await context.close();
});

test('users: the details pane shows a user’s email, state, roles, groups, dates and key count, follows a change, and links to its keys', async () => {
  const della = await createUser(s.t, 'Della Details', { roleIds: [await roleId(s.t, 'Viewer')] });
  const group = (await gqlAdmin('mutation { createGroup(input: { name: "reviewers" }) { id } }')).createGroup.id as string;
  await gqlAdmin('mutation($input: GroupMembersInput!) { addGroupMembers(input: $input) { id } }', { input: { groupId: group, principalIds: [della.id] } });
  const secrets: string[] = [];
  for (const name of ['della/one', 'della/two']) secrets.push((await createApiKeyFor(s.t, della.id, { name })).token);
  const { context, page } = await s.signedIn();
  await openSection(page, 'Users');
  const row = page.locator(`li[data-user-email="${della.email}"]`);
  // By keyboard: the name is a button with a visible focus outline; Enter opens the pane.
  const name = row.getByRole('button', { name: 'Della Details', exact: true });
  await name.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  expect(await name.evaluate((el) => el === document.activeElement && getComputedStyle(el).outlineStyle)).toBe('solid');
  await page.keyboard.press('Enter');
  const pane = page.getByRole('complementary', { name: 'Della Details' });
  const fact = (term: string) => pane.locator('.facts div', { has: page.locator('dt', { hasText: term }) }).locator('dd');
  await fact('Email').getByText(della.email).waitFor();
  expect(await fact('State').innerText()).toBe('Active');
  expect(await fact('Signs in with').innerText()).toBe('Password or keys');
  expect(await fact('Parent').innerText()).toBe((await gqlAdmin('{ viewer { name } }')).viewer.name);
  expect((await fact('Roles').innerText()).split(', ').sort()).toEqual(['Member', 'Viewer']);
  expect(await fact('Groups').innerText()).toBe('reviewers');
  expect(await fact('Created').innerText()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  expect(await pane.getByTestId('user-key-count').innerText()).toBe('2');
  // Disabled from the tree, the pane says so without being reopened.
  await row.getByRole('button', { name: 'Disable Della Details' }).click();
  await fact('State').getByText(/^Disabled/).waitFor();
  await row.getByRole('button', { name: 'Enable Della Details' }).click();
  await fact('State').getByText('Active').waitFor();
  await expectAccessible(page);
  await screenshots(page, 'user-details');
  await pane.getByRole('button', { name: 'Close the details' }).click();
  await pane.waitFor({ state: 'detached' });

  await row.getByRole('button', { name: 'Della Details', exact: true }).click();
  await pane.getByRole('button', { name: 'Keys of Della Details' }).click();
  await page.getByRole('heading', { name: 'API keys', level: 1 }).waitFor();
  await page.locator('tr[data-key-name="della/two"]').waitFor();
  expect((await page.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key-name')))).sort()).toEqual(['della/one', 'della/two']);
  await expectNothingSecretStored(context, page, [ADMIN_PASSWORD, della.password, ...secrets]);
  await context.close();
  // The groups test below starts from an account without groups.
  await gqlAdmin('mutation($id: ID!) { deleteGroup(id: $id) { deletedId } }', { id: group });
});

test('groups: create one with a role, add and remove a member, change its roles, delete it after typing its name', async () => {
  const member = await createUser(s.t, 'Gwen Group');
  const { context, page } = await s.signedIn();
  await openSection(page, 'Groups');
  await page.getByText('No groups yet.').waitFor();
  await page.getByRole('button', { name: 'Create a group' }).click();
  let dialog = page.getByRole('dialog', { name: 'Create a group' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('deployers');
  await dialog.getByRole('textbox', { name: 'Description' }).fill('ship releases');
  await dialog.getByRole('checkbox', { name: /^KeyAdministrator/ }).check();
  await dialog.getByRole('button', { name: 'Create the group' }).click();
  await dialog.waitFor({ state: 'detached' });
  const row = page.locator('tr[data-group-name="deployers"]');
  await row.waitFor();
  expect(await row.innerText()).toContain('KeyAdministrator');

  // The same name again: refused in words.
  await page.getByRole('button', { name: 'Create a group' }).click();
  dialog = page.getByRole('dialog', { name: 'Create a group' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('deployers');
  await dialog.getByRole('button', { name: 'Create the group' }).click();
  await dialog.getByRole('alert').waitFor();
  expect(await dialog.getByRole('alert').innerText()).toContain('This conflicts with something that already exists.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await row.getByRole('button', { name: 'deployers' }).click();
  const pane = page.getByRole('complementary');
  await pane.getByText('No members yet.').waitFor();
  await pane.getByRole('combobox', { name: 'New member' }).selectOption({ label: 'Gwen Group' });
  await pane.getByRole('button', { name: 'Add to the group' }).click();
  await pane.locator('li[data-member-name="Gwen Group"]').waitFor();
  const groupId = (await gqlAdmin('{ groups { edges { node { id name } } } }')).groups.edges.find((e: { node: { name: string } }) => e.node.name === 'deployers').node.id;
  const membersOf = async () => (await gqlAdmin(`query($id: ID!) { node(id: $id) { ... on Group { members { edges { node { id } } } roles { name } } } }`, { id: groupId })).node;
  expect((await membersOf()).members.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([member.id]);

  await pane.getByRole('checkbox', { name: /^Member/ }).check();
  await pane.getByRole('button', { name: 'Save roles' }).click();
  await pane.getByText('Roles saved.').waitFor();
  expect((await membersOf()).roles.map((r: { name: string }) => r.name).sort()).toEqual(['KeyAdministrator', 'Member']);
  await expectAccessible(page);
  await screenshots(page, 'groups');

  await pane.getByRole('button', { name: 'Remove Gwen Group' }).click();
  await pane.getByText('No members yet.').waitFor();
  expect((await membersOf()).members.edges).toEqual([]);

  await pane.getByRole('button', { name: 'Delete the group…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete the group “deployers”' });
  expect(await confirm.getByRole('button', { name: 'Delete the group' }).isDisabled()).toBe(true);
  await confirm.getByRole('textbox', { name: 'Group name' }).fill('deployers');
  await confirm.getByRole('button', { name: 'Delete the group' }).click();
  await page.getByText('No groups yet.').waitFor();
  expect((await gqlAdmin('{ groups { edges { node { id } } } }')).groups.edges).toEqual([]);
  await expectNothingSecretStored(context, page, [ADMIN_PASSWORD, member.password]);
  await context.close();
});

test('roles: create one from the permission catalog, assign it to a user (who then holds it), delete another; a plain user may not create', async () => {
  const auditor = await createUser(s.t, 'Otto Auditor');
  const { context, page } = await s.signedIn();
  await openSection(page, 'Roles');
  await page.locator('tr[data-role-name="Administrator"]').waitFor();
  for (const name of ['auditors', 'scratch']) {
    await page.getByRole('button', { name: 'Create a role' }).click();
    const dialog = page.getByRole('dialog', { name: 'Create a role' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
    await dialog.getByRole('searchbox', { name: 'Find a permission' }).fill('audit');
    await dialog.getByRole('checkbox', { name: 'audit.read' }).check();
    await dialog.getByRole('button', { name: 'Create the role' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator(`tr[data-role-name="${name}"]`).waitFor();
  }
  expect(await page.locator('tr[data-role-name="auditors"]').innerText()).toContain('audit.read');
  expect((await s.t.gql('{ viewerPermissions }', {}, { token: auditor.token })).data.viewerPermissions).not.toContain('audit.read');

  const assign = page.getByRole('form', { name: 'Assign roles' });
  await assign.getByRole('combobox', { name: 'User or functional ID' }).selectOption({ label: 'Otto Auditor' });
  await assign.getByRole('checkbox', { name: /^auditors/ }).check();
  await assign.getByRole('button', { name: 'Save the roles of Otto Auditor' }).click();
  await assign.getByText('Roles saved.').waitFor();
  expect((await s.t.gql('{ viewerPermissions }', {}, { token: auditor.token })).data.viewerPermissions).toContain('audit.read');
  await expectAccessible(page);
  await screenshots(page, 'roles');

  await page.getByRole('button', { name: 'Delete the role scratch' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete the role “scratch”' });
  await confirm.getByRole('textbox', { name: 'Role name' }).fill('scratch');
  await confirm.getByRole('button', { name: 'Delete the role' }).click();
  await page.locator('tr[data-role-name="scratch"]').waitFor({ state: 'detached' });
  await expectNothingSecretStored(context, page, [ADMIN_PASSWORD]);
  await context.close();

  // The auditor (no roles.manage) sees the roles but is offered no way to change them.
  const plain = await s.signedIn(auditor.email, auditor.password);
  await openSection(plain.page, 'Roles');
  await plain.page.locator('tr[data-role-name="auditors"]').waitFor();
  expect(await plain.page.getByRole('button', { name: 'Create a role' }).count()).toBe(0);
  expect(await plain.page.getByRole('form', { name: 'Assign roles' }).count()).toBe(0);
  await expectNothingSecretStored(plain.context, plain.page, [auditor.password]);
  await plain.context.close();
});

test('the people pages asked nothing of anywhere but the test server, and logged no error', () => expectStayedOnTheTestServer(s.b));
