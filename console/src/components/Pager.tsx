import { useState } from 'react';

/** Cursor paging: the cursors of the pages seen so far ([null] is the first page), to go back as well. */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  return {
    after: cursors[cursors.length - 1] ?? null,
    page: cursors.length,
    next: (endCursor: string | null | undefined) => setCursors((list) => [...list, endCursor ?? null]),
    previous: () => setCursors((list) => (list.length > 1 ? list.slice(0, -1) : list)),
    reset: () => setCursors([null]),
  };
}

/** Paging state of a list whose page size is not in the address: the size, and starting over when it changes. */
export function usePaging(initialSize = 25) {
  const pages = useCursorPages();
  const [pageSize, setPageSize] = useState(initialSize);
  return {
    pages,
    pageSize,
    first: pageSize,
    after: pages.after,
    setPageSize: (size: number) => {
      setPageSize(size);
      pages.reset();
    },
  };
}

export const PAGE_SIZES = [10, 25, 50, 100];

export function Pager({
  pages,
  pageInfo,
  pageSize,
  onPageSize,
}: {
  pages: ReturnType<typeof useCursorPages>;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null } | undefined;
  pageSize: number;
  onPageSize: (size: number) => void;
}) {
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" disabled={pages.page <= 1} onClick={pages.previous}>Previous</button>
      <span aria-live="polite">Page {pages.page}</span>
      <button type="button" disabled={!pageInfo?.hasNextPage} onClick={() => pages.next(pageInfo?.endCursor)}>Next</button>
      <label>
        Per page
        <select value={pageSize} onChange={(e) => onPageSize(Number(e.target.value))}>
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>{size}</option>
          ))}
        </select>
      </label>
    </nav>
  );
}
