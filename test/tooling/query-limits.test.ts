import { buildSchema, getIntrospectionQuery, parse, type OperationDefinitionNode } from 'graphql';
import { PrincipalEntity } from '../../src/modules/users/principal.entity';
import { enforceQueryLimits } from '../../src/query-limits';
import { startTestServer, type TestServer } from '../helpers/server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** `count` aliases of `field { body }`: `a1: field { body } a2: …`. */
const aliases = (prefix: string, count: number, selection: string) =>
  Array.from({ length: count }, (_, i) => `${prefix}${i + 1}: ${selection}`).join('\n');

/** SQL statements a request runs when no resolver runs: just the session lookups of `identify`. */
async function sqlOfIdentifyingOnly(): Promise<number> {
  t.sql.reset();
  const result = await t.gql('{ __typename }', {}, { token: t.adminToken });
  expect(result.errors).toBeUndefined();
  return t.sql.count;
}

test('a 50-level-deep mutation is refused for its depth before any resolver runs: no user is created', async () => {
  let nested = 'id';
  for (let level = 0; level < 48; level++) nested = `parent { ${nested} }`;
  const result = await t.gql(
    `mutation Deep($input: CreateUserInput!) { createUser(input: $input) { ${nested} } }`,
    { input: { email: 'deep@example.com', name: 'Deep', password: 'a-good-long-password' } },
    { token: t.adminToken },
  );
  expect(result.code).toBe('BAD_USER_INPUT');
  expect(result.errors![0].message).toMatch(/50 levels deep; the depth limit is 12/);
  expect(result.errors![0].extensions).toMatchObject({ limit: 'maxDepth', maximum: 12 });
  expect(result.status).toBe(400);
  expect(result.data).toBeUndefined();
  expect(await t.server.dataSource.getRepository(PrincipalEntity).countBy({ emailLower: 'deep@example.com' })).toBe(0);
});

test('a query asking for 100 × 100 × 100 nodes (aliases through fragments) is refused before any resolver runs', async () => {
  const query = `
    query Huge { viewer { ...Level1 } }
    fragment Level1 on User { ${aliases('p', 100, 'parent { ...Level2 }')} }
    fragment Level2 on User { ${aliases('q', 100, 'parent { ...Level3 }')} }
    fragment Level3 on User { ${aliases('r', 100, 'roles { id }')} }`;
  const baseline = await sqlOfIdentifyingOnly();
  t.sql.reset();
  const result = await t.gql(query, {}, { token: t.adminToken });
  expect(result.code).toBe('BAD_USER_INPUT');
  expect(result.errors![0].message).toMatch(/complexity limit of 10000/);
  expect(result.errors![0].extensions).toMatchObject({ limit: 'maxComplexity', maximum: 10000 });
  expect(result.data).toBeUndefined();
  expect(t.sql.count).toBe(baseline);
});

test('aliases and several root fields add up in one budget: 39 copies of a selection pass, 40 are refused', async () => {
  // Each copy: viewer 1 + 5 × roles (1 + 10 guessed roles × 5 fields) = 256; 39 × 256 = 9984, 40 × 256 = 10240.
  const roles = aliases('r', 5, 'roles { id name description builtIn permissions }');
  const copies = (n: number) => `query Copies { ${aliases('v', n, `viewer { ... on User { ${roles} } }`)} }`;

  const within = await t.gql(copies(39), {}, { token: t.adminToken });
  expect(within.errors).toBeUndefined();
  expect(within.data.v39.r5[0].name).toBe('Administrator');

  const baseline = await sqlOfIdentifyingOnly();
  t.sql.reset();
  const over = await t.gql(copies(40), {}, { token: t.adminToken });
  expect(over.code).toBe('BAD_USER_INPUT');
  expect(over.errors![0].message).toBe('query: costs 10240; the complexity limit is 10000 per operation');
  expect(t.sql.count).toBe(baseline);
});

test('an operation that passed is measured again when its variables change what it selects', async () => {
  const roles = aliases('r', 5, 'roles { id name description builtIn permissions }');
  const query = `query Maybe($heavy: Boolean!) { me: viewer { id } ${aliases('v', 40, `viewer @include(if: $heavy) { ... on User { ${roles} } }`)} }`;
  for (let i = 0; i < 2; i++) {
    const light = await t.gql(query, { heavy: false }, { token: t.adminToken });
    expect(light.errors).toBeUndefined();
  }
  const heavy = await t.gql(query, { heavy: true }, { token: t.adminToken });
  expect(heavy.code).toBe('BAD_USER_INPUT');
  expect(heavy.errors![0].message).toMatch(/the complexity limit is 10000/);
});

test('an ordinary query passes the limits', async () => {
  const result = await t.gql(
    `query Me { viewer { id kind name ... on User { email parent { id } } account { id name settings { maxApiKeysPerPrincipal } } roles { name permissions } } }`,
    {},
    { token: t.adminToken },
  );
  expect(result.errors).toBeUndefined();
  expect(result.data.viewer.roles[0].name).toBe('Administrator');
});

test("the playground's introspection query passes (introspection is outside the depth limit) while nested introspection is capped", async () => {
  const introspection = await t.gql(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, schemaDescription: true }));
  expect(introspection.errors).toBeUndefined();
  expect(introspection.data.__schema.queryType.name).toBe('Query');

  const nested = await t.gql(`{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }`);
  expect(nested.code).toBe('BAD_USER_INPUT');
  expect(nested.errors![0].message).toMatch(/introspection depth/i);
});

test('the limits are configurable', async () => {
  const strict = await startTestServer({ QUERY_MAX_DEPTH: '3', QUERY_MAX_COMPLEXITY: '10' });
  try {
    expect((await strict.gql('{ viewer { id } }', {}, { token: strict.adminToken })).errors).toBeUndefined();
    const deep = await strict.gql('{ viewer { account { settings { maxApiKeysPerPrincipal } } } }', {}, { token: strict.adminToken });
    expect(deep.errors![0].message).toMatch(/4 levels deep; the depth limit is 3/);
    const costly = await strict.gql('{ viewer { roles { id } } }', {}, { token: strict.adminToken });
    expect(costly.errors![0].message).toBe('query: costs 12; the complexity limit is 10 per operation');
  } finally {
    await strict.close();
  }
});

describe('cost of paged fields (any field with a `first` argument), on a schema with connections', () => {
  const schema = buildSchema(`
    type Query { users(first: Int = 20, after: String): UserConnection! viewer: User }
    type UserConnection { edges: [UserEdge!]! pageInfo: PageInfo! totalCount: Int! }
    type UserEdge { cursor: String! node: User! }
    type PageInfo { hasNextPage: Boolean! endCursor: String }
    type User { id: ID! name: String! apiKeys(first: Int = 20): KeyConnection! roles: [Role!]! }
    type KeyConnection { edges: [KeyEdge!]! }
    type KeyEdge { node: Key! }
    type Key { id: ID! roles(first: Int): RoleConnection! }
    type RoleConnection { edges: [RoleEdge!]! }
    type RoleEdge { node: Role! }
    type Role { id: ID! }
  `);
  const measure = (query: string, variables?: Record<string, unknown>, maxComplexity = 10_000) => {
    const document = parse(query);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
    return enforceQueryLimits(schema, document, operation, variables, { maxDepth: 12, maxComplexity });
  };
  const nested = `query Nested($a: Int, $b: Int, $c: Int) {
    users(first: $a) { edges { node { apiKeys(first: $b) { edges { node { roles(first: $c) { edges { node { id } } } } } } } } }
  }`;

  test('children cost `first` times, at every level: 2 × 3 × 4', () => {
    // roles: 1 + 4 × (edges 1 + node 1 + id 1) = 13; apiKeys: 1 + 3 × (edges 1 + node 1 + roles 13) = 46;
    // users: 1 + 2 × (edges 1 + node 1 + apiKeys 46) = 97.
    expect(measure(nested, { a: 2, b: 3, c: 4 })).toEqual({ depth: 10, complexity: 97 });
  });

  test('100 × 100 × 100 nodes are refused, naming the limit', () => {
    expect(() => measure(nested, { a: 100, b: 100, c: 100 })).toThrow(/complexity limit is 10000/);
  });

  test('an absent `first` costs as its default, an absent default as the largest page', () => {
    expect(measure('{ users { edges { node { id } } } }').complexity).toBe(1 + 20 * 3);
    expect(measure('{ viewer { apiKeys { edges { node { roles { edges { node { id } } } } } } } }').complexity).toBe(
      1 + 1 + 20 * (1 + 1 + (1 + 100 * 3)),
    );
  });

  test('a negative `first` cannot pay for the rest of the operation', () => {
    expect(() => measure(`{ a: users(first: -1000) { edges { node { id } } } b: users(first: 100) { edges { node { id name } } } }`, {}, 300)).toThrow(
      /costs 402/,
    );
  });

  test('unpaged object lists are guessed at 10 items', () => {
    expect(measure('{ viewer { roles { id } } }').complexity).toBe(1 + 1 + 10 * 1);
  });
});
