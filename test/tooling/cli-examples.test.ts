/**
 * Every example in the CLI's help runs, in the order the help shows them, against a real server.
 * The examples are read back from the help text itself, so a new example cannot go untested, and
 * every command must have at least one.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { buildSchema, Kind, parse } from 'graphql';
import { EXAMPLES_HEADING } from '../../src/cli/app';
import type { Io } from '../../src/cli/context';
import { buildProgram } from '../../src/cli/program';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/server';
import { cliRunner } from './cli-helpers';

interface HelpPage {
  command: string;
  leaf: boolean;
  examples: string[];
}

/** Each command's help as `keywarden … --help` prints it, with the example lines it holds. */
function helpPages(): HelpPage[] {
  let captured = '';
  const io: Io = { env: {}, stdin: process.stdin, out: (t) => (captured += t), err: (t) => (captured += t) };
  const pages: HelpPage[] = [];
  const walk = (command: Command, words: string[]) => {
    captured = '';
    command.outputHelp();
    const after = captured.split(`\n${EXAMPLES_HEADING}\n`)[1] ?? '';
    const examples = after
      .split('\n')
      .filter((line) => line.startsWith('  $ '))
      .map((line) => line.slice(4));
    pages.push({ command: words.join(' ') || 'keywarden', leaf: command.commands.length === 0, examples });
    for (const child of command.commands) walk(child, [...words, child.name()]);
  };
  walk(buildProgram(io), []);
  return pages;
}

const pages = helpPages();
const DEV_PASSWORD = 'dev-password-123';
let t: TestServer;
const cli = cliRunner(() => t.url);
const work = path.join(cli.home, 'work');

beforeAll(async () => {
  t = await startTestServer({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
  // The world the examples talk about: an admin session, a user dev@example.com logged in as profile
  // "dev" and invited to an account "Ops team", a webhook that hears of key events (so it has
  // deliveries), a key file, a second account, and the files the examples read.
  fs.mkdirSync(work);
  expect((await cli.run(['login', '--email', ADMIN_EMAIL, '--password-stdin'], { input: `${ADMIN_PASSWORD}\n` })).code).toBe(0);
  expect((await cli.run(['user', 'create', 'dev@example.com', '--name', 'Dev', '--password-stdin'], { input: DEV_PASSWORD })).code).toBe(0);
  fs.writeFileSync(path.join(work, 'dev-password.txt'), `${DEV_PASSWORD}\n`);
  expect((await cli.run(['login', '--profile', 'dev', '--email', 'dev@example.com', '--password-stdin'], { input: DEV_PASSWORD })).code).toBe(0);
  fs.writeFileSync(path.join(work, 'passwords.txt'), `${DEV_PASSWORD}\nnew-dev-password-456\n`);
  fs.writeFileSync(path.join(work, 'ada-password.txt'), 'ada-password-789\n');
  fs.writeFileSync(path.join(work, 'leaked.txt'), `kw_${'A'.repeat(38)}\n`);
  const ops = JSON.parse((await cli.run(['account', 'create', 'Ops team', '--format', 'json'])).stdout);
  expect((await cli.run(['account', 'add-member', 'dev@example.com', '--account', ops.id])).code).toBe(0);
  expect((await cli.run(['webhook', 'create', 'http://127.0.0.1:8080/audit', '--event', 'apikey.created,apikey.deleted'])).code).toBe(0);
  expect((await cli.run(['api-key', 'create', 'examples/deploy', '--file', path.join(work, 'deploy-key.json')])).code).toBe(0);
}, 60_000);
afterAll(async () => {
  await t.close();
  cli.cleanup();
});

test('every command has help with at least one example', () => {
  const leaves = pages.filter((p) => p.leaf);
  expect(leaves.length).toBeGreaterThan(40);
  expect(leaves.filter((p) => p.examples.length === 0).map((p) => p.command)).toEqual([]);
});

test('the CLI has a command for every query and mutation of the schema', () => {
  const root = path.resolve(__dirname, '../..');
  const schema = buildSchema(fs.readFileSync(path.join(root, 'schema.graphql'), 'utf8'));
  const rootFields = [schema.getQueryType()!, schema.getMutationType()!].flatMap((type) => Object.keys(type.getFields()));
  // What each client operation selects at its root, by operation name.
  const operations = new Map<string, string[]>();
  for (const file of fs.readdirSync(path.join(root, 'client/operations'))) {
    for (const definition of parse(fs.readFileSync(path.join(root, 'client/operations', file), 'utf8')).definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) {
        operations.set(definition.name.value, definition.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : [])));
      }
    }
  }
  const cliSources = fs.readdirSync(path.join(root, 'src/cli'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const used = new Set(
    cliSources.flatMap((f) => [...fs.readFileSync(path.join(root, 'src/cli', f), 'utf8').matchAll(/ops\.(\w+)Document\b/g)].flatMap((m) => operations.get(m[1]) ?? [])),
  );
  expect(rootFields.filter((field) => !used.has(field))).toEqual([]);
});

test('every example in the help runs and succeeds', async () => {
  const team = JSON.parse((await cli.run(['account', 'create', 'Examples team', '--format', 'json'])).stdout);
  const examples = pages.flatMap((p) => p.examples);
  expect(examples.length).toBeGreaterThan(60);
  for (const example of examples) {
    const result = await cli.shell(example, { cwd: work, env: { TEAM_ACCOUNT_ID: team.id } });
    expect({ example, code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({ example, code: 0, stderr: '' });
  }
  // The examples did what they say: the key they deleted is gone, the completion script was written.
  expect((await cli.run(['api-key', 'info', 'ci/deploy'])).code).toBe(1);
  expect(fs.readFileSync(path.join(work, 'keywarden.bash'), 'utf8')).toContain('complete -F _keywarden keywarden');
}, 480_000);
