/**
 * What guardSchema wraps: every root field and every type with a rule of its own goes through the middleware
 * (shield, the audit trail); the types settled by their parent (every field `allow`) run their own resolvers.
 */
import 'reflect-metadata';
import { isObjectType, type GraphQLObjectType } from 'graphql';
import { buildBareSchema, guardSchema } from '../../src/schema';
import { allow } from 'graphql-shield';
import { ruleTree, SETTLED_BY_PARENT } from '../../src/permissions';

test('root fields stay wrapped; the types settled by their parent are not, and none of them has a rule of its own', async () => {
  const bare = await buildBareSchema();
  const guarded = guardSchema(bare);
  const fields = (schema: typeof bare, type: string) => (schema.getType(type) as GraphQLObjectType).getFields();
  for (const root of ['Query', 'Mutation']) {
    for (const [name, field] of Object.entries(fields(guarded, root))) expect([root, name, field.resolve === fields(bare, root)[name].resolve]).toEqual([root, name, false]);
  }
  expect(SETTLED_BY_PARENT).toEqual(expect.arrayContaining(['ApiKey', 'User', 'ApiKeyConnection']));
  expect(SETTLED_BY_PARENT).not.toContain('Query');
  expect(SETTLED_BY_PARENT).not.toContain('Mutation');
  for (const type of SETTLED_BY_PARENT) {
    expect((ruleTree as Record<string, unknown>)[type]).toBe(allow); // the one rule for all its fields, not a per-field map
    for (const [name, field] of Object.entries(fields(guarded, type))) expect([type, name, field.resolve === fields(bare, type)[name].resolve]).toEqual([type, name, true]);
  }
  // Every other object type keeps the middleware on its fields.
  const others = Object.values(guarded.getTypeMap()).filter((t) => isObjectType(t) && !t.name.startsWith('__') && !SETTLED_BY_PARENT.includes(t.name));
  for (const type of others as GraphQLObjectType[]) {
    for (const [name, field] of Object.entries(type.getFields())) expect([type.name, name, field.resolve !== undefined && field.resolve !== fields(bare, type.name)[name].resolve]).toEqual([type.name, name, true]);
  }
});
