/**
 * graphql-shield 7.6.5 calls `util.isUndefined`, which Node 23+ removed
 * (chain and race rules hit it). patches/graphql-shield+7.6.5.patch takes the
 * call out; this proves every rule kind works on a Node without it.
 */
import util from 'node:util';

test('every shield rule kind works where util.isUndefined does not exist (Node 23+)', async () => {
  const saved = (util as unknown as Record<string, unknown>).isUndefined;
  delete (util as unknown as Record<string, unknown>).isUndefined;
  try {
    jest.resetModules();
    // Loaded after the deletion, as on Node 24.
    const { execute, parse } = require('graphql') as typeof import('graphql');
    const { makeExecutableSchema } = require('@graphql-tools/schema') as typeof import('@graphql-tools/schema');
    const { shield, rule, allow, deny, and, or, not, chain, race } = require('graphql-shield') as typeof import('graphql-shield');
    const { applyMiddleware } = require('graphql-middleware') as typeof import('graphql-middleware');
    const yes = rule('yes')(() => true);
    const no = rule('no')(() => false);
    const schema = applyMiddleware(
      makeExecutableSchema({
        typeDefs: `type Query { a: Int b: Int c: Int d: Int e: Int f: Int g: Int h: Int }`,
        resolvers: { Query: { a: () => 1, b: () => 2, c: () => 3, d: () => 4, e: () => 5, f: () => 6, g: () => 7, h: () => 8 } },
      }),
      shield(
        { Query: { a: allow, b: and(yes, yes), c: or(no, yes), d: not(no), e: chain(yes, yes), f: race(no, yes), g: deny, h: chain(yes, no) } },
        { fallbackRule: deny, allowExternalErrors: true },
      ),
    );
    const result = await execute({ schema, document: parse(`{ a b c d e f g h }`), contextValue: {} });
    expect(result.data).toEqual({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: null, h: null });
    expect(result.errors?.map((e) => e.message)).toEqual(['Not Authorised!', 'Not Authorised!']);
  } finally {
    (util as unknown as Record<string, unknown>).isUndefined = saved;
  }
});
