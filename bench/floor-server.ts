/**
 * The stack floor of the bench: Apollo Server 5 on Express 5 (the same
 * `@as-integrations/express5` + `express.json()` as Keywarden), a one-field
 * schema, the defaults otherwise (CSRF prevention on, stack traces off) — no
 * shield, no context, no plugins, no logging. What Keywarden's anonymous
 * `{ __typename }` is compared with. Started by scripts/bench.ts as a child
 * process: `node dist/bench/floor-server.js`; listens on PORT (0: any free port)
 * and prints one JSON line `{"msg":"bench server is serving","url":…}`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';

async function main(): Promise<void> {
  const apollo = new ApolloServer({
    typeDefs: `type Query { "The one field." hello: String }`,
    resolvers: { Query: { hello: () => 'world' } },
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();
  const app = express();
  app.disable('x-powered-by');
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(apollo));
  const server = http.createServer(app);
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    console.log(JSON.stringify({ msg: 'bench server is serving', url: `http://127.0.0.1:${port}/graphql` }));
  });
  process.on('SIGTERM', () => {
    server.close(() => void apollo.stop().then(() => process.exit(0)));
    server.closeAllConnections();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
