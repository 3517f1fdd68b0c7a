import { useMemo, useState } from 'react';
import type { CombinedError } from '@urql/core';
import { CreateServiceDocument, DeleteServiceDocument, ListServicesDocument, UpdateServiceDocument, type ServiceFieldsFragment } from '../../../client/generated/graphql';
import { doc, mutate, useSignedInQuery } from '../api';
import { DataTable } from '../components/DataTable';
import { ErrorMessage } from '../components/ErrorMessage';
import { ConfirmByNameDialog, FormDialog } from '../components/FormDialog';
import { Pager, usePaging } from '../components/Pager';
import { formatDate } from '../format';

type Service = ServiceFieldsFragment;
const SERVICE_TYPES = { additionalTypenames: ['Service'] };

/** The account's own services (relying parties) and the permissions they define, held by roles as `<service>:<permission>`. */
export function ServicesPage({ permissions }: { permissions: string[] }) {
  const paging = usePaging();
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState('');
  const [{ data, error, fetching }] = useSignedInQuery({
    query: doc(ListServicesDocument),
    variables: { first: paging.first, after: paging.after },
    context: useMemo(() => SERVICE_TYPES, []),
  });
  const mayManage = permissions.includes('services.manage');
  const rows = data?.services.edges.map((edge) => edge.node) ?? [];
  const service = rows.find((row) => row.id === selected);
  return (
    <div className={service ? 'page with-details' : 'page'}>
      <section className="list" aria-labelledby="services-title">
        <div className="page-head">
          <h1 id="services-title">Services</h1>
          {mayManage && <button type="button" className="primary" onClick={() => setCreating(true)}>Create a service</button>}
        </div>
        <ErrorMessage error={error} />
        <DataTable
          caption="Services"
          rows={rows}
          rowKey={(row) => row.id}
          rowData={(row) => ({ 'service-name': row.name })}
          selected={selected}
          fetching={fetching}
          loaded={data !== undefined}
          empty="No services yet."
          columns={[
            { header: 'Name', cell: (row) => <button type="button" className="link" onClick={() => setSelected(row.id)}>{row.name}</button> },
            { header: 'Audience', cell: (row) => <code>{row.audience}</code> },
            { header: 'Permissions', cell: (row) => row.permissions.map((p) => p.name).join(', ') || '—' },
            { header: 'Created', cell: (row) => formatDate(row.createdAt) },
          ]}
        />
        <Pager pages={paging.pages} pageInfo={data?.services.pageInfo} pageSize={paging.pageSize} onPageSize={paging.setPageSize} />
      </section>
      {service && <ServiceDetails key={service.id} service={service} mayManage={mayManage} onClose={() => setSelected('')} />}
      {creating && <CreateServiceDialog onClose={() => setCreating(false)} />}
    </div>
  );
}

function CreateServiceDialog({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState('');
  const [audience, setAudience] = useState('');
  const [description, setDescription] = useState('');
  const submit = async () => {
    const { error } = await mutate(CreateServiceDocument, { input: { name, audience, description: description || null, permissions: [] } });
    if (!error) onClose();
    return error;
  };
  return (
    <FormDialog title="Create a service" submitLabel="Create the service" onSubmit={submit} onClose={onClose}>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus placeholder="billing" />
        <span className="hint">Its permissions are named after it: billing:invoices.read.</span>
      </label>
      <label>
        Audience
        <input value={audience} onChange={(e) => setAudience(e.target.value)} required placeholder="https://billing.example.com" />
        <span className="hint">The `aud` of the tokens Keywarden issues for it.</span>
      </label>
      <label>
        Description
        <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={2} />
      </label>
    </FormDialog>
  );
}

function ServiceDetails({ service, mayManage, onClose }: { service: Service; mayManage: boolean; onClose: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<CombinedError>();
  const [deleting, setDeleting] = useState(false);
  /** The service's permissions are written whole: the current list with one added or one removed. */
  const save = async (list: { name: string; description?: string | null }[]) => {
    setError(undefined);
    const { error: failed } = await mutate(UpdateServiceDocument, { input: { id: service.id, permissions: list.map((p) => ({ name: p.name, description: p.description ?? null })) } });
    setError(failed);
    return failed;
  };
  return (
    <aside className="details" aria-labelledby="service-title">
      <div className="details-head">
        <h2 id="service-title">{service.name}</h2>
        <button type="button" onClick={onClose} aria-label="Close the details">✕</button>
      </div>
      <dl className="facts">
        <div><dt>Audience</dt><dd><code>{service.audience}</code></dd></div>
        <div><dt>Description</dt><dd>{service.description || '—'}</dd></div>
        <div><dt>Modified</dt><dd>{formatDate(service.updatedAt)}</dd></div>
      </dl>
      <h3>Permissions</h3>
      {service.permissions.length === 0 && <p className="empty">No permissions yet.</p>}
      <ul className="members" aria-label="Permissions">
        {service.permissions.map((permission) => (
          <li key={permission.name} data-permission={permission.name}>
            <code>{service.name}:{permission.name}</code> {permission.description && <span className="hint">{permission.description}</span>}{' '}
            {mayManage && (
              <button type="button" className="link" aria-label={`Remove ${permission.name}`} onClick={() => save(service.permissions.filter((p) => p.name !== permission.name))}>
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {mayManage && (
        <form
          className="form"
          aria-label="Add a permission"
          onSubmit={async (event) => {
            event.preventDefault();
            if (!(await save([...service.permissions, { name, description: description || null }]))) {
              setName('');
              setDescription('');
            }
          }}
        >
          <label>
            Permission name
            <input value={name} onChange={(e) => setName(e.target.value)} required placeholder="invoices.read" />
          </label>
          <label>
            What it allows
            <input value={description} onChange={(e) => setDescription(e.target.value)} />
          </label>
          <div className="actions">
            <button type="submit">Add the permission</button>
          </div>
        </form>
      )}
      <ErrorMessage error={error} />
      {mayManage && (
        <div className="action-grid">
          <button type="button" className="danger" onClick={() => setDeleting(true)}>Delete the service…</button>
        </div>
      )}
      {deleting && (
        <ConfirmByNameDialog
          title={`Delete the service “${service.name}”`}
          name={service.name}
          what="Tokens for it are no longer issued."
          label="Service name"
          submitLabel="Delete the service"
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            const { error: failed } = await mutate(DeleteServiceDocument, { id: service.id }, SERVICE_TYPES);
            if (!failed) onClose();
            return failed;
          }}
        />
      )}
    </aside>
  );
}
