/** Steps the edge-of-authorization attacks share: accounts of one's own, and reading an account's audit trail. */
import type { RequestOptions, TestServer } from '../helpers/server';

/** A new account made by `token`'s user (it becomes its Administrator); returns its ID. */
export async function createOwnAccount(t: TestServer, token: string, name: string): Promise<string> {
  const result = await t.gql(`mutation($input: CreateAccountInput!) { createAccount(input: $input) { id } }`, { input: { name } }, { token });
  if (!result.data?.createAccount) throw new Error(`createAccount failed: ${JSON.stringify(result.errors)}`);
  return result.data.createAccount.id;
}

export interface TrailEvent {
  action: string;
  outcome: string;
  accountId: string | null;
  ip: string | null;
  details: Record<string, unknown> | null;
}

/** The audit events of the active account with this action, newest first, as an auditor reads them. */
export async function auditTrail(t: TestServer, action: string, options: RequestOptions = { token: t.adminToken }): Promise<TrailEvent[]> {
  const result = await t.gql(
    `query($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 100) { edges { node { action outcome accountId ip details } } } }`,
    { filter: { action } },
    options,
  );
  if (!result.data?.auditEvents) throw new Error(`auditEvents failed: ${JSON.stringify(result.errors)}`);
  return result.data.auditEvents.edges.map((e: { node: TrailEvent }) => e.node);
}

/** Rows of a table counted straight from the database (what an attack wrote, whoever may read it). */
export async function countRows(t: TestServer, table: string, where = '1 = 1', params: unknown[] = []): Promise<number> {
  const rows: { n: number | string }[] = await t.server.dataSource.query(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, params);
  return Number(rows[0].n);
}
