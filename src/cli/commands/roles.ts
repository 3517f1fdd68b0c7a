/** `keywarden role …`: roles (sets of permissions) and who holds them. ROLE is an ID (rol_…) or a name. */
import type { Command } from 'commander';
import * as ops from '../../../client/generated/graphql';
import { details, table } from '../output';
import { examples, type App } from '../app';
import { each, principalId, roleId } from '../resolve';
import { collectList } from '../values';
import { deleteCommand } from './shared';

type RoleRow = { id: string; name: string; description?: string | null; permissions: string[]; builtIn: boolean };
const show = (r: RoleRow) => details([['ID', r.id], ['Name', r.name], ['Description', r.description], ['Permissions', r.permissions], ['Built in', r.builtIn]]);

export function registerRoles(program: Command, app: App): void {
  const group = program.command('role').description('Roles: named sets of permissions, held directly or through groups. ROLE is an ID (rol_…) or a name.');

  examples(
    group
      .command('list')
      .description('List the roles of the account.')
      .action(
        app.run(async (ctx) => {
          const { roles } = await (await ctx.client()).request(ops.ListRolesDocument);
          ctx.print(roles, (r) => table(r, [['ID', (x) => x.id], ['Name', (x) => x.name], ['Built in', (x) => (x.builtIn ? 'yes' : 'no')], ['Permissions', (x) => x.permissions]]));
        }),
      ),
    ['keywarden role list', 'keywarden role list --format json'],
  );

  examples(
    group
      .command('permissions')
      .description('Every permission a role may hold.')
      .action(
        app.run(async (ctx) => {
          const { permissionCatalog } = await (await ctx.client()).request(ops.PermissionCatalogDocument);
          ctx.print(permissionCatalog, (p) => `${p.join('\n')}\n`);
        }),
      ),
    ['keywarden role permissions'],
  );

  examples(
    group
      .command('create')
      .description('Create a custom role.')
      .argument('<name>')
      .requiredOption('--permission <permission>', 'a permission it grants (repeatable; see role permissions)', collectList)
      .option('-d, --description <text>', 'what it is for')
      .action(
        app.run(async (ctx, name: string) => {
          const { createRole } = await (await ctx.client()).request(ops.CreateRoleDocument, {
            input: { name, permissions: ctx.options.permission as string[], description: ctx.options.description as string | undefined },
          });
          ctx.print(createRole, show);
        }),
      ),
    ['keywarden role create auditor --permission audit.read -d "reads the audit trail"'],
  );

  examples(
    group
      .command('update')
      .description('Rename a custom role, or replace its permissions or description.')
      .argument('<role>', 'ID or name')
      .option('-n, --name <name>', 'the new name')
      .option('-d, --description <text>', 'the new description')
      .option('--permission <permission>', 'replace its permissions (repeatable)', collectList)
      .action(
        app.run(async (ctx, ref: string) => {
          const client = await ctx.client();
          const { updateRole } = await client.request(ops.UpdateRoleDocument, {
            input: {
              id: await roleId(client, ref),
              name: ctx.options.name as string | undefined,
              description: ctx.options.description as string | undefined,
              permissions: ctx.options.permission as string[] | undefined,
            },
          });
          ctx.print(updateRole, show);
        }),
      ),
    ['keywarden role update auditor --permission audit.read --permission users.read'],
  );

  examples(
    group
      .command('set')
      .description('Replace the roles a user or functional ID holds directly in the account (none: remove them all).')
      .argument('<principal>', 'a user (ID or email) or a functional ID (ID or name)')
      .argument('[roles...]', 'roles (ID or name)')
      .action(
        app.run(async (ctx, ref: string, roles: string[]) => {
          const client = await ctx.client();
          const { setPrincipalRoles } = await client.request(ops.SetPrincipalRolesDocument, {
            input: { principalId: await principalId(client, ref), roleIds: (await each(client, roles, roleId))! },
          });
          ctx.print(setPrincipalRoles, (p) => `${p.name} (${p.id}) now holds: ${p.roles.map((r) => r.name).join(', ') || 'no roles'}.\n`);
        }),
      ),
    ['keywarden role set dev@example.com auditor Viewer', 'keywarden role set dev@example.com', 'keywarden role set dev@example.com Member'],
  );

  deleteCommand(
    app,
    group,
    'role',
    ['keywarden role delete auditor --yes'],
    roleId,
    async (client, id, dryRun) => (await client.request(ops.DeleteRoleDocument, { id, dryRun })).deleteRole,
    'Delete a custom role and every grant of it',
  );
}
