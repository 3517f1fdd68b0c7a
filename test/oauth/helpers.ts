/** Shared steps of the OAuth tests: services, roles holding their permissions, keys, the token endpoint and the processes that use it. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { httpPost, type TestServer } from '../helpers/server';
import { createKey, createUser, roleIdsByName, type TestUser } from '../api-keys/helpers';

export const API_KEY_GRANT = 'urn:keywarden:params:oauth:grant-type:api-key';
export const BILLING_PERMISSIONS = [
  { name: 'invoices.read', description: 'Read invoices' },
  { name: 'invoices.write', description: 'Issue invoices' },
];

export interface ServiceInfo {
  id: string;
  name: string;
  audience: string;
}

export async function createService(t: TestServer, input: { name?: string; audience?: string; permissions?: { name: string; description?: string }[] } = {}, token = t.adminToken): Promise<ServiceInfo> {
  const suffix = randomBytes(3).toString('hex');
  const created = await t.gql(
    `mutation($input: CreateServiceInput!) { createService(input: $input) { id name audience } }`,
    { input: { name: input.name ?? `billing-${suffix}`, audience: input.audience ?? `https://billing-${suffix}.example.com`, permissions: input.permissions ?? BILLING_PERMISSIONS } },
    { token },
  );
  if (!created.data?.createService) throw new Error(`createService failed: ${JSON.stringify(created.errors)}`);
  return created.data.createService;
}

export async function createRole(t: TestServer, name: string, permissions: string[]): Promise<string> {
  const created = await t.gql(`mutation($input: CreateRoleInput!) { createRole(input: $input) { id } }`, { input: { name, permissions } }, { token: t.adminToken });
  if (!created.data?.createRole) throw new Error(`createRole failed: ${JSON.stringify(created.errors)}`);
  return created.data.createRole.id;
}

export async function setRoles(t: TestServer, principalId: string, roleIds: string[]): Promise<void> {
  const result = await t.gql(`mutation($input: SetPrincipalRolesInput!) { setPrincipalRoles(input: $input) { id } }`, { input: { principalId, roleIds } }, { token: t.adminToken });
  if (result.errors) throw new Error(`setPrincipalRoles failed: ${JSON.stringify(result.errors)}`);
}

/** A user holding `permissions` of the account (through one custom role), with an access key and an API key. */
export async function callerHolding(t: TestServer, permissions: string[]): Promise<{ user: TestUser; accessKey: { id: string; accessKeyId: string; secret: string }; apiKey: { id: string; token: string } }> {
  const user = await createUser(t);
  // Member (self.manage) stays: the caller makes its own keys below.
  if (permissions.length > 0) await setRoles(t, user.id, [...(await roleIdsByName(t, ['Member'])), await createRole(t, `holds-${randomBytes(4).toString('hex')}`, permissions)]);
  const access = await createKey(t, { token: user.token }, { name: 'oauth-access', type: 'ACCESS_KEY' });
  const api = await createKey(t, { token: user.token }, { name: 'oauth-api' });
  return {
    user,
    accessKey: { id: access.key.id, accessKeyId: access.key.accessKeyId, secret: access.secret },
    apiKey: { id: api.key.id, token: api.secret },
  };
}

export interface FormAnswer {
  status: number;
  headers: Headers;
  body: any;
}

/** POSTs a form to an OAuth endpoint (optionally from another loopback address). */
export async function postForm(t: TestServer, endpoint: string, form: Record<string, string>, options: { authorization?: string; localAddress?: string } = {}): Promise<FormAnswer> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (options.authorization) headers.authorization = options.authorization;
  const response = await httpPost(`${t.origin}${endpoint}`, new URLSearchParams(form).toString(), headers, options.localAddress);
  return { status: response.status, headers: response.headers, body: JSON.parse(response.text) };
}

export const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

/** A token for the access key through client_credentials with HTTP Basic; fails the test otherwise. */
export async function tokenFor(t: TestServer, key: { accessKeyId: string; secret: string }, audience: string, scope?: string): Promise<{ access_token: string; scope: string; expires_in: number }> {
  const answer = await postForm(t, '/oauth/token', { grant_type: 'client_credentials', audience, ...(scope !== undefined ? { scope } : {}) }, { authorization: basic(key.accessKeyId, key.secret) });
  if (answer.status !== 200) throw new Error(`token request failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** Runs openid-client v6 (test/helpers/oauth-client.mjs) in its own process: it is ESM-only. */
export function runOAuthClient(input: { issuer: string; clientId: string; clientSecret: string; audience: string; scope?: string; auth?: 'basic' | 'post' }): Promise<{ token?: { access_token: string; token_type: string; expires_in: number; scope: string }; error?: string; status?: number }> {
  const script = path.resolve(__dirname, '../helpers/oauth-client.mjs');
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script, JSON.stringify(input)], { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`oauth client failed: ${error.message}\n${stderr}`));
      resolve(JSON.parse(stdout.trim().split('\n').pop()!));
    });
  });
}

export interface RelyingService {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** examples/relying-service/server.mjs as a child process, as its README runs it. */
export function startRelyingService(env: { KEYWARDEN_URL: string; AUDIENCE: string; ACCESS_KEY_ID: string; SECRET_ACCESS_KEY: string }): Promise<RelyingService> {
  const script = path.resolve(__dirname, '../../examples/relying-service/server.mjs');
  const child = spawn(process.execPath, [script], { env: { PATH: process.env.PATH ?? '', PORT: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.includes('relying service is serving'));
      if (line) {
        resolve({
          url: JSON.parse(line).url,
          child,
          stop: () => new Promise<void>((done) => (child.exitCode !== null ? done() : (child.once('exit', () => done()), child.kill('SIGTERM')))),
        });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`relying service exited with ${code}:\n${output}`)));
  });
}

export async function getInvoices(service: RelyingService, authorization?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${service.url}/invoices`, { headers: authorization ? { authorization } : {} });
  return { status: response.status, body: await response.json() };
}

/** The audit events of an action in the admin's account, newest first. */
export async function auditEvents(t: TestServer, action: string): Promise<any[]> {
  const result = await t.gql(
    `query($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 50) { edges { node { action outcome keyId targetId actor { id } } } } }`,
    { filter: { action } },
    { token: t.adminToken },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.auditEvents.edges.map((e: { node: unknown }) => e.node);
}
