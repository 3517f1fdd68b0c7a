/** `npm start`: reads the configuration, starts the server, stops gracefully on SIGTERM/SIGINT. */
import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { startServer } from './server';

/** The stop's steps end this long before SHUTDOWN_GRACE_MS does… */
const STOP_MARGIN_MS = 400;
/** …and the process exits by this long before it, whatever still runs. */
const HARD_STOP_MARGIN_MS = 150;

async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const graceMs = config.shutdownGraceMs;
    server.log.info({ signal, graceMs }, 'stopping: draining in-flight requests');
    // The stop gets the budget minus a margin for its last log lines; should it still run at the end, exit anyway.
    const hardStop = setTimeout(() => {
      server.log.error({ graceMs }, 'stopping: the grace period is over; exiting with work left undone');
      process.exit(1);
    }, graceMs - HARD_STOP_MARGIN_MS);
    server.close(Date.now() + graceMs - STOP_MARGIN_MS).then(
      (report) => {
        clearTimeout(hardStop);
        process.exit(report.drained ? 0 : 1);
      },
      (error: unknown) => {
        server.log.error({ err: (error as Error).message }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`keywarden failed to start: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});
