/** `keywarden group …`: groups of users and functional IDs, addressed by ID (grp_…) or name. */
import type { Command } from 'commander';
import * as ops from '../../../client/generated/graphql';
import { RefusedError } from '../context';
import { details, table } from '../output';
import { collect, withPaging } from '../paging';
import { examples, type App } from '../app';
import { each, groupId, principalId, roleId } from '../resolve';
import { collectList } from '../values';
import { deleteCommand } from './shared';

type GroupRow = { id: string; name: string; description?: string | null; roles: { name: string }[] };
const show = (g: GroupRow) => details([['ID', g.id], ['Name', g.name], ['Description', g.description], ['Roles', g.roles.map((r) => r.name)]]);

export function registerGroups(program: Command, app: App): void {
  const group = program.command('group').description('Groups: their members act with the roles they grant. GROUP is an ID (grp_…) or a name; a PRINCIPAL a user (ID or email) or a functional ID (ID or name).');

  examples(
    group
      .command('create')
      .description('Create a group.')
      .argument('<name>')
      .option('-d, --description <text>', 'what it is for')
      .option('--role <role>', 'a role it grants (repeatable; ID or name)', collectList)
      .action(
        app.run(async (ctx, name: string) => {
          const client = await ctx.client();
          const { createGroup } = await client.request(ops.CreateGroupDocument, {
            input: { name, description: ctx.options.description as string | undefined, roleIds: await each(client, ctx.options.role as string[] | undefined, roleId) },
          });
          ctx.print(createGroup, show);
        }),
      ),
    ['keywarden group create deployers -d "may deploy" --role KeyAdministrator'],
  );

  examples(
    withPaging(group.command('list').description('List the groups of the account.')).action(
      app.run(async (ctx) => {
        const client = await ctx.client();
        const rows = await collect(ctx, async (first, after) => (await client.request(ops.ListGroupsDocument, { first, after })).groups);
        ctx.print(rows, (r) => table(r, [['ID', (g) => g.id], ['Name', (g) => g.name], ['Roles', (g) => g.roles.map((x) => x.name)], ['Description', (g) => g.description]]));
      }),
    ),
    ['keywarden group list'],
  );

  examples(
    group
      .command('update')
      .description('Rename a group, change its description, or replace the roles it grants.')
      .argument('<group>', 'ID or name')
      .option('-n, --name <name>', 'the new name')
      .option('-d, --description <text>', 'the new description')
      .option('--role <role>', 'replace its roles (repeatable; ID or name)', collectList)
      .option('--no-roles', 'grant no roles')
      .action(
        app.run(async (ctx, ref: string) => {
          const o = ctx.options;
          const client = await ctx.client();
          const { updateGroup } = await client.request(ops.UpdateGroupDocument, {
            input: {
              id: await groupId(client, ref),
              name: o.name as string | undefined,
              description: o.description as string | undefined,
              roleIds: o.roles === false ? [] : await each(client, o.role as string[] | undefined, roleId),
            },
          });
          ctx.print(updateGroup, show);
        }),
      ),
    ['keywarden group update deployers -d "may deploy to production"'],
  );

  for (const adding of [true, false]) {
    examples(
      group
        .command(adding ? 'add-member' : 'remove-member')
        .description(adding ? 'Add users and functional IDs to a group.' : 'Remove users and functional IDs from a group; what it granted them ends.')
        .argument('<group>', 'ID or name')
        .argument('<principals...>', 'users (ID or email) and functional IDs (ID or name)')
        .action(
          app.run(async (ctx, ref: string, principals: string[]) => {
            const client = await ctx.client();
            const input = { groupId: await groupId(client, ref), principalIds: (await each(client, principals, principalId))! };
            const result = adding
              ? (await client.request(ops.AddGroupMembersDocument, { input })).addGroupMembers
              : (await client.request(ops.RemoveGroupMembersDocument, { input })).removeGroupMembers;
            ctx.print(
              { group: result, principalIds: input.principalIds },
              (r) => `${adding ? 'Added' : 'Removed'} ${r.principalIds.length} member(s) ${adding ? 'to' : 'from'} ${r.group.name}.\n`,
            );
          }),
        ),
      [adding ? 'keywarden group add-member deployers dev@example.com' : 'keywarden group remove-member deployers dev@example.com'],
    );
  }

  examples(
    withPaging(group.command('members').description('List the members of a group.').argument('<group>', 'ID or name')).action(
      app.run(async (ctx, ref: string) => {
        const client = await ctx.client();
        const id = await groupId(client, ref);
        const rows = await collect(ctx, async (first, after) => {
          const { node } = await client.request(ops.GroupMembersDocument, { id, first, after });
          if (node?.__typename !== 'Group') throw new RefusedError(`no group ${ref}`);
          return node.members;
        });
        ctx.print(rows, (r) => table(r, [['ID', (p) => p.id], ['Kind', (p) => p.kind], ['Name', (p) => p.name]]));
      }),
    ),
    ['keywarden group members deployers --all'],
  );

  deleteCommand(
    app,
    group,
    'group',
    ['keywarden group delete deployers --yes'],
    groupId,
    async (client, id, dryRun) => (await client.request(ops.DeleteGroupDocument, { id, dryRun })).deleteGroup,
    'Delete a group: its members lose what it granted',
  );
}
