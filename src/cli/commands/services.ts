/**
 * `keywarden service …`: services (relying parties) and the permissions they define, and
 * `keywarden token`: an access token for a service, exchanged for a key at `/oauth/token`.
 */
import { InvalidArgumentError, type Command } from 'commander';
import * as ops from '../../../client/generated/graphql';
import { ApiError, type KeywardenClient } from '../client';
import { RefusedError, UsageError, type CliContext } from '../context';
import { details, table } from '../output';
import { collect, fetchAll, withPaging } from '../paging';
import { examples, type App } from '../app';
import { deleteCommand } from './shared';

type ServiceFields = ops.ServiceFieldsFragment;

const show = (s: ServiceFields) =>
  details([
    ['ID', s.id],
    ['Name', s.name],
    ['Audience', s.audience],
    ['Description', s.description],
    ['Permissions', s.permissions.map((p) => p.name)],
    ['Created', s.createdAt],
    ['Updated', s.updatedAt],
  ]);

/** `--permission NAME[=DESCRIPTION]`, repeatable. */
function collectPermission(value: string, previous: ops.ServicePermissionInput[] | undefined): ops.ServicePermissionInput[] {
  const at = value.indexOf('=');
  const name = (at < 0 ? value : value.slice(0, at)).trim();
  if (!name) throw new InvalidArgumentError('--permission needs a name: NAME or NAME=DESCRIPTION');
  return [...(previous ?? []), at < 0 ? { name } : { name, description: value.slice(at + 1) }];
}

export async function serviceId(client: KeywardenClient, ref: string): Promise<string> {
  if (/^svc_[0-9A-Z]{26}$/.test(ref)) return ref;
  const services = await fetchAll(async (first, after) => (await client.request(ops.ListServicesDocument, { first, after })).services);
  const matches = services.filter((s) => s.name === ref || s.audience === ref);
  if (matches.length === 1) return matches[0].id;
  if (matches.length === 0) throw new RefusedError(`no service named "${ref}" (or with that audience) that you can see`);
  throw new RefusedError(`${matches.length} services match "${ref}": ${matches.map((s) => s.id).join(', ')}; use the ID`);
}

export function registerServices(program: Command, app: App): void {
  const group = program.command('service').description('Services (relying parties): their audience and the permissions they define. SERVICE is an ID (svc_…) or a name.');

  examples(
    group
      .command('create')
      .description('Create a service; roles can then grant its permissions as <service>:<permission>.')
      .argument('<name>', 'unique in the account: lower case letters, digits and -')
      .requiredOption('--audience <uri>', 'the absolute URI its access tokens are for (aud)')
      .option('-d, --description <text>', 'what the service is')
      .option('--permission <name[=description]>', 'a permission it defines (repeatable)', collectPermission)
      .action(
        app.run(async (ctx, name: string) => {
          const o = ctx.options;
          const { createService } = await (await ctx.client()).request(ops.CreateServiceDocument, {
            input: { name, audience: o.audience as string, description: o.description as string | undefined, permissions: o.permission as ops.ServicePermissionInput[] | undefined },
          });
          ctx.print(createService, show);
        }),
      ),
    [
      'keywarden service create billing --audience https://billing.example.com -d "Billing API" --permission invoices.read="Read invoices" --permission invoices.write',
      'keywarden service create legacy --audience https://legacy.example.com',
    ],
  );

  examples(
    withPaging(group.command('list').description('List the services of the active account.')).action(
      app.run(async (ctx) => {
        const client = await ctx.client();
        const services = await collect(ctx, async (first, after) => (await client.request(ops.ListServicesDocument, { first, after })).services);
        ctx.print(services, (rows) =>
          table(rows, [
            ['ID', (s) => s.id],
            ['NAME', (s) => s.name],
            ['AUDIENCE', (s) => s.audience],
            ['PERMISSIONS', (s) => s.permissions.map((p) => p.name)],
          ]),
        );
      }),
    ),
    ['keywarden service list', 'keywarden service list --format json'],
  );

  examples(
    group
      .command('info')
      .description('Show a service and its permissions.')
      .argument('<service>', 'ID or name')
      .action(
        app.run(async (ctx, ref: string) => {
          const client = await ctx.client();
          const { service } = await client.request(ops.ServiceInfoDocument, { id: await serviceId(client, ref) });
          if (!service) throw new ApiError('NOT_FOUND', `no service ${ref}`);
          ctx.print(service, (s) =>
            show(s) + (s.permissions.length ? `\n${table(s.permissions, [['PERMISSION', (p) => p.name], ['DESCRIPTION', (p) => p.description]])}` : ''),
          );
        }),
      ),
    ['keywarden service info billing'],
  );

  examples(
    group
      .command('update')
      .description('Change a service; options left out stay as they are. --permission replaces the whole list.')
      .argument('<service>', 'ID or name')
      .option('--name <name>', 'a new name')
      .option('--audience <uri>', 'a new audience')
      .option('-d, --description <text>', 'a new description')
      .option('--permission <name[=description]>', 'the permissions it defines, all of them (repeatable)', collectPermission)
      .action(
        app.run(async (ctx, ref: string) => {
          const o = ctx.options;
          const client = await ctx.client();
          const { updateService } = await client.request(ops.UpdateServiceDocument, {
            input: {
              id: await serviceId(client, ref),
              name: o.name as string | undefined,
              audience: o.audience as string | undefined,
              description: o.description as string | undefined,
              permissions: o.permission as ops.ServicePermissionInput[] | undefined,
            },
          });
          ctx.print(updateService, show);
        }),
      ),
    ['keywarden service update billing -d "Invoices and payments" --permission invoices.read --permission invoices.write --permission payments.read'],
  );

  deleteCommand(
    app,
    group,
    'service',
    ['keywarden service delete legacy --dry-run', 'keywarden service delete legacy --yes'],
    serviceId,
    async (client, id, dryRun) => (await client.request(ops.DeleteServiceDocument, { id, dryRun })).deleteService,
    'Delete a service; roles lose its permissions',
  );

  examples(
    program
      .command('token')
      .description(
        'Print an access token for a service, for scripts: exchanges the key of KEYWARDEN_API_KEY or --api-key-file\n' +
          '(an API key, or an access key pair as client credentials) at /oauth/token. A session cannot be exchanged.\n' +
          '--format json prints the whole answer (expires_in, scope).',
      )
      .requiredOption('--audience <uri>', 'the audience of the service the token is for')
      .option('--scope <permissions>', 'the permissions wanted, space-separated (default: all the key holds there)')
      .action(app.run(async (ctx) => token(ctx))),
    [
      'keywarden token --audience https://billing.example.com --api-key-file deploy-key.json',
      'keywarden token --audience https://billing.example.com --api-key-file backup-pair.json --format json',
    ],
  );
}

async function token(ctx: CliContext): Promise<void> {
  const key = await ctx.keyCredential();
  if (!key) throw new UsageError('token needs a key: KEYWARDEN_API_KEY, or --api-key-file (a session cannot be exchanged)');
  const form = new URLSearchParams({ audience: ctx.options.audience as string });
  if (ctx.options.scope !== undefined) form.set('scope', ctx.options.scope as string);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (key.includes(':')) {
    form.set('grant_type', 'client_credentials');
    headers.authorization = `Basic ${Buffer.from(key).toString('base64')}`;
  } else {
    form.set('grant_type', 'urn:keywarden:params:oauth:grant-type:api-key');
    form.set('api_key', key);
  }
  const url = new URL('/oauth/token', ctx.endpoint);
  const response = await fetch(url, { method: 'POST', headers, body: form }).catch((error: Error) => {
    throw new ApiError('UNREACHABLE', `cannot reach ${url.origin}: ${error.message}`);
  });
  const body = (await response.json().catch(() => ({}))) as { access_token?: string; error?: string; error_description?: string };
  if (!response.ok || !body.access_token) throw new ApiError(body.error ?? `HTTP ${response.status}`, body.error_description ?? `${url} answered HTTP ${response.status} without a token`);
  ctx.print(body, (b) => `${b.access_token}\n`);
}
