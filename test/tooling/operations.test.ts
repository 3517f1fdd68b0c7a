/** Every client operation and every playground example is valid against schema.graphql. */
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { EXAMPLE_OPERATIONS } from '../../src/playground';

const root = path.resolve(__dirname, '../..');
const schema = buildSchema(fs.readFileSync(path.join(root, 'schema.graphql'), 'utf8'));
const operationsDir = path.join(root, 'client/operations');
const documents = fs.readdirSync(operationsDir).filter((f) => f.endsWith('.graphql'));

test('there are client operations for every area a client needs', () => {
  const all = documents.map((f) => fs.readFileSync(path.join(operationsDir, f), 'utf8')).join('\n');
  for (const field of ['login', 'authenticate', 'viewer', 'createApiKey', 'apiKeys', 'resetApiKeySecret', 'deleteApiKey', 'createUser', 'users', 'createFunctionalId', 'createGroup', 'roles', 'notifications', 'auditEvents']) {
    expect({ field, present: new RegExp(`\\b${field}\\(|\\b${field} \\{`).test(all) }).toEqual({ field, present: true });
  }
});

test.each(documents)('client/operations/%s validates against the schema', (file) => {
  const text = fs.readFileSync(path.join(operationsDir, file), 'utf8');
  const errors = validate(schema, parse(text));
  expect(errors.map((e) => e.message)).toEqual([]);
});

test('every playground example validates against the schema', () => {
  expect(EXAMPLE_OPERATIONS.length).toBeGreaterThan(0);
  for (const example of EXAMPLE_OPERATIONS) {
    expect({ query: example.query, errors: validate(schema, parse(example.query)).map((e) => e.message) }).toEqual({ query: example.query, errors: [] });
  }
});
