/**
 * What guardSchema wraps: every root field and every type with a rule of its own goes through the middleware
 * (shield, the audit trail); the types settled by their parent (every field `allow`) run their own resolvers.
 */
import 'reflect-metadata';
import { isObjectType, type GraphQLInterfaceType, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { buildBareSchema, guardSchema } from '../../src/schema';
import { allow } from 'graphql-shield';
import { OPEN_QUERY_FIELDS, ruleTree, SETTLED_BY_PARENT } from '../../src/permissions';

test('root fields stay wrapped but for the open queries (`allow`, never audited); the types settled by their parent are not, and none of them has a rule of its own', async () => {
  const bare = await buildBareSchema();
  const guarded = guardSchema(bare);
  const fields = (schema: typeof bare, type: string) => (schema.getType(type) as GraphQLObjectType).getFields();
  expect(OPEN_QUERY_FIELDS).toEqual(['viewer']);
  for (const root of ['Query', 'Mutation']) {
    for (const [name, field] of Object.entries(fields(guarded, root))) {
      const open = root === 'Query' && OPEN_QUERY_FIELDS.includes(name);
      expect([root, name, field.resolve === fields(bare, root)[name].resolve]).toEqual([root, name, open]);
    }
  }
  // Every mutation stays wrapped, `allow` ones included (login, authenticate): the audit trail is middleware too.
  expect(Object.entries(ruleTree.Mutation).some(([, rule]) => rule === allow)).toBe(true);
  expect(SETTLED_BY_PARENT).toEqual(expect.arrayContaining(['ApiKey', 'User', 'ApiKeyConnection']));
  expect(SETTLED_BY_PARENT).not.toContain('Query');
  expect(SETTLED_BY_PARENT).not.toContain('Mutation');
  for (const type of SETTLED_BY_PARENT) {
    expect((ruleTree as Record<string, unknown>)[type]).toBe(allow); // the one rule for all its fields, not a per-field map
    for (const [name, field] of Object.entries(fields(guarded, type))) expect([type, name, field.resolve === fields(bare, type)[name].resolve]).toEqual([type, name, true]);
  }
  // Every other field of every other object type keeps the middleware.
  const others = Object.values(guarded.getTypeMap()).filter((t) => isObjectType(t) && !t.name.startsWith('__') && !SETTLED_BY_PARENT.includes(t.name));
  for (const type of others as GraphQLObjectType[]) {
    for (const [name, field] of Object.entries(type.getFields())) {
      if (type.name === 'Query' && OPEN_QUERY_FIELDS.includes(name)) continue;
      expect([type.name, name, field.resolve !== undefined && field.resolve !== fields(bare, type.name)[name].resolve]).toEqual([type.name, name, true]);
    }
  }
});

test('the interfaces answer a type name at once, not a promise (type-graphql wraps resolveType in an async function)', async () => {
  const guarded = guardSchema(await buildBareSchema());
  const answer = (type: string, value: object) => {
    const abstract = guarded.getType(type) as GraphQLInterfaceType;
    return abstract.resolveType!(value, {}, {} as GraphQLResolveInfo, abstract);
  };
  expect(answer('Principal', { id: 'usr_01', kind: 'USER' })).toBe('User');
  expect(answer('Principal', { id: 'fid_01', kind: 'FUNCTIONAL_ID' })).toBe('FunctionalId');
  expect(answer('Node', { id: 'key_01' })).toBe('ApiKey');
  expect(answer('Node', { id: 'nothing' })).toBeUndefined();
});
