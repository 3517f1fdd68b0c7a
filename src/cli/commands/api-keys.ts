/** `keywarden api-key …`: the key lifecycle. Keys are addressed by ID or by name. */
import fs from 'node:fs';
import { Option, type Command } from 'commander';
import * as ops from '../../../client/generated/graphql';
import type { KeywardenClient } from '../client';
import type { CliContext } from '../context';
import { details, table, namedRef, OUTSIDE_ACCOUNT } from '../output';
import { collect, withPaging } from '../paging';
import { examples, type App } from '../app';
import { readStdin } from '../prompt';
import { each, groupId, keyId, principalId, roleId } from '../resolve';
import { collectList, isoDate, positiveInteger, wholeNumber } from '../values';

type KeyFields = ops.ApiKeyFieldsFragment;

const LEAK_ACTIONS = ['disable', 'delete', 'none'];
const leakAction = (value: unknown) => (value === undefined ? undefined : (String(value).toUpperCase() as ops.LeakAction));

export function keyDetails(key: KeyFields & { roles?: { name: string }[]; groups?: { name: string }[] }): string {
  return details([
    ['ID', key.id],
    ['Name', key.name],
    ['Type', key.type],
    ['Prefix', key.prefix],
    ['Access key ID', key.accessKeyId],
    ['Owner', namedRef(key.owner)],
    ['State', key.state],
    ['Locked', key.locked],
    ['Expires', key.expiresAt ?? 'never'],
    ['Expired', key.expired],
    ['Last used', key.lastUsedAt ?? 'never'],
    ['Description', key.description],
    ['Allowed CIDRs', key.allowedCidrs],
    ['On leak', key.actionWhenLeaked],
    ['Unrestricted', key.unrestricted],
    ...(key.roles ? ([['Roles', key.roles.map((r) => r.name)]] as [string, unknown][]) : []),
    ...(key.groups ? ([['Groups', key.groups.map((g) => g.name)]] as [string, unknown][]) : []),
    ['Etag', key.etag],
  ]);
}

const showKey = (ctx: CliContext, key: KeyFields) => ctx.print(key, keyDetails);

/** Shows a new secret once: on the terminal, or written to --file (0600) as JSON that --api-key-file reads. */
function showSecret(ctx: CliContext, payload: { secret?: string | null; dryRun: boolean; apiKey: KeyFields }): void {
  const key = payload.apiKey;
  if (payload.dryRun) return ctx.print({ dryRun: true, key }, () => 'Dry run: every check passed; nothing was changed.\n');
  const credential =
    key.type === 'ACCESS_KEY' ? { id: key.id, name: key.name, accessKeyId: key.accessKeyId, secretAccessKey: payload.secret } : { id: key.id, name: key.name, apiKey: payload.secret };
  const file = ctx.options.file as string | undefined;
  if (file) {
    fs.writeFileSync(file, `${JSON.stringify(credential, null, 2)}\n`, { mode: 0o600 });
    fs.chmodSync(file, 0o600);
    return ctx.print({ key, file }, () => `${key.name} (${key.id}): its secret is in ${file}.\n`);
  }
  ctx.print({ ...credential, key }, () => {
    const secret = key.type === 'ACCESS_KEY' ? `Access key ID:     ${key.accessKeyId}\nSecret access key: ${payload.secret}\n` : `API key: ${payload.secret}\n`;
    return `${key.name} (${key.id}):\n${secret}This is the only time the secret is shown: store it now.\n`;
  });
}

export function registerApiKeys(program: Command, app: App): void {
  const group = program.command('api-key').description('API keys and access keys: create, list, change, reset, delete. KEY is an ID (key_…) or a name.');
  const fileOption = () => new Option('--file <file>', 'write the secret to FILE (mode 0600, JSON) instead of showing it');

  examples(
    group
      .command('create')
      .description('Create a key; its secret is shown once (or written to --file).')
      .argument('<name>', 'the key name; may hold / folders (ci/deploy)')
      .option('-d, --description <text>', 'what the key is for')
      .addOption(new Option('--type <type>', 'an API key, or an access key pair').choices(['api-key', 'access-key']).default('api-key'))
      .addOption(new Option('--expires-in-days <n>', 'expire after N days').argParser(positiveInteger('--expires-in-days')).conflicts('expiresAt'))
      .option('--expires-at <date>', 'expire at this ISO 8601 time', isoDate('--expires-at'))
      .option('--owner <principal>', 'who holds the key: a user (ID or email) or a functional ID (ID or name)')
      .option('--role <role>', 'act with this role only (repeatable; ID or name)', collectList)
      .option('--group <group>', "act with this group's roles only (repeatable; ID or name)", collectList)
      .option('--allowed-cidr <cidr>', 'accept the key only from this network (repeatable)', collectList)
      .addOption(new Option('--on-leak <action>', 'what a leak report does to it').choices(LEAK_ACTIONS))
      .option('--unrestricted', 'requests made with it may create, reset and re-scope keys')
      .addOption(fileOption())
      .option('--dry-run', 'run every check, create nothing')
      .action(
        app.run(async (ctx, name: string) => {
          const o = ctx.options;
          const client = await ctx.client();
          const { createApiKey } = await client.request(ops.CreateApiKeyDocument, {
            input: {
              name,
              description: o.description as string | undefined,
              type: o.type === 'access-key' ? 'ACCESS_KEY' : 'API_KEY',
              expiresInDays: o.expiresInDays as number | undefined,
              expiresAt: o.expiresAt as string | undefined,
              ownerId: o.owner ? await principalId(client, o.owner as string) : undefined,
              roleIds: await each(client, o.role as string[] | undefined, roleId),
              groupIds: await each(client, o.group as string[] | undefined, groupId),
              allowedCidrs: o.allowedCidr as string[] | undefined,
              actionWhenLeaked: leakAction(o.onLeak),
              unrestricted: o.unrestricted === true,
              dryRun: o.dryRun === true,
            },
          });
          showSecret(ctx, createApiKey);
        }),
      ),
    [
      'keywarden api-key create ci/deploy -d "deploys" --expires-in-days 90',
      'keywarden api-key create backup --type access-key --file backup-pair.json',
      'keywarden api-key create ci/test --expires-in-days 7 --allowed-cidr 10.0.0.0/8 --dry-run',
    ],
  );

  examples(
    withPaging(
      group
        .command('list')
        .description('List keys, newest first: yours, those of the principals you manage, or (administrators) all of the account.')
        .addOption(new Option('--scope <scope>', 'whose keys').choices(['mine', 'managed', 'all']).default('mine'))
        .option('--owner <principal>', 'only the keys of this user (ID or email) or functional ID (ID or name)')
        .addOption(new Option('--type <type>', 'only this type').choices(['api-key', 'access-key']))
        .addOption(new Option('--state <state>', 'only this state').choices(['active', 'inactive']))
        .option('--locked', 'only locked keys')
        .option('--name-prefix <prefix>', 'only names that start with it')
        .option('--expiring-within-hours <n>', 'only keys expiring within N hours', positiveInteger('--expiring-within-hours'))
        .option('--unused-for-days <n>', 'only keys unused for N days', positiveInteger('--unused-for-days')),
    ).action(
      app.run(async (ctx) => {
        const o = ctx.options;
        const client = await ctx.client();
        const filter: ops.ApiKeyFilter = {
          scope: String(o.scope).toUpperCase() as ops.ApiKeyScope,
          ownerId: o.owner ? await principalId(client, o.owner as string) : undefined,
          type: o.type ? (o.type === 'access-key' ? 'ACCESS_KEY' : 'API_KEY') : undefined,
          state: o.state ? (String(o.state).toUpperCase() as ops.KeyState) : undefined,
          locked: o.locked ? true : undefined,
          nameStartsWith: o.namePrefix as string | undefined,
          expiringWithinHours: o.expiringWithinHours as number | undefined,
          unusedForDays: o.unusedForDays as number | undefined,
        };
        const keys = await collect(ctx, async (first, after) => (await client.request(ops.ListApiKeysDocument, { filter, first, after })).apiKeys);
        ctx.print(keys, (rows) =>
          table(rows, [
            ['ID', (k) => k.id],
            ['Name', (k) => k.name],
            ['Type', (k) => k.type],
            ['Prefix', (k) => k.prefix],
            ['Owner', (k) => k.owner?.name ?? OUTSIDE_ACCOUNT],
            ['State', (k) => k.state],
            ['Locked', (k) => (k.locked ? 'yes' : 'no')],
            ['Expires', (k) => k.expiresAt ?? 'never'],
            ['Last used', (k) => k.lastUsedAt ?? 'never'],
          ]),
        );
      }),
    ),
    ['keywarden api-key list', 'keywarden api-key list --scope managed --all --format json', 'keywarden api-key list --name-prefix ci/ --state active --limit 10'],
  );

  examples(
    group
      .command('info')
      .description('Show one key.')
      .argument('<key>', 'ID or name')
      .action(
        app.run(async (ctx, ref: string) => {
          const client = await ctx.client();
          const { apiKey } = await client.request(ops.ApiKeyInfoDocument, { id: await keyId(client, ref) });
          showKey(ctx, apiKey!);
        }),
      ),
    ['keywarden api-key info ci/deploy'],
  );

  examples(
    group
      .command('update')
      .description('Rename a key or change its description, networks or leak action.')
      .argument('<key>', 'ID or name')
      .option('-n, --name <name>', 'the new name')
      .option('-d, --description <text>', 'the new description')
      .option('--allowed-cidr <cidr>', 'replace the allowed networks (repeatable)', collectList)
      .option('--any-network', 'remove every network restriction')
      .addOption(new Option('--on-leak <action>', 'what a leak report does to it').choices(LEAK_ACTIONS))
      .option('--if-match <etag>', 'refuse the change if the key changed since you read this etag')
      .action(
        app.run(async (ctx, ref: string) => {
          const o = ctx.options;
          const client = await ctx.client();
          const { updateApiKey } = await client.request(ops.UpdateApiKeyDocument, {
            input: {
              id: await keyId(client, ref),
              name: o.name as string | undefined,
              description: o.description as string | undefined,
              allowedCidrs: o.anyNetwork ? [] : (o.allowedCidr as string[] | undefined),
              actionWhenLeaked: leakAction(o.onLeak),
              ifMatch: o.ifMatch as string | undefined,
            },
          });
          showKey(ctx, updateApiKey);
        }),
      ),
    ['keywarden api-key update ci/deploy -d "deploys to production" --on-leak delete'],
  );

  keyCommand(app, group, 'lock', 'Lock a key: it still authenticates, but nothing about it can change until unlocked.', 'keywarden api-key lock ci/deploy', false, async (c, id) => (await c.request(ops.LockApiKeyDocument, { id })).lockApiKey);
  keyCommand(app, group, 'unlock', 'Unlock a locked key.', 'keywarden api-key unlock ci/deploy', false, async (c, id) => (await c.request(ops.UnlockApiKeyDocument, { id })).unlockApiKey);
  keyCommand(app, group, 'disable', 'Disable a key: it stops authenticating until enabled (asks first).', 'keywarden api-key disable ci/deploy --yes', true, async (c, id) => (await c.request(ops.SetApiKeyStateDocument, { input: { id, state: 'INACTIVE' } })).setApiKeyState);
  keyCommand(app, group, 'enable', 'Enable a disabled key.', 'keywarden api-key enable ci/deploy', false, async (c, id) => (await c.request(ops.SetApiKeyStateDocument, { input: { id, state: 'ACTIVE' } })).setApiKeyState);

  examples(
    group
      .command('expire')
      .description('Set when a key expires, or "never".')
      .argument('<key>', 'ID or name')
      .argument('<when>', 'an ISO 8601 time, or never', (value: string) => (value === 'never' ? null : isoDate('<when>')(value)))
      .action(
        app.run(async (ctx, ref: string, expiresAt: string | null) => {
          const client = await ctx.client();
          const { setApiKeyExpiry } = await client.request(ops.SetApiKeyExpiryDocument, { input: { id: await keyId(client, ref), expiresAt } });
          showKey(ctx, setApiKeyExpiry);
        }),
      ),
    ['keywarden api-key expire ci/deploy 2030-01-31T00:00:00Z', 'keywarden api-key expire ci/deploy never'],
  );

  examples(
    group
      .command('access')
      .description("Give a key its own roles and groups: it then acts with what they grant, capped by its owner's.\n--clear gives it back its owner's permissions.")
      .argument('<key>', 'ID or name')
      .option('--role <role>', 'a role (repeatable; ID or name)', collectList)
      .option('--group <group>', 'a group (repeatable; ID or name)', collectList)
      .option('--clear', 'no roles and no groups of its own')
      .action(
        app.run(async (ctx, ref: string) => {
          const o = ctx.options;
          const client = await ctx.client();
          const { setApiKeyAccess } = await client.request(ops.SetApiKeyAccessDocument, {
            input: {
              id: await keyId(client, ref),
              roleIds: o.clear ? [] : await each(client, o.role as string[] | undefined, roleId),
              groupIds: o.clear ? [] : await each(client, o.group as string[] | undefined, groupId),
            },
          });
          ctx.print(setApiKeyAccess, keyDetails);
        }),
      ),
    ['keywarden api-key access ci/deploy --role Administrator', 'keywarden api-key access ci/deploy --clear'],
  );

  examples(
    group
      .command('reset')
      .description('Make a new secret (shown once, or written to --file); the old one works for --grace seconds (asks first).')
      .argument('<key>', 'ID or name')
      .option('--grace <seconds>', 'how long the old secret keeps working (0 to 604800; default 0)', wholeNumber('--grace'))
      .addOption(fileOption())
      .option('--dry-run', 'run every check, change nothing')
      .option('-y, --yes', 'do not ask')
      .action(
        app.run(async (ctx, ref: string) => {
          const client = await ctx.client();
          const id = await keyId(client, ref);
          if (!ctx.options.dryRun) await ctx.confirm(`Reset the secret of key ${ref}?`);
          const { resetApiKeySecret } = await client.request(ops.ResetApiKeySecretDocument, {
            input: { id, gracePeriodSeconds: ctx.options.grace as number | undefined, dryRun: ctx.options.dryRun === true },
          });
          showSecret(ctx, resetApiKeySecret);
        }),
      ),
    ['keywarden api-key reset ci/deploy --grace 3600 --file ci-deploy.json --yes'],
  );

  examples(
    group
      .command('delete')
      .description('Delete a key; sessions it opened end with it (asks first).')
      .argument('<key>', 'ID or name')
      .option('--dry-run', 'run every check, delete nothing')
      .option('-y, --yes', 'do not ask')
      .action(
        app.run(async (ctx, ref: string) => {
          const client = await ctx.client();
          const id = await keyId(client, ref);
          if (!ctx.options.dryRun) await ctx.confirm(`Delete key ${ref}?`);
          const { deleteApiKey } = await client.request(ops.DeleteApiKeyDocument, { input: { id, dryRun: ctx.options.dryRun === true } });
          ctx.print(deleteApiKey, (d) => (d.dryRun ? `Dry run: ${d.deletedId} can be deleted.\n` : `Deleted ${d.deletedId}.\n`));
        }),
      ),
    ['keywarden api-key delete backup --dry-run', 'keywarden api-key delete ci/deploy --yes'],
  );

  examples(
    group
      .command('report-leak')
      .description('Report a key secret found in the open (read from stdin, or --file): a live key gets its leak action.\nNeeds no session.')
      .option('--file <file>', 'read the leaked secret from FILE')
      .action(
        app.run(async (ctx) => {
          const secret = (ctx.options.file ? fs.readFileSync(ctx.options.file as string, 'utf8') : await readStdin(ctx.io.stdin)).trim();
          await ctx.anonymous().request(ops.ReportLeakedSecretDocument, { secret });
          ctx.print({ reported: true }, () => 'Reported. If the secret belongs to a key, its leak action has run and its owner is told.\n');
        }),
      ),
    ['keywarden api-key report-leak < leaked.txt'],
  );
}

/** A command that changes one key and shows it; `confirm` asks first (--yes skips). */
function keyCommand(
  app: App,
  group: Command,
  name: string,
  description: string,
  example: string,
  confirm: boolean,
  change: (client: KeywardenClient, id: string) => Promise<KeyFields>,
): void {
  const command = group.command(name).description(description).argument('<key>', 'ID or name');
  if (confirm) command.option('-y, --yes', 'do not ask');
  command.action(
    app.run(async (ctx, ref: string) => {
      const client = await ctx.client();
      const id = await keyId(client, ref);
      if (confirm) await ctx.confirm(`${name[0].toUpperCase()}${name.slice(1)} key ${ref}?`);
      showKey(ctx, await change(client, id));
    }),
  );
  examples(command, [example]);
}
