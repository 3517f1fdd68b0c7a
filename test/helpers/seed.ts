/** Set-up for the notification and audit tests, through the real mutations (createUser, createApiKey). */
import { randomBytes } from 'node:crypto';
import type { TestServer } from './server';

export interface SeededUser {
  id: string;
  email: string;
  name: string;
  password: string;
  token: string;
}

let userCount = 0;

export async function createUser(t: TestServer, name: string, options: { roleIds?: string[] } = {}): Promise<SeededUser> {
  userCount++;
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${userCount}@example.com`;
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const result = await t.gql(
    `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
    { input: { email, name, password, roleIds: options.roleIds ?? [] } },
    { token: t.adminToken },
  );
  if (!result.data?.createUser) throw new Error(`createUser failed: ${JSON.stringify(result.errors)}`);
  return { id: result.data.createUser.id, email, name, password, token: await t.login(email, password) };
}

export async function roleId(t: TestServer, name: string): Promise<string> {
  const result = await t.gql(`{ roles { id name } }`, {}, { token: t.adminToken });
  return result.data.roles.find((r: { name: string }) => r.name === name).id;
}

export async function viewerId(t: TestServer, token: string): Promise<string> {
  return (await t.gql(`{ viewer { id } }`, {}, { token })).data.viewer.id;
}

/** An API key for `ownerId`, made by the bootstrap administrator with createApiKey; returns the key and its token. */
export async function createApiKeyFor(
  t: TestServer,
  ownerId: string,
  input: { name?: string; expiresAt?: Date } = {},
): Promise<{ key: { id: string; name: string; prefix: string; ownerId: string }; token: string }> {
  const created = await t.gql(
    `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id name prefix } } }`,
    { input: { name: input.name ?? `key-${randomBytes(3).toString('hex')}`, ownerId, expiresAt: input.expiresAt?.toISOString() } },
    { token: t.adminToken },
  );
  if (!created.data?.createApiKey) throw new Error(`createApiKey failed: ${JSON.stringify(created.errors)}`);
  return { key: { ...created.data.createApiKey.apiKey, ownerId }, token: created.data.createApiKey.secret };
}
