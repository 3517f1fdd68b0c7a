import type { ReactNode } from 'react';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
}

/**
 * The one table of the console: a caption for screen readers, a loading state before the first answer,
 * and an empty state once the answer has no rows. Each row carries `data-*` attributes from `rowData`.
 */
export function DataTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  rowData,
  selected,
  fetching,
  loaded,
  empty,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  rowData?: (row: T) => Record<string, string>;
  selected?: string;
  fetching: boolean;
  /** An answer has arrived (so no rows means none, not "not yet"). */
  loaded: boolean;
  empty: string;
}) {
  return (
    <>
      {/* A table wider than the page scrolls in its box; focusable, so the keyboard can scroll it too (axe: scrollable-region-focusable). */}
      <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
        <table aria-busy={fetching}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th scope="col" key={column.header}>{column.header}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const key = rowKey(row);
              const data = Object.fromEntries(Object.entries(rowData?.(row) ?? {}).map(([name, value]) => [`data-${name}`, value]));
              return (
                <tr key={key} className={key === selected ? 'selected' : undefined} {...data}>
                  {columns.map((column) => (
                    <td key={column.header}>{column.cell(row)}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {fetching && !loaded && <p role="status">Loading…</p>}
      {loaded && rows.length === 0 && <p className="empty">{empty}</p>}
    </>
  );
}
