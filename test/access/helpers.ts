/** Shared steps of the key access tests: everything through the real mutations. */
import type { RequestOptions, TestServer } from '../helpers/server';

export {
  CREATE_KEY,
  DELETE_KEY,
  GET_KEY,
  LOCK_KEY,
  UNLOCK_KEY,
  UPDATE_KEY,
  apiKeyAuth,
  createKey,
  createUser,
  roleIdsByName,
  viewerOf,
  type TestUser,
} from '../api-keys/helpers';

export const SET_ACCESS = `mutation($input: SetApiKeyAccessInput!) {
  setApiKeyAccess(input: $input) { id etag roles { id name } groups { id name } } }`;
export const SET_ROLES = `mutation($input: SetPrincipalRolesInput!) { setPrincipalRoles(input: $input) { id } }`;
export const SETTINGS = `mutation($input: AccountSettingsInput!) { updateAccountSettings(input: $input) { id } }`;

/** Runs a mutation that must succeed, and returns its data. */
export async function ok<T = any>(t: TestServer, query: string, variables: Record<string, unknown>, options: RequestOptions): Promise<T> {
  const result = await t.gql(query, variables, options);
  if (result.errors) throw new Error(`${query.slice(0, 60)} failed: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** A custom role of the active account, made with createRole. */
export async function createRole(t: TestServer, name: string, permissions: string[], options: RequestOptions = { token: t.adminToken }): Promise<string> {
  const data = await ok(t, `mutation($input: CreateRoleInput!) { createRole(input: $input) { id } }`, { input: { name, permissions } }, options);
  return data.createRole.id;
}

/** A group of the active account granting `roleIds`, with `memberIds` in it. */
export async function createGroup(t: TestServer, name: string, roleIds: string[], memberIds: string[], options: RequestOptions = { token: t.adminToken }): Promise<string> {
  const groupId = (await ok(t, `mutation($input: CreateGroupInput!) { createGroup(input: $input) { id } }`, { input: { name, roleIds } }, options)).createGroup.id;
  if (memberIds.length > 0) {
    await ok(t, `mutation($input: GroupMembersInput!) { addGroupMembers(input: $input) { id } }`, { input: { groupId, principalIds: memberIds } }, options);
  }
  return groupId;
}

export const inAccount = (accountId: string) => ({ 'x-account-id': accountId });
