/**
 * Relay connections with opaque cursors. IDs sort by creation time (see
 * ids.ts), so a page is `WHERE id < :after ORDER BY id DESC LIMIT first+1`:
 * an index range scan, whatever the page number — never OFFSET. `totalCount`
 * is a function, so the COUNT runs only when a client asks for it.
 */
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { Max, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { badUserInput } from './errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

@ObjectType({ description: 'Where a page stands in its list.' })
export class PageInfo {
  @Field({ description: 'True when more items follow this page: pass `endCursor` as `after` to get them.' })
  hasNextPage!: boolean;

  @Field({ description: 'True when this page was asked for with `after` (items precede it).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page; null on an empty page.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the page; null on an empty page.' })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `How many items, 1 to ${MAX_PAGE_SIZE}.` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  first!: number;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor (a previous page\'s `endCursor`).' })
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: () => Promise<number>;
}

/** Generic connection and edge object types for a node type. */
export function ConnectionType<T extends object>(nodeType: ClassType<T> | (abstract new () => T), typeName: string, what: string) {
  @ObjectType(`${typeName}Edge`, { description: `One ${what} in a page, with its cursor.` })
  class EdgeType {
    @Field({ description: 'Opaque position of this item: pass it as `after` to continue after it.' })
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

    /** The lazy count from `connectionOf` (not a GraphQL field itself: see `countTotal`). */
    totalCount!: () => Promise<number>;

    // type-graphql resolves a property field as `root[name]` and would hand the function itself to Int;
    // a method field runs on the connection object, so the COUNT runs only when `totalCount` is asked for.
    @Field(() => Int, { name: 'totalCount', description: 'How many items the whole list holds (counted only when asked for).' })
    countTotal(): Promise<number> {
      return this.totalCount();
    }
  }
  return ConnectionObject;
}

export function encodeCursor(id: string): string {
  return Buffer.from(`c1:${id}`).toString('base64url');
}

export function decodeCursor(after: string | null | undefined): string | undefined {
  if (after === null || after === undefined || after === '') return undefined;
  const decoded = after.length <= 200 ? Buffer.from(after, 'base64url').toString('utf8') : '';
  if (!decoded.startsWith('c1:') || !/^[a-z]{3}_[0-9A-Z]{26}$/.test(decoded.slice(3))) {
    throw badUserInput('after', 'is not a cursor from this list');
  }
  return decoded.slice(3);
}

export function checkPageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) throw badUserInput('first', `must be from 1 to ${MAX_PAGE_SIZE}`);
  return size;
}

/**
 * Pages a query newest first by its ID column. The query must carry only
 * its filters: ordering, cursor and limit are added here.
 */
export async function paginate<E extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<E>,
  idColumn: string,
  args: { first?: number | null; after?: string | null },
): Promise<Connection<E>> {
  const first = checkPageSize(args.first);
  const afterId = decodeCursor(args.after);
  const countQuery = query.clone();
  const page = query.clone();
  if (afterId) page.andWhere(`${idColumn} < :afterId`, { afterId });
  const rows = await page.orderBy(idColumn, 'DESC').limit(first + 1).getMany();
  return connectionOf(rows, first, Boolean(afterId), () => countQuery.getCount());
}

export function connectionOf<T extends { id: string }>(rows: T[], first: number, hasPrevious: boolean, count: () => Promise<number>): Connection<T> {
  const items = rows.slice(0, first);
  const edges = items.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: count,
  };
}
