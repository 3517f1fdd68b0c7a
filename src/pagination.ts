/**
 * Relay connections with opaque cursors, paged forward (`first`/`after`) or
 * backward (`last`/`before`). IDs sort by creation time (see ids.ts) and a
 * cursor is an item's ID, so a page is an index range scan whatever its
 * position — never OFFSET: forward `WHERE id < :after ORDER BY id DESC
 * LIMIT first+1`, backward `WHERE id > :before ORDER BY id ASC LIMIT last+1`
 * (then reversed: a page always reads newest first). A cursor stays valid
 * in both directions while items come and go. `totalCount` is a function,
 * so the COUNT runs only when a client asks for it.
 */
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { IsOptional, Max, Min } from 'class-validator';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badUserInput } from './errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType({ description: 'Where a page stands in its list.' })
export class PageInfo {
  @Field({
    description: 'Paging forward: true when more items follow this page (pass `endCursor` as `after`). Paging backward: true when the page was asked for with `before`.',
  })
  hasNextPage!: boolean;

  @Field({
    description: 'Paging backward: true when more items precede this page (pass `startCursor` as `before`). Paging forward: true when the page was asked for with `after`.',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page; null on an empty page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the page; null on an empty page.' })
  endCursor!: string | null;
}

/** What a client asks of a list: `first`/`after` forward, `last`/`before` backward. */
export interface PageRequestArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

@ArgsType()
export class PageArgs implements PageRequestArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Paging forward: how many items from the start (or from \`after\`), 1 to ${MAX_PAGE_SIZE}; ${DEFAULT_PAGE_SIZE} when neither \`first\` nor \`last\` is given.`,
  })
  @IsOptional()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor (a page\'s `endCursor`).' })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Paging backward: how many items from the end (or before \`before\`), 1 to ${MAX_PAGE_SIZE}. Not with \`first\`.` })
  @IsOptional()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the items before this cursor (a page\'s `startCursor`).' })
  before?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** A getter: the COUNT query runs only when the field is read. */
  readonly totalCount: Promise<number>;
}

/** Generic connection and edge object types for a node type. */
export function ConnectionType<T extends object>(nodeType: ClassType<T> | (abstract new () => T), typeName: string, what: string) {
  @ObjectType(`${typeName}Edge`, { description: `One ${what} in a page, with its cursor.` })
  class EdgeType {
    @Field({ description: 'Opaque position of this item: pass it as `after` to continue after it, or as `before` to go back from it.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${what}.` })
    node!: T;
  }

  @ObjectType(`${typeName}Connection`, { description: `A page of ${what}s, newest first.` })
  class ConnectionObject {
    @Field(() => [EdgeType], { description: `The ${what}s of this page.` })
    edges!: EdgeType[];

    @Field(() => PageInfo, { description: 'Cursors and whether more pages exist.' })
    pageInfo!: PageInfo;

    /**
     * A method, so that type-graphql calls it: a plain field would hand graphql the function itself.
     * Connections are plain objects whose own `totalCount` function (see `connectionOf`) replaces this one.
     */
    @Field(() => Int, { description: 'How many items the whole list holds (counted only when asked for).' })
    totalCount!: Promise<number>;
  }
  return ConnectionObject;
}

export function encodeCursor(id: string): string {
  return Buffer.from(`c1:${id}`).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, field: 'after' | 'before' = 'after'): string | undefined {
  if (cursor === null || cursor === undefined || cursor === '') return undefined;
  const decoded = cursor.length <= 200 ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  if (!decoded.startsWith('c1:') || !/^[a-z]{3}_[0-9A-Z]{26}$/.test(decoded.slice(3))) {
    throw badUserInput(field, 'is not a cursor from this list');
  }
  return decoded.slice(3);
}

function checkPageSize(size: number, field: 'first' | 'last'): number {
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw badUserInput(field, `must be from 1 to ${MAX_PAGE_SIZE}`);
  return size;
}

/** A page request, checked: its size, direction and bounds (item IDs). */
export interface PagePlan {
  size: number;
  /** `last`/`before`: rows are fetched oldest first from the bound, then reversed. */
  backward: boolean;
  afterId?: string;
  beforeId?: string;
}

/** Checks a page request (BAD_USER_INPUT naming the argument) and plans it. */
export function planPage(args: PageRequestArgs): PagePlan {
  if (args.first != null && args.last != null) throw badUserInput('last', 'give first or last, not both');
  const backward = args.last != null;
  return {
    size: backward ? checkPageSize(args.last!, 'last') : checkPageSize(args.first ?? DEFAULT_PAGE_SIZE, 'first'),
    backward,
    afterId: decodeCursor(args.after, 'after'),
    beforeId: decodeCursor(args.before, 'before'),
  };
}

/** A string that tells page plans apart (DataLoader batches share one query per plan). */
export function planKey(plan: PagePlan): string {
  return `${plan.backward ? 'last' : 'first'}|${plan.size}|${plan.afterId ?? ''}|${plan.beforeId ?? ''}`;
}

/**
 * Pages a query newest first by its ID column. The query must carry only
 * its filters: ordering, cursor and limit are added here.
 */
export async function paginate<E extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<E>,
  idColumn: string,
  args: PageRequestArgs,
): Promise<Connection<E>> {
  const plan = planPage(args);
  const countQuery = query.clone();
  const page = query.clone();
  if (plan.afterId) page.andWhere(`${idColumn} < :afterId`, { afterId: plan.afterId });
  if (plan.beforeId) page.andWhere(`${idColumn} > :beforeId`, { beforeId: plan.beforeId });
  const rows = await page.orderBy(idColumn, plan.backward ? 'ASC' : 'DESC').limit(plan.size + 1).getMany();
  return connectionOf(rows, plan, () => countQuery.getCount());
}

/**
 * A connection from rows fetched for `plan`: up to `size + 1` of them, in
 * fetch order (newest first forward, oldest first backward); the extra row
 * says whether more lie beyond the page.
 */
export function connectionOf<T extends { id: string }>(rows: T[], plan: PagePlan, count: () => Promise<number>): Connection<T> {
  const more = rows.length > plan.size;
  const items = rows.slice(0, plan.size);
  if (plan.backward) items.reverse();
  const edges = items.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: plan.backward ? Boolean(plan.beforeId) : more,
      hasPreviousPage: plan.backward ? more : Boolean(plan.afterId),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    // type-graphql reads the property without calling it: a getter keeps the count lazy.
    get totalCount() {
      return count();
    },
  };
}

/**
 * One page of each of many lists at once (a group's members, a user's
 * children): a single query for a whole DataLoader batch, in the plan's fetch
 * order within each parent, with ROW_NUMBER() (SQLite ≥ 3.25, MariaDB ≥ 10.2,
 * MySQL 8). Returns, for each parent, up to `size + 1` child IDs in fetch
 * order, for `connectionOf` (the extra one tells whether more exist). `table`, `parentColumn`, `idColumn` and
 * `filter.sql` are code constants, never user input (values go in `filter.params`).
 */
export async function pageIdsPerParent(
  dataSource: DataSource,
  list: { table: string; parentColumn: string; idColumn: string; filter?: { sql: string; params: unknown[] } },
  parentIds: readonly string[],
  plan: PagePlan,
): Promise<Map<string, string[]>> {
  const byParent = new Map<string, string[]>(parentIds.map((id) => [id, []]));
  if (parentIds.length === 0) return byParent;
  const { table, parentColumn, idColumn, filter } = list;
  const conditions = [`${parentColumn} IN (${parentIds.map(() => '?').join(', ')})`];
  if (plan.afterId) conditions.push(`${idColumn} < ?`);
  if (plan.beforeId) conditions.push(`${idColumn} > ?`);
  if (filter) conditions.push(filter.sql);
  const order = plan.backward ? 'ASC' : 'DESC';
  const rows: { parent: string; id: string }[] = await dataSource.query(
    `SELECT parent, id FROM (
       SELECT ${parentColumn} AS parent, ${idColumn} AS id,
              ROW_NUMBER() OVER (PARTITION BY ${parentColumn} ORDER BY ${idColumn} ${order}) AS position
         FROM ${table} WHERE ${conditions.join(' AND ')}
     ) ranked WHERE position <= ? ORDER BY parent, id ${order}`,
    [...parentIds, ...(plan.afterId ? [plan.afterId] : []), ...(plan.beforeId ? [plan.beforeId] : []), ...(filter?.params ?? []), plan.size + 1],
  );
  for (const row of rows) byParent.get(row.parent)?.push(row.id);
  return byParent;
}
