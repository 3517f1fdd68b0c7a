/**
 * Things addressed by ID or by name: keys and functional IDs and groups and roles by name,
 * users by email. An ID (`key_…`, `usr_…`) is used as it is; a name is looked up through the
 * API's lists and must match exactly one thing the caller can see.
 */
import * as ops from '../../client/generated/graphql';
import type { KeywardenClient } from './client';
import { RefusedError } from './context';
import { OUTSIDE_ACCOUNT } from './output';
import { fetchAll } from './paging';

const isId = (ref: string, prefix: string) => new RegExp(`^${prefix}_[0-9A-Z]{26}$`).test(ref);

function single<T extends { id: string }>(what: string, ref: string, matches: T[], label: (t: T) => string): string {
  if (matches.length === 1) return matches[0].id;
  if (matches.length === 0) throw new RefusedError(`no ${what} named "${ref}" that you can see`);
  throw new RefusedError(`${matches.length} ${what}s are named "${ref}": ${matches.map(label).join(', ')}; use the ID`);
}

export async function keyId(client: KeywardenClient, ref: string): Promise<string> {
  if (isId(ref, 'key')) return ref;
  // The viewer's own keys first, then those of the principals it manages.
  for (const scope of ['MINE', 'MANAGED'] as const) {
    const keys = await fetchAll(async (first, after) => (await client.request(ops.ListApiKeysDocument, { filter: { scope, nameStartsWith: ref }, first, after })).apiKeys);
    const matches = keys.filter((k) => k.name === ref);
    if (matches.length > 0) return single('key', ref, matches, (k) => `${k.id} (owner ${k.owner?.name ?? OUTSIDE_ACCOUNT})`);
  }
  return single('key', ref, [], () => '');
}

export async function functionalIdId(client: KeywardenClient, ref: string): Promise<string> {
  if (isId(ref, 'fid')) return ref;
  const fids = await fetchAll(async (first, after) => (await client.request(ops.ListFunctionalIdsDocument, { first, after, pathPrefix: ref })).functionalIds);
  return single('functional ID', ref, fids.filter((f) => f.name === ref), (f) => f.id);
}

export async function userId(client: KeywardenClient, ref: string): Promise<string> {
  if (isId(ref, 'usr')) return ref;
  const users = await fetchAll(async (first, after) => (await client.request(ops.ListUsersDocument, { first, after })).users);
  return single('user', ref, users.filter((u) => u.email?.toLowerCase() === ref.toLowerCase()), (u) => u.id);
}

/** A user (ID or email) or a functional ID (ID or name). */
export function principalId(client: KeywardenClient, ref: string): Promise<string> {
  return isId(ref, 'usr') || ref.includes('@') ? userId(client, ref) : functionalIdId(client, ref);
}

export async function groupId(client: KeywardenClient, ref: string): Promise<string> {
  if (isId(ref, 'grp')) return ref;
  const groups = await fetchAll(async (first, after) => (await client.request(ops.ListGroupsDocument, { first, after })).groups);
  return single('group', ref, groups.filter((g) => g.name === ref), (g) => g.id);
}

export async function roleId(client: KeywardenClient, ref: string): Promise<string> {
  if (isId(ref, 'rol')) return ref;
  const { roles } = await client.request(ops.ListRolesDocument);
  return single('role', ref, roles.filter((r) => r.name === ref), (r) => r.id);
}

/** Several references (a repeatable option); undefined stays undefined (the API's "unchanged"). */
export async function each(client: KeywardenClient, refs: string[] | undefined, resolve: (client: KeywardenClient, ref: string) => Promise<string>): Promise<string[] | undefined> {
  return refs && Promise.all(refs.map((ref) => resolve(client, ref)));
}
