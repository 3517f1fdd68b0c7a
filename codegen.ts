/**
 * `npm run codegen`: typed operations for clients (and for our own CLI) from
 * schema.graphql and client/operations/*.graphql, into client/generated/.
 * CI regenerates and fails when the committed output differs.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['client/operations/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'client/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Plain strings: a client needs nothing but fetch to send them.
        documentMode: 'string',
        scalars: { DateTime: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
    },
  },
  hooks: { afterAllFileWrite: [] },
};

export default config;
