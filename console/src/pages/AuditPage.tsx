import { useMemo, useState } from 'react';
import { AuditEventsDocument, type AuditEventFilter, type AuditOutcome } from '../../../client/generated/graphql';
import { doc, useSignedInQuery } from '../api';
import { DataTable } from '../components/DataTable';
import { ErrorMessage } from '../components/ErrorMessage';
import { Pager, useCursorPages } from '../components/Pager';
import { PrincipalSelect } from '../components/PrincipalSelect';
import { formatDate } from '../format';

/** The audit trail of the active account (for `audit.read` holders): filters (the actor among them) and pages, newest first. */
export function AuditPage() {
  const [action, setAction] = useState('');
  const [outcome, setOutcome] = useState<AuditOutcome | ''>('');
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [targetId, setTargetId] = useState('');
  const [actorId, setActorId] = useState('');
  const [pageSize, setPageSize] = useState(25);
  const pages = useCursorPages();
  const filter = useMemo<AuditEventFilter>(
    () => ({
      action: action || null,
      outcome: outcome || null,
      since: since ? new Date(`${since}T00:00:00Z`).toISOString() : null,
      // Until the end of that day (UTC), so a single day is "since D, until D".
      until: until ? new Date(`${until}T23:59:59.999Z`).toISOString() : null,
      targetId: targetId.trim() || null,
      actorId: actorId || null,
    }),
    [action, outcome, since, until, targetId, actorId],
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
        <label>
          Until
          <input type="date" value={until} onChange={(e) => changed(setUntil)(e.target.value)} />
        </label>
        <label>
          Target ID
          <input type="search" value={targetId} onChange={(e) => changed(setTargetId)(e.target.value)} placeholder="key_…" />
        </label>
        <PrincipalSelect label="Actor" value={actorId} onChange={changed(setActorId)} none="Anyone" />
      </form>
      <ErrorMessage error={error} />
      <DataTable
        caption="Audit events, newest first"
        rows={rows.map((edge) => edge.node)}
        rowKey={(node) => node.id}
        rowData={(node) => ({ action: node.action, 'actor-id': node.actor?.id ?? '' })}
        fetching={fetching}
        loaded={connection !== undefined}
        empty="No events match."
        columns={[
          { header: 'When', cell: (node) => formatDate(node.at) },
          { header: 'Action', cell: (node) => node.action },
          { header: 'Outcome', cell: (node) => node.outcome },
          { header: 'Who', cell: (node) => node.actor?.name ?? '—' },
          { header: 'How', cell: (node) => node.authMethod },
          { header: 'Target', cell: (node) => (node.targetType ? `${node.targetType} ${node.targetId ?? ''}` : '—') },
          { header: 'From', cell: (node) => node.ip ?? '—' },
          { header: 'Request ID', cell: (node) => <code>{node.requestId}</code> },
        ]}
      />
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
