/**
 * Bad input fuzzer (fast-check). Operations are generated from the schema
 * the server serves (introspected), so every field added later is fuzzed
 * too: each root field with hostile variables — random and unicode strings,
 * huge numbers, nulls in non-null places, invalid dates, wrong enum values,
 * unknown input fields, 1 MB strings — under every kind of Authorization
 * header, plus mangled query text and bad request bodies.
 *
 * Whatever arrives: an HTTP answer (never a hang or a reset), never a 5xx,
 * never a stack trace, only the error codes of DESIGN.md (and no
 * INTERNAL_SERVER_ERROR: bad input is the client's problem), the server
 * keeps serving, and a refused request leaves the stored data as it was.
 */
import fc from 'fast-check';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { ERROR_CODES } from '../../src/errors';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/server';
import { newApiKeyToken } from '../../src/modules/api-keys/key-format';
import { send, snapshotTables, type Answer } from './support';

/** Sized so the whole file runs in well under a minute on 2 busy cores. */
const RUNS = { operations: 1500, queryText: 200, bodies: 300 };
const TIMEOUT_MS = 15_000;
const NOT_COMPARED = ['audit_events', 'sessions'];
const STACK_TRACE = /stacktrace|\bat \S+ \(|node_modules|\.ts:\d+|\.js:\d+/;
const CLIENT_CODES = ERROR_CODES.filter((code) => code !== 'INTERNAL_SERVER_ERROR') as string[];

let t: TestServer;
let schema: GraphQLSchema;
/** The admin's session: requests with it reach the resolvers, not just the rules. Renewed if a fuzzed `logout` ends it. */
let adminToken: string;
let baseline: Record<string, string>;
const stats = { requests: 0, byStatus: {} as Record<string, number>, byCode: {} as Record<string, number>, acknowledgedMutations: 0 };

beforeAll(async () => {
  t = await startTestServer();
  adminToken = t.adminToken;
  const introspection = await t.gql(getIntrospectionQuery(), {}, { token: adminToken });
  schema = buildClientSchema(introspection.data);
  baseline = await snapshotTables(t.server.dataSource, NOT_COMPARED);
});

afterAll(async () => {
  console.log(`fuzzer: ${stats.requests} requests; HTTP ${JSON.stringify(stats.byStatus)}; codes ${JSON.stringify(stats.byCode)}; ${stats.acknowledgedMutations} mutations accepted`);
  await t?.close();
});

// ---------- hostile values ----------

const ONE_MB = 1024 * 1024;
const hugeString = fc.constantFrom('x'.repeat(ONE_MB + 10), 'é'.repeat(ONE_MB / 2 - 200), '\u0000'.repeat(1000), '😀'.repeat(50_000));
const nastyString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) }, // lone surrogates, control characters
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }).map((s) => `${s}@example.com`) },
  { weight: 2, arbitrary: fc.constantFrom('usr_', 'fid_', 'key_', 'acc_', 'rol_', 'grp_').chain((p) => fc.string({ maxLength: 30 }).map((s) => p + s)) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "' OR 1=1 --",
      '"; DROP TABLE principals; --',
      '%',
      '_',
      '\\',
      '${jndi:ldap://x}',
      '<script>alert(1)</script>',
      '../../../../etc/passwd',
      'NaN',
      'null',
      'undefined',
      '2026-02-30T25:61:61Z',
      'not a date',
      '-0',
      '1e400',
      '\u202e\u200b\ufeff',
      '',
      ' ',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 200, maxLength: 5000 }) },
);
const hugeNumber = fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, Number.MAX_VALUE, -Number.MAX_VALUE, 1e-320, 0.5, -1, 0, 9_007_199_254_740_993);
const invalidDate = fc.constantFrom('2026-13-01T00:00:00Z', 'yesterday', '0000-00-00', '', '2026-02-30', '+275760-09-13T00:00:00.001Z', '1970-01-01T00:00:00');

/** Something of the wrong type, or null where a value is required. */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  hugeNumber,
  nastyString,
  fc.constant([]),
  fc.constant({}),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Mostly well-typed values for `type` (so requests reach the resolvers), sometimes hostile ones. */
function valueFor(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return fc.oneof({ weight: 12, arbitrary: valueFor(type.ofType, depth) }, { weight: 1, arbitrary: fc.constant(null) });
  return fc.oneof({ weight: 6, arbitrary: typedValue(type, depth) }, { weight: 1, arbitrary: wrongValue }, { weight: 1, arbitrary: fc.constant(null) });
}

function typedValue(type: GraphQLInputType, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return typedValue(type.ofType, depth);
  if (isListType(type)) return fc.array(valueFor(type.ofType, depth + 1), { maxLength: depth > 2 ? 1 : 4 });
  if (isEnumType(type)) {
    const values = type.getValues().map((v) => v.name);
    return fc.oneof(fc.constantFrom(...values), fc.constantFrom(...values).map((v) => v.toLowerCase()), nastyString);
  }
  if (isInputObjectType(type)) {
    if (depth > 3) return fc.constant({});
    const fields = Object.values(type.getFields());
    const shape = Object.fromEntries(fields.map((f) => [f.name, valueFor(f.type, depth + 1)]));
    const record = fc.record(shape, { requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name) });
    return fc.oneof({ weight: 5, arbitrary: record }, { weight: 1, arbitrary: record.map((r) => ({ ...r, notAField: 'x' })) }, { weight: 1, arbitrary: fc.record(shape, { requiredKeys: [] }) });
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return fc.oneof(fc.integer({ min: -5, max: 200 }), fc.integer(), hugeNumber);
      case 'Float':
        return fc.oneof(fc.double(), hugeNumber);
      case 'Boolean':
        return fc.boolean();
      case 'DateTime':
        return fc.oneof(fc.date({ noInvalidDate: true, min: new Date(-8.64e15), max: new Date(8.64e15) }).map((d) => d.toISOString()), invalidDate, hugeNumber);
      default: // String, ID and custom scalars
        return fc.oneof({ weight: 20, arbitrary: nastyString }, { weight: 1, arbitrary: hugeString });
    }
  }
  return wrongValue;
}

// ---------- operations from the schema ----------

interface GeneratedOperation {
  root: 'Query' | 'Mutation';
  field: string;
  query: string;
  variables: Record<string, unknown>;
}

/** Every field that needs no argument, objects two levels down: enough to run the type's resolvers. */
function selectionOf(type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (isUnionType(named) || depth >= 3) return '{ __typename }';
  if (!isObjectType(named) && !isInterfaceType(named)) return '{ __typename }';
  const parts = ['__typename'];
  for (const field of Object.values(named.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const sub = selectionOf(field.type, depth + 1);
    if (sub === '{ __typename }' && depth >= 2) continue;
    parts.push(sub ? `${field.name} ${sub}` : field.name);
  }
  return `{ ${parts.join(' ')} }`;
}

function operationArbitrary(root: 'Query' | 'Mutation', field: GraphQLField<unknown, unknown>): fc.Arbitrary<GeneratedOperation> {
  const declarations = field.args.map((a, i) => `$a${i}: ${a.type.toString()}`);
  const uses = field.args.map((a, i) => `${a.name}: $a${i}`);
  const query =
    `${root === 'Query' ? 'query' : 'mutation'} Fuzz${declarations.length ? `(${declarations.join(', ')})` : ''} ` +
    `{ ${field.name}${uses.length ? `(${uses.join(', ')})` : ''} ${selectionOf(field.type, 0)} }`;
  const variables = fc.record(Object.fromEntries(field.args.map((a, i) => [`a${i}`, valueFor(a.type)])), { requiredKeys: [] });
  return variables.map((v) => ({ root, field: field.name, query, variables: v }));
}

function allOperations(): fc.Arbitrary<GeneratedOperation> {
  const roots = [
    ['Query', schema.getQueryType()],
    ['Mutation', schema.getMutationType()],
  ] as const;
  const arbitraries = roots.flatMap(([root, type]) => (type ? Object.values(type.getFields()).map((f) => operationArbitrary(root, f)) : []));
  return fc.oneof(...arbitraries);
}

// ---------- Authorization headers ----------

const base64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const junk = fc.string({ unit: 'grapheme-ascii', maxLength: 60 });
/** Every header form, well-formed and not; none of them names a real credential but the admin's session. */
const authorization = fc.oneof(
  { weight: 6, arbitrary: fc.constant<'admin'>('admin') },
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: junk.map((s) => `Bearer ${s}`) },
  { weight: 1, arbitrary: fc.constant(`Bearer kws_${'A'.repeat(43)}`) },
  { weight: 1, arbitrary: fc.constant(null).map(() => `ApiKey ${newApiKeyToken()}`) },
  { weight: 1, arbitrary: junk.map((s) => `ApiKey kw_${s}`) },
  { weight: 1, arbitrary: fc.constant(null).map(() => `Key ${newApiKeyToken()}`) },
  { weight: 1, arbitrary: junk.map((s) => `Key ${s}`) },
  { weight: 1, arbitrary: junk.map((s) => `Basic ${s}`) }, // bad base64
  { weight: 1, arbitrary: junk.map((s) => `Basic ${base64(s)}`) }, // good base64, bad pair
  { weight: 1, arbitrary: fc.constant(`Basic ${base64(`KW${'A'.repeat(18)}:${'b'.repeat(40)}`)}`) }, // well-formed, unknown
  { weight: 1, arbitrary: fc.constantFrom('Bearer', 'Basic', 'ApiKey ', ' ', 'Bearer a b', `Bearer ${'x'.repeat(5000)}`, 'Digest abc', 'Basic ===') },
);

// ---------- sending and checking ----------

/**
 * Refused credentials are rate limited per IP (60 a minute): hostile headers
 * come from many loopback addresses, so each is refused for its form rather
 * than only for its rate. The admin's session comes from 127.0.0.1.
 */
let addressCounter = 0;
const hostileAddress = () => `127.0.${1 + (Math.floor(addressCounter / 250) % 250)}.${1 + (addressCounter++ % 250)}`;

async function sendFuzzed(body: string, auth: string | undefined | 'admin', extraHeaders: Record<string, string> = {}): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...extraHeaders };
  if (auth === 'admin') headers.authorization = `Bearer ${adminToken}`;
  else if (auth !== undefined) headers.authorization = auth;
  const answer = await send(t.url, body, { headers, timeoutMs: TIMEOUT_MS, localAddress: auth === 'admin' ? '127.0.0.1' : hostileAddress() });
  stats.requests++;
  if (answer.kind === 'answered') {
    stats.byStatus[answer.status] = (stats.byStatus[answer.status] ?? 0) + 1;
    for (const e of answer.body?.errors ?? []) stats.byCode[e?.extensions?.code] = (stats.byCode[e?.extensions?.code] ?? 0) + 1;
  }
  return answer;
}

function expectSaneAnswer(answer: Answer, what: string): void {
  if (answer.kind !== 'answered') throw new Error(`${what}: no HTTP answer (${answer.kind})`);
  if (answer.status >= 500) throw new Error(`${what}: HTTP ${answer.status}: ${answer.text.slice(0, 500)}`);
  if (STACK_TRACE.test(answer.text)) throw new Error(`${what}: a stack trace or source path leaked: ${answer.text.slice(0, 500)}`);
  if (answer.body === undefined) throw new Error(`${what}: the answer is not JSON: ${answer.text.slice(0, 200)}`);
  for (const error of answer.body.errors ?? []) {
    const code = error?.extensions?.code;
    if (!CLIENT_CODES.includes(code)) throw new Error(`${what}: error code ${String(code)} (${error?.message}): ${answer.text.slice(0, 500)}`);
  }
}

/** From an address of its own: fuzzed failed logins from 127.0.0.1 may have throttled that one. */
async function renewAdminSession(): Promise<string> {
  const login = await t.gql(`mutation($input: LoginInput!) { login(input: $input) { token } }`, { input: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } }, { localAddress: '127.255.0.1' });
  return login.data.login.token as string;
}

/** A refused request changed nothing; an accepted mutation moves the baseline. */
async function expectStoredDataConsistent(accepted: boolean, what: string): Promise<void> {
  const now = await snapshotTables(t.server.dataSource, NOT_COMPARED);
  if (!accepted) {
    for (const table of Object.keys(baseline)) {
      if (now[table] !== baseline[table]) throw new Error(`${what}: refused, yet table ${table} changed`);
    }
  }
  baseline = now;
}

test('operations generated from the schema, with hostile variables and every Authorization form: no 5xx, no stack trace, only contract codes, refused requests change nothing', async () => {
  await fc.assert(
    fc.asyncProperty(allOperations(), authorization, async (operation, auth) => {
      const what = `${operation.field}(${JSON.stringify(operation.variables).slice(0, 300)}) auth=${String(auth).slice(0, 80)}`;
      const answer = await sendFuzzed(JSON.stringify({ query: operation.query, variables: operation.variables }), auth);
      expectSaneAnswer(answer, what);
      const result = answer.kind === 'answered' ? answer.body?.data?.[operation.field] : undefined;
      const accepted = operation.root === 'Mutation' && result !== undefined && result !== null && result !== false;
      if (accepted) stats.acknowledgedMutations++;
      // Queries are compared in bulk at the end (a snapshot per request doubles the run on MySQL).
      if (operation.root === 'Mutation') await expectStoredDataConsistent(accepted, what);
      if (accepted && operation.field === 'logout' && auth === 'admin') adminToken = await renewAdminSession();
    }),
    { numRuns: RUNS.operations, endOnFailure: true },
  );
  await expectStoredDataConsistent(false, 'the queries since the last accepted mutation');
});

test('mangled query text (truncated, spliced, deeply nested, huge): BAD_USER_INPUT, never a 5xx', async () => {
  const mutationField = Object.keys(schema.getMutationType()!.getFields())[0];
  const seeds = [`{ viewer { id name } }`, `mutation { ${mutationField} }`, getIntrospectionQuery()];
  const mangled = fc.oneof(
    fc.tuple(fc.constantFrom(...seeds), fc.nat(), fc.string({ unit: 'grapheme', maxLength: 20 })).map(([q, at, s]) => q.slice(0, at % q.length) + s + q.slice(at % q.length)),
    fc.tuple(fc.constantFrom(...seeds), fc.nat()).map(([q, at]) => q.slice(0, at % q.length)),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
    fc.integer({ min: 10, max: 1000 }).map((n) => `${'{ viewer '.repeat(n)}${'}'.repeat(n)}`),
    fc.integer({ min: 10, max: 1000 }).map((n) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: viewer { id }`).join(' ')} }`),
    fc.constantFrom(`{ __typename ${'@skip(if: false) '.repeat(2000)}}`, `query($v: ${'['.repeat(500)}Int${']'.repeat(500)}) { __typename }`, `{ node(id: "${'x'.repeat(100_000)}") { id } }`),
  );
  await fc.assert(
    fc.asyncProperty(mangled, fc.constantFrom<'admin' | undefined>('admin', undefined), async (query, auth) => {
      const answer = await sendFuzzed(JSON.stringify({ query }), auth);
      expectSaneAnswer(answer, `query ${JSON.stringify(query.slice(0, 200))}`);
    }),
    { numRuns: RUNS.queryText, endOnFailure: true },
  );
  await expectStoredDataConsistent(false, 'mangled query text');
});

test('bad bodies (not JSON, wrong shapes, wrong content types, batches): a 4xx, never a 5xx or a stack trace', async () => {
  const body = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc.record({ query: wrongValue, variables: wrongValue, operationName: wrongValue }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
    fc.constantFrom('', '{', '{"query":', 'null', '[]', '[{"query":"{ __typename }"}]', '{"query":"{ __typename }","variables":"x"}', '{"query":"{ __typename }"}}}', '\u0000'),
  );
  const contentType = fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/graphql', 'application/json; charset=latin1', 'multipart/form-data; boundary=x');
  await fc.assert(
    fc.asyncProperty(body, contentType, fc.constantFrom<'admin' | undefined>('admin', undefined), async (text, type, auth) => {
      const answer = await sendFuzzed(text, auth, { 'content-type': type, 'apollo-require-preflight': 'true' });
      const what = `body ${JSON.stringify(text.slice(0, 200))} as ${type}`;
      if (answer.kind !== 'answered') throw new Error(`${what}: no HTTP answer`);
      if (answer.status >= 500 || STACK_TRACE.test(answer.text)) throw new Error(`${what}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
      if (answer.body?.errors) expectSaneAnswer(answer, what);
    }),
    { numRuns: RUNS.bodies, endOnFailure: true },
  );
  await expectStoredDataConsistent(false, 'bad bodies');
});

test('after the fuzzing the server is up and serves the admin as before', async () => {
  expect((await send(`${t.origin}/healthz`, null)).kind).toBe('answered');
  const viewer = await t.gql(`{ viewer { id ... on User { email } } }`, {}, { token: adminToken });
  expect(viewer.data.viewer.email).toBe(ADMIN_EMAIL);
  expect(stats.requests).toBeGreaterThanOrEqual(RUNS.operations + RUNS.queryText + RUNS.bodies);
});
