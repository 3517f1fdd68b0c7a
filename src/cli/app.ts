/** What each command group gets from the program: the process, and a way to run a command's work. */
import type { Command } from 'commander';
import type { CliContext, Io } from './context';

export interface App {
  io: Io;
  /** Wraps a command's work as a commander action: builds its context from the parsed options. */
  run<A extends unknown[]>(work: (ctx: CliContext, ...args: A) => Promise<void>): (...params: unknown[]) => Promise<void>;
}

export const EXAMPLES_HEADING = 'Examples:';

/** Adds runnable examples to a command's help (a test runs every one, read back from the help text). */
export function examples(command: Command, lines: string[]): Command {
  return command.addHelpText('after', `\n${EXAMPLES_HEADING}\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`);
}
