/**
 * `POST /graphql` with a JSON body — the request the API serves most by far — answered on node's request
 * before Express, like the probes and introspection: the body read here (1 MB, UTF-8), the operation run by
 * Apollo (`executeHTTPGraphQLRequest`, as the Express integration calls it), the answer written straight.
 * Express's routing, body-parser and the integration's `url.parse` cost about a fifth of an anonymous request
 * (bench/HISTORY.md). Anything else sent to /graphql (a GET, another content type, a compressed body, a charset
 * other than UTF-8, no body) goes on to Express, which answers it as it always has; both paths give the same
 * request ID, error bodies and access line.
 */
import type http from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import proxyaddr from 'proxy-addr';
import { logWhenAnswered, requestErrorBody, requestIdFor, withRequestIdInBody } from './access-log';
import { buildContext, type RequestContext } from './context';
import type { Logger } from './logger';
import { isPlainUtf8, readBodyText, sendJson } from './node-http';
import type { Services } from './services';

export const GRAPHQL_PATH = '/graphql';
/** Express's `json({ limit: '1mb' })`, the limit of the other path. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface GraphqlEndpointDeps {
  apollo: ApolloServer<RequestContext>;
  services: Services;
  log: Logger;
  /** The access line's logger (logger.ts `accessLoggerOf`). */
  accessLog: Logger;
  /** Express's compiled `trust proxy` setting, so the client address is what `req.ip` says on the other path. */
  trustProxy: (address: string, hop: number) => boolean;
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/** A handler for node's `request` event: answers a JSON `POST /graphql` and says so; leaves anything else alone. */
export function graphqlEndpoint(deps: GraphqlEndpointDeps): (req: http.IncomingMessage, res: http.ServerResponse) => boolean {
  return (req, res) => {
    if (req.method !== 'POST' || !isGraphqlPath(req.url) || !isPlainJson(req.headers)) return false;
    const requestId = requestIdFor(req.headers['x-request-id']);
    res.setHeader('X-Request-Id', requestId);
    let context: RequestContext | undefined;
    logWhenAnswered(deps.accessLog, res, requestId, 'POST', GRAPHQL_PATH, () => context?.state);
    readBodyText(req, BODY_LIMIT_BYTES)
      .then(async (text) => {
        if (text === null) return sendJson(res, 413, requestErrorBody(413, requestId));
        const body = jsonBody(text);
        if (body === undefined) return sendJson(res, 400, requestErrorBody(400, requestId));
        await answer(deps, req, res, requestId, body, (made) => (context = made));
      })
      .catch((error: unknown) => {
        const { message, stack } = error as Error;
        deps.log.error({ err: { message, stack }, requestId, path: GRAPHQL_PATH }, 'unexpected error');
        if (res.headersSent) res.destroy();
        else sendJson(res, 500, requestErrorBody(500, requestId));
      });
    return true;
  };
}

async function answer(deps: GraphqlEndpointDeps, req: http.IncomingMessage, res: http.ServerResponse, requestId: string, body: unknown, made: (context: RequestContext) => void): Promise<void> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const url = req.url as string;
  const query = url.indexOf('?');
  const response = await deps.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers, search: query === -1 ? '' : url.slice(query), body },
    context: async () => {
      const userAgent = req.headers['user-agent'];
      const context = await buildContext(deps.services, {
        requestId,
        ip: proxyaddr(req, deps.trustProxy) ?? req.socket.remoteAddress ?? 'unknown',
        userAgent: userAgent ?? null,
        authorization: req.headers.authorization,
        accountIdHeader: req.headers['x-account-id'] as string | undefined,
      });
      made(context);
      return context;
    },
  });
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') {
    const text = res.statusCode >= 400 ? withRequestIdInBody(response.body.string, requestId) : response.body.string;
    res.setHeader('Content-Length', Buffer.byteLength(text));
    res.end(text);
    return;
  }
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

function isGraphqlPath(url: string | undefined): boolean {
  return url === GRAPHQL_PATH || (url !== undefined && url.startsWith(`${GRAPHQL_PATH}?`));
}

/** JSON in UTF-8, not compressed, with a body: what Express's `json()` would read. Anything else goes to Express. */
function isPlainJson(headers: http.IncomingHttpHeaders): boolean {
  const type = headers['content-type'];
  if (type === undefined || !JSON_TYPE.test(type) || !isPlainUtf8(headers)) return false;
  return headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined;
}

/**
 * The body as body-parser's strict JSON reads it: an object or an array (anything else is refused), an empty
 * body as `{}`, a byte-order mark dropped. `undefined` when it is not JSON.
 */
function jsonBody(text: string): unknown {
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = /^[\x20\x09\x0a\x0d]*(.)/s.exec(json)?.[1];
  if (first === undefined) return {};
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return undefined;
  }
}
