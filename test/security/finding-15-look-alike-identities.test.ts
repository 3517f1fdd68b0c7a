/**
 * Finding 15: look-alike identities. Full-width and homoglyph emails were
 * accepted as new addresses, and user names took bidirectional overrides and
 * newlines. Emails are now compared after NFKC and case folding, labels
 * mixing Latin with look-alike letters of another script are refused, and
 * names refuse control and bidirectional-formatting characters.
 */
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id email } }`;
const create = (input: Record<string, unknown>) => t.gql(CREATE, { input: { password: 'a-long-password-1', ...input } }, { token: t.adminToken });

test('a full-width copy of the Administrator\'s email is the same email', async () => {
  const fullWidth = await create({ email: 'ＡＤＭＩＮ@ｅｘａｍｐｌｅ.ｃｏｍ', name: 'Impostor' });
  expect(fullWidth.code).toBe('CONFLICT');
  // And it logs the real Administrator in: one identity, however it is typed.
  const login = await t.gql(`mutation($input: LoginInput!) { login(input: $input) { principal { name } } }`, {
    input: { email: 'ＡＤＭＩＮ@ＥＸＡＭＰＬＥ.ＣＯＭ', password: ADMIN_PASSWORD },
  });
  expect(login.data.login.principal.name).toBe('Administrator');
  // A new address is stored in its normal form.
  expect((await create({ email: 'Ｎｅｗ.Ｐｅｒｓｏｎ@example.com', name: 'New Person' })).data.createUser.email).toBe('New.Person@example.com');
});

test('an email mixing a Cyrillic letter into Latin ones is refused, naming the field', async () => {
  const homoglyph = await create({ email: 'аdmin@example.com', name: 'Impostor' }); // U+0430 CYRILLIC SMALL LETTER A
  expect(homoglyph.code).toBe('BAD_USER_INPUT');
  expect(homoglyph.errors![0].extensions!.fields).toEqual(['email']);
  // A wholly non-Latin address is someone's real address, and welcome; so is Latin written with kanji.
  expect((await create({ email: 'иван@пример.рф', name: 'Иван' })).errors).toBeUndefined();
  expect((await create({ email: 'tanaka太郎@example.jp', name: '田中太郎' })).errors).toBeUndefined();
});

test('names with a right-to-left override or a newline are refused, in creation and renaming', async () => {
  for (const name of ['Admin\u202Enimda', 'Administrator\nApproved', 'Zero\u200Bwidth']) {
    const made = await create({ email: `named.${name.length}.${Math.random().toString(36).slice(2, 7)}@example.com`, name });
    expect(made.code).toBe('BAD_USER_INPUT');
    expect(made.errors![0].extensions!.fields).toEqual(['name']);
  }
  const plain = await create({ email: 'plain.name@example.com', name: 'Plain Name' });
  const renamed = await t.gql(`mutation($input: UpdateUserInput!) { updateUser(input: $input) { name } }`, {
    input: { id: plain.data.createUser.id, name: 'Plain\u2066Name' },
  }, { token: t.adminToken });
  expect(renamed.code).toBe('BAD_USER_INPUT');
  expect(renamed.errors![0].extensions!.fields).toEqual(['name']);
});
