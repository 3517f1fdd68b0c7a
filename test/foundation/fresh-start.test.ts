/**
 * A fresh checkout's `npm start` with nothing set: the built server, run as a
 * child process in an empty folder, creates the embedded database and the
 * first administrator, whose password appears once in the log.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { startBuiltServer } from '../../scripts/child-server';

const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'keywarden-fresh-'));
afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

// Nothing set but PORT=0 (the helper's default), so parallel test runs do not collide on 4000.
const start = () => startBuiltServer({}, cwd);

async function gql(url: string, query: string, variables: object = {}, token?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: any[] };
}

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token principal { id } } }`;

test('serves /graphql with nothing set; the printed administrator logs in; a restart keeps the data and makes no second administrator', async () => {
  const first = await start();
  const created = first.lines.map((l) => JSON.parse(l)).find((e) => typeof e.msg === 'string' && e.msg.startsWith('created the first administrator'));
  expect(created).toBeDefined();
  const password = /with password: (\S+)/.exec(created.msg)![1];
  expect(created.email).toBe('admin@localhost');
  expect(fs.existsSync(path.join(cwd, 'data/keywarden.sqlite'))).toBe(true);
  expect(fs.statSync(path.join(cwd, 'data/keywarden.secret')).mode & 0o777).toBe(0o600);

  const login = await gql(first.url, LOGIN, { input: { email: 'admin@localhost', password } });
  expect(login.errors).toBeUndefined();
  const viewer = await gql(first.url, `{ viewer { id name ... on User { email } } }`, {}, login.data.login.token);
  expect(viewer.data.viewer).toMatchObject({ id: login.data.login.principal.id, email: 'admin@localhost' });
  expect(await first.stop()).toBe(0);

  const second = await start();
  expect(second.lines.some((l) => l.includes('created the first administrator'))).toBe(false);
  const again = await gql(second.url, LOGIN, { input: { email: 'admin@localhost', password } });
  expect(again.data.login.principal.id).toBe(login.data.login.principal.id);
  const users = await gql(second.url, `{ viewer { account { id } } }`, {}, again.data.login.token);
  expect(users.errors).toBeUndefined();
  expect(await second.stop()).toBe(0);

  const db = new Database(path.join(cwd, 'data/keywarden.sqlite'), { readonly: true });
  expect(db.prepare(`SELECT COUNT(*) AS n FROM principals`).get()).toEqual({ n: 1 });
  expect(db.prepare(`SELECT COUNT(*) AS n FROM accounts`).get()).toEqual({ n: 1 });
  db.close();
});
