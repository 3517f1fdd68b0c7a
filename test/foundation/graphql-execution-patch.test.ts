/**
 * patches/graphql+16.15.0.patch: graphql-js remembers the subfields it collected for a field per execution in
 * Maps held by the execution context, instead of in WeakMaps keyed by it (one ephemeron per request, which
 * every scavenge visits: 1–2 µs of CPU per request with one nested field in the bench). The memo must stay per
 * execution: the same document, sent again with other variables, selects other fields.
 */
import { parse } from 'graphql';
import { buildExecutionContext } from 'graphql/execution/execute';
import { buildBareSchema } from '../../src/schema';
import { startTestServer, type TestServer } from '../helpers/server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

test('the patch is installed: an execution context carries its own subfields memo', async () => {
  const exeContext = buildExecutionContext({ schema: await buildBareSchema(), document: parse(`{ viewer { id } }`) });
  expect(exeContext).toHaveProperty('subfieldsMemo', undefined);
});

test('the same document with other variables selects other subfields, through lists of an interface type, fragments and @include', async () => {
  for (const name of ['first', 'second']) {
    const created = await t.gql(`mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }`, { input: { name } }, { token: t.adminToken });
    expect(created.errors).toBeUndefined();
  }
  const query = `query($withName: Boolean!, $withRoles: Boolean!) {
    apiKeys(first: 5) { edges { node { name owner { id ...OwnerFields } } } }
  }
  fragment OwnerFields on Principal { name @include(if: $withName) ... on User { roles @include(if: $withRoles) { name } } }`;
  const ownersWith = async (variables: { withName: boolean; withRoles: boolean }) => {
    const answer = await t.gql(query, variables, { token: t.adminToken });
    expect(answer.errors).toBeUndefined();
    const owners = (answer.data.apiKeys.edges as { node: { owner: Record<string, unknown> } }[]).map((edge) => edge.node.owner);
    expect(owners).toHaveLength(2);
    return owners.map((owner) => Object.keys(owner).sort());
  };
  expect(await ownersWith({ withName: true, withRoles: true })).toEqual([['id', 'name', 'roles'], ['id', 'name', 'roles']]);
  expect(await ownersWith({ withName: false, withRoles: true })).toEqual([['id', 'roles'], ['id', 'roles']]);
  expect(await ownersWith({ withName: true, withRoles: false })).toEqual([['id', 'name'], ['id', 'name']]);
  expect(await ownersWith({ withName: false, withRoles: false })).toEqual([['id'], ['id']]);
});
