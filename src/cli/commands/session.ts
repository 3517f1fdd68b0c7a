/** Sessions and the CLI's own settings: login, logout, whoami, password change, config. */
import { Argument, type Command } from 'commander';
import * as ops from '../../../client/generated/graphql';
import { ApiError } from '../client';
import { UsageError, type CliContext } from '../context';
import { details, isFormat, table, namedRef } from '../output';
import { CONFIG_KEYS, type ConfigKey } from '../profiles';
import { examples, type App } from '../app';
import { readHidden, stdinLines } from '../prompt';

/** A password from the first line of stdin (--password-stdin), else asked for on the terminal. */
export async function password(ctx: CliContext, prompt: string): Promise<string> {
  if (ctx.options.passwordStdin) return (await stdinLines(ctx.io.stdin))[0] ?? '';
  if (!ctx.io.stdin.isTTY) throw new UsageError('not on a terminal: pipe the password and pass --password-stdin');
  return readHidden(ctx.io.stdin, prompt);
}

export function registerSession(program: Command, app: App): void {
  examples(
    program
      .command('login')
      .summary('log in with a password, or exchange a key for a session')
      .description(
        'Log in with email and password (asked for on a terminal; --password-stdin reads it from a pipe), or, without --email,\n' +
          'exchange the key of --api-key-file or KEYWARDEN_API_KEY (an API key or an access key pair) for a session.\n' +
          'The session is stored under --profile.',
      )
      .option('--email <email>', 'the user to log in as')
      .option('--password-stdin', 'read the password from the first line of stdin')
      .action(
        app.run(async (ctx) => {
          let session;
          if (ctx.options.email) {
            const input = { email: ctx.options.email as string, password: await password(ctx, 'Password: ') };
            session = (await ctx.anonymous().request(ops.LoginDocument, { input })).login;
          } else {
            const key = await ctx.keyCredential();
            if (!key) throw new UsageError('login needs --email, or a key in --api-key-file or KEYWARDEN_API_KEY');
            const [accessKeyId, secretAccessKey] = key.split(':');
            const input = secretAccessKey ? { accessKeyId, secretAccessKey } : { apiKey: key };
            session = (await ctx.anonymous().request(ops.AuthenticateDocument, { input })).authenticate;
          }
          ctx.store.writeProfile(ctx.profile, { endpoint: ctx.endpoint, token: session.token, expiresAt: session.expiresAt, principal: session.principal.id });
          ctx.print(
            { profile: ctx.profile, principal: session.principal, expiresAt: session.expiresAt },
            (s) => `Logged in as ${s.principal.name} (${s.principal.id}) until ${s.expiresAt}; profile "${s.profile}".\n`,
          );
        }),
      ),
    ['keywarden login --profile dev --email dev@example.com --password-stdin < dev-password.txt', 'keywarden login --profile ci --api-key-file deploy-key.json'],
  );

  examples(
    program
      .command('logout')
      .description('End the stored session of --profile and forget it.')
      .action(
        app.run(async (ctx) => {
          // The server may already have ended the session: forgetting it locally is what matters.
          await ctx.sessionClient()?.request(ops.LogoutDocument).catch(() => undefined);
          ctx.store.writeProfile(ctx.profile, undefined);
          ctx.print({ profile: ctx.profile, loggedOut: true }, (r) => `Logged out of profile "${r.profile}".\n`);
        }),
      ),
    ['keywarden logout --profile ci'],
  );

  examples(
    program
      .command('whoami')
      .description('Who the session (or the key of --api-key-file or KEYWARDEN_API_KEY) is, in which account, and what it may do there.')
      .action(
        app.run(async (ctx) => {
          const { viewer, viewerPermissions } = await (await ctx.client()).request(ops.WhoAmIDocument);
          if (!viewer) throw new ApiError('UNAUTHENTICATED', 'not logged in');
          ctx.print({ ...viewer, permissions: viewerPermissions }, (v) =>
            details([
              ['ID', v.id],
              ['Kind', v.kind],
              ['Name', v.name],
              ['Email', v.__typename === 'User' ? v.email : undefined],
              ['Account', namedRef(v.account)],
              ['Roles', v.roles.map((r) => r.name)],
              ['Permissions', v.permissions],
            ]),
          );
        }),
      ),
    ['keywarden whoami', 'keywarden whoami --format json'],
  );

  const passwordGroup = program.command('password').description('Your own password.');
  examples(
    passwordGroup
      .command('change')
      .description('Change your password; your other sessions end, keys keep working. Asks on a terminal;\n--password-stdin reads the current password from the first line of stdin and the new one from the second.')
      .option('--password-stdin', 'read the current and the new password from stdin, one a line')
      .action(
        app.run(async (ctx) => {
          let currentPassword: string;
          let newPassword: string;
          if (ctx.options.passwordStdin) {
            [currentPassword = '', newPassword = ''] = await stdinLines(ctx.io.stdin);
          } else {
            currentPassword = await password(ctx, 'Current password: ');
            newPassword = await readHidden(ctx.io.stdin, 'New password: ');
          }
          await (await ctx.client()).request(ops.ChangePasswordDocument, { input: { currentPassword, newPassword } });
          ctx.print({ changed: true }, () => 'Password changed; your other sessions have ended.\n');
        }),
      ),
    ['keywarden password change --profile dev --password-stdin < passwords.txt'],
  );

  const config = program.command('config').description(`Saved defaults: ${Object.entries(CONFIG_KEYS).map(([k, v]) => `${k} (${v})`).join('; ')}.`);
  const keyArgument = () => new Argument('<key>', 'the setting').choices(Object.keys(CONFIG_KEYS));
  examples(
    config
      .command('set')
      .description('Save a default.')
      .addArgument(keyArgument())
      .argument('<value>')
      .action(
        app.run(async (ctx, key: ConfigKey, value: string) => {
          if (key === 'format' && !isFormat(value)) throw new UsageError('format must be table, json or yaml');
          ctx.store.writeConfig({ ...ctx.store.readConfig(), [key]: value });
          ctx.io.err(`Saved ${key} = ${value}.\n`);
        }),
      ),
    ['keywarden config set format json'],
  );
  examples(
    config
      .command('get')
      .description('Print a saved default (nothing when unset).')
      .addArgument(keyArgument())
      .action(
        app.run(async (ctx, key: ConfigKey) => {
          const value = ctx.store.readConfig()[key];
          if (value !== undefined) ctx.io.out(`${value}\n`);
        }),
      ),
    ['keywarden config get format'],
  );
  examples(
    config
      .command('list')
      .description('Every saved default.')
      .action(
        app.run(async (ctx) => {
          const saved = ctx.store.readConfig();
          ctx.print(saved, (c) => table(Object.entries(c), [['Key', ([k]) => k], ['Value', ([, v]) => v]]));
        }),
      ),
    ['keywarden config list'],
  );
  examples(
    config
      .command('unset')
      .description('Forget a saved default.')
      .addArgument(keyArgument())
      .action(
        app.run(async (ctx, key: ConfigKey) => {
          const { [key]: _removed, ...rest } = ctx.store.readConfig();
          ctx.store.writeConfig(rest);
          ctx.io.err(`Unset ${key}.\n`);
        }),
      ),
    ['keywarden config unset format'],
  );
}
