/**
 * `keywarden account …`: the active account (the default one, or --account), its settings and
 * members, and `account invitation …`: the invitations addressed to you.
 */
import { Option, type Command } from 'commander';
import * as ops from '../../../client/generated/graphql';
import type { KeywardenClient } from '../client';
import { CliContext, RefusedError } from '../context';
import { details, table } from '../output';
import { examples, type App } from '../app';
import { each, roleId, userId } from '../resolve';
import { collectList, positiveInteger, wholeNumber, yesNo } from '../values';

const show = (a: ops.AccountFieldsFragment) =>
  details([
    ['ID', a.id],
    ['Name', a.name],
    ['Created', a.createdAt],
    ['Max API keys', a.settings.maxApiKeysPerPrincipal],
    ['Max access keys', a.settings.maxAccessKeysPerPrincipal],
    ['Max key lifetime', a.settings.maxKeyLifetimeDays === null || a.settings.maxKeyLifetimeDays === undefined ? 'none' : `${a.settings.maxKeyLifetimeDays} days`],
    ['Restrict user keys', a.settings.restrictUserApiKeyCreation],
    ['Cross-account keys', a.settings.crossAccountRestriction.enabled ? `only from ${a.settings.crossAccountRestriction.allowedAccountIds.join(',') || 'none'}` : 'allowed'],
  ]);

async function activeAccountId(client: KeywardenClient): Promise<string> {
  return (await client.request(ops.ActiveAccountDocument)).account.id;
}

/**
 * The member to add or remove: a user ID, or the email of a user your default account can see
 * (looked up there, since the user is not yet, or no longer, in the active account).
 */
async function memberId(ctx: CliContext, ref: string): Promise<string> {
  const home = new CliContext(ctx.io, { ...ctx.options, account: undefined });
  return userId(await home.client(), ref);
}

export function registerAccounts(program: Command, app: App): void {
  const group = program.command('account').description('The active account (your default one, or --account ID): its settings and members.');

  examples(
    group
      .command('show')
      .description('Show the active account and its settings.')
      .action(
        app.run(async (ctx) => {
          ctx.print((await (await ctx.client()).request(ops.ActiveAccountDocument)).account, show);
        }),
      ),
    ['keywarden account show', 'keywarden account show --format yaml'],
  );

  examples(
    group
      .command('create')
      .description('Create an account; you become a member and its Administrator.')
      .argument('<name>')
      .action(
        app.run(async (ctx, name: string) => {
          ctx.print((await (await ctx.client()).request(ops.CreateAccountDocument, { input: { name } })).createAccount, show);
        }),
      ),
    ['keywarden account create "Team B"'],
  );

  examples(
    group
      .command('settings')
      .description("Change the active account's limits and policies; options left out stay as they are.")
      .option('--max-api-keys <n>', 'API keys per principal (1 to 1000)', positiveInteger('--max-api-keys'))
      .option('--max-access-keys <n>', 'access keys per principal that is not an administrator (0 to 100)', wholeNumber('--max-access-keys'))
      .addOption(new Option('--max-key-lifetime-days <n>', 'every key must expire within N days (1 to 3650)').argParser(positiveInteger('--max-key-lifetime-days')).conflicts('noKeyLifetimeLimit'))
      .option('--no-key-lifetime-limit', 'remove the key lifetime limit')
      .option('--restrict-user-key-creation <bool>', 'only administrators create keys for users', yesNo('--restrict-user-key-creation'))
      .option('--cross-account-restriction <bool>', "refuse keys of other accounts unless allowed", yesNo('--cross-account-restriction'))
      .option('--allow-account <id>', 'an account whose keys may act here under the restriction (repeatable)', collectList)
      .action(
        app.run(async (ctx) => {
          const o = ctx.options;
          const restriction = o.crossAccountRestriction as boolean | undefined;
          const { updateAccountSettings } = await (await ctx.client()).request(ops.UpdateAccountSettingsDocument, {
            input: {
              maxApiKeysPerPrincipal: o.maxApiKeys as number | undefined,
              maxAccessKeysPerPrincipal: o.maxAccessKeys as number | undefined,
              maxKeyLifetimeDays: o.keyLifetimeLimit === false ? null : (o.maxKeyLifetimeDays as number | undefined),
              restrictUserApiKeyCreation: o.restrictUserKeyCreation as boolean | undefined,
              crossAccountRestriction: restriction === undefined ? undefined : { enabled: restriction, allowedAccountIds: (o.allowAccount as string[] | undefined) ?? [] },
            },
          });
          ctx.print(updateAccountSettings, show);
        }),
      ),
    ['keywarden account settings --max-api-keys 50 --restrict-user-key-creation false', 'keywarden account settings --no-key-lifetime-limit'],
  );

  for (const adding of [true, false]) {
    const command = group
      .command(adding ? 'add-member' : 'remove-member')
      .description(
        adding
          ? 'Add a user of another account to the active account, with roles there.'
          : 'Remove a user from the active account (not its home account): its roles, groups, sessions and keys there end.',
      )
      .argument('<user>', 'a user ID, or the email of a user your default account can see');
    if (adding) command.option('--role <role>', 'a role of the active account to give it (repeatable; ID or name)', collectList);
    examples(
      command.action(
        app.run(async (ctx, ref: string) => {
          const client = await ctx.client();
          const input = { accountId: await activeAccountId(client), userId: await memberId(ctx, ref) };
          const account = adding
            ? (await client.request(ops.AddAccountMemberDocument, { input: { ...input, roleIds: await each(client, ctx.options.role as string[] | undefined, roleId) } })).addAccountMember
            : (await client.request(ops.RemoveAccountMemberDocument, { input })).removeAccountMember;
          ctx.print({ account, userId: input.userId }, (r) => `${adding ? 'Added' : 'Removed'} ${r.userId} ${adding ? 'to' : 'from'} ${r.account.name} (${r.account.id}).\n`);
        }),
      ),
      [adding ? 'keywarden account add-member dev@example.com --role Viewer --account "$TEAM_ACCOUNT_ID"' : 'keywarden account remove-member dev@example.com --account "$TEAM_ACCOUNT_ID"'],
    );
    // Between inviting a member and removing it, so the help's examples run in a sensible order.
    if (adding) registerInvitations(group, app);
  }
}

type Invitation = NonNullable<ops.MyInvitationsQuery['viewer']>['invitations'][number];

async function myInvitations(client: KeywardenClient): Promise<Invitation[]> {
  return (await client.request(ops.MyInvitationsDocument)).viewer?.invitations ?? [];
}

/** An invitation by its ID (acc_inv_…), or by the ID or name of the account that invites. */
async function invitationId(client: KeywardenClient, ref: string): Promise<string> {
  if (/^acc_inv_[0-9A-Z]{26}$/.test(ref)) return ref;
  const matches = (await myInvitations(client)).filter((i) => i.accountId === ref || i.accountName === ref);
  if (matches.length === 1) return matches[0].id;
  if (matches.length === 0) throw new RefusedError(`no pending invitation from an account "${ref}"`);
  throw new RefusedError(`${matches.length} invitations come from accounts named "${ref}": ${matches.map((i) => `${i.id} (${i.accountId})`).join(', ')}; use the ID`);
}

function registerInvitations(account: Command, app: App): void {
  const group = account.command('invitation').description("Invitations to join other accounts, addressed to you: they grant nothing until you accept one.");

  examples(
    group
      .command('list')
      .description('List your pending invitations.')
      .action(
        app.run(async (ctx) => {
          const invitations = await myInvitations(await ctx.client());
          ctx.print(invitations, (rows) =>
            table(rows, [
              ['ID', (i) => i.id],
              ['ACCOUNT', (i) => `${i.accountName} (${i.accountId})`],
              ['ROLES', (i) => i.roleNames],
              ['INVITED', (i) => i.createdAt],
            ]),
          );
        }),
      ),
    ['keywarden account invitation list --profile dev', 'keywarden account invitation list --profile dev --format json'],
  );

  for (const accepting of [true, false]) {
    examples(
      group
        .command(accepting ? 'accept' : 'decline')
        .description(accepting ? 'Accept an invitation: you join that account, with the roles it names.' : 'Decline an invitation: it is deleted and grants nothing.')
        .argument('<invitation>', 'the invitation ID (acc_inv_…), or the ID or name of the account that invites')
        .action(
          app.run(async (ctx, ref: string) => {
            const client = await ctx.client();
            const id = await invitationId(client, ref);
            if (accepting) {
              const account = (await client.request(ops.AcceptAccountInvitationDocument, { id })).acceptAccountInvitation;
              ctx.print(account, (a) => `Joined ${a.name} (${a.id}): act in it with --account ${a.id}.\n`);
            } else {
              await client.request(ops.DeclineAccountInvitationDocument, { id });
              ctx.print({ declined: id }, () => `Declined ${id}.\n`);
            }
          }),
        ),
      [accepting ? 'keywarden account invitation accept "$TEAM_ACCOUNT_ID" --profile dev' : 'keywarden account invitation decline "Ops team" --profile dev'],
    );
  }
}
