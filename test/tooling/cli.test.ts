/** The built `keywarden` CLI, run as a user would: a child process against a real server. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/server';
import { cliRunner, type CliResult } from './cli-helpers';

let t: TestServer;
const cli = cliRunner(() => t.url);
const run = (...args: string[]) => cli.run(args);
const json = (result: CliResult) => {
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: expect.any(String) });
  return JSON.parse(result.stdout);
};

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
  cli.cleanup();
});

test('a piped password logs in (--password-stdin); the session is stored with mode 0600; whoami reads it', async () => {
  const login = await cli.run(['login', '--email', ADMIN_EMAIL, '--password-stdin'], { input: `${ADMIN_PASSWORD}\n` });
  expect(login).toMatchObject({ code: 0 });
  expect(login.stdout).toContain('Logged in as');
  const file = path.join(cli.home, '.config/keywarden/credentials.json');
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(fs.readFileSync(file, 'utf8')).not.toContain(ADMIN_PASSWORD);
  const whoami = await run('whoami');
  expect(whoami.code).toBe(0);
  expect(whoami.stdout).toContain(ADMIN_EMAIL);
});

test('a wrong piped password exits 4 and stores nothing; without --password-stdin off a terminal it is a usage error', async () => {
  const wrong = await cli.run(['login', '--profile', 'wrong', '--email', ADMIN_EMAIL, '--password-stdin'], { input: 'not-the-password\n' });
  expect(wrong.code).toBe(4);
  expect(wrong.stderr).toMatch(/^error: UNAUTHENTICATED: /);
  expect(fs.readFileSync(path.join(cli.home, '.config/keywarden/credentials.json'), 'utf8')).not.toContain('"wrong"');
  const noPrompt = await cli.run(['login', '--profile', 'wrong', '--email', ADMIN_EMAIL], { input: `${ADMIN_PASSWORD}\n` });
  expect(noPrompt.code).toBe(2);
  expect(noPrompt.stderr).toContain('--password-stdin');
});

test('global options work before and after the command words', async () => {
  expect((await cli.run(['--profile', 'prod', 'login', '--email', ADMIN_EMAIL, '--password-stdin'], { input: ADMIN_PASSWORD })).code).toBe(0);
  await run('--profile', 'prod', 'api-key', 'create', 'global-options');
  const before = await run('--profile', 'prod', '--format', 'json', 'api-key', 'list');
  const after = await run('api-key', 'list', '--profile', 'prod', '--format', 'json');
  const between = await run('api-key', '--format', 'json', 'list', '--profile', 'prod');
  expect(json(before).map((k: { name: string }) => k.name)).toContain('global-options');
  expect(json(after)).toEqual(json(before));
  expect(json(between)).toEqual(json(before));
  // An unknown profile is not logged in, wherever the option stands.
  expect((await run('api-key', 'list', '--profile', 'nobody')).code).toBe(4);
  expect((await run('--profile', 'nobody', 'api-key', 'list')).code).toBe(4);
});

test('--help after a command prints that command’s help with its examples', async () => {
  const help = await run('api-key', 'list', '--help');
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/^Usage: keywarden api-key list \[options\]/);
  expect(help.stdout).toContain('--scope <scope>');
  expect(help.stdout).toContain('--profile <name>');
  expect(help.stdout).toContain('Examples:\n  $ keywarden api-key list');
  for (const args of [['user', 'disable', '--help'], ['user', 'help', 'disable'], ['--profile', 'x', 'user', 'disable', '-h']]) {
    expect((await run(...args)).stdout).toMatch(/^Usage: keywarden user disable \[options\] <user>/);
  }
});

test('the key lifecycle from the terminal, by name: create (secret once), list, lock, delete refused, unlock, delete', async () => {
  const { id, apiKey: secret } = json(await run('api-key', 'create', 'ci/deploy', '-d', 'deploys', '--format', 'json'));
  expect(secret).toMatch(/^kw_[0-9A-Za-z]{38}$/);

  const list = await run('api-key', 'list');
  expect(list.code).toBe(0);
  expect(list.stdout.split('\n')[0]).toMatch(/^ID\s+Name\s+Type\s+Prefix\s+Owner\s+State/);
  expect(list.stdout).toContain('ci/deploy');
  expect(list.stdout).not.toContain(secret);
  const listed = json(await run('api-key', 'list', '--format', 'json'));
  expect(listed.map((k: { id: string }) => k.id)).toContain(id);
  expect(JSON.stringify(listed)).not.toContain(secret);

  expect((await run('api-key', 'lock', 'ci/deploy')).stdout).toMatch(/Locked:\s+true/);
  expect(json(await run('api-key', 'info', id, '--format', 'json'))).toMatchObject({ id, name: 'ci/deploy', locked: true });
  const refused = await run('api-key', 'delete', 'ci/deploy', '--yes');
  expect(refused.code).toBe(1);
  expect(refused.stderr.trim()).toMatch(/^error: KEY_LOCKED: /);
  expect(refused.stderr.trim().split('\n')).toHaveLength(1);
  expect((await run('api-key', 'unlock', 'ci/deploy')).code).toBe(0);
  expect(await run('api-key', 'delete', 'ci/deploy', '--yes')).toMatchObject({ code: 0, stdout: `Deleted ${id}.\n` });
  expect((await run('api-key', 'info', id)).stderr).toMatch(/^error: NOT_FOUND/);
  expect((await run('api-key', 'info', 'ci/deploy')).stderr).toMatch(/^error: no key named "ci\/deploy"/);
});

test('two keys of the same name are refused by name and named by their IDs', async () => {
  const user = json(await cli.run(['user', 'create', 'twin@example.com', '--name', 'Twin', '--federated', '--format', 'json']));
  const mine = json(await run('api-key', 'create', 'twin-key', '--format', 'json'));
  const theirs = json(await run('api-key', 'create', 'twin-key', '--owner', 'twin@example.com', '--format', 'json'));
  expect(theirs.key.owner.id).toBe(user.id);
  // Yours come first; only among the keys you manage are the two ambiguous.
  expect(json(await run('api-key', 'info', 'twin-key', '--format', 'json')).id).toBe(mine.id);
  // Key names are unique per owner: a second managed user makes the name ambiguous.
  await run('api-key', 'delete', mine.id, '--yes');
  json(await cli.run(['user', 'create', 'twin2@example.com', '--name', 'Twin 2', '--federated', '--format', 'json']));
  const other = json(await run('api-key', 'create', 'twin-key', '--owner', 'twin2@example.com', '--format', 'json'));
  const ambiguous = await run('api-key', 'info', 'twin-key');
  expect(ambiguous.code).toBe(1);
  expect(ambiguous.stderr).toMatch(/^error: 2 keys are named "twin-key": /);
  expect(ambiguous.stderr).toContain(theirs.key.id);
  expect(ambiguous.stderr).toContain(other.key.id);
  expect(json(await run('api-key', 'info', other.key.id, '--format', 'json')).owner.name).toBe('Twin 2');
});

test('an access key written to a file: 0600 JSON with the pair, which --api-key-file then uses', async () => {
  const file = path.join(cli.home, 'pair.json');
  const created = await run('api-key', 'create', 'backup', '--type', 'access-key', '--expires-in-days', '30', '--file', file);
  expect(created.code).toBe(0);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  const pair = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(pair.accessKeyId).toMatch(/^KW[A-Z2-7]{18}$/);
  expect(created.stdout).not.toContain(pair.secretAccessKey);
  const whoami = json(await cli.run(['whoami', '--api-key-file', file, '--format', 'json'], { env: { HOME: path.join(cli.home, 'nobody') } }));
  expect(whoami.email).toBe(ADMIN_EMAIL);
  // The same file exchanged for a stored session.
  expect((await run('login', '--profile', 'backup', '--api-key-file', file)).code).toBe(0);
  expect(json(await run('whoami', '--profile', 'backup', '--format', 'json')).email).toBe(ADMIN_EMAIL);
});

test('KEYWARDEN_API_KEY and --api-key-file - (stdin) authenticate without a stored session', async () => {
  const { apiKey } = json(await run('api-key', 'create', 'env-key', '--format', 'json'));
  const nobody = path.join(cli.home, 'nobody');
  expect(json(await cli.run(['whoami', '--format', 'json'], { env: { HOME: nobody, KEYWARDEN_API_KEY: apiKey } })).email).toBe(ADMIN_EMAIL);
  expect(json(await cli.run(['whoami', '--format', 'json', '--api-key-file', '-'], { env: { HOME: nobody }, input: `${apiKey}\n` })).email).toBe(ADMIN_EMAIL);
});

test('without a session every authenticated command exits 4; a session that logout ended exits 4 too', async () => {
  const nobody = { env: { HOME: path.join(cli.home, 'nobody') } };
  for (const args of [['whoami'], ['api-key', 'list'], ['user', 'list', '--all'], ['api-key', 'delete', 'anything', '--yes']]) {
    const result = await cli.run(args, nobody);
    expect({ args, code: result.code }).toEqual({ args, code: 4 });
    expect(result.stderr).toMatch(/^error: UNAUTHENTICATED: not logged in \(profile "default"\): run keywarden login/);
  }
  expect((await cli.run(['login', '--profile', 'gone', '--email', ADMIN_EMAIL, '--password-stdin'], { input: ADMIN_PASSWORD })).code).toBe(0);
  const credentials = path.join(cli.home, '.config/keywarden/credentials.json');
  const session = JSON.parse(fs.readFileSync(credentials, 'utf8')).gone;
  expect((await run('logout', '--profile', 'gone')).code).toBe(0);
  // logout ended the session on the server too: put the old token back and it is refused.
  const stale = JSON.parse(fs.readFileSync(credentials, 'utf8'));
  expect(stale.gone).toBeUndefined();
  fs.writeFileSync(credentials, JSON.stringify({ ...stale, gone: session }));
  const result = await run('api-key', 'list', '--profile', 'gone');
  expect(result.code).toBe(4);
  expect(result.stderr).toMatch(/^error: UNAUTHENTICATED/);
});

test('yaml parses back to the same data as json', async () => {
  await run('api-key', 'create', 'yaml-key', '-d', 'a: tricky\n"description"', '--allowed-cidr', '10.0.0.0/8');
  for (const args of [['api-key', 'list'], ['whoami'], ['role', 'list'], ['account', 'show'], ['api-key', 'info', 'yaml-key']]) {
    const asJson = json(await run(...args, '--format', 'json'));
    const asYaml = await run(...args, '--format', 'yaml');
    expect(asYaml.code).toBe(0);
    expect({ args, data: YAML.parse(asYaml.stdout) }).toEqual({ args, data: asJson });
  }
});

test('a saved default format applies until --format overrides it or it is unset', async () => {
  expect((await run('config', 'set', 'format', 'yaml')).code).toBe(0);
  expect((await run('config', 'get', 'format')).stdout).toBe('yaml\n');
  const saved = await run('whoami');
  expect(YAML.parse(saved.stdout).email).toBe(ADMIN_EMAIL);
  expect((await run('whoami', '--format', 'table')).stdout).toMatch(/^ID:/);
  expect((await run('config', 'set', 'format', 'xml')).code).toBe(2);
  expect((await run('config', 'unset', 'format')).code).toBe(0);
  expect((await run('whoami')).stdout).toMatch(/^ID:/);
});

test('reset, disable, delete and user disable refuse without --yes when stdin is not a terminal, and change nothing', async () => {
  const key = json(await run('api-key', 'create', 'guarded', '--format', 'json'));
  json(await cli.run(['user', 'create', 'guarded@example.com', '--name', 'Guarded', '--federated', '--format', 'json']));
  json(await run('functional-id', 'create', 'guarded-bot', '--format', 'json'));
  for (const args of [
    ['api-key', 'reset', 'guarded'],
    ['api-key', 'disable', 'guarded'],
    ['api-key', 'delete', 'guarded'],
    ['user', 'disable', 'guarded@example.com'],
    ['user', 'delete', 'guarded@example.com'],
    ['functional-id', 'delete', 'guarded-bot'],
  ]) {
    const result = await cli.run(args, { input: 'y\n' });
    expect({ args, code: result.code }).toEqual({ args, code: 1 });
    expect(result.stderr).toMatch(/confirmation needed; pass --yes when not on a terminal/);
  }
  const after = json(await run('api-key', 'info', 'guarded', '--format', 'json'));
  expect(after).toMatchObject({ id: key.key.id, state: 'ACTIVE', etag: key.key.etag });
  expect(json(await run('user', 'info', 'guarded@example.com', '--format', 'json')).disabled).toBe(false);
  expect(json(await run('functional-id', 'list', '--path', 'guarded-bot', '--format', 'json'))).toHaveLength(1);
  // A dry run asks nothing; --yes does it.
  expect((await run('api-key', 'delete', 'guarded', '--dry-run')).stdout).toBe(`Dry run: ${key.key.id} can be deleted.\n`);
  expect((await run('api-key', 'disable', 'guarded', '--yes')).stdout).toMatch(/State:\s+INACTIVE/);
  expect((await run('user', 'disable', 'guarded@example.com', '--yes')).code).toBe(0);
});

test('on a terminal the CLI asks: a typed password logs in, "n" keeps the key, "y" deletes it', async () => {
  const login = await cli.terminal(['login', '--profile', 'typed', '--email', ADMIN_EMAIL], [['Password: ', `${ADMIN_PASSWORD}\r`]]);
  expect(login.code).toBe(0);
  expect(login.stdout).not.toContain(ADMIN_PASSWORD);
  const key = json(await run('api-key', 'create', 'asked', '--format', 'json'));
  const kept = await cli.terminal(['api-key', 'delete', 'asked', '--profile', 'typed'], [['[y/N] ', 'n\r']]);
  expect(kept.code).toBe(1);
  expect(kept.stdout).toContain('Delete key asked? [y/N]');
  expect(json(await run('api-key', 'info', key.key.id, '--format', 'json')).id).toBe(key.key.id);
  const deleted = await cli.terminal(['api-key', 'delete', 'asked', '--profile', 'typed'], [['[y/N] ', 'y\r']]);
  expect(deleted.code).toBe(0);
  expect(deleted.stdout).toContain(`Deleted ${key.key.id}.`);
});

test('lists stop at --limit and say so on stderr; --all fetches every page beyond 100', async () => {
  const admin = { token: t.adminToken };
  for (let i = 0; i < 105; i += 15) {
    const aliases = Array.from({ length: Math.min(15, 105 - i) }, (_, j) => `f${j}: createFunctionalId(input: { name: "paging/bot-${i + j}" }) { id }`);
    expect((await t.gql(`mutation { ${aliases.join(' ')} }`, {}, admin)).errors).toBeUndefined();
    const users = Array.from({ length: Math.min(15, 105 - i) }, (_, j) => `u${j}: createUser(input: { email: "paging-${i + j}@example.com", name: "P${i + j}", federated: true }) { id }`);
    expect((await t.gql(`mutation { ${users.join(' ')} }`, {}, admin)).errors).toBeUndefined();
  }
  const firstPage = await run('functional-id', 'list', '--path', 'paging/', '--format', 'json');
  expect(json(firstPage)).toHaveLength(100);
  expect(firstPage.stderr).toMatch(/More items remain: add --all for every page, or --after \S+ for the next/);
  const all = await run('functional-id', 'list', '--path', 'paging/', '--all', '--format', 'json');
  const names = json(all).map((f: { name: string }) => f.name);
  expect(new Set(names).size).toBe(105);
  expect(all.stderr).toBe('');
  const cursor = /--after (\S+)/.exec(firstPage.stderr)![1];
  expect(json(await run('functional-id', 'list', '--path', 'paging/', '--after', cursor, '--format', 'json'))).toHaveLength(5);

  const users = json(await run('user', 'list', '--all', '--format', 'json'));
  expect(users.filter((u: { email: string }) => u.email.startsWith('paging-'))).toHaveLength(105);
  expect(json(await run('user', 'list', '--limit', '7', '--format', 'json'))).toHaveLength(7);
});

test('completion scripts come from the command tree; the bash one passes bash -n and completes', async () => {
  const bash = await run('completion', 'bash');
  expect(bash.code).toBe(0);
  const script = path.join(cli.home, 'keywarden.bash');
  fs.writeFileSync(script, bash.stdout);
  execFileSync('bash', ['-n', script]);
  const complete = (...words: string[]) =>
    execFileSync('bash', ['-c', `source ${script}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _keywarden; echo "\${COMPREPLY[*]}"`], {
      encoding: 'utf8',
    }).trim().split(' ');
  expect(complete('keywarden', '')).toEqual(expect.arrayContaining(['api-key', 'functional-id', 'user', 'group', 'role', 'account', 'audit', 'notification', 'completion', '--profile']));
  expect(complete('keywarden', '--profile', 'prod', 'api-key', '')).toEqual(expect.arrayContaining(['create', 'list', 'reset', 'delete', 'access']));
  expect(complete('keywarden', 'api-key', 'create', 'x', '--ty')).toEqual(['--type']);
  expect(complete('keywarden', 'api-key', 'list', '--format', '')).toEqual(['table', 'json', 'yaml']);
  expect(complete('keywarden', 'config', 'set', '')).toEqual(expect.arrayContaining(['format', 'endpoint']));

  const zsh = await run('completion', 'zsh');
  expect(zsh.code).toBe(0);
  expect(zsh.stdout).toMatch(/^#compdef keywarden\n/);
  for (const word of ['api-key', 'functional-id', '/api-key/create', '--expires-in-days', '--password-stdin']) expect(zsh.stdout).toContain(word);
});

test('wrong usage exits 2 and says what is wrong', async () => {
  for (const [args, message] of [
    [['frobnicate'], "unknown command 'frobnicate'"],
    [['api-key', 'create'], "missing required argument 'name'"],
    [['api-key', 'list', '--bogus'], "unknown option '--bogus'"],
    [['api-key', 'expire', 'key_x', 'someday'], '"someday" is not a date'],
    [['api-key', 'list', '--format', 'xml'], 'Allowed choices are table, json, yaml'],
    [['api-key', 'list', '--limit', '0'], '--limit must be a whole number above 0'],
    [['user', 'create', 'x@example.com', '--name', 'X'], 'needs --password-stdin or --federated'],
    [['completion', 'fish'], 'Allowed choices are bash, zsh'],
  ] as [string[], string][]) {
    const result = await run(...args);
    expect({ args, code: result.code }).toEqual({ args, code: 2 });
    expect(result.stderr).toMatch(/^error: /);
    expect(result.stderr).toContain(message);
  }
  expect((await run('--help')).stdout).toContain('Usage: keywarden');
  expect((await run()).stdout).toContain('Usage: keywarden');
});
