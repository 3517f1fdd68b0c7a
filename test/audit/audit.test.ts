/**
 * The audit trail through HTTP: one event per mutation outcome and per
 * refused credential, readable with `auditEvents` by holders of `audit.read`
 * only, filtered and cursor-paged, pruned after AUDIT_RETENTION_DAYS.
 */
import { AuditEventEntity } from '../../src/modules/audit/audit-event.entity';
import { createApiKeyFor, createUser, type SeededUser } from '../helpers/seed';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/server';

const EVENTS = `query($filter: AuditEventFilter, $first: Int, $after: String) {
  auditEvents(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id at action outcome actorId actor { id name } authMethod keyId targetType targetId accountId requestId ip userAgent errorCode details } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
// Any user may create its own child users, so the refused example is a role: that needs roles.manage.
const CREATE_ROLE = `mutation($input: CreateRoleInput!) { createRole(input: $input) { id } }`;
const DAY = 86_400_000;

let t: TestServer;
let adminId: string;
let accountId: string;
let plain: SeededUser;
const secrets: string[] = [];

beforeAll(async () => {
  t = await startTestServer({ AUDIT_RETENTION_DAYS: '30' });
  adminId = (await t.gql(`{ viewer { id } }`, {}, { token: t.adminToken })).data.viewer.id;
  accountId = (await t.gql(`{ account { id } }`, {}, { token: t.adminToken })).data.account.id;
  plain = await createUser(t, 'Plain User');
  secrets.push(ADMIN_PASSWORD, t.adminToken, plain.password, plain.token);
});
afterAll(() => t.close());

function eventsOfRequest(requestId: string) {
  return t.server.dataSource.getRepository(AuditEventEntity).findBy({ requestId });
}

async function auditEvents(variables: Record<string, unknown> = {}, token = t.adminToken) {
  const result = await t.gql(EVENTS, variables, { token });
  expect(result.errors).toBeUndefined();
  return result.data.auditEvents;
}

test('a successful mutation leaves exactly one SUCCESS event, with who, how, what, where and the request', async () => {
  const password = 'created-user-pw-1';
  secrets.push(password);
  t.sql.reset();
  const result = await t.gql(CREATE_USER, { input: { email: 'audited@example.com', name: 'Audited', password } }, { token: t.adminToken, headers: { 'user-agent': 'audit-test/1.0' } });
  expect(result.errors).toBeUndefined();
  const requestId = result.body.extensions!.requestId;
  const events = await eventsOfRequest(requestId);
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({
    action: 'user.create',
    outcome: 'SUCCESS',
    actorId: adminId,
    authMethod: 'SESSION',
    targetType: 'User',
    targetId: result.data.createUser.id,
    accountId,
    userAgent: 'audit-test/1.0',
    errorCode: null,
  });
  expect(events[0].ip).toMatch(/127\.0\.0\.1/);
  // Written inside the change's transaction: after the user's INSERT, before its COMMIT.
  const statements = t.sql.statements;
  const userInsert = statements.findIndex((q) => /^INSERT INTO [`"]principals[`"]/.test(q));
  const auditInsert = statements.findIndex((q) => /^INSERT INTO [`"]audit_events[`"]/.test(q));
  const commit = statements.findIndex((q, i) => i > userInsert && q === 'COMMIT');
  expect(userInsert).toBeGreaterThanOrEqual(0);
  expect(auditInsert).toBeGreaterThan(userInsert);
  expect(auditInsert).toBeLessThan(commit);

  const listed = await auditEvents({ filter: { targetId: result.data.createUser.id } });
  expect(listed.totalCount).toBe(1);
  expect(listed.edges[0].node).toMatchObject({ action: 'user.create', outcome: 'SUCCESS', actor: { id: adminId }, requestId, userAgent: 'audit-test/1.0' });
});

test('a refused mutation leaves exactly one DENIED event', async () => {
  const result = await t.gql(CREATE_ROLE, { input: { name: 'Nope', permissions: ['users.read'] } }, { token: plain.token });
  expect(result.code).toBe('FORBIDDEN');
  const events = await eventsOfRequest(result.body.extensions!.requestId);
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ action: 'role.create', outcome: 'DENIED', errorCode: 'FORBIDDEN', actorId: plain.id, accountId, authMethod: 'SESSION' });
});

test('a wrong password leaves exactly one DENIED event in the user\'s account', async () => {
  const result = await t.gql(`mutation($input: LoginInput!) { login(input: $input) { token } }`, { input: { email: plain.email, password: 'wrong-password-123' } });
  expect(result.code).toBe('UNAUTHENTICATED');
  const events = await eventsOfRequest(result.body.extensions!.requestId);
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ action: 'auth.login', outcome: 'DENIED', errorCode: 'UNAUTHENTICATED', actorId: plain.id, accountId, authMethod: 'ANONYMOUS' });
  expect(events[0].details).toEqual({ reason: 'wrong password' });
  expect(JSON.stringify(events)).not.toContain('wrong-password-123');
});

test('a refused API key leaves exactly one DENIED event naming the key, never its secret', async () => {
  const { key, token } = await createApiKeyFor(t, plain.id);
  await t.gql(`mutation($id: ID!) { setApiKeyState(input: { id: $id, state: INACTIVE }) { id } }`, { id: key.id }, { token: t.adminToken });
  secrets.push(token);
  const result = await t.gql(`{ viewer { id } }`, {}, { authorization: `ApiKey ${token}` });
  expect(result.code).toBe('UNAUTHENTICATED');
  const events = await eventsOfRequest(result.body.extensions!.requestId);
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({ action: 'auth.credentials', outcome: 'DENIED', keyId: key.id, accountId, authMethod: 'API_KEY', details: { reason: 'key inactive' } });
  const listed = await auditEvents({ filter: { action: 'auth.credentials' } });
  expect(listed.edges.map((e: any) => e.node.keyId)).toEqual([key.id]);
  expect(listed.edges[0].node.details).toEqual({ reason: 'key inactive' }); // a JSON object, not a string
});

test('auditEvents is FORBIDDEN without audit.read, and UNAUTHENTICATED when anonymous', async () => {
  const refused = await t.gql(EVENTS, {}, { token: plain.token });
  expect(refused.code).toBe('FORBIDDEN');
  expect(refused.data?.auditEvents ?? null).toBeNull();
  expect((await t.gql(EVENTS)).code).toBe('UNAUTHENTICATED');
  // node() hides events from non-holders as if they did not exist.
  const anEvent = (await auditEvents({ first: 1 })).edges[0].node.id;
  expect((await t.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: anEvent }, { token: plain.token })).code).toBe('NOT_FOUND');
  expect((await t.gql(`query($id: ID!) { node(id: $id) { id ... on AuditEvent { action } } }`, { id: anEvent }, { token: t.adminToken })).data.node.id).toBe(anEvent);
});

test('filters narrow by action, actor, target, outcome and time; pages go newest first', async () => {
  const all = await auditEvents({ first: 100 });
  const ids = all.edges.map((e: any) => e.node.id);
  expect([...ids].sort().reverse()).toEqual(ids); // newest first

  const denied = await auditEvents({ filter: { outcome: 'DENIED' } });
  expect(denied.edges.length).toBeGreaterThanOrEqual(3);
  expect(denied.edges.every((e: any) => e.node.outcome === 'DENIED')).toBe(true);

  const byPlain = await auditEvents({ filter: { actorId: plain.id } });
  expect(byPlain.edges.length).toBeGreaterThanOrEqual(2);
  expect(byPlain.edges.every((e: any) => e.node.actorId === plain.id)).toBe(true);

  const deniedCreates = await auditEvents({ filter: { action: 'role.create', outcome: 'DENIED' } });
  expect(deniedCreates.edges.map((e: any) => e.node.actorId)).toEqual([plain.id]);

  // Time: events after a moment, and before it.
  t.clock.advance(60_000);
  const moment = t.clock.now().toISOString();
  t.clock.advance(60_000);
  const later = await t.gql(CREATE_USER, { input: { email: 'later@example.com', name: 'Later', federated: true } }, { token: t.adminToken });
  expect(later.errors).toBeUndefined();
  const since = await auditEvents({ filter: { since: moment } });
  expect(since.edges.map((e: any) => e.node.targetId)).toEqual([later.data.createUser.id]);
  const until = await auditEvents({ filter: { until: moment }, first: 100 });
  expect(until.totalCount).toBe(all.totalCount);

  // Cursor paging walks the same list, one at a time.
  const walked: string[] = [];
  let after: string | null = null;
  do {
    const page: any = await auditEvents({ first: 2, after });
    walked.push(...page.edges.map((e: any) => e.node.id));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  expect(walked).toEqual((await auditEvents({ first: 100 })).edges.map((e: any) => e.node.id));

  expect((await t.gql(EVENTS, { filter: { outcome: 'MAYBE' } }, { token: t.adminToken })).code).toBe('BAD_USER_INPUT');
});

test('the sweeper prunes events older than AUDIT_RETENTION_DAYS and keeps the rest', async () => {
  const repository = t.server.dataSource.getRepository(AuditEventEntity);
  const before = await repository.count();
  expect(before).toBeGreaterThan(0);
  t.clock.advance(31 * DAY);
  const token = await t.login('admin@example.com', ADMIN_PASSWORD);
  secrets.push(token);
  const recent = await t.gql(CREATE_USER, { input: { email: 'recent@example.com', name: 'Recent', federated: true } }, { token });
  const report = await t.server.services.expirySweeper.sweep();
  expect(report.auditEventsPruned).toBe(before);
  const left = await repository.find({ order: { id: 'ASC' } });
  expect(left.map((e) => e.action)).toEqual(['auth.login', 'user.create']); // the fresh login and the mutation
  expect(left[1].requestId).toBe(recent.body.extensions!.requestId);
});

test('no secret the tests used reaches an audit event or a log line', async () => {
  const everything = JSON.stringify(await t.server.dataSource.getRepository(AuditEventEntity).find()) + t.logs.join('\n');
  for (const secret of secrets) expect(everything).not.toContain(secret);
});
