/**
 * The error vocabulary of the API (DESIGN.md "Errors"): every error a client
 * sees carries one of these codes in `extensions.code`. Anything else is
 * masked to INTERNAL_SERVER_ERROR by `formatError`.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'KEY_LOCKED',
  'LIMIT_EXCEEDED',
  'RATE_LIMITED',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401, RATE_LIMITED: 429 };

export class KeywardenError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { code, ...extra } });
    this.name = 'KeywardenError';
  }
}

/** Nobody is logged in and the field needs someone. */
export const unauthenticated = () => new KeywardenError('UNAUTHENTICATED', 'Authentication required');
/** Credentials were presented and refused. The reason goes to the log and the audit trail only. */
export const invalidCredentials = () =>
  new KeywardenError('UNAUTHENTICATED', 'Invalid credentials', { http: { status: 401 } });
export const forbidden = (message = 'You are not allowed to do this') => new KeywardenError('FORBIDDEN', message);
export const notFound = (what = 'Resource') => new KeywardenError('NOT_FOUND', `${what} not found`);
export const badUserInput = (field: string, message: string) =>
  new KeywardenError('BAD_USER_INPUT', `${field}: ${message}`, { field });
export const conflict = (message: string, extra: Record<string, unknown> = {}) =>
  new KeywardenError('CONFLICT', message, extra);
export const preconditionFailed = () =>
  new KeywardenError('PRECONDITION_FAILED', 'ifMatch does not match the current etag: the resource changed; read it again');
export const keyLocked = () => new KeywardenError('KEY_LOCKED', 'The API key is locked: unlock it first');
export const limitExceeded = (message: string) => new KeywardenError('LIMIT_EXCEEDED', message);
export const rateLimited = (retryAfterSeconds: number) =>
  new KeywardenError('RATE_LIMITED', `Too many attempts; retry in ${retryAfterSeconds}s`, {
    retryAfterSeconds,
    http: { status: 429 },
  });

/**
 * Why the server closes a live (WebSocket) connection, and the words it gives: the reason never names the
 * credential or why exactly it was refused (that goes to the log and the audit trail, as for HTTP).
 * graphql-ws clients do not reconnect after 4401; they do after 4403, 1012 and 1013.
 */
export const SOCKET_CLOSE = {
  /** No credential in `connection_init`, a refused one, or one that has ended since (logged out, key deleted, …). */
  unauthorized: { code: 4401, reason: 'Unauthorized' },
  /** Authenticated, but not allowed: the account named, or too many connections for this principal. */
  forbidden: { code: 4403, reason: 'Forbidden' },
  tooManyConnections: { code: 4403, reason: 'Forbidden: too many connections' },
  /** Too many refused credentials from this address: retry later. */
  rateLimited: { code: 4403, reason: 'Forbidden: too many attempts' },
  /** The server is stopping: connect again (another node, or this one once it is back). */
  serviceRestart: { code: 1012, reason: 'Service restart' },
  /** The credential could not be checked (the database is away): connect again later. */
  tryAgainLater: { code: 1013, reason: 'Try again later' },
} as const;

/**
 * Marks an error of a dependency that is away or missed its deadline (the database, SMTP, …): the
 * client gets INTERNAL_SERVER_ERROR as for any other unexpected error, with HTTP 503 so that load
 * balancers and clients know to retry. Apollo reads the status from `extensions.http` of the error
 * thrown, in a resolver or while building the context; `formatError` never shows it.
 */
export function markUnavailable<E extends object>(error: E): E {
  Object.defineProperty(error, 'extensions', {
    value: { code: 'INTERNAL_SERVER_ERROR', http: { status: 503 } },
    enumerable: false,
    configurable: true,
    writable: true,
  });
  return error;
}

export function httpStatusOf(code: ErrorCode): number | undefined {
  return HTTP_STATUS[code];
}

/** Apollo's own codes for requests that never ran: all of them are the client's input. */
const CLIENT_INPUT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

/** class-validator errors → "input.name: must be shorter than or equal to 128 characters". */
function describeValidation(errors: ValidationErrorLike[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => ({ field, message: m.replace(new RegExp(`^${e.property} `), '') }));
    return [...own, ...describeValidation(e.children ?? [], field)];
  });
}

/**
 * Apollo `formatError`: keeps our codes, turns every input problem into
 * BAD_USER_INPUT, and masks everything else. Stack traces never leave the
 * server unless `NODE_ENV=development`.
 */
export function createFormatError(development: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.code as string | undefined;
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

    const validationErrors = (original as { extensions?: { validationErrors?: ValidationErrorLike[] } } | undefined)?.extensions
      ?.validationErrors;
    if (Array.isArray(validationErrors)) {
      const problems = describeValidation(validationErrors);
      return {
        ...base,
        message: `Invalid input: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
        extensions: { code: 'BAD_USER_INPUT', fields: problems.map((p) => p.field) },
      };
    }
    if (code && (ERROR_CODES as readonly string[]).includes(code) && code !== 'INTERNAL_SERVER_ERROR') {
      const { stacktrace: _s, http: _h, ...extensions } = formatted.extensions ?? {};
      return { ...base, extensions };
    }
    if (code && CLIENT_INPUT_CODES.has(code)) {
      return { ...base, extensions: { code: 'BAD_USER_INPUT' } };
    }
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: development
        ? { code: 'INTERNAL_SERVER_ERROR', debugMessage: formatted.message, stacktrace: formatted.extensions?.stacktrace }
        : { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/**
 * The error codes of the OAuth endpoints (RFC 6749 §5.2; `invalid_target` RFC 8707 §2;
 * `temporarily_unavailable` RFC 6749 §4.1.2.1, here for a throttled address), each with its HTTP status.
 */
const OAUTH_HTTP_STATUS = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  invalid_scope: 400,
  invalid_target: 400,
  unsupported_grant_type: 400,
  // The introspection endpoint's caller is authenticated but lacks credentials.introspect.
  unauthorized_client: 403,
  temporarily_unavailable: 429,
} as const satisfies Record<string, number>;
export type OAuthErrorCode = keyof typeof OAUTH_HTTP_STATUS;

/** An OAuth error response: `{error, error_description}` with its status. Descriptions never say why credentials failed. */
export class OAuthError extends Error {
  readonly status: number;
  constructor(
    readonly code: OAuthErrorCode,
    readonly description: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(description);
    this.name = 'OAuthError';
    this.status = OAUTH_HTTP_STATUS[code];
  }
}
