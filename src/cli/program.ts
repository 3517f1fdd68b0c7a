/**
 * The command tree. Global options are accepted before and after the command words
 * (`keywarden --profile prod api-key list` = `keywarden api-key list --profile prod`); every
 * command has its own help with examples, and `keywarden completion` is generated from this tree.
 */
import { Command, Option } from 'commander';
import { examples, type App } from './app';
import { CliContext, DEFAULT_ENDPOINT, type Io } from './context';
import { FORMATS } from './output';
import { registerAccounts } from './commands/accounts';
import { registerActivity } from './commands/activity';
import { registerApiKeys } from './commands/api-keys';
import { registerCompletion } from './commands/completion';
import { registerFunctionalIds } from './commands/functional-ids';
import { registerGroups } from './commands/groups';
import { registerRoles } from './commands/roles';
import { registerSession } from './commands/session';
import { registerServices } from './commands/services';
import { registerUsers } from './commands/users';
import { registerWebhooks } from './commands/webhooks';

export function buildProgram(io: Io): Command {
  const program = new Command('keywarden')
    .description('Manage Keywarden identities, keys and access from a terminal.')
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .configureHelp({ showGlobalOptions: true, sortOptions: false })
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .option('--endpoint <url>', `GraphQL endpoint (env KEYWARDEN_ENDPOINT; default ${DEFAULT_ENDPOINT})`)
    .option('--profile <name>', 'which stored session to use (default "default")')
    .addOption(new Option('--format <format>', 'output format (default: the saved one, else table)').choices(FORMATS))
    .option('--account <id>', 'act in this account (X-Account-Id) instead of the default one')
    .option('--api-key-file <file>', 'authenticate with the key in FILE ("-": stdin) instead of the session; env KEYWARDEN_API_KEY');
  program.addHelpText(
    'after',
    `
Sessions are stored in ~/.config/keywarden/credentials.json (mode 0600), saved defaults in config.json beside it.
Exit codes: 0 ok, 1 refused or failed, 2 usage, 4 not authenticated.`,
  );
  examples(program, ['keywarden --profile default api-key list', 'keywarden api-key list --profile default --format yaml']);

  const app: App = {
    io,
    run:
      (work) =>
      async (...params) => {
        const command = params[params.length - 1] as Command;
        await work(CliContext.of(io, command), ...(params.slice(0, -2) as never));
      },
  };
  registerSession(program, app);
  registerApiKeys(program, app);
  registerFunctionalIds(program, app);
  registerUsers(program, app);
  registerGroups(program, app);
  registerRoles(program, app);
  registerAccounts(program, app);
  registerActivity(program, app);
  registerServices(program, app);
  registerWebhooks(program, app);
  registerCompletion(program, app);
  return program;
}
