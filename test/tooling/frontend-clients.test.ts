/**
 * Frontend GraphQL clients with their default settings: urql (queries as GET with no content type, the
 * session in Authorization) and Apollo Client 4 (POST with JSON). Each logs in, pages through a list and
 * updates a key with `ifMatch`, against the real server. An anonymous simple GET stays blocked as CSRF.
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
  for (const name of ['clients/one', 'clients/two', 'clients/three']) {
    const made = await t.gql(`mutation($n: String!) { createApiKey(input: { name: $n }) { apiKey { id } } }`, { n: name }, { token: t.adminToken });
    expect(made.errors).toBeUndefined();
  }
});
afterAll(() => t.close());

const LOGIN = `mutation Login($input: LoginInput!) { login(input: $input) { token } }`;
const KEYS = `query Keys($after: String) {
  apiKeys(filter: { nameStartsWith: "clients/" }, first: 2, after: $after) {
    edges { node { id name etag } } pageInfo { hasNextPage endCursor }
  }
}`;
const RENAME = `mutation Rename($input: UpdateApiKeyInput!) { updateApiKey(input: $input) { id name etag } }`;

type Page = { apiKeys: { edges: { node: { id: string; name: string; etag: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

test('urql with its defaults: login, a list with paging over GET, an update with ifMatch', async () => {
  const methods: string[] = [];
  const recordingFetch: typeof fetch = (input, init) => {
    methods.push(`${init?.method ?? 'GET'} ${new Headers(init?.headers).get('content-type') ?? 'no content type'}`);
    return fetch(input, init);
  };
  const anonymous = new Client({ url: t.url, exchanges: [cacheExchange, fetchExchange], fetch: recordingFetch });
  const login = await anonymous.mutation(LOGIN, { input: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } }).toPromise();
  expect(login.error).toBeUndefined();
  const token = login.data.login.token as string;

  const client = new Client({
    url: t.url,
    exchanges: [cacheExchange, fetchExchange],
    fetch: recordingFetch,
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
  });
  const first = await client.query<Page>(KEYS, {}).toPromise();
  expect(first.error).toBeUndefined();
  expect(first.data!.apiKeys.edges).toHaveLength(2);
  expect(first.data!.apiKeys.pageInfo.hasNextPage).toBe(true);
  const second = await client.query<Page>(KEYS, { after: first.data!.apiKeys.pageInfo.endCursor }).toPromise();
  expect(second.error).toBeUndefined();
  expect(second.data!.apiKeys.edges).toHaveLength(1);
  const names = [...first.data!.apiKeys.edges, ...second.data!.apiKeys.edges].map((e) => e.node.name).sort();
  expect(names).toEqual(['clients/one', 'clients/three', 'clients/two']);
  // The queries really went as GET without a content type: the case CSRF prevention used to refuse.
  expect(methods.filter((m) => m.startsWith('GET'))).toEqual(['GET no content type', 'GET no content type']);

  const key = first.data!.apiKeys.edges[0].node;
  const renamed = await client.mutation(RENAME, { input: { id: key.id, name: `${key.name}-urql`, ifMatch: key.etag } }).toPromise();
  expect(renamed.error).toBeUndefined();
  expect(renamed.data.updateApiKey.name).toBe(`${key.name}-urql`);
  const stale = await client.mutation(RENAME, { input: { id: key.id, name: 'clients/stale', ifMatch: key.etag } }).toPromise();
  expect(stale.error?.graphQLErrors[0].extensions.code).toBe('PRECONDITION_FAILED');
});

test('Apollo Client 4 with its defaults: login, a list with paging, an update with ifMatch', async () => {
  let token: string | null = null;
  const auth = new ApolloLink((operation, forward) => {
    if (token) operation.setContext({ headers: { authorization: `Bearer ${token}` } });
    return forward(operation);
  });
  const client = new ApolloClient({ link: auth.concat(new HttpLink({ uri: t.url, fetch })), cache: new InMemoryCache() });
  const login = await client.mutate<{ login: { token: string } }>({ mutation: gql(LOGIN), variables: { input: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } } });
  token = login.data!.login.token;

  const first = await client.query<Page>({ query: gql(KEYS), variables: {}, fetchPolicy: 'network-only' });
  expect(first.data!.apiKeys.edges).toHaveLength(2);
  const second = await client.query<Page>({ query: gql(KEYS), variables: { after: first.data!.apiKeys.pageInfo.endCursor }, fetchPolicy: 'network-only' });
  expect(second.data!.apiKeys.edges).toHaveLength(1);
  expect(second.data!.apiKeys.pageInfo.hasNextPage).toBe(false);

  const key = second.data!.apiKeys.edges[0].node;
  const renamed = await client.mutate<{ updateApiKey: { name: string } }>({
    mutation: gql(RENAME),
    variables: { input: { id: key.id, name: `${key.name}-apollo`, ifMatch: key.etag } },
  });
  expect(renamed.data!.updateApiKey.name).toBe(`${key.name}-apollo`);
  await expect(
    client.mutate({ mutation: gql(RENAME), variables: { input: { id: key.id, name: 'clients/stale', ifMatch: key.etag } } }),
  ).rejects.toMatchObject({ errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'PRECONDITION_FAILED' }) })] });
});

test('an anonymous simple GET is still refused as a possible CSRF, with the request ID', async () => {
  const response = await fetch(`${t.url}?query=${encodeURIComponent('{ __typename }')}`);
  expect(response.status).toBe(400);
  const body = await response.json();
  expect(body.errors[0].message).toMatch(/Cross-Site Request Forgery/);
  expect(body.extensions.requestId).toBe(response.headers.get('x-request-id'));
});
