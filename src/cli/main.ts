#!/usr/bin/env node
/**
 * `keywarden`: the command line for Keywarden. It talks to the public GraphQL API only, with the
 * typed operations generated from schema.graphql. Exit codes: 0 ok, 1 refused or failed,
 * 2 usage, 4 not authenticated. The commands live in ./commands/, one file per group.
 */
import { CommanderError } from 'commander';
import { ApiError } from './client';
import { EXIT, RefusedError, UsageError, type Io } from './context';
import { buildProgram } from './program';

export async function run(argv: string[], io: Io): Promise<number> {
  const program = buildProgram(io);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.ok;
    }
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof UsageError) {
      io.err(`error: ${error.message}\n(add --help for usage)\n`);
      return EXIT.usage;
    }
    if (error instanceof ApiError) {
      io.err(`error: ${error.code}: ${error.message}\n`);
      return error.code === 'UNAUTHENTICATED' ? EXIT.unauthenticated : EXIT.failed;
    }
    if (error instanceof RefusedError) {
      io.err(`error: ${error.message}\n`);
      return EXIT.failed;
    }
    io.err(`error: ${(error as Error).message}\n`);
    return EXIT.failed;
  }
}

if (require.main === module) {
  const io: Io = { env: process.env, stdin: process.stdin, out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };
  run(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
