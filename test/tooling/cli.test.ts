/** The built `keywarden` CLI, run as a user would: a child process against a real server. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/server';

const CLI = path.resolve(__dirname, '../../dist/src/cli/main.js');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'keywarden-cli-'));
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
  fs.rmSync(home, { recursive: true, force: true });
});

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliWith({}, ...args);
}

function cliWith(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, HOME: home, KEYWARDEN_ENDPOINT: t.url, ...env } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as NodeJS.ErrnoException & { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test('login stores the session in ~/.config/keywarden with mode 0600; whoami reads it', async () => {
  const login = await cli('login', '--email', ADMIN_EMAIL, '--password', ADMIN_PASSWORD);
  expect(login).toMatchObject({ code: 0 });
  expect(login.stdout).toContain('Logged in as');
  const file = path.join(home, '.config/keywarden/credentials.json');
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(fs.readFileSync(file, 'utf8')).not.toContain(ADMIN_PASSWORD);
  const whoami = await cli('whoami');
  expect(whoami.code).toBe(0);
  expect(whoami.stdout).toContain(ADMIN_EMAIL);
});

test('the key lifecycle from the terminal: create (secret once), list, lock, delete refused, unlock, delete', async () => {
  const created = await cli('api-key', 'create', 'ci/deploy', '-d', 'deploys', '--format', 'json');
  expect(created.code).toBe(0);
  const { id, apiKey: secret } = JSON.parse(created.stdout);
  expect(secret).toMatch(/^kw_[0-9A-Za-z]{38}$/);

  const list = await cli('api-key', 'list');
  expect(list.code).toBe(0);
  expect(list.stdout.split('\n')[0]).toMatch(/^ID\s+Name\s+Type\s+Prefix\s+Owner\s+State/);
  expect(list.stdout).toContain('ci/deploy');
  expect(list.stdout).not.toContain(secret);
  const listed = JSON.parse((await cli('api-key', 'list', '--format', 'json')).stdout);
  expect(listed.map((k: { id: string }) => k.id)).toContain(id);
  expect(JSON.stringify(listed)).not.toContain(secret);

  expect((await cli('api-key', 'lock', id)).stdout).toMatch(/Locked:\s+true/);
  const refused = await cli('api-key', 'delete', id, '--force');
  expect(refused.code).toBe(1);
  expect(refused.stderr.trim()).toMatch(/^error: KEY_LOCKED: /);
  expect(refused.stderr.trim().split('\n')).toHaveLength(1);
  expect((await cli('api-key', 'unlock', id)).code).toBe(0);
  expect(await cli('api-key', 'delete', id, '--force')).toMatchObject({ code: 0, stdout: `Deleted ${id}.\n` });
  expect((await cli('api-key', 'info', id)).stderr).toMatch(/^error: NOT_FOUND/);
});

test('an access key written to a file: 0600 JSON with the pair', async () => {
  const file = path.join(home, 'pair.json');
  const created = await cli('api-key', 'create', 'backup', '--type', 'access-key', '--expires-in-days', '30', '--file', file);
  expect(created.code).toBe(0);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  const pair = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(pair.accessKeyId).toMatch(/^KW[A-Z2-7]{18}$/);
  expect(created.stdout).not.toContain(pair.secretAccessKey);
});

test('KEYWARDEN_API_KEY authenticates without a stored session', async () => {
  const { apiKey } = JSON.parse((await cli('api-key', 'create', 'env-key', '--format', 'json')).stdout);
  const result = await new Promise<{ stdout: string }>((resolve) =>
    execFile(process.execPath, [CLI, 'whoami', '--format', 'json'], { env: { PATH: process.env.PATH, HOME: path.join(home, 'nobody'), KEYWARDEN_ENDPOINT: t.url, KEYWARDEN_API_KEY: apiKey } }, (_e, stdout) =>
      resolve({ stdout }),
    ),
  );
  expect(JSON.parse(result.stdout).email).toBe(ADMIN_EMAIL);
});

test('services from the terminal, and `keywarden token` prints an access token for scripts', async () => {
  const created = await cli('service', 'create', 'billing', '--audience', 'https://billing.example.com', '--permission', 'invoices.read', '--permission', 'invoices.write', '--format', 'json');
  expect(created.code).toBe(0);
  const service = JSON.parse(created.stdout);
  expect(service.permissions.map((p: { name: string }) => p.name)).toEqual(['invoices.read', 'invoices.write']);
  expect((await cli('service', 'list')).stdout).toMatch(/billing\s+https:\/\/billing\.example\.com\s+invoices\.read invoices\.write/);

  const { apiKey } = JSON.parse((await cli('api-key', 'create', 'token-key', '--format', 'json')).stdout);
  const token = await cliWith({ KEYWARDEN_API_KEY: apiKey }, 'token', '--audience', 'https://billing.example.com', '--scope', 'invoices.read');
  expect(token.code).toBe(0);
  const [, payload] = token.stdout.trim().split('.');
  expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toMatchObject({ aud: 'https://billing.example.com', scope: 'invoices.read' });
  const refused = await cliWith({ KEYWARDEN_API_KEY: apiKey }, 'token', '--audience', 'https://nowhere.example.com');
  expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error: invalid_target: /) });
  expect((await cli('token', '--audience', 'https://billing.example.com')).code).toBe(2);

  expect(await cli('service', 'delete', service.id, '--force')).toMatchObject({ code: 0, stdout: `Deleted ${service.id}.\n` });
});

test('wrong usage exits 2 with help', async () => {
  for (const args of [['frobnicate'], ['api-key', 'create'], ['api-key', 'list', '--bogus'], ['api-key', 'expire', 'key_x', 'someday']]) {
    const result = await cli(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: keywarden');
  }
  expect((await cli('--help')).stdout).toContain('Usage: keywarden');
});
