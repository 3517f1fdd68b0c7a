/** Shared steps of the API key tests: users, functional IDs, keys and account settings, all through the real API. */
import type { GqlResult, RequestOptions, TestServer } from '../helpers/server';

export const KEY_FIELDS = `id type name description accessKeyId prefix state locked expiresAt expired createdAt updatedAt lastUsedAt
  etag unrestricted allowedCidrs actionWhenLeaked authnCount owner { id } createdBy { id }`;

export const CREATE_KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret dryRun apiKey { ${KEY_FIELDS} } } }`;
export const UPDATE_KEY = `mutation($input: UpdateApiKeyInput!) { updateApiKey(input: $input) { ${KEY_FIELDS} } }`;
export const SET_STATE = `mutation($input: SetApiKeyStateInput!) { setApiKeyState(input: $input) { ${KEY_FIELDS} } }`;
export const SET_EXPIRY = `mutation($input: SetApiKeyExpiryInput!) { setApiKeyExpiry(input: $input) { ${KEY_FIELDS} } }`;
export const RESET_SECRET = `mutation($input: ResetApiKeySecretInput!) { resetApiKeySecret(input: $input) { secret dryRun apiKey { ${KEY_FIELDS} } } }`;
export const DELETE_KEY = `mutation($input: DeleteApiKeyInput!) { deleteApiKey(input: $input) { deletedId dryRun } }`;
export const LOCK_KEY = `mutation($id: ID!) { lockApiKey(id: $id) { ${KEY_FIELDS} } }`;
export const UNLOCK_KEY = `mutation($id: ID!) { unlockApiKey(id: $id) { ${KEY_FIELDS} } }`;
export const GET_KEY = `query($id: ID!) { apiKey(id: $id) { ${KEY_FIELDS} } }`;
export const LIST_KEYS = `query($filter: ApiKeyFilter, $first: Int, $after: String) {
  apiKeys(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${KEY_FIELDS} } } } }`;
export const VIEWER = `{ viewer { id account { id } } }`;

let userCounter = 0;

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
}

/** A user of the admin's account (created by the admin), logged in. */
export async function createUser(t: TestServer, options: { parentId?: string; roleNames?: string[]; name?: string } = {}): Promise<TestUser> {
  userCounter++;
  const email = `user${userCounter}-${Date.now()}@example.com`;
  const password = `password-of-user-${userCounter}`;
  const roleIds = options.roleNames ? await roleIdsByName(t, options.roleNames) : [];
  const created = await t.gql(
    `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
    { input: { email, name: options.name ?? `User ${userCounter}`, password, parentId: options.parentId, roleIds } },
    { token: t.adminToken },
  );
  if (!created.data?.createUser) throw new Error(`createUser failed: ${JSON.stringify(created.errors)}`);
  return { id: created.data.createUser.id, email, password, token: await t.login(email, password) };
}

export async function roleIdsByName(t: TestServer, names: string[]): Promise<string[]> {
  const roles = await t.gql(`{ roles { id name } }`, {}, { token: t.adminToken });
  return names.map((name) => roles.data.roles.find((r: { name: string }) => r.name === name).id);
}

export async function viewerOf(t: TestServer, options: RequestOptions): Promise<{ id: string; accountId: string }> {
  const result = await t.gql(VIEWER, {}, options);
  return { id: result.data.viewer.id, accountId: result.data.viewer.account.id };
}

/** Creates a key and fails the test on any error. */
export async function createKey(t: TestServer, options: RequestOptions, input: Record<string, unknown>): Promise<{ key: any; secret: string }> {
  const result = await t.gql(CREATE_KEY, { input }, options);
  if (!result.data?.createApiKey) throw new Error(`createApiKey failed: ${JSON.stringify(result.errors)}`);
  return { key: result.data.createApiKey.apiKey, secret: result.data.createApiKey.secret };
}

/** Changes settings of an account with `updateAccountSettings`, as the administrator. */
export async function setAccountSettings(t: TestServer, accountId: string, settings: Record<string, unknown>): Promise<void> {
  const result = await t.gql(`mutation($input: AccountSettingsInput!) { updateAccountSettings(input: $input) { id } }`, { input: settings }, {
    token: t.adminToken,
    headers: { 'x-account-id': accountId },
  });
  if (result.errors) throw new Error(`updateAccountSettings failed: ${JSON.stringify(result.errors)}`);
}

export const apiKeyAuth = (token: string): RequestOptions => ({ authorization: `ApiKey ${token}` });

/** `token` with its last character changed, always: a fixed replacement would leave one token in 62 as it was. */
export function tampered(token: string): string {
  return token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
}

export const basicAuth = (accessKeyId: string, secret: string): RequestOptions => ({
  authorization: `Basic ${Buffer.from(`${accessKeyId}:${secret}`).toString('base64')}`,
});

/** Asserts the request was refused as invalid credentials, and returns the message. */
export function expectInvalidCredentials(result: GqlResult): string {
  expect(result.code).toBe('UNAUTHENTICATED');
  return result.errors![0].message;
}

/** A functional ID of the administrator's account owned by `ownerId`, made with `createFunctionalId`. */
export async function createFunctionalId(t: TestServer, ownerId: string, name: string): Promise<string> {
  const created = await t.gql(`mutation($input: CreateFunctionalIdInput!) { createFunctionalId(input: $input) { id } }`, { input: { name, ownerId } }, { token: t.adminToken });
  if (!created.data?.createFunctionalId) throw new Error(`createFunctionalId failed: ${JSON.stringify(created.errors)}`);
  return created.data.createFunctionalId.id;
}
