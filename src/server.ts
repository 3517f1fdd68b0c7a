/**
 * The HTTP server: Express 5 with Apollo Server 5 at `/graphql`, the
 * playground (`/`, and `/graphql` from a browser), the console (`/console`), the OAuth endpoints
 * (`/oauth/token`, `/oauth/introspect`, `/.well-known/…`), health and readiness
 * probes, `/metrics` when enabled, query depth and cost limits, request IDs,
 * a 1 MB body limit, structured access logs and graceful shutdown.
 */
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { MaxIntrospectionDepthRule } from 'graphql';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../ormconfig';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import { buildContext, type RequestContext } from './context';
import { createFormatError } from './errors';
import { logWhenAnswered, requestErrorBody, requestIdFor, withRequestIdInBody } from './access-log';
import { graphqlEndpoint, BODY_LIMIT_BYTES, GRAPHQL_PATH } from './graphql-endpoint';
import { sendJson } from './node-http';
import { accessLoggerOf, createLogger, lazyChild, type Logger } from './logger';
import { Metrics } from './metrics';
import { oauthRouter } from './modules/oauth/oauth.router';
import { introspectionEndpoint, type IntrospectionEndpointDeps } from './modules/oauth/introspection-endpoint';
import { consoleRouter } from './console';
import { playgroundRouter } from './playground';
import { queryLimitsPlugin } from './query-limits';
import { resolveServerSecret } from './server-secret';
import { buildBareSchema, guardSchema, RESOLVERS } from './schema';
import { closeConnections, createServices, flushPending, startBackgroundWork, stopBackgroundWork, type Services } from './services';
import { connectRedis, type RedisConnections } from './redis';
import { ShutdownBudget, type StopReport } from './shutdown';
import { serveSubscriptions, type LiveServer } from './subscriptions';
import type { DataSourceExtras } from './database';
import type { DestinationStream } from 'pino';

export interface ServerOptions {
  clock?: Clock;
  /** Where logs go (default stdout). */
  logDestination?: DestinationStream;
  /** Extra DataSource settings (the tests count SQL statements through a logger). */
  database?: DataSourceExtras;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Where `/metrics` is served, when METRICS_ENABLED=true. */
  metricsUrl?: string;
  services: Services;
  dataSource: DataSource;
  log: Logger;
  /** The WebSocket side of `/graphql` (live subscriptions). */
  live: LiveServer;
  /**
   * Stops accepting, drains in-flight requests, stops background work, writes pending usage and closes
   * the pool, all before `deadline` (epoch ms; default: SHUTDOWN_GRACE_MS from now). Says what it left undone.
   */
  close(deadline?: number): Promise<StopReport>;
}

export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const log = createLogger(config.logLevel, options.logDestination);
  const clock = options.clock ?? systemClock;
  const secret = resolveServerSecret(config, log);
  const dataSource = createDataSource(config.database, options.database);
  await dataSource.initialize();
  let redis: RedisConnections | null = null;
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) log.info({ migrations: applied.map((m) => m.name) }, 'applied migrations');
    if (config.redisUrl) {
      redis = connectRedis({ url: config.redisUrl, prefix: config.redisPrefix, timeoutMs: config.redisTimeoutMs }, log);
      // Serve without it if it is away: limits per node and caches by TTL until it answers (redis.ts logs it).
      if (!(await redis.ready(REDIS_START_WAIT_MS))) log.warn({ waitedMs: REDIS_START_WAIT_MS }, 'redis did not answer at start: serving with per-node limits until it does');
    }
    const services = createServices({ ...config, secret }, dataSource, clock, log, redis);
    await services.accounts.bootstrap(config, log);
    // The first node to start makes the first token-signing key; the others read it.
    await services.signingKeys.current();
    const schema = guardSchema(await buildBareSchema(RESOLVERS, services.notificationStream.pubSub));
    const running = await listen(config, services, schema, log);
    startBackgroundWork(services);
    return running;
  } catch (error) {
    await redis?.close().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
}

/** How long a start waits for Redis before serving without it. */
const REDIS_START_WAIT_MS = 2_000;

async function listen(config: Config, services: Services, schema: import('graphql').GraphQLSchema, log: Logger): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  // No ETag computed over every response body: GraphQL answers are POSTs, never revalidated (static files keep theirs).
  app.set('etag', false);
  app.set('trust proxy', config.trustProxy);
  // JSON `POST /graphql`, the probes and introspection are answered before Express: the first is most of the
  // traffic, a load balancer polls the second, a relying service may call the third on each of its requests, and
  // none needs the middleware.
  const accessLog = accessLoggerOf(log);
  const trustProxy = app.get('trust proxy fn') as IntrospectionEndpointDeps['trustProxy'];
  let answerGraphql: (req: http.IncomingMessage, res: http.ServerResponse) => boolean = () => false; // once Apollo has started, before the server listens
  const probe = probes(services);
  const introspect = introspectionEndpoint({
    oauth: services.oauth,
    auth: services.auth,
    permissions: services.effectivePermissions,
    log,
    accessLog,
    trustProxy,
  });
  const httpServer = http.createServer((req, res) => {
    if (!answerGraphql(req, res) && !probe(req, res) && !introspect(req, res)) app(req, res);
  });
  const metrics = config.metricsEnabled ? new Metrics(services) : null;
  const freshConnections = trackFreshConnections(httpServer);
  const inFlight = countRequestsInFlight(httpServer);
  // Live subscriptions: graphql-ws on the WebSocket upgrade of /graphql, with the same guarded schema.
  const live = serveSubscriptions(httpServer, schema, services, config.live, { trustProxy: config.trustProxy, development: config.nodeEnv === 'development' });

  const apollo = new ApolloServer<RequestContext>({
    schema,
    formatError: createFormatError(config.nodeEnv === 'development'),
    includeStacktraceInErrorResponses: config.nodeEnv === 'development',
    introspection: true,
    // A request carrying Authorization can never be a simple (CSRF-able) cross-site request: browsers preflight it.
    // So urql's default (queries as GET with no content type) works for signed-in clients, while an anonymous
    // simple GET stays blocked.
    csrfPrevention: { requestHeaders: ['x-apollo-operation-name', 'apollo-require-preflight', 'authorization'] },
    // Nested introspection (`fields { type { fields … } }`) grows exponentially: graphql-js's rule caps it.
    validationRules: [MaxIntrospectionDepthRule],
    // main.ts owns shutdown. Apollo's own SIGTERM handler would stop the server at once, ending connections
    // whose request had not arrived yet and resetting those still in the accept queue.
    stopOnTerminationSignals: false,
    plugins: [
      // Its grace ends by destroying the sockets left: never before the stop's own budget does.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs }),
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are used, and the plugin wrapped every field's resolver to collect them; requestPlugin
      // sends the `no-store` it sent.
      ApolloServerPluginCacheControlDisabled(),
      requestPlugin(),
      queryLimitsPlugin({ maxDepth: config.queryMaxDepth, maxComplexity: config.queryMaxComplexity }),
      ...(metrics ? [metrics.plugin()] : []),
    ],
  });
  await apollo.start();
  answerGraphql = graphqlEndpoint({ apollo, services, log, accessLog, trustProxy });

  app.use(requestIdAndAccessLog(accessLog));
  const metricsServer = metrics ? await serveMetrics(app, metrics, config) : null;
  // The playground first (it answers a browser's GET /graphql), then the rest of /graphql (GET queries, and any
  // POST graphql-endpoint.ts leaves to Express), then the rest.
  app.use(playgroundRouter());
  app.use(
    GRAPHQL_PATH,
    requestIdOnHttpErrors(),
    express.json({ limit: BODY_LIMIT_BYTES }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const context = await buildContext(services, {
          requestId: res.locals.requestId as string,
          ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
          userAgent: req.get('user-agent') ?? null,
          authorization: req.get('authorization'),
          accountIdHeader: req.get('x-account-id'),
        });
        res.locals.context = context;
        return context;
      },
    }),
  );
  app.use(oauthRouter({ oauth: services.oauth, auth: services.auth, permissions: services.effectivePermissions, log }));
  app.use(consoleRouter());
  app.use(bodyErrors(log));

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => resolve());
    });
  } catch (error) {
    await metricsServer?.close();
    throw error;
  }
  const { port } = httpServer.address() as AddressInfo;
  const url = httpUrl(config.host, port, '/graphql');
  services.oauth.issuer = config.publicUrl ?? httpUrl(config.host, port, '');
  log.info({ url, playground: httpUrl(config.host, port, '/') }, 'keywarden is serving');
  const metricsUrl = metrics ? metricsServer?.url ?? httpUrl(config.host, port, '/metrics') : undefined;
  if (metricsUrl) log.info({ url: metricsUrl }, 'metrics are served');

  let closing: Promise<StopReport> | undefined;
  return {
    url,
    port,
    metricsUrl,
    services,
    dataSource: services.dataSource,
    log,
    live,
    close: (deadline = Date.now() + config.shutdownGraceMs) => {
      closing ??= (async () => {
        const budget = new ShutdownBudget(deadline, log);
        // Connections that completed their handshake before the signal may still wait in the kernel's accept
        // queue (the event loop was busy): closing the listener now would reset them. Let one more turn of the
        // loop with I/O accept them (a timer, then an immediate: a poll phase runs between the two).
        await new Promise((resolve) => setTimeout(resolve, 50));
        await new Promise((resolve) => setImmediate(resolve));
        // Stop accepting; let connections already accepted deliver their request (Apollo's drain ends every
        // connection with no request yet as idle, which would reset a request sent just before the signal).
        net.Server.prototype.close.call(httpServer);
        // Live sockets are asked to close at once (1012: clients reconnect, to another node if there is one); a
        // client that does not answer within a second is cut: nothing of it is pending.
        const liveClosed = live.close(Math.min(budget.deadline, Date.now() + LIVE_CLOSE_GRACE_MS));
        const background = stopBackgroundWork(services);
        await freshConnections.settled(Math.min(FRESH_CONNECTION_GRACE_MS, budget.remainingMs));
        // Drains in-flight requests (each bounded by its dependencies' deadlines), ends idle keep-alive connections.
        if (!(await budget.step('draining in-flight requests', apollo.stop()))) {
          log.warn({ requestsInFlight: inFlight.count }, 'stopping: requests still in flight will be cut');
        }
        await budget.attempt('closing live connections', liveClosed);
        await budget.step('stopping background work', background);
        await flushPending(services, budget);
        await closeConnections(services, budget);
        if (metricsServer) await budget.attempt('closing the metrics server', metricsServer.close());
        // A pool whose database is away closes with errors or not at all: nothing is lost by leaving it.
        await budget.attempt('closing the database pool', services.dataSource.destroy());
        const report = budget.report();
        if (report.drained) log.info(report, 'stopped: everything drained');
        else log.warn(report, 'stopped with work left undone');
        return report;
      })();
      return closing;
    },
  };
}

/** Adds `extensions.requestId` and `Cache-Control: no-store` to every GraphQL response, raises refused credentials, and notes the outcome for the access log. */
function requestPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue: ctx, operationName }) {
          ctx.state.operationName = safeOperationName(operationName ?? undefined);
          ctx.log = lazyChild(ctx.services.log, { requestId: ctx.requestId, operationName: ctx.state.operationName });
          if (ctx.requestError) throw ctx.requestError;
        },
        async didEncounterErrors({ errors, contextValue: ctx }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
              const original = error.originalError ?? error;
              ctx.log.error({ err: { message: original.message, stack: original.stack }, path: error.path }, 'unexpected error');
            }
          }
        },
        async willSendResponse({ response, contextValue: ctx }) {
          // Answers about credentials, principals and permissions: never stored by a cache on the way.
          response.http.headers.set('cache-control', 'no-store');
          if (response.body.kind === 'single') {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, requestId: ctx.requestId };
            ctx.state.outcome = result.errors?.length ? String(result.errors[0].extensions?.code ?? 'error') : 'ok';
          }
        },
      };
    },
  };
}

/** `/metrics` on the API port, or on its own port (METRICS_PORT) so it can stay off the public network. */
async function serveMetrics(app: express.Express, metrics: Metrics, config: Config): Promise<{ url: string; close(): Promise<void> } | null> {
  const handler = async (_req: Request, res: Response) => {
    const { contentType, body } = await metrics.render();
    res.setHeader('Content-Type', contentType);
    res.send(body);
  };
  if (config.metricsPort === undefined) {
    app.get('/metrics', handler);
    return null;
  }
  const metricsApp = express();
  metricsApp.disable('x-powered-by');
  metricsApp.get('/metrics', handler);
  const server = http.createServer(metricsApp);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.metricsPort, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: httpUrl(config.host, port, '/metrics'),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function httpUrl(host: string, port: number, path: string): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}${path}`;
}

function safeOperationName(name: unknown): string | undefined {
  return typeof name === 'string' && /^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(name) ? name : undefined;
}

const PROBE_PATH = /^\/(healthz|readyz)(\?|$)/;

/**
 * `GET /healthz` (the process is up) and `GET /readyz` (the database answers within 2 s), answered straight on
 * node's request with the request ID header and nothing else: not logged (they never were), no body parsing, no
 * routing. Says whether it answered; anything else goes on to Express.
 */
function probes(services: Services) {
  return (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    const match = req.url === undefined ? null : PROBE_PATH.exec(req.url);
    if (!match || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    res.setHeader('X-Request-Id', requestIdFor(req.headers['x-request-id']));
    if (match[1] === 'healthz') {
      sendJson(res, 200, HEALTHY);
      return true;
    }
    withTimeout(services.dataSource.query('SELECT 1'), 2000).then(
      () => sendJson(res, 200, { status: 'ready' }),
      () => sendJson(res, 503, { status: 'unavailable', reason: 'database does not answer' }),
    );
    return true;
  };
}
const HEALTHY = { status: 'ok' };

function requestIdAndAccessLog(log: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const requestId = requestIdFor(req.headers['x-request-id']);
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    const path = req.originalUrl.split('?')[0];
    if (path !== '/metrics') logWhenAnswered(log, res, requestId, req.method, path, () => (res.locals.context as RequestContext | undefined)?.state);
    next();
  };
}

/** Error bodies Apollo writes before any plugin runs get the request ID (access-log.ts `withRequestIdInBody`). */
function requestIdOnHttpErrors() {
  return (_req: Request, res: Response, next: NextFunction) => {
    const send = res.send.bind(res);
    res.send = (body?: unknown) => send(res.statusCode >= 400 && typeof body === 'string' ? withRequestIdInBody(body, res.locals.requestId as string) : body);
    next();
  };
}

/** Body-parser refusals as GraphQL-shaped errors: 413 for a body over 1 MB, 400 for bad JSON. */
function bodyErrors(log: Logger) {
  return (error: { type?: string; status?: number } & Error, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = error.type === 'entity.too.large' ? 413 : error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) log.error({ err: { message: error.message, stack: error.stack }, requestId: res.locals.requestId }, 'unexpected error');
    res.status(status).json(requestErrorBody(status, res.locals.requestId as string));
  };
}

/** How long live sockets get to answer the server's close before they are cut. */
const LIVE_CLOSE_GRACE_MS = 1000;

/** How long a connection accepted before shutdown may take to send its request. */
const FRESH_CONNECTION_GRACE_MS = 1000;

/** Connections accepted whose first request has not arrived yet. */
function trackFreshConnections(httpServer: http.Server) {
  const fresh = new Set<net.Socket>();
  httpServer.on('connection', (socket: net.Socket) => {
    fresh.add(socket);
    socket.once('close', () => fresh.delete(socket));
  });
  httpServer.on('request', (req: Request) => fresh.delete(req.socket));
  return {
    /** Resolves once each of them has sent its request or closed, or after `maxMs`. */
    async settled(maxMs: number): Promise<void> {
      const deadline = Date.now() + maxMs;
      while (fresh.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    },
  };
}

/** HTTP requests received and not yet answered. */
function countRequestsInFlight(httpServer: http.Server): { readonly count: number } {
  const counter = { count: 0 };
  httpServer.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    counter.count++;
    res.once('close', () => counter.count--);
  });
  return counter;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}
