/**
 * Seeding for the notification and audit tests. Users are created with the
 * real `createUser` mutation. API keys are inserted as rows, because the key
 * mutations (issue 3) are not on this branch yet: after the merge, replace
 * `seedApiKey` with `createApiKey` (and the expiry moves with setApiKeyExpiry).
 */
import { randomBytes } from 'node:crypto';
import { newId } from '../../src/ids';
import { ApiKeyEntity } from '../../src/modules/api-keys/api-key.entity';
import { newApiKeyToken, tokenPrefix } from '../../src/modules/api-keys/key-format';
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

/** SEEDING (replace with createApiKey after the merge): an API key row; returns it and its token. */
export async function seedApiKey(
  t: TestServer,
  fields: Partial<ApiKeyEntity> & { ownerId: string; accountId: string },
): Promise<{ key: ApiKeyEntity; token: string }> {
  const now = t.clock.now();
  const token = newApiKeyToken();
  const key: ApiKeyEntity = {
    id: newId('apiKey', now.getTime()),
    type: 'API_KEY',
    name: `key-${randomBytes(3).toString('hex')}`,
    description: null,
    createdById: fields.ownerId,
    updatedById: fields.ownerId,
    accessKeyId: null,
    prefix: tokenPrefix(token),
    secretHash: t.server.services.hasher.hash(token),
    previousSecretHash: null,
    previousSecretExpiresAt: null,
    secretGeneration: 1,
    state: 'ACTIVE',
    locked: false,
    expiresAt: null,
    unrestricted: false,
    allowedCidrs: [],
    actionWhenLeaked: 'DISABLE',
    lastUsedAt: null,
    authnCount: 0,
    version: 1,
    expiringNoticeFor: null,
    expiredNoticeFor: null,
    accessScoped: false,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
  await t.server.dataSource.getRepository(ApiKeyEntity).insert(key);
  return { key, token };
}
