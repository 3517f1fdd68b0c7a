import { Fragment, useId, useMemo, useState, type ReactNode } from 'react';
import type { AnyVariables, CombinedError } from '@urql/core';
import type { TypedDocumentString } from '../../../client/generated/graphql';
import { doc, useSignedInQuery, type Outcome } from '../api';
import type { Connection } from '../lists';
import { DataTable, type Column } from './DataTable';
import { ErrorMessage } from './ErrorMessage';
import { ConfirmByNameDialog } from './FormDialog';
import { Pager, usePaging } from './Pager';

/** What a ListPage shows: the rows of the current page, whether an answer came, and the paging if it pages. */
export interface ListState<T> {
  rows: T[];
  fetching: boolean;
  /** An answer has arrived (so no rows means none, not "not yet"). */
  loaded: boolean;
  error?: CombinedError;
  paging?: { state: ReturnType<typeof usePaging>; pageInfo: Connection<T>['pageInfo'] | undefined };
}

export type PagedList<T> = ListState<T> & { paging: NonNullable<ListState<T>['paging']> };

/**
 * One page of a connection at a time (`first`/`after` from usePaging), fetched again when a mutation
 * touches `typename`. `variables` are the list's other arguments (a filter): whoever changes them starts
 * the pages over (`paging.state.pages.reset()`), as a changed page size does.
 */
export function usePagedList<Result, Variables extends AnyVariables, Node>(
  document: TypedDocumentString<Result, Variables>,
  connectionOf: (data: Result) => Connection<Node>,
  typename: string,
  variables: Omit<Variables, 'first' | 'after'> = {} as Omit<Variables, 'first' | 'after'>,
): PagedList<Node> {
  const paging = usePaging();
  const [{ data, error, fetching }] = useSignedInQuery<Result, Variables>({
    query: doc(document),
    variables: { ...variables, first: paging.first, after: paging.after } as unknown as Variables,
    context: useMemo(() => ({ additionalTypenames: [typename] }), [typename]),
  });
  const connection = data ? connectionOf(data) : undefined;
  return {
    rows: connection?.edges.map((edge) => edge.node) ?? [],
    fetching,
    loaded: connection !== undefined,
    error,
    paging: { state: paging, pageInfo: connection?.pageInfo },
  };
}

/**
 * The page most sections are: a heading with its "Create" button, filters, one table, its pages, and a
 * details pane beside the table for the row opened (under it at narrow widths). The page holds which row
 * is open and whether the create dialog is; the section says what the table, the dialog and the pane are.
 */
export function ListPage<T extends { id: string }>({
  title,
  caption,
  list: { rows, fetching, loaded, error, paging },
  columns,
  rowData,
  empty,
  create,
  filters,
  details,
  after,
}: {
  /** The page's heading (level 1). */
  title: string;
  /** The table's caption, for screen readers. */
  caption: string;
  list: ListState<T>;
  /** The table's columns; given `open`, a cell can open its row in the details pane. */
  columns: Column<T>[] | ((open: (row: T) => void) => Column<T>[]);
  rowData?: (row: T) => Record<string, string>;
  /** Shown when the answer has no rows. */
  empty: string;
  /** The "Create" button and the dialog it opens; none when the viewer may not create. */
  create?: { label: string; dialog: (close: () => void) => ReactNode };
  /** Shown between the heading and the table. */
  filters?: ReactNode;
  /** The pane of the opened row (still on the current page; it closes when the row leaves it). */
  details?: (row: T, close: () => void) => ReactNode;
  /** More sections below the list. */
  after?: ReactNode;
}) {
  const titleId = useId();
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState('');
  const open = (row: T) => setSelected(row.id);
  const close = () => setSelected('');
  const opened = details ? rows.find((row) => row.id === selected) : undefined;
  return (
    <div className={opened ? 'page with-details' : 'page'}>
      <section className="list" aria-labelledby={titleId}>
        <div className="page-head">
          <h1 id={titleId}>{title}</h1>
          {create && <button type="button" className="primary" onClick={() => setCreating(true)}>{create.label}</button>}
        </div>
        {filters}
        <ErrorMessage error={error} />
        <DataTable
          caption={caption}
          rows={rows}
          rowKey={(row) => row.id}
          rowData={rowData}
          selected={opened?.id}
          fetching={fetching}
          loaded={loaded}
          empty={empty}
          columns={typeof columns === 'function' ? columns(open) : columns}
        />
        {paging && <Pager pages={paging.state.pages} pageInfo={paging.pageInfo} pageSize={paging.state.pageSize} onPageSize={paging.state.setPageSize} />}
      </section>
      {/* Keyed by the row, so opening another row starts its pane afresh (its forms, its errors). */}
      {opened && details && <Fragment key={opened.id}>{details(opened, close)}</Fragment>}
      {after}
      {create && creating && create.dialog(() => setCreating(false))}
    </div>
  );
}

/** The details pane: the opened item's name as its heading, a close button, and what the section shows of it. */
export function DetailsPane({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const titleId = useId();
  return (
    <aside className="details" aria-labelledby={titleId}>
      <div className="details-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" onClick={onClose} aria-label="Close the details">✕</button>
      </div>
      {children}
    </aside>
  );
}

/** A button in a table cell that opens its row in the details pane. */
export function OpenButton({ onClick, children }: { onClick: () => void; children: ReactNode }) {
  return <button type="button" className="link" onClick={onClick}>{children}</button>;
}

/** The pane's "Delete the group…" button and its confirmation by the typed name; `onDeleted` closes the pane. */
export function DeleteFromPane({
  kind,
  name,
  what,
  remove,
  onDeleted,
}: {
  /** What is deleted, in lower case: "group". */
  kind: string;
  name: string;
  /** What deleting does, in a sentence. */
  what: string;
  remove: () => Promise<Outcome<unknown>>;
  onDeleted: () => void;
}) {
  const [deleting, setDeleting] = useState(false);
  return (
    <>
      <div className="action-grid">
        <button type="button" className="danger" onClick={() => setDeleting(true)}>Delete the {kind}…</button>
      </div>
      {deleting && (
        <ConfirmByNameDialog
          title={`Delete the ${kind} “${name}”`}
          name={name}
          what={what}
          label={`${kind.charAt(0).toUpperCase()}${kind.slice(1)} name`}
          submitLabel={`Delete the ${kind}`}
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            const { error } = await remove();
            if (!error) onDeleted();
            return error;
          }}
        />
      )}
    </>
  );
}
