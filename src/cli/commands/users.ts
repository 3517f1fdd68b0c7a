/** `keywarden user …`: people, addressed by ID (usr_…) or email. */
import type { Command } from 'commander';
import * as ops from '../../../client/generated/graphql';
import { UsageError, type CliContext } from '../context';
import { details, table } from '../output';
import { collect, withPaging } from '../paging';
import { examples, type App } from '../app';
import { stdinLines } from '../prompt';
import { each, groupId, roleId, userId } from '../resolve';
import { collectList } from '../values';
import { deleteCommand } from './shared';

type UserRow = ops.UserFieldsFragment & { roles?: { name: string }[]; groups?: { name: string }[] };

const show = (u: UserRow) =>
  details([
    ['ID', u.id],
    ['Name', u.name],
    ['Email', u.email],
    ['Federated', u.federated],
    ['Disabled', u.disabled],
    ['Parent', u.parent ? `${u.parent.name} (${u.parent.id})` : undefined],
    ...(u.roles ? ([['Roles', u.roles.map((r) => r.name)]] as [string, unknown][]) : []),
    ...(u.groups ? ([['Groups', u.groups.map((g) => g.name)]] as [string, unknown][]) : []),
    ['Created', u.createdAt],
  ]);

/** The password of --password-stdin; none otherwise (a password never comes from argv). */
async function newPassword(ctx: CliContext): Promise<string | undefined> {
  return ctx.options.passwordStdin ? ((await stdinLines(ctx.io.stdin))[0] ?? '') : undefined;
}

export function registerUsers(program: Command, app: App): void {
  const group = program.command('user').description('Users of the account. USER is an ID (usr_…) or an email.');

  examples(
    group
      .command('create')
      .description('Create a user with a password (--password-stdin) or --federated (keys only).')
      .argument('<email>')
      .requiredOption('--name <name>', 'the display name')
      .option('--password-stdin', 'read the password from the first line of stdin')
      .option('--federated', 'no password: the user authenticates with keys only')
      .option('--parent <user>', 'its parent in the hierarchy (default: you)')
      .option('--role <role>', 'a role to give it (repeatable; ID or name)', collectList)
      .option('--group <group>', 'a group to put it in (repeatable; ID or name)', collectList)
      .action(
        app.run(async (ctx, email: string) => {
          const o = ctx.options;
          if (!o.passwordStdin && !o.federated) throw new UsageError('user create needs --password-stdin or --federated');
          const client = await ctx.client();
          const { createUser } = await client.request(ops.CreateUserDocument, {
            input: {
              email,
              name: o.name as string,
              password: await newPassword(ctx),
              federated: o.federated === true,
              parentId: o.parent ? await userId(client, o.parent as string) : undefined,
              roleIds: await each(client, o.role as string[] | undefined, roleId),
              groupIds: await each(client, o.group as string[] | undefined, groupId),
            },
          });
          ctx.print(createUser, show);
        }),
      ),
    ['keywarden user create ada@example.com --name "Ada Lovelace" --password-stdin < ada-password.txt', 'keywarden user create robot@example.com --name Robot --federated'],
  );

  examples(
    withPaging(group.command('list').description('List the users of the account, newest first.')).action(
      app.run(async (ctx) => {
        const client = await ctx.client();
        const rows = await collect(ctx, async (first, after) => (await client.request(ops.ListUsersDocument, { first, after })).users);
        ctx.print(rows, (r) => table(r, [['ID', (u) => u.id], ['Name', (u) => u.name], ['Email', (u) => u.email], ['Disabled', (u) => (u.disabled ? 'yes' : 'no')], ['Parent', (u) => u.parent?.name]]));
      }),
    ),
    ['keywarden user list', 'keywarden user list --all --format yaml'],
  );

  examples(
    group
      .command('info')
      .description('Show one user with its roles and groups.')
      .argument('<user>', 'ID or email')
      .action(
        app.run(async (ctx, ref: string) => {
          const client = await ctx.client();
          const { user } = await client.request(ops.UserInfoDocument, { id: await userId(client, ref) });
          ctx.print(user, show);
        }),
      ),
    ['keywarden user info ada@example.com'],
  );

  examples(
    group
      .command('update')
      .description('Rename a user, move it in the hierarchy, set its password (--password-stdin) or make it federated.')
      .argument('<user>', 'ID or email')
      .option('--name <name>', 'the new name')
      .option('--parent <user>', 'the new parent (ID or email)')
      .option('--root', 'no parent')
      .option('--password-stdin', 'set the password read from the first line of stdin')
      .option('--federated', 'remove the password: keys only from now on')
      .action(
        app.run(async (ctx, ref: string) => {
          const o = ctx.options;
          const client = await ctx.client();
          const password = await newPassword(ctx);
          const { updateUser } = await client.request(ops.UpdateUserDocument, {
            input: {
              id: await userId(client, ref),
              name: o.name as string | undefined,
              parentId: o.root ? null : o.parent ? await userId(client, o.parent as string) : undefined,
              password,
              federated: o.federated ? true : password !== undefined ? false : undefined,
            },
          });
          ctx.print(updateUser, show);
        }),
      ),
    ['keywarden user update ada@example.com --name "Ada King"'],
  );

  for (const disabled of [true, false]) {
    const name = disabled ? 'disable' : 'enable';
    const command = group
      .command(name)
      .description(disabled ? 'Disable a user: its sessions end and its keys stop at once (asks first).' : 'Enable a disabled user: its keys work again.')
      .argument('<user>', 'ID or email');
    if (disabled) command.option('-y, --yes', 'do not ask');
    examples(
      command.action(
        app.run(async (ctx, ref: string) => {
          const client = await ctx.client();
          const id = await userId(client, ref);
          if (disabled) await ctx.confirm(`Disable user ${ref}?`);
          const { setUserDisabled } = await client.request(ops.SetUserDisabledDocument, { input: { id, disabled } });
          ctx.print(setUserDisabled, (u) => (disabled ? `Disabled ${u.name} (${u.id}): its sessions and keys no longer work.\n` : `Enabled ${u.name} (${u.id}).\n`));
        }),
      ),
      [disabled ? 'keywarden user disable ada@example.com --yes' : 'keywarden user enable ada@example.com'],
    );
  }

  deleteCommand(
    app,
    group,
    'user',
    ['keywarden user delete robot@example.com --yes'],
    userId,
    async (client, id, dryRun) => (await client.request(ops.DeleteUserDocument, { id, dryRun })).deleteUser,
    'Delete a user and its keys',
  );
}
