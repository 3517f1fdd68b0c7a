/**
 * Live subscriptions (DESIGN.md "Live notifications"): `graphql-ws`
 * (`graphql-transport-ws`) over `ws`, on `/graphql` of the API's own HTTP
 * server, running the same guarded schema as HTTP (graphql-shield included).
 *
 * - Authentication: `connection_init` carries `{ authorization: "Bearer kws_…" | "ApiKey kw_…" }`,
 *   checked by the same code as the HTTP `Authorization` header (`buildContext` → `AuthService.identify`).
 *   No credential, or a refused one: closed with 4401; authenticated but not allowed: 4403. The close
 *   reason never says more than that.
 * - The credential is checked again before each event is delivered, every `WS_RECHECK_INTERVAL_MS`, and at
 *   once when a key or session may have ended (the stream's "credential changed" signal): once it no
 *   longer authenticates (logged out, expired, key deleted, disabled, locked out by its rules, expired,
 *   owner disabled) the socket is closed with 4401 and nothing more is delivered.
 * - Limits: `WS_MAX_CONNECTIONS_PER_PRINCIPAL` sockets per principal on this node, `WS_MAX_MESSAGE_BYTES`
 *   per client message, `WS_INIT_TIMEOUT_MS` to send `connection_init`, and MAX_SUBSCRIPTIONS_PER_CONNECTION
 *   operations at once on one socket. Only subscriptions are served here: queries and mutations go to HTTP,
 *   where their limits, metrics and access log apply.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import {
  GraphQLError,
  MaxIntrospectionDepthRule,
  getOperationAST,
  parse,
  specifiedRules,
  subscribe as graphqlSubscribe,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
} from 'graphql';
import { makeServer } from 'graphql-ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { LiveConfig } from './config';
import { buildContext, type IncomingRequest, type RequestContext } from './context';
import { createFormatError, SOCKET_CLOSE } from './errors';
import type { Logger } from './logger';
import type { Invalidation } from './cache-invalidation';
import type { Services } from './services';

export const SUBSCRIPTIONS_PATH = '/graphql';
/** Operations one socket may run at once. */
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 10;
const GRAPHQL_TRANSPORT_WS = 'graphql-transport-ws';

type Close = { code: number; reason: string };

/** One authenticated socket. */
class LiveConnection {
  private checking: Promise<boolean> | null = null;
  private readonly timer: NodeJS.Timeout;
  closed = false;

  constructor(
    readonly socket: WebSocket,
    readonly request: IncomingRequest,
    readonly context: RequestContext,
    private readonly services: Services,
    recheckIntervalMs: number,
  ) {
    this.timer = setInterval(() => void this.check(), recheckIntervalMs);
    this.timer.unref();
  }

  get principalId(): string {
    return this.context.identity!.principal.id;
  }

  /** Is this change about the credential this socket authenticated with? */
  /** Whether a cache invalidation may have ended this connection's credential. */
  concerns(change: Invalidation): boolean {
    const identity = this.context.identity!;
    switch (change.kind) {
      case 'principal':
        return change.id === identity.principal.id;
      case 'key':
        return change.id === identity.apiKey?.id;
      case 'session':
        return change.id === identity.sessionId;
      case 'permissions':
        return false;
      case 'all':
        return true;
    }
  }

  /**
   * Checks the credential again, as HTTP would check it on a new request; closes the socket and answers
   * false when it no longer authenticates this principal. One check at a time: callers meanwhile share it.
   */
  check(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    this.checking ??= this.recheck().finally(() => (this.checking = null));
    return this.checking;
  }

  private async recheck(): Promise<boolean> {
    let verdict: Awaited<ReturnType<Services['auth']['identify']>>;
    try {
      verdict = await this.services.auth.identify(this.request, this.context.log, { recheck: true });
    } catch (error) {
      // Our failure, not the caller's: nothing unverified is delivered, and the client comes back later.
      this.context.log.warn({ err: { message: (error as Error).message } }, 'live connection: could not check the credential again');
      this.close(SOCKET_CLOSE.tryAgainLater);
      return false;
    }
    if (this.closed) return false;
    const before = this.context.identity!;
    const now = verdict.identity;
    if (!now || now.principal.id !== before.principal.id || (now.apiKey?.id ?? null) !== (before.apiKey?.id ?? null)) {
      this.context.log.info({ principalId: before.principal.id }, 'live connection closed: its credential ended');
      this.close(SOCKET_CLOSE.unauthorized);
      return false;
    }
    if (verdict.error) {
      this.close(SOCKET_CLOSE.forbidden);
      return false;
    }
    return true;
  }

  close(how: Close): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.socket.close(how.code, how.reason);
  }

  /** The socket closed (either side): stop checking. */
  ended(): void {
    this.closed = true;
    clearInterval(this.timer);
  }
}

export interface LiveServer {
  /** Open sockets (authenticated or not yet). */
  readonly socketCount: number;
  /** Authenticated sockets. */
  readonly connectionCount: number;
  /**
   * Refuses new sockets, asks every open one to close (1012 Service restart: clients reconnect elsewhere)
   * and waits for them until `deadline` (epoch ms), then cuts the rest. True when all closed cleanly.
   */
  close(deadline: number): Promise<boolean>;
}

export function serveSubscriptions(
  httpServer: http.Server,
  schema: GraphQLSchema,
  services: Services,
  limits: LiveConfig,
  options: { trustProxy: boolean; development: boolean },
): LiveServer {
  const log = services.log.child({ component: 'live' });
  const formatError = createFormatError(options.development);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxMessageBytes,
    handleProtocols: (protocols) => (protocols.has(GRAPHQL_TRANSPORT_WS) ? GRAPHQL_TRANSPORT_WS : false),
  });
  const connections = new Map<WebSocket, LiveConnection>();
  const byContext = new WeakMap<RequestContext, LiveConnection>();
  const byPrincipal = new Map<string, Set<LiveConnection>>();
  let stopping = false;

  const stopWatching = services.invalidation.listen((change) => {
    for (const connection of connections.values()) if (connection.concerns(change)) void connection.check();
  });

  const release = (connection: LiveConnection) => {
    connection.ended();
    const mine = byPrincipal.get(connection.principalId);
    mine?.delete(connection);
    if (mine?.size === 0) byPrincipal.delete(connection.principalId);
  };

  const server = makeServer<Record<string, unknown>, { socket: WebSocket; request: http.IncomingMessage }>({
    schema,
    connectionInitWaitTimeout: limits.initTimeoutMs,
    async onConnect(ctx) {
      const { socket, request } = ctx.extra;
      const refuse = (how: Close) => {
        socket.close(how.code, how.reason);
        return false;
      };
      if (stopping) return refuse(SOCKET_CLOSE.serviceRestart);
      const params = ctx.connectionParams ?? {};
      const authorization = typeof params.authorization === 'string' ? params.authorization : typeof params.Authorization === 'string' ? params.Authorization : undefined;
      if (!authorization) return refuse(SOCKET_CLOSE.unauthorized);
      const incoming: IncomingRequest = {
        requestId: randomUUID(),
        ip: clientAddress(request, options.trustProxy),
        userAgent: request.headers['user-agent'] ?? null,
        authorization,
        accountIdHeader: typeof params.accountId === 'string' ? params.accountId : undefined,
      };
      let context: RequestContext;
      try {
        context = await buildContext(services, incoming);
      } catch (error) {
        log.warn({ err: { message: (error as Error).message }, requestId: incoming.requestId }, 'live connection refused: the credential could not be checked');
        return refuse(SOCKET_CLOSE.tryAgainLater);
      }
      if (context.requestError || !context.identity) {
        const code = context.requestError?.extensions?.code;
        return refuse(code === 'RATE_LIMITED' ? SOCKET_CLOSE.rateLimited : code === 'FORBIDDEN' ? SOCKET_CLOSE.forbidden : SOCKET_CLOSE.unauthorized);
      }
      if (socket.readyState !== socket.OPEN || stopping) return refuse(SOCKET_CLOSE.serviceRestart);
      const principalId = context.identity.principal.id;
      const mine = byPrincipal.get(principalId) ?? new Set<LiveConnection>();
      if (mine.size >= limits.maxConnectionsPerPrincipal) {
        context.log.info({ principalId, open: mine.size }, 'live connection refused: too many for this principal');
        return refuse(SOCKET_CLOSE.tooManyConnections);
      }
      const connection = new LiveConnection(socket, incoming, context, services, limits.recheckIntervalMs);
      mine.add(connection);
      byPrincipal.set(principalId, mine);
      connections.set(socket, connection);
      byContext.set(context, connection);
      context.log.info({ principalId, method: context.identity.method }, 'live connection opened');
      return true;
    },
    async onSubscribe(ctx, _id, payload) {
      const connection = connections.get(ctx.extra.socket);
      if (!connection) return [new GraphQLError('Unauthorized', { extensions: { code: 'UNAUTHENTICATED' } })];
      if (Object.keys(ctx.subscriptions).length > MAX_SUBSCRIPTIONS_PER_CONNECTION) {
        return [new GraphQLError(`At most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} operations at once on one connection`, { extensions: { code: 'LIMIT_EXCEEDED' } })];
      }
      let document: DocumentNode;
      try {
        document = parse(payload.query);
      } catch (error) {
        return [new GraphQLError((error as Error).message, { extensions: { code: 'BAD_USER_INPUT' } })];
      }
      const invalid = validate(schema, document, [...specifiedRules, MaxIntrospectionDepthRule]);
      if (invalid.length > 0) return invalid.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'BAD_USER_INPUT' } }));
      const operation = getOperationAST(document, payload.operationName);
      if (!operation) return [new GraphQLError('Name the operation to run (operationName)', { extensions: { code: 'BAD_USER_INPUT' } })];
      if (operation.operation !== 'subscription') {
        return [new GraphQLError('Only subscriptions are served over WebSocket: send queries and mutations to /graphql over HTTP', { extensions: { code: 'BAD_USER_INPUT' } })];
      }
      const args: ExecutionArgs = {
        schema,
        document,
        operationName: payload.operationName,
        variableValues: payload.variables,
        contextValue: connection.context,
      };
      return args;
    },
    // Each event is delivered only after the credential is checked again (a key from the cache: no query).
    async subscribe(args) {
      const result = await graphqlSubscribe(args);
      const connection = byContext.get(args.contextValue as RequestContext);
      if (!connection || !(Symbol.asyncIterator in result)) return result;
      return checkedEach(result, () => connection.check());
    },
    // Errors leave as they do over HTTP: our codes kept, anything unexpected masked.
    onNext(_ctx, _id, _payload, _args, result) {
      if (!result.errors?.length) return undefined;
      return { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) } as never;
    },
    onError(_ctx, _id, _payload, errors) {
      return errors.map((error) => formatError(error.toJSON(), error));
    },
    onClose(ctx) {
      const connection = connections.get(ctx.extra.socket);
      if (!connection) return;
      connections.delete(ctx.extra.socket);
      release(connection);
    },
  });

  wss.on('connection', (socket: WebSocket, request: http.IncomingMessage) => {
    // A socket error (a client that breaks the protocol's framing, one over the size limit) ends that socket only.
    socket.on('error', (error) => log.info({ err: { message: error.message } }, 'live socket error'));
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            socket.send(data, () => resolve());
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', async (data) => {
            try {
              await handle(String(data));
            } catch (error) {
              // Never the error's text: it could name what the client sent.
              log.warn({ err: { message: (error as Error).message } }, 'live message handling failed');
              socket.close(4400, 'Bad request');
            }
          }),
      },
      { socket, request },
    );
    socket.once('close', (code, reason) => void closed(code, String(reason)));
  });

  httpServer.on('upgrade', (request: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== SUBSCRIPTIONS_PATH || stopping) {
      socket.end(`HTTP/1.1 ${stopping ? '503 Service Unavailable' : '404 Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });

  return {
    get socketCount() {
      return wss.clients.size;
    },
    get connectionCount() {
      return connections.size;
    },
    async close(deadline) {
      stopping = true;
      stopWatching();
      for (const connection of connections.values()) connection.ended();
      for (const socket of wss.clients) socket.close(SOCKET_CLOSE.serviceRestart.code, SOCKET_CLOSE.serviceRestart.reason);
      while (wss.clients.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      const clean = wss.clients.size === 0;
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      return clean;
    },
  };
}

/** The events of `source`, each let through only if `stillAllowed()` says so; the first refusal ends the stream. */
function checkedEach<T>(source: AsyncIterable<T>, stillAllowed: () => Promise<boolean>): AsyncIterableIterator<T> {
  const inner = source[Symbol.asyncIterator]();
  const iterator: AsyncIterableIterator<T> = {
    async next() {
      const result = await inner.next();
      if (result.done) return result;
      if (await stillAllowed()) return result;
      await inner.return?.();
      return { value: undefined, done: true };
    },
    // Forwarded at once, even while `next` waits for an event: the bus subscription ends now, not at the next event.
    async return() {
      await inner.return?.();
      return { value: undefined, done: true };
    },
    async throw(error?: unknown) {
      await inner.return?.();
      throw error;
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/** The caller's address as Express reports `req.ip`: the socket's, or with TRUST_PROXY the left-most X-Forwarded-For. */
function clientAddress(request: http.IncomingMessage, trustProxy: boolean): string {
  const forwarded = request.headers['x-forwarded-for'];
  const first = typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined;
  return (trustProxy && first) || request.socket.remoteAddress || 'unknown';
}
