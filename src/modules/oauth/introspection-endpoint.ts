/**
 * `POST /oauth/introspect` (RFC 7662), answered on node's request before
 * Express, like the probes: a relying service may introspect on every one of
 * its own requests, so this path does only what the answer needs. The caller
 * is a service authenticating with its own access key (HTTP Basic or
 * `client_id`/`client_secret`, verified through the key cache, never argon2)
 * and holding `credentials.introspect`; a cached key costs no SQL. The rules,
 * the error bodies and the access log line are those of the other OAuth
 * endpoints (oauth.router.ts); the form is read here with the same limits as
 * Express's `urlencoded` there: 16 kB, 20 parameters, UTF-8, no repeats.
 */
import type http from 'node:http';
import proxyaddr from 'proxy-addr';
import { logWhenAnswered, requestIdFor } from '../../access-log';
import { OAuthError } from '../../errors';
import { isPlainUtf8, readBodyText, sendJson } from '../../node-http';
import type { Logger } from '../../logger';
import type { AuthService } from '../auth/auth.service';
import type { EffectivePermissions } from './effective-permissions';
import type { OAuthService } from './oauth.service';
import { audienceOf, clientCredentials, throttled } from './oauth.router';

export const INTROSPECTION_PATH = '/oauth/introspect';
const FORM_LIMIT_BYTES = 16 * 1024;
const PARAMETER_LIMIT = 20;

export interface IntrospectionEndpointDeps {
  oauth: OAuthService;
  auth: AuthService;
  permissions: EffectivePermissions;
  log: Logger;
  /** The access line's logger (logger.ts `accessLoggerOf`: not redacted, its fields are fixed). */
  accessLog: Logger;
  /** Express's compiled `trust proxy` setting, so the client address is what `req.ip` says elsewhere. */
  trustProxy: (address: string, hop: number) => boolean;
}

/** A handler for node's `request` event: answers `POST /oauth/introspect` and says so; leaves anything else alone. */
export function introspectionEndpoint(deps: IntrospectionEndpointDeps): (req: http.IncomingMessage, res: http.ServerResponse) => boolean {
  return (req, res) => {
    if (req.method !== 'POST' || req.url === undefined || !(req.url === INTROSPECTION_PATH || req.url.startsWith(`${INTROSPECTION_PATH}?`))) return false;
    const requestId = requestIdFor(req.headers['x-request-id']);
    res.setHeader('X-Request-Id', requestId);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    logWhenAnswered(deps.accessLog, res, requestId, 'POST', INTROSPECTION_PATH, () => undefined);
    readForm(req)
      .then((params) => answer(deps, req, requestId, params))
      .then(
        (body) => sendJson(res, 200, body),
        (error: unknown) => sendError(deps.log, res, requestId, error),
      );
    return true;
  };
}

async function answer(deps: IntrospectionEndpointDeps, req: http.IncomingMessage, requestId: string, params: Record<string, string>): Promise<object> {
  if (params.token === undefined) throw new OAuthError('invalid_request', 'token is required');
  const userAgent = req.headers['user-agent'];
  const origin = { requestId, ip: proxyaddr(req, deps.trustProxy) ?? req.socket.remoteAddress ?? 'unknown', userAgent: userAgent ?? null };
  const check = await deps.auth.checkKey(clientCredentials(req.headers.authorization, params), origin, deps.log, 'oauth.introspect');
  if (!check.ok) throw check.retryAfterSeconds !== undefined ? throttled(check.retryAfterSeconds) : new OAuthError('invalid_client', 'Client authentication failed');
  const held = await deps.permissions.of(check.owner.id, check.key.accountId, check.key);
  if (!held.has('credentials.introspect')) throw new OAuthError('unauthorized_client', 'Introspection requires the credentials.introspect permission');
  return deps.oauth.introspect(params.token, check.key.accountId, audienceOf(params));
}

/** Refused before the form is read: not a form, or not one Express's `urlencoded` would parse. */
class MalformedForm extends Error {}

const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;|$)/i;

/** The form as single strings (RFC 6749 §3.2 forbids repeating a parameter). */
function readForm(req: http.IncomingMessage): Promise<Record<string, string>> {
  const type = req.headers['content-type'] ?? '';
  if (!FORM_TYPE.test(type)) {
    req.resume();
    return Promise.reject(new OAuthError('invalid_request', 'The body must be application/x-www-form-urlencoded'));
  }
  if (!isPlainUtf8(req.headers)) {
    req.resume();
    return Promise.reject(new MalformedForm());
  }
  return readBodyText(req, FORM_LIMIT_BYTES).then((text) => {
    if (text === null) throw new MalformedForm();
    return formParams(text);
  });
}

function formParams(body: string): Record<string, string> {
  const params: Record<string, string> = {};
  let count = 0;
  for (const [name, value] of new URLSearchParams(body)) {
    if (++count > PARAMETER_LIMIT) throw new MalformedForm();
    if (Object.hasOwn(params, name)) throw new OAuthError('invalid_request', `${name.slice(0, 40)} is given more than once`);
    params[name] = value;
  }
  return params;
}

/** RFC 6749 §5.2 error bodies, as oauth.router.ts's `oauthErrors`; anything unexpected is a masked 500. */
function sendError(log: Logger, res: http.ServerResponse, requestId: string, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (error instanceof OAuthError) {
    if (error.status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="keywarden"');
    if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    sendJson(res, error.status, { error: error.code, error_description: error.description });
    return;
  }
  if (error instanceof MalformedForm) {
    sendJson(res, 400, { error: 'invalid_request', error_description: 'The form is too large or malformed' });
    return;
  }
  const { message, stack } = error as Error;
  log.error({ err: { message, stack }, requestId, path: INTROSPECTION_PATH }, 'unexpected error');
  sendJson(res, 500, { error: 'server_error', error_description: 'Internal server error' });
}
