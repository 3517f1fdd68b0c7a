/** Structured JSON logs (pino). Only fields we name are logged: never headers or variables. */
import fs from 'node:fs';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** What every line carries, and how its time is written. */
const BASE = { base: { service: 'keywarden' }, timestamp: pino.stdTimeFunctions.isoTime };

/**
 * Without a destination, stdout written asynchronously (pino's SonicBoom, `sync: false`), the lines of one
 * event-loop turn in one write (`TurnBatched` below). What is still pending or buffered is written
 * synchronously when the process exits (process.exit included).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      ...BASE,
      // Defence in depth: these keys must never carry a secret, whatever a caller passes.
      redact: {
        paths: ['password', 'secret', 'token', 'authorization', '*.password', '*.secret', '*.token', '*.authorization'],
        censor: '[redacted]',
      },
    },
    destination ?? asyncStdout(),
  );
}

const accessLoggers = new WeakMap<Logger, Logger>();

/**
 * The logger of the access lines (`"msg":"request"`): the level, base fields, timestamp and destination of
 * `log` (a root logger), without redaction. An access line has fixed fields with scalar values only (request ID,
 * method, path, status, operation name, duration, outcome), none of them a key redaction censors; and
 * redaction cost ~2.7 µs of the ~4 µs of such a line here, on every request. Anything else is logged through
 * `log`, redacted as always.
 */
export function accessLoggerOf(log: Logger): Logger {
  let access = accessLoggers.get(log);
  if (!access) {
    const destination = (log as unknown as Record<symbol, DestinationStream>)[pino.symbols.streamSym];
    access = pino({ level: log.level, ...BASE }, destination);
    accessLoggers.set(log, access);
  }
  return access;
}

/**
 * Lines logged in one event-loop turn handed to SonicBoom as one write, at the end of the turn (setImmediate).
 * SonicBoom alone joins only the lines logged while a write is in flight; at thousands of requests a second
 * that was still about one write per access line, each a thread-pool job and a wake-up of whoever reads
 * stdout (introspection of a cached key answered ~12% more a second with this, in interleaved rounds). A line
 * waits at most until the end of its turn, never for a timer or a size.
 */
class TurnBatched implements DestinationStream {
  private pending = '';
  private scheduled = false;

  constructor(
    private readonly stream: ReturnType<typeof pino.destination>,
    private readonly fd: number,
  ) {}

  write(line: string): void {
    this.pending += line;
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.flush);
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.stream.write(text);
  };

  /**
   * At exit: SonicBoom's buffer, then what this turn logged, both written synchronously. Not through
   * `stream.write`, which starts an asynchronous write when none is in flight — one the exiting process
   * might never make.
   */
  flushSync(): void {
    const text = this.pending;
    this.pending = '';
    this.stream.flushSync();
    let rest = Buffer.from(text, 'utf8');
    for (let attempts = 0; rest.length > 0 && attempts < 100; attempts++) {
      try {
        rest = rest.subarray(fs.writeSync(this.fd, rest));
      } catch (error) {
        // A full pipe (non-blocking stdout): wait a millisecond for the reader, then try again.
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
      }
    }
  }
}

let stdout: TurnBatched | undefined;

function asyncStdout(): DestinationStream {
  if (!stdout) {
    const batched = new TurnBatched(pino.destination({ dest: 1, sync: false }), 1);
    process.on('exit', () => {
      try {
        batched.flushSync();
      } catch {
        // stdout gone (a closed pipe): nothing more can be written anyway
      }
    });
    stdout = batched;
  }
  return stdout;
}

/**
 * `parent.child(bindings)`, made on first use. A request's logger is needed only when something is logged for it
 * (a refusal, an error), and pino's child costs more than the rest of an anonymous request's context.
 */
export function lazyChild(parent: Logger, bindings: Record<string, unknown>): Logger {
  let child: Logger | undefined;
  const made = () => (child ??= parent.child(bindings));
  return new Proxy({} as Logger, {
    get(_target, property) {
      const logger = made();
      const value = Reflect.get(logger, property, logger) as unknown;
      return typeof value === 'function' ? value.bind(logger) : value;
    },
    set(_target, property, value) {
      return Reflect.set(made(), property, value);
    },
    has(_target, property) {
      return Reflect.has(made(), property);
    },
  });
}
