import { useMemo, useState } from 'react';
import { AuditEventsDocument, type AuditEventFilter, type AuditOutcome } from '../../../client/generated/graphql';
import { doc, useSignedInQuery } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { Pager, useCursorPages } from '../components/Pager';
import { formatDate } from '../format';

/** The audit trail of the active account (for `audit.read` holders): filters and pages, newest first. */
export function AuditPage() {
  const [action, setAction] = useState('');
  const [outcome, setOutcome] = useState<AuditOutcome | ''>('');
  const [since, setSince] = useState('');
  const [pageSize, setPageSize] = useState(25);
  const pages = useCursorPages();
  const filter = useMemo<AuditEventFilter>(
    () => ({ action: action || null, outcome: outcome || null, since: since ? new Date(`${since}T00:00:00Z`).toISOString() : null }),
    [action, outcome, since],
  );
  const [{ data, error, fetching }] = useSignedInQuery({ query: doc(AuditEventsDocument), variables: { filter, first: pageSize, after: pages.after }, requestPolicy: 'cache-and-network' });
  const connection = data?.auditEvents;
  const rows = connection?.edges ?? [];
  const changed = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    pages.reset();
  };
  return (
    <section className="list" aria-labelledby="audit-title">
      <div className="page-head">
        <h1 id="audit-title">Audit log</h1>
      </div>
      <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Action
          <input type="search" value={action} onChange={(e) => changed(setAction)(e.target.value)} placeholder="apikey.create" />
        </label>
        <label>
          Outcome
          <select value={outcome} onChange={(e) => changed(setOutcome)(e.target.value as AuditOutcome | '')}>
            <option value="">Any</option>
            <option value="SUCCESS">Success</option>
            <option value="DENIED">Denied</option>
            <option value="FAILED">Failed</option>
          </select>
        </label>
        <label>
          Since
          <input type="date" value={since} onChange={(e) => changed(setSince)(e.target.value)} />
        </label>
      </form>
      <ErrorMessage error={error} />
      <div className="table-wrap">
        <table aria-busy={fetching}>
          <caption className="visually-hidden">Audit events, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Action</th>
              <th scope="col">Outcome</th>
              <th scope="col">Who</th>
              <th scope="col">How</th>
              <th scope="col">Target</th>
              <th scope="col">From</th>
              <th scope="col">Request ID</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ node }) => (
              <tr key={node.id} data-action={node.action}>
                <td>{formatDate(node.at)}</td>
                <td>{node.action}</td>
                <td>{node.outcome}</td>
                <td>{node.actor?.name ?? '—'}</td>
                <td>{node.authMethod}</td>
                <td>{node.targetType ? `${node.targetType} ${node.targetId ?? ''}` : '—'}</td>
                <td>{node.ip ?? '—'}</td>
                <td><code>{node.requestId}</code></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {fetching && !data && <p role="status">Loading…</p>}
      {connection && rows.length === 0 && <p className="empty">No events match.</p>}
      <Pager
        pages={pages}
        pageInfo={connection?.pageInfo}
        pageSize={pageSize}
        onPageSize={(size) => {
          setPageSize(size);
          pages.reset();
        }}
      />
    </section>
  );
}
