/** Default deny: anonymous callers reach only login/viewer/__typename (and the key exchanges); unguarded fields are refused. */
import 'reflect-metadata';
import { execute, parse } from 'graphql';
import { Query, Resolver } from 'type-graphql';
import { isObjectType } from 'graphql';
import { buildBareSchema, guardSchema, RESOLVERS } from '../../src/schema';
import { ruleTree } from '../../src/permissions';
import { startTestServer, type TestServer } from '../helpers/server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const ANONYMOUS_REFUSED = [
  `{ user(id: "usr_01JAAAAAAAAAAAAAAAAAAAAAAA") { id } }`,
  `{ roles { id } }`,
  `{ account { id } }`,
  `{ node(id: "usr_01JAAAAAAAAAAAAAAAAAAAAAAA") { id } }`,
  `mutation { logout }`,
  `mutation { changePassword(input: { currentPassword: "x", newPassword: "yyyyyyyyyyyyyyyy" }) }`,
  `mutation { createUser(input: { email: "a@b.c", name: "A", password: "long-enough-password" }) { id } }`,
];

test.each(ANONYMOUS_REFUSED)('anonymous %s → UNAUTHENTICATED', async (query) => {
  const result = await t.gql(query);
  expect(result.code).toBe('UNAUTHENTICATED');
  expect(result.status).toBe(200);
});

test('anonymous viewer is null and __typename answers', async () => {
  const result = await t.gql(`{ __typename viewer { id } }`);
  expect(result.errors).toBeUndefined();
  expect(result.data).toEqual({ __typename: 'Query', viewer: null });
});

@Resolver()
class UnguardedResolver {
  @Query(() => String, { description: 'A field nobody wrote a rule for.' })
  unguardedSecret(): string {
    return 'leaked';
  }
}

test('a field without a rule is denied by the fallback rule, never allowed', async () => {
  const schema = guardSchema(await buildBareSchema([...RESOLVERS, UnguardedResolver]));
  const document = parse(`{ unguardedSecret }`);
  const anonymous = await execute({ schema, document, contextValue: { identity: null } });
  expect(anonymous.data).toBeNull();
  expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  const someone = await execute({ schema, document, contextValue: { identity: { principal: { id: 'usr_x' } } } });
  expect(someone.errors?.[0].extensions?.code).toBe('FORBIDDEN');
});

test('every Query and Mutation field has an explicit rule, and every object type an entry', async () => {
  const schema = await buildBareSchema();
  const tree = ruleTree as Record<string, unknown>;
  for (const root of ['Query', 'Mutation'] as const) {
    const fields = Object.keys(schema.getType(root) && isObjectType(schema.getType(root)) ? (schema.getType(root) as any).getFields() : {});
    const rules = Object.keys(tree[root] as object);
    expect(fields.filter((f) => !rules.includes(f))).toEqual([]);
  }
  const objectTypes = Object.values(schema.getTypeMap()).filter((type) => isObjectType(type) && !type.name.startsWith('__'));
  expect(objectTypes.map((type) => type.name).filter((name) => !(name in tree))).toEqual([]);
});

test('the guarded schema publishes the same SDL as the bare one', async () => {
  const { printSchema } = await import('graphql');
  const bare = await buildBareSchema();
  expect(printSchema(guardSchema(bare))).toBe(printSchema(bare));
});
