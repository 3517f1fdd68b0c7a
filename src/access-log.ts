/**
 * What every HTTP answer shares, on whichever path it is answered (node's request for the probes,
 * `POST /graphql` and introspection; Express for the rest): the request ID and the access-log line.
 */
import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Logger } from './logger';

/** An incoming X-Request-Id is kept only when it is this sane; otherwise a new one is made. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The request's ID: the caller's X-Request-Id if sane, else a new UUID. */
export function requestIdFor(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** What the access line says of the outcome, known once the answer is written. */
export interface AnswerState {
  operationName?: string;
  outcome?: string;
}

/**
 * One access line (`"msg":"request"`) when `res` closes: request ID, method, path (never the query string),
 * status, operation name, duration and outcome — never a header or a variable. `log` is the access logger
 * (logger.ts `accessLoggerOf`).
 */
export function logWhenAnswered(log: Logger, res: http.ServerResponse, requestId: string, method: string, path: string, state: () => AnswerState | undefined): void {
  const started = process.hrtime.bigint();
  res.on('close', () => {
    const answered = state();
    log.info(
      {
        requestId,
        method,
        path,
        status: res.statusCode,
        operationName: answered?.operationName,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        outcome: answered?.outcome ?? (res.statusCode < 400 ? 'ok' : 'error'),
      },
      'request',
    );
  });
}

/**
 * A JSON error body with `extensions.requestId` added. Apollo answers some refusals before any plugin runs
 * (the CSRF check, a method other than GET or POST), so `requestPlugin` never sees them. Anything that is not a
 * JSON object, or already carries the ID, is left as it is.
 */
export function withRequestIdInBody(body: string, requestId: string): string {
  if (!body.startsWith('{')) return body;
  let parsed: { extensions?: Record<string, unknown> };
  try {
    parsed = JSON.parse(body) as { extensions?: Record<string, unknown> };
  } catch {
    return body;
  }
  if (parsed.extensions?.requestId !== undefined) return body;
  return JSON.stringify({ ...parsed, extensions: { ...parsed.extensions, requestId } });
}

/** The GraphQL-shaped body of a refusal made before GraphQL runs (the body limit, bad JSON, a failure). */
export function requestErrorBody(status: number, requestId: string): { errors: { message: string; extensions: { code: string } }[]; extensions: { requestId: string } } {
  const message = status === 413 ? 'The request body is larger than 1 MB' : status === 500 ? 'Internal server error' : 'The request body is not valid JSON';
  return { errors: [{ message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT' } }], extensions: { requestId } };
}
