/** Shared steps of the identities tests: users and keys through the API. */
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
 * Creates an API key for `ownerId` as the administrator (a key administrator
 * may create keys for any principal of the account), locked if asked, and
 * returns its token.
 */
export async function createApiKey(t: TestServer, ownerId: string, options: { locked?: boolean; name?: string } = {}) {
  const created = await t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret apiKey { id } } }`, {
    input: { name: options.name ?? `key-${Math.random().toString(36).slice(2, 8)}`, ownerId },
  }, { token: t.adminToken });
  if (!created.data?.createApiKey) throw new Error(`createApiKey failed: ${JSON.stringify(created.errors)}`);
  const { secret: token, apiKey: { id } } = created.data.createApiKey as { secret: string; apiKey: { id: string } };
  if (options.locked) await setKeyLocked(t, id, true);
  return { id, token, authorization: `ApiKey ${token}` };
}

/** Locks or unlocks a key as the administrator. */
export async function setKeyLocked(t: TestServer, id: string, locked: boolean): Promise<void> {
  const result = await t.gql(`mutation($id: ID!) { ${locked ? 'lockApiKey' : 'unlockApiKey'}(id: $id) { locked } }`, { id }, { token: t.adminToken });
  if (result.errors) throw new Error(`lock/unlock failed: ${JSON.stringify(result.errors)}`);
}
