/** What the attacks of test/security send, through the real API: the documents and a few steps they share. */
import type { GqlResult, RequestOptions, TestServer } from '../helpers/server';

export { apiKeyAuth, createFunctionalId, createKey, createUser, roleIdsByName, type TestUser } from '../api-keys/helpers';
export { CREATE_KEY, DELETE_KEY, LIST_KEYS, LOCK_KEY, RESET_SECRET, SET_EXPIRY, SET_STATE, UNLOCK_KEY, UPDATE_KEY } from '../api-keys/helpers';
export { joinAccount } from '../helpers/membership';

export const SET_ACCESS = `mutation($input: SetApiKeyAccessInput!) { setApiKeyAccess(input: $input) { id } }`;
export const UPDATE_USER = `mutation($input: UpdateUserInput!) { updateUser(input: $input) { id } }`;
export const SET_ROLES = `mutation($input: SetPrincipalRolesInput!) { setPrincipalRoles(input: $input) { id } }`;
export const INVITE = `mutation($input: AccountMemberInput!) { addAccountMember(input: $input) { id } }`;
export const REMOVE_MEMBER = `mutation($input: AccountMemberInput!) { removeAccountMember(input: $input) { id } }`;
export const SETTINGS = `mutation($input: AccountSettingsInput!) { updateAccountSettings(input: $input) { id } }`;

export const inAccount = (options: RequestOptions, accountId: string): RequestOptions => ({ ...options, headers: { ...options.headers, 'x-account-id': accountId } });

/** Runs a step that must succeed and returns its data. */
export async function ok<T = any>(t: TestServer, query: string, variables: Record<string, unknown>, options: RequestOptions): Promise<T> {
  const result = await t.gql(query, variables, options);
  if (result.errors) throw new Error(`${query.slice(0, 70)} failed: ${JSON.stringify(result.errors)}`);
  return result.data;
}

/** The code an attempt was answered with ('ok' when it went through). */
export const outcome = (result: GqlResult): string => result.code ?? 'ok';

export async function newAccount(t: TestServer, options: RequestOptions, name: string): Promise<string> {
  return (await ok(t, `mutation($name: String!) { createAccount(input: { name: $name }) { id } }`, { name }, options)).createAccount.id;
}

export async function accountOf(t: TestServer, options: RequestOptions): Promise<string> {
  return (await ok(t, `{ account { id } }`, {}, options)).account.id;
}
