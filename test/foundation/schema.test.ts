/** schema.graphql is what the code generates, and everything in it is described. */
import fs from 'node:fs';
import path from 'node:path';
import { buildBareSchema } from '../../src/schema';
import { renderSchema, undescribed } from '../../scripts/schema';

test('schema.graphql matches the code (run `npm run schema:emit` after changing the schema)', async () => {
  const committed = fs.readFileSync(path.resolve(__dirname, '../../schema.graphql'), 'utf8');
  expect(committed).toBe(await renderSchema());
});

test('every type, field, argument and enum value has a description', async () => {
  expect(undescribed(await buildBareSchema())).toEqual([]);
});
