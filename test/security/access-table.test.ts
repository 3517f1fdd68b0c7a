/**
 * Walks EVERY Query and Mutation field of the running schema as seven callers and checks each answer
 * against the table in docs/identities-and-access.md ("Who may call what"): a field missing from the
 * table, or from the arguments below, fails the test, so a new field cannot go unreviewed.
 * The arguments aim at a victim: an Administrator of the account (its key, its functional ID, its
 * invitation) and the account's own role, group and settings. `WALK_DUMP=<file>` writes the answers seen,
 * one line per field, to review against the table when a field is added.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getNamedType, isLeafType, type GraphQLField } from 'graphql';
import { buildBareSchema } from '../../src/schema';
import { startTestServer, type RequestOptions, type TestServer } from '../helpers/server';
import { apiKeyAuth, createFunctionalId, createKey, createUser, inAccount, newAccount, ok, outcome, roleIdsByName } from './attacker';

const DOC = path.join(__dirname, '../../docs/identities-and-access.md');
const PERSONAS = ['anonymous', 'role-less user', 'sibling', 'other account', 'restricted key', 'Viewer key', 'functional ID key'] as const;
type Persona = (typeof PERSONAS)[number];

/** The table of the doc: `Query.x` / `Mutation.x` → the code each persona gets. */
function documentedTable(): Map<string, Record<Persona, string>> {
  const lines = fs.readFileSync(DOC, 'utf8').split('\n');
  const header = lines.find((line) => line.startsWith('| field |'));
  if (!header) throw new Error('docs/identities-and-access.md has no "| field |" table');
  const columns = header.split('|').map((c) => c.trim()).filter(Boolean);
  const table = new Map<string, Record<Persona, string>>();
  for (const line of lines) {
    const match = /^\| `((?:Query|Mutation)\.\w+)` \|/.exec(line);
    if (!match) continue;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim().replace(/`/g, ''));
    const row = {} as Record<Persona, string>;
    for (const persona of PERSONAS) row[persona] = cells[columns.indexOf(persona)];
    table.set(match[1], row);
  }
  return table;
}

let t: TestServer;
let callers: Record<Persona, RequestOptions>;
let args: Record<string, Record<string, unknown>>;

beforeAll(async () => {
  t = await startTestServer({ WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' });
  const home = (await ok(t, `{ account { id } }`, {}, { token: t.adminToken })).account.id;
  const parent = await createUser(t, { name: 'Parent' });
  const victim = await createUser(t, { name: 'Victim', parentId: parent.id, roleNames: ['Administrator'] });
  const sibling = await createUser(t, { name: 'Sibling', parentId: parent.id });
  const roleless = await createUser(t, { name: 'Role-less' });
  const victimKey = (await createKey(t, { token: victim.token }, { name: 'victim-key', expiresInDays: 30 })).key;
  const victimRobot = (await ok(t, `mutation { createFunctionalId(input: { name: "victim/robot" }) { id } }`, {}, { token: victim.token })).createFunctionalId.id;
  const role = (await ok(t, `mutation { createRole(input: { name: "Readers", permissions: ["users.read"] }) { id } }`, {}, { token: t.adminToken })).createRole.id;
  const group = (await ok(t, `mutation($r: [ID!]) { createGroup(input: { name: "Team", roleIds: $r }) { id } }`, { r: [role] }, { token: t.adminToken })).createGroup.id;
  const webhook = (await ok(t, `mutation { createWebhook(input: { url: "http://127.0.0.1:9/hook", events: ["apikey.created"] }) { webhook { id } } }`, {}, { token: t.adminToken })).createWebhook.webhook.id;
  const service = (await ok(t, `mutation { createService(input: { name: "billing", audience: "https://billing.example.com", permissions: [{ name: "invoices.read" }] }) { id } }`, {}, { token: t.adminToken })).createService.id;

  const other = await newAccount(t, { token: t.adminToken }, 'Other tenant');
  const stranger = `stranger-${Date.now()}@example.com`;
  await ok(t, `mutation($e: String!) { createUser(input: { email: $e, name: "Stranger", password: "stranger-password-1" }) { id } }`, { e: stranger }, inAccount({ token: t.adminToken }, other));
  await ok(t, `mutation($input: AccountMemberInput!) { addAccountMember(input: $input) { id } }`, { input: { accountId: other, userId: victim.id } }, inAccount({ token: t.adminToken }, other));
  const invitation = (await ok(t, `{ viewer { invitations { id } } }`, {}, { token: victim.token })).viewer.invitations[0].id;

  const [viewerRole] = await roleIdsByName(t, ['Viewer']);
  const robot = await createFunctionalId(t, (await ok(t, `{ viewer { id } }`, {}, { token: t.adminToken })).viewer.id, 'walker/robot');
  // Each caller from its own address, as strangers are: the walk's wrong passwords (login, changePassword) must not
  // add up to one address's failed-login limit.
  const callersAt = (options: Record<Persona, RequestOptions>) =>
    Object.fromEntries(PERSONAS.map((p, i) => [p, { ...options[p], localAddress: `127.0.0.${20 + i}` }])) as Record<Persona, RequestOptions>;
  callers = callersAt({
    anonymous: {},
    'role-less user': { token: roleless.token },
    sibling: { token: sibling.token },
    'other account': { token: await t.login(stranger, 'stranger-password-1') },
    'restricted key': apiKeyAuth((await createKey(t, { token: roleless.token }, { name: 'restricted' })).secret),
    'Viewer key': apiKeyAuth((await createKey(t, { token: t.adminToken }, { name: 'viewer', roleIds: [viewerRole], unrestricted: true })).secret),
    'functional ID key': apiKeyAuth((await createKey(t, { token: t.adminToken }, { name: 'robot', ownerId: robot, unrestricted: true })).secret),
  });

  const soon = new Date(Date.now() + 86_400_000).toISOString();
  args = {
    // Query
    viewer: {}, account: {}, users: {}, functionalIds: {}, groups: {}, roles: {}, permissionCatalog: {}, notifications: {}, auditEvents: {},
    node: { id: victimKey.id },
    apiKey: { id: victimKey.id },
    apiKeys: { filter: { scope: 'ALL' } },
    user: { id: victim.id },
    services: {},
    viewerPermissions: {},
    webhooks: {},
    webhookDeliveries: { webhookId: webhook },
    service: { id: service },
    // Mutation
    login: { input: { email: victim.email, password: 'not-the-password' } },
    authenticate: { input: { apiKey: 'kw_notakeynotakeynotakeynotakey0000000000' } },
    logout: {},
    changePassword: { input: { currentPassword: 'not-the-password', newPassword: 'a-new-password-123' } },
    createUser: { input: { email: 'walk@example.com', name: 'Walk', password: 'walk-password-123', parentId: victim.id } },
    updateUser: { input: { id: victim.id, name: 'Renamed' } },
    setUserDisabled: { input: { id: victim.id, disabled: true } },
    deleteUser: { id: victim.id },
    createFunctionalId: { input: { name: 'walk/robot', ownerId: victim.id } },
    updateFunctionalId: { input: { id: victimRobot, name: 'renamed' } },
    deleteFunctionalId: { id: victimRobot },
    createRole: { input: { name: 'Walkers', permissions: ['users.read'] } },
    updateRole: { input: { id: role, name: 'Renamed' } },
    deleteRole: { id: role },
    setPrincipalRoles: { input: { principalId: victim.id, roleIds: [] } },
    createGroup: { input: { name: 'Walkers' } },
    updateGroup: { input: { id: group, name: 'Renamed' } },
    deleteGroup: { id: group },
    addGroupMembers: { input: { groupId: group, principalIds: [victim.id] } },
    removeGroupMembers: { input: { groupId: group, principalIds: [victim.id] } },
    createAccount: { input: { name: 'Walk' } },
    addAccountMember: { input: { accountId: home, userId: victim.id } },
    removeAccountMember: { input: { accountId: home, userId: victim.id } },
    updateAccountSettings: { input: { maxApiKeysPerPrincipal: 1000 } },
    acceptAccountInvitation: { id: invitation },
    declineAccountInvitation: { id: invitation },
    createApiKey: { input: { name: 'walk', ownerId: victim.id } },
    updateApiKey: { input: { id: victimKey.id, name: 'renamed' } },
    setApiKeyState: { input: { id: victimKey.id, state: 'INACTIVE' } },
    setApiKeyExpiry: { input: { id: victimKey.id, expiresAt: soon } },
    resetApiKeySecret: { input: { id: victimKey.id } },
    deleteApiKey: { input: { id: victimKey.id } },
    setApiKeyAccess: { input: { id: victimKey.id, roleIds: [] } },
    lockApiKey: { id: victimKey.id },
    unlockApiKey: { id: victimKey.id },
    reportLeakedSecret: { secret: 'nothing-secret-here' },
    markNotificationsRead: { ids: [] },
    markAllNotificationsRead: {},
    createService: { input: { name: 'walk', audience: 'https://walk.example.com' } },
    updateService: { input: { id: service, description: 'walked' } },
    deleteService: { id: service },
    createWebhook: { input: { url: 'http://127.0.0.1:9/walk', events: ['apikey.deleted'] } },
    updateWebhook: { input: { id: webhook, description: 'walked' } },
    rotateWebhookSecret: { input: { id: webhook } },
    deleteWebhook: { id: webhook },
    redeliverWebhook: { deliveryId: 'whd_00000000000000000000000000' },
  };
});
afterAll(() => t.close());

/** `query|mutation($a: T!, …) { field(a: $a, …) { __typename } }` for a field of the schema. */
function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const declared = field.args.map((a) => `$${a.name}: ${a.type}`).join(', ');
  const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return `${kind}${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`;
}

test('every Query and Mutation field answers each caller as docs/identities-and-access.md says', async () => {
  const schema = await buildBareSchema();
  const documented = documentedTable();
  const fields = [
    ...Object.values(schema.getQueryType()!.getFields()).map((f) => ['Query', f] as const),
    // logout last: it ends the sessions the other fields are called with.
    ...Object.values(schema.getMutationType()!.getFields()).sort((a, b) => Number(a.name === 'logout') - Number(b.name === 'logout')).map((f) => ['Mutation', f] as const),
  ];
  const observed: string[] = [];
  const missing: string[] = [];
  for (const [type, field] of fields) {
    const name = `${type}.${field.name}`;
    if (!documented.has(name)) missing.push(`${name} (no row in the doc)`);
    if (!args[field.name]) {
      missing.push(`${name} (no arguments in this test)`);
      continue;
    }
    const row: string[] = [];
    for (const persona of PERSONAS) {
      const result = await t.gql(operationFor(type === 'Query' ? 'query' : 'mutation', field), args[field.name], callers[persona]);
      row.push(outcome(result));
    }
    observed.push(`${name}: ${row.join(' ')}`);
  }
  if (process.env.WALK_DUMP) fs.writeFileSync(process.env.WALK_DUMP, observed.join('\n'));
  expect(missing).toEqual([]);
  const expected = [...documented].filter(([name]) => observed.some((line) => line.startsWith(`${name}:`))).map(([name, row]) => `${name}: ${PERSONAS.map((p) => row[p]).join(' ')}`);
  expect(observed).toEqual(expect.arrayContaining(expected));
  expect(observed.sort()).toEqual(expected.sort());
});
