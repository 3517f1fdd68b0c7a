/**
 * The OAuth 2.0 endpoints over HTTP: the token endpoint (RFC 6749, RFC 8707
 * `resource`), introspection (RFC 7662), authorization server metadata
 * (RFC 8414) and the JWKS. Form parsing, client authentication and error
 * bodies live here; what is granted is decided by OAuthService.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { OAuthError } from '../../errors';
import type { Logger } from '../../logger';
import { isWellFormedAccessKeyId, isWellFormedApiKeyToken, isWellFormedSecretAccessKey } from '../api-keys/key-format';
import type { AuthService, PresentedKey } from '../auth/auth.service';
import type { EffectivePermissions } from './effective-permissions';
import { API_KEY_GRANT, type OAuthService } from './oauth.service';

const FORM_LIMIT = '16kb';

export interface OAuthRouterDeps {
  oauth: OAuthService;
  auth: AuthService;
  permissions: EffectivePermissions;
  log: Logger;
}

export function oauthRouter({ oauth, auth, permissions, log }: OAuthRouterDeps): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: FORM_LIMIT, parameterLimit: 20 });

  router.get('/.well-known/oauth-authorization-server', (_req, res) => void res.json(oauth.metadata()));
  router.get('/.well-known/jwks.json', async (_req, res, next) => {
    try {
      res.setHeader('Cache-Control', 'public, max-age=300');
      res.json(await oauth.jwks());
    } catch (error) {
      next(error);
    }
  });

  // RFC 6749 §4.4 (client_credentials with an access key) and the API-key grant.
  router.post('/oauth/token', form, async (req, res, next) => {
    try {
      const params = formParams(req);
      const grantType = params.grant_type;
      if (!grantType) throw new OAuthError('invalid_request', 'grant_type is required');
      let presented: PresentedKey;
      let refusal: OAuthError;
      if (grantType === 'client_credentials') {
        presented = clientCredentials(req.get('authorization'), params);
        refusal = new OAuthError('invalid_client', 'Client authentication failed');
      } else if (grantType === API_KEY_GRANT) {
        if (!params.api_key) throw new OAuthError('invalid_request', 'api_key is required');
        presented = isWellFormedApiKeyToken(params.api_key) ? { kind: 'apiKey', token: params.api_key } : { kind: 'malformed', reason: 'bad API key token' };
        refusal = new OAuthError('invalid_grant', 'The API key is not valid');
      } else {
        throw new OAuthError('unsupported_grant_type', 'Supported: client_credentials and urn:keywarden:params:oauth:grant-type:api-key');
      }
      const audience = audienceOf(params);
      if (!audience) throw new OAuthError('invalid_request', 'audience (or resource) is required: the audience of the service the token is for');
      const origin = originOf(req, res);
      const check = await auth.checkKey(presented, origin, log, 'oauth.token');
      if (!check.ok) throw check.retryAfterSeconds !== undefined ? throttled(check.retryAfterSeconds) : refusal;
      const token = await oauth.issue({ ...origin, identity: null, activeAccountId: null }, check.key, check.owner, audience, params.scope);
      noStore(res).json(token);
    } catch (error) {
      next(error);
    }
  });

  // POST /oauth/introspect is answered before Express: introspection-endpoint.ts.

  router.use('/oauth/token', oauthErrors(log));
  return router;
}

/**
 * The client's access key: HTTP Basic (RFC 6749 §2.3.1, form-urlencoded id and
 * secret) or `client_id`/`client_secret` in the body, never both (§2.3).
 */
export function clientCredentials(header: string | undefined, params: Record<string, string | undefined>): PresentedKey {
  const inBody = params.client_id !== undefined || params.client_secret !== undefined;
  let id: string | undefined;
  let secret: string | undefined;
  if (header !== undefined) {
    if (inBody) throw new OAuthError('invalid_request', 'Authenticate the client one way: HTTP Basic or client_secret in the body, not both');
    const match = /^\s*basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header);
    const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    if (colon < 0) return { kind: 'malformed', reason: 'bad Basic credentials' };
    id = formDecode(decoded.slice(0, colon));
    secret = formDecode(decoded.slice(colon + 1));
  } else if (inBody) {
    id = params.client_id;
    secret = params.client_secret;
  } else {
    throw new OAuthError('invalid_client', 'Client authentication is required: an access key as HTTP Basic or client_id and client_secret');
  }
  return id !== undefined && secret !== undefined && isWellFormedAccessKeyId(id) && isWellFormedSecretAccessKey(secret)
    ? { kind: 'accessKey', accessKeyId: id, secretAccessKey: secret }
    : { kind: 'malformed', reason: 'bad access key pair' };
}

function formDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** `audience`, or RFC 8707 `resource`; the two must agree when both are given. */
export function audienceOf(params: Record<string, string | undefined>): string | undefined {
  if (params.audience !== undefined && params.resource !== undefined && params.audience !== params.resource) {
    throw new OAuthError('invalid_request', 'audience and resource name different services');
  }
  return params.audience ?? params.resource;
}

/** The form as single strings: RFC 6749 §3.2 forbids repeating a parameter. */
function formParams(req: Request): Record<string, string | undefined> {
  if (!req.is('application/x-www-form-urlencoded')) throw new OAuthError('invalid_request', 'The body must be application/x-www-form-urlencoded');
  const params: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries((req.body ?? {}) as Record<string, unknown>)) {
    if (typeof value !== 'string') throw new OAuthError('invalid_request', `${name.slice(0, 40)} is given more than once`);
    params[name] = value;
  }
  return params;
}

function originOf(req: Request, res: Response) {
  return { requestId: res.locals.requestId as string, ip: req.ip ?? req.socket.remoteAddress ?? 'unknown', userAgent: req.get('user-agent') ?? null };
}

export function throttled(retryAfterSeconds: number): OAuthError {
  return new OAuthError('temporarily_unavailable', 'Too many refused credentials from this address; retry later', retryAfterSeconds);
}

/** RFC 6749 §5.1: token responses are not cached. */
export function noStore(res: Response): Response {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Pragma', 'no-cache');
  return res;
}

/** RFC 6749 §5.2 error bodies; a 401 says how to authenticate (WWW-Authenticate). Anything unexpected is a masked 500. */
function oauthErrors(log: Logger) {
  return (error: Error & { type?: string; status?: number }, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    noStore(res);
    if (error instanceof OAuthError) {
      if (error.status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="keywarden"');
      if (error.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(error.retryAfterSeconds));
      res.status(error.status).json({ error: error.code, error_description: error.description });
      return;
    }
    if (error.type === 'entity.too.large' || error.type === 'parameters.too.many' || (error.status && error.status >= 400 && error.status < 500)) {
      res.status(400).json({ error: 'invalid_request', error_description: 'The form is too large or malformed' });
      return;
    }
    log.error({ err: { message: error.message, stack: error.stack }, requestId: res.locals.requestId, path: req.path }, 'unexpected error');
    res.status(500).json({ error: 'server_error', error_description: 'Internal server error' });
  };
}
