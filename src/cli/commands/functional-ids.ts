/** `keywarden functional-id …`: identities for programs, addressed by ID (fid_…) or name. */
import type { Command } from 'commander';
import * as ops from '../../../client/generated/graphql';
import { RefusedError } from '../context';
import { details, table, namedRef, OUTSIDE_ACCOUNT } from '../output';
import { collect, withPaging } from '../paging';
import { examples, type App } from '../app';
import { each, functionalIdId, groupId, roleId, userId } from '../resolve';
import { collectList } from '../values';
import { deleteCommand } from './shared';

type FunctionalIdRow = ops.FunctionalIdFieldsFragment & { roles?: { name: string }[]; groups?: { name: string }[] };

const show = (f: FunctionalIdRow) =>
  details([
    ['ID', f.id],
    ['Name', f.name],
    ['Owner', namedRef(f.owner)],
    ['Description', f.description],
    ...(f.roles ? ([['Roles', f.roles.map((r) => r.name)]] as [string, unknown][]) : []),
    ...(f.groups ? ([['Groups', f.groups.map((g) => g.name)]] as [string, unknown][]) : []),
    ['Created', f.createdAt],
  ]);

export function registerFunctionalIds(program: Command, app: App): void {
  const group = program.command('functional-id').description('Functional IDs: identities for programs (CI jobs, services) that authenticate with keys only.');

  examples(
    group
      .command('create')
      .description('Create a functional ID owned by you, or by --owner.')
      .argument('<name>', 'its name; may hold / folders (ci/deploy)')
      .option('-d, --description <text>', 'what it is for')
      .option('--owner <user>', 'the responsible user (ID or email)')
      .option('--role <role>', 'a role to give it (repeatable; ID or name)', collectList)
      .option('--group <group>', 'a group to put it in (repeatable; ID or name)', collectList)
      .action(
        app.run(async (ctx, name: string) => {
          const o = ctx.options;
          const client = await ctx.client();
          const { createFunctionalId } = await client.request(ops.CreateFunctionalIdDocument, {
            input: {
              name,
              description: o.description as string | undefined,
              ownerId: o.owner ? await userId(client, o.owner as string) : undefined,
              roleIds: await each(client, o.role as string[] | undefined, roleId),
              groupIds: await each(client, o.group as string[] | undefined, groupId),
            },
          });
          ctx.print(createFunctionalId, show);
        }),
      ),
    ['keywarden functional-id create ci/build-bot -d "builds the app"'],
  );

  examples(
    withPaging(group.command('list').description('List the functional IDs of the account, newest first.').option('--path <prefix>', 'only names that start with it (ci/)')).action(
      app.run(async (ctx) => {
        const client = await ctx.client();
        const pathPrefix = ctx.options.path as string | undefined;
        const rows = await collect(ctx, async (first, after) => (await client.request(ops.ListFunctionalIdsDocument, { first, after, pathPrefix })).functionalIds);
        ctx.print(rows, (r) => table(r, [['ID', (f) => f.id], ['Name', (f) => f.name], ['Owner', (f) => f.owner?.name ?? OUTSIDE_ACCOUNT], ['Description', (f) => f.description]]));
      }),
    ),
    ['keywarden functional-id list --path ci/', 'keywarden functional-id list --all --format json'],
  );

  examples(
    group
      .command('info')
      .description('Show one functional ID with its roles and groups.')
      .argument('<functional-id>', 'ID or name')
      .action(
        app.run(async (ctx, ref: string) => {
          const client = await ctx.client();
          const { node } = await client.request(ops.FunctionalIdInfoDocument, { id: await functionalIdId(client, ref) });
          if (node?.__typename !== 'FunctionalId') throw new RefusedError(`no functional ID ${ref}`);
          const { __typename, ...functionalId } = node;
          ctx.print(functionalId, show);
        }),
      ),
    ['keywarden functional-id info ci/build-bot --format yaml'],
  );

  examples(
    group
      .command('update')
      .description('Rename a functional ID, or change its description or owner.')
      .argument('<functional-id>', 'ID or name')
      .option('-n, --name <name>', 'the new name')
      .option('-d, --description <text>', 'the new description')
      .option('--owner <user>', 'the new responsible user (ID or email)')
      .action(
        app.run(async (ctx, ref: string) => {
          const o = ctx.options;
          const client = await ctx.client();
          const { updateFunctionalId } = await client.request(ops.UpdateFunctionalIdDocument, {
            input: {
              id: await functionalIdId(client, ref),
              name: o.name as string | undefined,
              description: o.description as string | undefined,
              ownerId: o.owner ? await userId(client, o.owner as string) : undefined,
            },
          });
          ctx.print(updateFunctionalId, show);
        }),
      ),
    ['keywarden functional-id update ci/build-bot -d "builds and tests the app"'],
  );

  deleteCommand(
    app,
    group,
    'functional-id',
    ['keywarden functional-id delete ci/build-bot --yes'],
    functionalIdId,
    async (client, id, dryRun) => (await client.request(ops.DeleteFunctionalIdDocument, { id, dryRun })).deleteFunctionalId,
    'Delete a functional ID and its keys',
  );
}
