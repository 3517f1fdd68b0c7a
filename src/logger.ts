/** Structured JSON logs (pino). Only fields we name are logged: never headers or variables. */
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

let currentSecond = Number.NaN;
let currentSecondPrefix = '';

/**
 * The `,"time":"…"` of a line: now in ISO 8601 UTC with milliseconds, exactly pino's `isoTime`. The text up to
 * the second is built once a second and the milliseconds appended: `toISOString` on every line cost ~1 µs of
 * the ~2.5 µs an access line took, and every request writes one.
 */
export function isoTimeField(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== currentSecond) {
    currentSecond = second;
    currentSecondPrefix = `,"time":"${new Date(second * 1000).toISOString().slice(0, 'YYYY-MM-DDTHH:mm:ss.'.length)}`;
  }
  const millis = now - second * 1000;
  return `${currentSecondPrefix}${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z"`;
}

/** What every line carries, and how its time is written. */
const BASE = { base: { service: 'keywarden' }, timestamp: isoTimeField };

/**
 * Without a destination, stdout written asynchronously (pino's SonicBoom, `sync: false`) and in blocks: lines wait
 * until a block of STDOUT_BLOCK_CHARACTERS is full or STDOUT_FLUSH_MS have passed (`BlockBuffered`), so a busy server makes one write per block
 * instead of one per access-log line (a write per request cost a sixth of an anonymous request here). A quiet
 * server's lines are out within STDOUT_FLUSH_MS. What is still buffered is written synchronously when the process
 * exits (process.exit included).
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

const STDOUT_BLOCK_CHARACTERS = 8192;
const STDOUT_FLUSH_MS = 100;

/**
 * Lines gathered into blocks before SonicBoom sees them. SonicBoom's own `minLength` does the same, but measures
 * the whole buffered string at every line (`Buffer.byteLength` of up to a block): several µs an access line.
 * Here a line costs an append; a block is handed over when it reaches STDOUT_BLOCK_CHARACTERS, or every
 * STDOUT_FLUSH_MS.
 */
class BlockBuffered implements DestinationStream {
  private pending = '';

  constructor(private readonly stream: ReturnType<typeof pino.destination>) {
    setInterval(() => this.flush(), STDOUT_FLUSH_MS).unref();
  }

  write(line: string): void {
    this.pending += line;
    if (this.pending.length >= STDOUT_BLOCK_CHARACTERS) this.flush();
  }

  private flush(): void {
    if (this.pending === '') return;
    const block = this.pending;
    this.pending = '';
    this.stream.write(block);
  }

  /** At exit: everything, written synchronously. */
  flushSync(): void {
    this.flush();
    this.stream.flushSync();
  }
}

let stdout: BlockBuffered | undefined;

function asyncStdout(): DestinationStream {
  if (!stdout) {
    const buffered = new BlockBuffered(pino.destination({ dest: 1, sync: false }));
    process.on('exit', () => {
      try {
        buffered.flushSync();
      } catch {
        // stdout gone (a closed pipe): nothing more can be written anyway
      }
    });
    stdout = buffered;
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
