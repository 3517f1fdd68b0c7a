/** Structured JSON logs (pino). Only fields we name are logged: never headers or variables. */
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'keywarden' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Defence in depth: these keys must never carry a secret, whatever a caller passes.
      redact: {
        paths: ['password', 'secret', 'token', 'authorization', '*.password', '*.secret', '*.token', '*.authorization'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
