/** Errors as a person reads them: each API error code (src/errors.ts) in words, with the server's own message. */
import type { CombinedError } from '@urql/core';
import type { ErrorCode } from '../../src/errors';
import { errorCode } from './api';

const WORDS: Record<ErrorCode, string> = {
  UNAUTHENTICATED: 'You are not signed in, or your session has ended.',
  FORBIDDEN: 'You are not allowed to do this.',
  NOT_FOUND: 'It does not exist, or you may not see it.',
  BAD_USER_INPUT: 'Some of what you entered is not valid.',
  CONFLICT: 'This conflicts with something that already exists.',
  PRECONDITION_FAILED: 'Someone changed this since you opened it.',
  KEY_LOCKED: 'The key is locked.',
  LIMIT_EXCEEDED: 'A limit of the account is reached.',
  RATE_LIMITED: 'Too many attempts.',
  INTERNAL_SERVER_ERROR: 'Something went wrong on the server.',
};

export interface Explained {
  title: string;
  detail: string;
  code: string | undefined;
}

export function explain(error: CombinedError): Explained {
  const code = errorCode(error);
  if (error.networkError) return { title: 'The server cannot be reached.', detail: error.networkError.message, code };
  const title = code && code in WORDS ? WORDS[code as ErrorCode] : 'The request failed.';
  return { title, detail: error.graphQLErrors.map((e) => e.message).join(' ') || error.message, code };
}
