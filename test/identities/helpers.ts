/** Shared steps of the identities tests: users through the API, and key rows seeded in the database. */
import { ApiKeyEntity } from '../../src/modules/api-keys/api-key.entity';
import { newApiKeyToken, tokenPrefix } from '../../src/modules/api-keys/key-format';
import { newId } from '../../src/ids';
import type { TestServer } from '../helpers/server';

export const PASSWORD = 'a-long-password-1';

/** Creates a user as `token` and returns its ID (fails the test on any error). */
export async function createUser(
  t: TestServer,
  token: string,
  input: { email: string; name?: string; parentId?: string; roleIds?: string[]; groupIds?: string[]; federated?: boolean },
): Promise<string> {
  const result = await t.gql(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
    input: { name: input.email.split('@')[0], password: input.federated ? undefined : PASSWORD, ...input },
  }, { token });
  if (!result.data?.createUser) throw new Error(`createUser failed: ${JSON.stringify(result.errors)}`);
  return result.data.createUser.id as string;
}

export async function viewerId(t: TestServer, token: string): Promise<string> {
  return (await t.gql(`{ viewer { id } }`, {}, { token })).data.viewer.id;
}

export async function roleId(t: TestServer, name: string, token = t.adminToken, headers?: Record<string, string>): Promise<string> {
  const roles = (await t.gql(`{ roles { id name } }`, {}, { token, headers })).data.roles as { id: string; name: string }[];
  return roles.find((r) => r.name === name)!.id;
}

/**
 * Seeds an API key row for `ownerId` and returns its token. Seeding, not
 * `createApiKey`: the key mutations land on another branch (issue 3); the
 * row is what they write, and the token authenticates like theirs.
 */
export async function seedApiKey(t: TestServer, ownerId: string, accountId: string, options: { locked?: boolean; name?: string } = {}) {
  const token = newApiKeyToken();
  const now = t.clock.now();
  const id = newId('apiKey', now.getTime());
  await t.server.dataSource.getRepository(ApiKeyEntity).insert({
    id,
    type: 'API_KEY',
    name: options.name ?? `key-${id.slice(-6)}`,
    description: null,
    ownerId,
    accountId,
    createdById: ownerId,
    updatedById: null,
    accessKeyId: null,
    prefix: tokenPrefix(token),
    secretHash: t.server.services.hasher.hash(token),
    previousSecretHash: null,
    previousSecretExpiresAt: null,
    secretGeneration: 1,
    state: 'ACTIVE',
    locked: options.locked ?? false,
    expiresAt: null,
    unrestricted: false,
    allowedCidrs: [],
    actionWhenLeaked: 'DISABLE',
    lastUsedAt: null,
    authnCount: 0,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
  return { id, token, authorization: `ApiKey ${token}` };
}
