import { useState } from 'react';
import type { CombinedError } from '@urql/core';
import { CreateServiceDocument, DeleteServiceDocument, ListServicesDocument, UpdateServiceDocument, type ServiceFieldsFragment } from '../../../client/generated/graphql';
import { mutate } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { FormDialog } from '../components/FormDialog';
import { DeleteFromPane, DetailsPane, ListPage, OpenButton, usePagedList } from '../components/ListPage';
import { formatDate } from '../format';

type Service = ServiceFieldsFragment;
const SERVICE_TYPES = { additionalTypenames: ['Service'] };

/** The account's own services (relying parties) and the permissions they define, held by roles as `<service>:<permission>`. */
export function ServicesPage({ permissions }: { permissions: string[] }) {
  const services = usePagedList(ListServicesDocument, (data) => data.services, 'Service');
  const mayManage = permissions.includes('services.manage');
  return (
    <ListPage
      title="Services"
      caption="Services"
      list={services}
      rowData={(row) => ({ 'service-name': row.name })}
      empty="No services yet."
      create={mayManage ? { label: 'Create a service', dialog: (close) => <CreateServiceDialog onClose={close} /> } : undefined}
      columns={(open) => [
        { header: 'Name', cell: (row) => <OpenButton onClick={() => open(row)}>{row.name}</OpenButton> },
        { header: 'Audience', cell: (row) => <code>{row.audience}</code> },
        { header: 'Permissions', cell: (row) => row.permissions.map((p) => p.name).join(', ') || '—' },
        { header: 'Created', cell: (row) => formatDate(row.createdAt) },
      ]}
      details={(service, close) => <ServiceDetails service={service} mayManage={mayManage} onClose={close} />}
    />
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
  /** The service's permissions are written whole: the current list with one added or one removed. */
  const save = async (list: { name: string; description?: string | null }[]) => {
    setError(undefined);
    const { error: failed } = await mutate(UpdateServiceDocument, { input: { id: service.id, permissions: list.map((p) => ({ name: p.name, description: p.description ?? null })) } });
    setError(failed);
    return failed;
  };
  return (
    <DetailsPane title={service.name} onClose={onClose}>
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
        <DeleteFromPane
          kind="service"
          name={service.name}
          what="Tokens for it are no longer issued."
          remove={() => mutate(DeleteServiceDocument, { id: service.id }, SERVICE_TYPES)}
          onDeleted={onClose}
        />
      )}
    </DetailsPane>
  );
}
