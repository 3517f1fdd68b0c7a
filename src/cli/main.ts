#!/usr/bin/env node
/**
 * `keywarden`: the command line for Keywarden, built on the typed operations
 * generated from schema.graphql (it is itself a codegen consumer).
 * Exit codes: 0 ok, 1 the server refused or failed (one line with the code), 2 usage.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import * as ops from '../../client/generated/graphql';
import { ApiError, KeywardenClient } from './client';
import { details, json, table, type Format } from './output';
import { credentialsFile, readProfile, writeProfile } from './profiles';

const DEFAULT_ENDPOINT = 'http://127.0.0.1:4000/graphql';

const HELP = `keywarden — manage Keywarden identities and keys from a terminal

Usage: keywarden [--endpoint URL] [--profile NAME] <command> [options]

Session
  login [--email EMAIL] [--password PASSWORD]   log in with a password (asked for when omitted)
  login --api-key KEY                           log in with an API key
  logout                                        end the stored session
  whoami                                        who the stored session (or KEYWARDEN_API_KEY) is

API keys
  api-key create NAME [-d DESC] [--type api-key|access-key] [--expires-in-days N] [--owner ID] [--file FILE] [--dry-run]
  api-key list [--all | --managed] [--format table|json]
  api-key info ID [--format table|json]
  api-key update ID [-n NAME] [-d DESC]
  api-key lock ID | api-key unlock ID
  api-key disable ID | api-key enable ID
  api-key expire ID DATE|never
  api-key reset ID [--grace SECONDS] [--file FILE]
  api-key delete ID [--force]

Identities
  functional-id create NAME [-d DESC] [--owner ID] | functional-id list [--path PREFIX] | functional-id delete ID
  user create EMAIL --name NAME [--password PASSWORD | --federated] [--parent ID] | user list | user disable ID
  group create NAME [-d DESC] | group add-member GROUP_ID PRINCIPAL_ID...

Services (relying parties) and access tokens
  service create NAME --audience URI [-d DESC] [--permission NAME]...
  service list [--format table|json]
  service delete ID [--force]
  token --audience URI [--scope "PERM PERM"]    prints an access token for scripts; authenticates with
                                                KEYWARDEN_API_KEY, or KEYWARDEN_ACCESS_KEY_ID and KEYWARDEN_SECRET_ACCESS_KEY

Options for every command
  --endpoint URL     GraphQL endpoint (env KEYWARDEN_ENDPOINT; default ${DEFAULT_ENDPOINT})
  --profile NAME     which stored session to use (default "default")
  --format FORMAT    table (default) or json
  Env KEYWARDEN_API_KEY authenticates every command with that key instead of a stored session.
  Sessions are stored in ~/.config/keywarden/credentials.json (mode 0600).
`;

class UsageError extends Error {}

type Options = Record<string, string | boolean | string[] | undefined>;

interface Invocation {
  command: string;
  positionals: string[];
  options: Options;
  profile: string;
  endpoint: string;
  format: Format;
  env: NodeJS.ProcessEnv;
  out: (text: string) => void;
}

const GLOBAL_OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  endpoint: { type: 'string' },
  profile: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** Options each command accepts, besides the global ones. */
const COMMAND_OPTIONS: Record<string, NonNullable<ParseArgsConfig['options']>> = {
  login: { email: { type: 'string' }, password: { type: 'string' }, 'api-key': { type: 'string' } },
  logout: {},
  whoami: {},
  'api-key create': {
    description: { type: 'string', short: 'd' },
    type: { type: 'string' },
    'expires-in-days': { type: 'string' },
    owner: { type: 'string' },
    file: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  'api-key list': { all: { type: 'boolean' }, managed: { type: 'boolean' } },
  'api-key info': {},
  'api-key update': { name: { type: 'string', short: 'n' }, description: { type: 'string', short: 'd' } },
  'api-key lock': {},
  'api-key unlock': {},
  'api-key disable': {},
  'api-key enable': {},
  'api-key expire': {},
  'api-key reset': { grace: { type: 'string' }, file: { type: 'string' } },
  'api-key delete': { force: { type: 'boolean' } },
  'functional-id create': { description: { type: 'string', short: 'd' }, owner: { type: 'string' } },
  'functional-id list': { path: { type: 'string' } },
  'functional-id delete': {},
  'user create': { name: { type: 'string' }, password: { type: 'string' }, federated: { type: 'boolean' }, parent: { type: 'string' } },
  'user list': {},
  'user disable': {},
  'group create': { description: { type: 'string', short: 'd' } },
  'group add-member': {},
  'service create': { audience: { type: 'string' }, description: { type: 'string', short: 'd' }, permission: { type: 'string', multiple: true } },
  'service list': {},
  'service delete': { force: { type: 'boolean' } },
  token: { audience: { type: 'string' }, scope: { type: 'string' } },
};

const GROUPS = new Set(['api-key', 'functional-id', 'user', 'group', 'service']);

export async function run(argv: string[], env: NodeJS.ProcessEnv, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  try {
    const invocation = parse(argv, env, out);
    if (!invocation) {
      out(HELP);
      return 0;
    }
    await COMMANDS[invocation.command](invocation);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      err(`error: ${error.message}\n\n${HELP}`);
      return 2;
    }
    if (error instanceof ApiError) {
      err(`error: ${error.code}: ${error.message}\n`);
      return 1;
    }
    err(`error: ${(error as Error).message}\n`);
    return 1;
  }
}

function parse(argv: string[], env: NodeJS.ProcessEnv, out: (text: string) => void): Invocation | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  if (argv.length === 0 || (words.length === 0 && (argv.includes('--help') || argv.includes('-h'))) || words[0] === 'help') return undefined;
  const command = GROUPS.has(words[0]) ? `${words[0]} ${words[1] ?? ''}`.trim() : words[0];
  const accepted = COMMAND_OPTIONS[command];
  if (!accepted) throw new UsageError(`unknown command "${command}"`);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...GLOBAL_OPTIONS, ...accepted }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const options = parsed.values as Options;
  if (options.help) return undefined;
  const format = (options.format as string | undefined) ?? 'table';
  if (format !== 'table' && format !== 'json') throw new UsageError('--format must be table or json');
  const profile = (options.profile as string | undefined) ?? 'default';
  const stored = readProfile(credentialsFile(env), profile);
  return {
    command,
    positionals: parsed.positionals.slice(command.split(' ').length),
    options,
    profile,
    endpoint: (options.endpoint as string | undefined) ?? env.KEYWARDEN_ENDPOINT ?? stored?.endpoint ?? DEFAULT_ENDPOINT,
    format,
    env,
    out,
  };
}

function client(inv: Invocation, anonymous = false): KeywardenClient {
  if (anonymous) return new KeywardenClient({ endpoint: inv.endpoint });
  if (inv.env.KEYWARDEN_API_KEY) return new KeywardenClient({ endpoint: inv.endpoint, authorization: `ApiKey ${inv.env.KEYWARDEN_API_KEY}` });
  const stored = readProfile(credentialsFile(inv.env), inv.profile);
  if (!stored) throw new ApiError('UNAUTHENTICATED', `not logged in (profile "${inv.profile}"): run keywarden login`);
  return new KeywardenClient({ endpoint: inv.endpoint, authorization: `Bearer ${stored.token}` });
}

function positional(inv: Invocation, index: number, what: string): string {
  const value = inv.positionals[index];
  if (!value) throw new UsageError(`${inv.command} needs ${what}`);
  return value;
}

function integer(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new UsageError(`${flag} must be a whole number`);
  return Number(value);
}

type KeyFields = ops.ApiKeyFieldsFragment;

function showKey(inv: Invocation, key: KeyFields): void {
  if (inv.format === 'json') return inv.out(json(key));
  inv.out(
    details([
      ['ID', key.id],
      ['Name', key.name],
      ['Type', key.type],
      ['Prefix', key.prefix],
      ['Access key ID', key.accessKeyId],
      ['Owner', `${key.owner.name} (${key.owner.id})`],
      ['State', key.state],
      ['Locked', key.locked],
      ['Expires', key.expiresAt ?? 'never'],
      ['Expired', key.expired],
      ['Last used', key.lastUsedAt ?? 'never'],
      ['Description', key.description],
      ['Allowed CIDRs', key.allowedCidrs],
      ['On leak', key.actionWhenLeaked],
      ['Etag', key.etag],
    ]),
  );
}

/** Shows a new secret once — on the terminal, or written to FILE (0600) as JSON. */
function showSecret(inv: Invocation, payload: { secret?: string | null; dryRun: boolean; apiKey: KeyFields }): void {
  const file = inv.options.file as string | undefined;
  const key = payload.apiKey;
  const credential =
    key.type === 'ACCESS_KEY' ? { id: key.id, name: key.name, accessKeyId: key.accessKeyId, secretAccessKey: payload.secret } : { id: key.id, name: key.name, apiKey: payload.secret };
  if (payload.dryRun) {
    inv.out(inv.format === 'json' ? json({ dryRun: true, key }) : 'Dry run: every check passed; nothing was created.\n');
    return;
  }
  if (file) {
    fs.writeFileSync(file, json(credential), { mode: 0o600 });
    fs.chmodSync(file, 0o600);
    inv.out(inv.format === 'json' ? json({ key, file }) : `Created ${key.name} (${key.id}); its secret is in ${file}.\n`);
    return;
  }
  if (inv.format === 'json') return inv.out(json({ ...credential, key }));
  inv.out(`Created ${key.name} (${key.id}).\n`);
  if (key.type === 'ACCESS_KEY') inv.out(`Access key ID:     ${key.accessKeyId}\nSecret access key: ${payload.secret}\n`);
  else inv.out(`API key: ${payload.secret}\n`);
  inv.out('This is the only time the secret is shown: store it now.\n');
}

async function confirm(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  const answer = await new Promise<string>((resolve) => rl.question(`${question} [y/N] `, resolve));
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) throw new UsageError('--password is required when not on a terminal');
  process.stderr.write('Password: ');
  const stdin = process.stdin;
  stdin.setRawMode(true);
  let password = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          stdin.setRawMode(false);
          stdin.off('data', onData);
          stdin.pause();
          process.stderr.write('\n');
          return resolve(password);
        }
        if (char === '\u0003') return reject(new Error('cancelled'));
        password = char === '\u007f' ? password.slice(0, -1) : password + char;
      }
    };
    stdin.on('data', onData);
    stdin.resume();
  });
}

/** Asks before deleting, unless --force; false when the answer is no. */
async function confirmed(inv: Invocation, what: string): Promise<boolean> {
  if (inv.options.force) return true;
  if (!process.stdin.isTTY) throw new UsageError(`${inv.command} asks for confirmation: pass --force when not on a terminal`);
  if (await confirm(`Delete ${what}?`)) return true;
  inv.out('Not deleted.\n');
  return false;
}

async function keyCommand(inv: Invocation, run: (c: KeywardenClient, id: string) => Promise<KeyFields>): Promise<void> {
  showKey(inv, await run(client(inv), positional(inv, 0, 'a key ID')));
}

const COMMANDS: Record<string, (inv: Invocation) => Promise<void>> = {
  async login(inv) {
    const apiKey = inv.options['api-key'] as string | undefined;
    let session;
    if (apiKey) {
      session = (await client(inv, true).request(ops.AuthenticateDocument, { input: { apiKey } })).authenticate;
    } else {
      const email = inv.options.email as string | undefined;
      if (!email) throw new UsageError('login needs --email (or --api-key)');
      const password = (inv.options.password as string | undefined) ?? (await readPassword());
      session = (await client(inv, true).request(ops.LoginDocument, { input: { email, password } })).login;
    }
    writeProfile(credentialsFile(inv.env), inv.profile, {
      endpoint: inv.endpoint,
      token: session.token,
      expiresAt: session.expiresAt,
      principal: session.principal.id,
    });
    inv.out(inv.format === 'json' ? json({ principal: session.principal, expiresAt: session.expiresAt }) : `Logged in as ${session.principal.name} (${session.principal.id}) until ${session.expiresAt}.\n`);
  },

  async logout(inv) {
    const file = credentialsFile(inv.env);
    if (readProfile(file, inv.profile)) await client(inv).request(ops.LogoutDocument).catch(() => undefined);
    writeProfile(file, inv.profile, undefined);
    inv.out('Logged out.\n');
  },

  async whoami(inv) {
    const { viewer } = await client(inv).request(ops.WhoAmIDocument);
    if (!viewer) throw new ApiError('UNAUTHENTICATED', 'not logged in');
    if (inv.format === 'json') return inv.out(json(viewer));
    inv.out(
      details([
        ['ID', viewer.id],
        ['Kind', viewer.kind],
        ['Name', viewer.name],
        ['Email', viewer.__typename === 'User' ? viewer.email : undefined],
        ['Account', `${viewer.account.name} (${viewer.account.id})`],
        ['Roles', viewer.roles.map((r) => r.name)],
      ]),
    );
  },

  async 'api-key create'(inv) {
    const type = (inv.options.type as string | undefined) ?? 'api-key';
    if (type !== 'api-key' && type !== 'access-key') throw new UsageError('--type must be api-key or access-key');
    const { createApiKey } = await client(inv).request(ops.CreateApiKeyDocument, {
      input: {
        name: positional(inv, 0, 'a NAME'),
        description: inv.options.description as string | undefined,
        type: type === 'access-key' ? 'ACCESS_KEY' : 'API_KEY',
        expiresInDays: integer(inv.options['expires-in-days'], '--expires-in-days'),
        ownerId: inv.options.owner as string | undefined,
        dryRun: Boolean(inv.options['dry-run']),
      },
    });
    showSecret(inv, createApiKey);
  },

  async 'api-key list'(inv) {
    if (inv.options.all && inv.options.managed) throw new UsageError('--all and --managed do not go together');
    const scope = inv.options.all ? 'ALL' : inv.options.managed ? 'MANAGED' : 'MINE';
    const keys: KeyFields[] = [];
    let after: string | null | undefined;
    do {
      const page: ops.ListApiKeysQuery = await client(inv).request(ops.ListApiKeysDocument, { filter: { scope }, first: 100, after });
      keys.push(...page.apiKeys.edges.map((e) => e.node));
      after = page.apiKeys.pageInfo.hasNextPage ? page.apiKeys.pageInfo.endCursor : undefined;
    } while (after);
    if (inv.format === 'json') return inv.out(json(keys));
    inv.out(
      table(keys, [
        ['ID', (k: KeyFields) => k.id],
        ['Name', (k: KeyFields) => k.name],
        ['Type', (k: KeyFields) => k.type],
        ['Prefix', (k: KeyFields) => k.prefix],
        ['Owner', (k: KeyFields) => k.owner.name],
        ['State', (k: KeyFields) => k.state],
        ['Locked', (k: KeyFields) => (k.locked ? 'yes' : 'no')],
        ['Expires', (k: KeyFields) => k.expiresAt ?? 'never'],
        ['Last used', (k: KeyFields) => k.lastUsedAt ?? 'never'],
      ]),
    );
  },

  async 'api-key info'(inv) {
    await keyCommand(inv, async (c, id) => {
      const { apiKey } = await c.request(ops.ApiKeyInfoDocument, { id });
      if (!apiKey) throw new ApiError('NOT_FOUND', 'API key not found');
      return apiKey;
    });
  },

  async 'api-key update'(inv) {
    if (inv.options.name === undefined && inv.options.description === undefined) throw new UsageError('api-key update needs -n NAME or -d DESC');
    await keyCommand(inv, async (c, id) =>
      (await c.request(ops.UpdateApiKeyDocument, { input: { id, name: inv.options.name as string | undefined, description: inv.options.description as string | undefined } }))
        .updateApiKey,
    );
  },

  'api-key lock': (inv) => keyCommand(inv, async (c, id) => (await c.request(ops.LockApiKeyDocument, { id })).lockApiKey),
  'api-key unlock': (inv) => keyCommand(inv, async (c, id) => (await c.request(ops.UnlockApiKeyDocument, { id })).unlockApiKey),
  'api-key disable': (inv) => keyCommand(inv, async (c, id) => (await c.request(ops.SetApiKeyStateDocument, { input: { id, state: 'INACTIVE' } })).setApiKeyState),
  'api-key enable': (inv) => keyCommand(inv, async (c, id) => (await c.request(ops.SetApiKeyStateDocument, { input: { id, state: 'ACTIVE' } })).setApiKeyState),

  async 'api-key expire'(inv) {
    const when = positional(inv, 1, 'a DATE (ISO 8601) or never');
    const expiresAt = when === 'never' ? null : new Date(when);
    if (expiresAt && Number.isNaN(expiresAt.getTime())) throw new UsageError(`"${when}" is not a date (use ISO 8601, e.g. 2027-01-31T00:00:00Z, or never)`);
    await keyCommand(inv, async (c, id) => (await c.request(ops.SetApiKeyExpiryDocument, { input: { id, expiresAt: expiresAt?.toISOString() ?? null } })).setApiKeyExpiry);
  },

  async 'api-key reset'(inv) {
    const { resetApiKeySecret } = await client(inv).request(ops.ResetApiKeySecretDocument, {
      input: { id: positional(inv, 0, 'a key ID'), gracePeriodSeconds: integer(inv.options.grace, '--grace') },
    });
    showSecret(inv, resetApiKeySecret);
  },

  async 'api-key delete'(inv) {
    const id = positional(inv, 0, 'a key ID');
    if (!(await confirmed(inv, `API key ${id}`))) return;
    const { deleteApiKey } = await client(inv).request(ops.DeleteApiKeyDocument, { input: { id } });
    inv.out(inv.format === 'json' ? json(deleteApiKey) : `Deleted ${deleteApiKey.deletedId}.\n`);
  },

  async 'functional-id create'(inv) {
    const { createFunctionalId: fid } = await client(inv).request(ops.CreateFunctionalIdDocument, {
      input: { name: positional(inv, 0, 'a NAME'), description: inv.options.description as string | undefined, ownerId: inv.options.owner as string | undefined },
    });
    inv.out(inv.format === 'json' ? json(fid) : details([['ID', fid.id], ['Name', fid.name], ['Owner', `${fid.owner.name} (${fid.owner.id})`], ['Description', fid.description]]));
  },

  async 'functional-id list'(inv) {
    const { functionalIds } = await client(inv).request(ops.ListFunctionalIdsDocument, { first: 100, pathPrefix: inv.options.path as string | undefined });
    const rows = functionalIds.edges.map((e) => e.node);
    inv.out(inv.format === 'json' ? json(rows) : table(rows, [['ID', (f) => f.id], ['Name', (f) => f.name], ['Owner', (f) => f.owner.name], ['Description', (f) => f.description]]));
  },

  async 'functional-id delete'(inv) {
    const { deleteFunctionalId } = await client(inv).request(ops.DeleteFunctionalIdDocument, { id: positional(inv, 0, 'a functional ID') });
    inv.out(inv.format === 'json' ? json(deleteFunctionalId) : `Deleted ${deleteFunctionalId.deletedId}.\n`);
  },

  async 'user create'(inv) {
    const name = inv.options.name as string | undefined;
    if (!name) throw new UsageError('user create needs --name');
    const { createUser: user } = await client(inv).request(ops.CreateUserDocument, {
      input: {
        email: positional(inv, 0, 'an EMAIL'),
        name,
        password: inv.options.password as string | undefined,
        federated: Boolean(inv.options.federated),
        parentId: inv.options.parent as string | undefined,
      },
    });
    inv.out(inv.format === 'json' ? json(user) : details([['ID', user.id], ['Name', user.name], ['Email', user.email], ['Parent', user.parent?.id]]));
  },

  async 'user list'(inv) {
    const { users } = await client(inv).request(ops.ListUsersDocument, { first: 100 });
    const rows = users.edges.map((e) => e.node);
    inv.out(inv.format === 'json' ? json(rows) : table(rows, [['ID', (u) => u.id], ['Name', (u) => u.name], ['Email', (u) => u.email], ['Disabled', (u) => (u.disabled ? 'yes' : 'no')]]));
  },

  async 'user disable'(inv) {
    const { setUserDisabled: user } = await client(inv).request(ops.SetUserDisabledDocument, { input: { id: positional(inv, 0, 'a user ID'), disabled: true } });
    inv.out(inv.format === 'json' ? json(user) : `Disabled ${user.name} (${user.id}): its sessions and keys no longer work.\n`);
  },

  async 'group create'(inv) {
    const { createGroup: group } = await client(inv).request(ops.CreateGroupDocument, {
      input: { name: positional(inv, 0, 'a NAME'), description: inv.options.description as string | undefined },
    });
    inv.out(inv.format === 'json' ? json(group) : details([['ID', group.id], ['Name', group.name], ['Description', group.description]]));
  },

  async 'group add-member'(inv) {
    const groupId = positional(inv, 0, 'a GROUP_ID');
    const principalIds = inv.positionals.slice(1);
    if (principalIds.length === 0) throw new UsageError('group add-member needs at least one PRINCIPAL_ID');
    const { addGroupMembers: group } = await client(inv).request(ops.AddGroupMembersDocument, { input: { groupId, principalIds } });
    inv.out(inv.format === 'json' ? json(group) : `Added ${principalIds.length} member(s) to ${group.name}.\n`);
  },

  async 'service create'(inv) {
    const audience = inv.options.audience as string | undefined;
    if (!audience) throw new UsageError('service create needs --audience');
    const permissions = ((inv.options.permission as string[] | undefined) ?? []).map((name) => ({ name }));
    const { createService: service } = await client(inv).request(ops.CreateServiceDocument, {
      input: { name: positional(inv, 0, 'a NAME'), audience, description: inv.options.description as string | undefined, permissions },
    });
    inv.out(
      inv.format === 'json'
        ? json(service)
        : details([['ID', service.id], ['Name', service.name], ['Audience', service.audience], ['Permissions', service.permissions.map((p) => `${service.name}:${p.name}`)], ['Description', service.description]]),
    );
  },

  async 'service list'(inv) {
    const { services } = await client(inv).request(ops.ListServicesDocument, { first: 100 });
    const rows = services.edges.map((e) => e.node);
    inv.out(inv.format === 'json' ? json(rows) : table(rows, [['ID', (s) => s.id], ['Name', (s) => s.name], ['Audience', (s) => s.audience], ['Permissions', (s) => s.permissions.map((p: { name: string }) => p.name).join(' ')]]));
  },

  async 'service delete'(inv) {
    const id = positional(inv, 0, 'a service ID');
    if (!(await confirmed(inv, `service ${id}`))) return;
    const { deleteService } = await client(inv).request(ops.DeleteServiceDocument, { id });
    inv.out(inv.format === 'json' ? json(deleteService) : `Deleted ${deleteService.deletedId}.\n`);
  },

  async token(inv) {
    const audience = inv.options.audience as string | undefined;
    if (!audience) throw new UsageError('token needs --audience');
    const { KEYWARDEN_API_KEY: apiKey, KEYWARDEN_ACCESS_KEY_ID: accessKeyId, KEYWARDEN_SECRET_ACCESS_KEY: secretAccessKey } = inv.env;
    const form = new URLSearchParams({ audience, ...(inv.options.scope !== undefined ? { scope: inv.options.scope as string } : {}) });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (accessKeyId && secretAccessKey) {
      form.set('grant_type', 'client_credentials');
      headers.authorization = `Basic ${Buffer.from(`${accessKeyId}:${secretAccessKey}`).toString('base64')}`;
    } else if (apiKey) {
      form.set('grant_type', 'urn:keywarden:params:oauth:grant-type:api-key');
      form.set('api_key', apiKey);
    } else {
      throw new UsageError('token needs KEYWARDEN_API_KEY, or KEYWARDEN_ACCESS_KEY_ID and KEYWARDEN_SECRET_ACCESS_KEY (a session cannot be exchanged)');
    }
    const response = await fetch(new URL('/oauth/token', inv.endpoint), { method: 'POST', headers, body: form }).catch((error: Error) => {
      throw new ApiError('UNREACHABLE', `cannot reach ${inv.endpoint}: ${error.message}`);
    });
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; error?: string; error_description?: string };
    if (!response.ok || !body.access_token) throw new ApiError(body.error ?? `HTTP ${response.status}`, body.error_description ?? 'no token');
    inv.out(inv.format === 'json' ? json(body) : `${body.access_token}\n`);
  },
};

if (require.main === module) {
  run(process.argv.slice(2), process.env, (t) => process.stdout.write(t), (t) => process.stderr.write(t)).then((code) => {
    process.exitCode = code;
  });
}
