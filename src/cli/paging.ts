/**
 * Paging for every list command: `--limit N` items (default 100, one page), `--all` for every page,
 * `--after CURSOR` to continue. A list that stops before the end says so on stderr, never silently.
 */
import { Option, type Command } from 'commander';
import type { CliContext } from './context';
import { positiveInteger } from './values';

/** The server's largest page (`first`). */
const PAGE_SIZE = 100;

export interface Page<T> {
  edges: { node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

export type PageFetcher<T> = (first: number, after: string | undefined) => Promise<Page<T>>;

export function withPaging(command: Command): Command {
  return command
    .addOption(new Option('--all', 'fetch every page').conflicts('limit'))
    .option('--limit <n>', `at most this many items (default ${PAGE_SIZE})`, positiveInteger('--limit'))
    .option('--after <cursor>', 'continue after this cursor (printed when a list stops early)');
}

/** The items the paging options ask for. */
export async function collect<T>(ctx: CliContext, fetch: PageFetcher<T>): Promise<T[]> {
  const all = ctx.options.all === true;
  const limit = all ? Infinity : ((ctx.options.limit as number | undefined) ?? PAGE_SIZE);
  return fetchPages(fetch, limit, ctx.options.after as string | undefined, (cursor) =>
    ctx.io.err(`More items remain: add --all for every page, or --after ${cursor} for the next.\n`),
  );
}

/** Every item, page after page (name look-ups need the whole list). */
export function fetchAll<T>(fetch: PageFetcher<T>): Promise<T[]> {
  return fetchPages(fetch, Infinity, undefined, () => undefined);
}

async function fetchPages<T>(fetch: PageFetcher<T>, limit: number, after: string | undefined, more: (cursor: string) => void): Promise<T[]> {
  const items: T[] = [];
  let cursor = after;
  for (;;) {
    const page = await fetch(Math.min(PAGE_SIZE, limit - items.length), cursor);
    items.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return items;
    cursor = page.pageInfo.endCursor;
    if (items.length >= limit) {
      more(cursor);
      return items;
    }
  }
}
