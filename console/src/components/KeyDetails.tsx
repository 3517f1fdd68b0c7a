import { useEffect, useState, type FormEvent } from 'react';
import type { CombinedError } from '@urql/core';
import {
  ApiKeyDetailsDocument,
  DeleteApiKeyDocument,
  LockApiKeyDocument,
  ResetApiKeySecretDocument,
  SetApiKeyAccessDocument,
  SetApiKeyExpiryDocument,
  SetApiKeyStateDocument,
  UnlockApiKeyDocument,
  UpdateApiKeyDocument,
  type ApiKeyDetailsQuery,
} from '../../../client/generated/graphql';
import { doc, errorCode, mutate, useSignedInQuery } from '../api';
import { formatDate } from '../format';
import { AccessPicker, type Access } from './AccessPicker';
import { ErrorMessage } from './ErrorMessage';
import { ConfirmByNameDialog } from './FormDialog';
import { Modal } from './Modal';
import type { ShownSecret } from './SecretDialog';

type Key = NonNullable<ApiKeyDetailsQuery['apiKey']>;

/** BMC Helix's Key details pane: everything about one key, and what can be done with it. */
export function KeyDetails({ id, onClose, onSecret, onDeleted }: { id: string; onClose: () => void; onSecret: (shown: ShownSecret) => void; onDeleted: () => void }) {
  const [{ data, error, fetching }, reexecute] = useSignedInQuery({ query: doc(ApiKeyDetailsDocument), variables: { id } });
  const [actionError, setActionError] = useState<CombinedError>();
  const [dialog, setDialog] = useState<'reset' | 'delete' | null>(null);
  const reload = () => {
    setActionError(undefined);
    reexecute({ requestPolicy: 'network-only' });
  };
  const key = data?.apiKey;

  const act = async (run: () => Promise<{ error?: CombinedError }>) => {
    setActionError(undefined);
    const { error: failed } = await run();
    if (failed) setActionError(failed);
  };

  return (
    <aside className="details" aria-labelledby="details-title">
      <div className="details-head">
        <h2 id="details-title">{key ? key.name : 'Key details'}</h2>
        <button type="button" onClick={onClose} aria-label="Close the details">✕</button>
      </div>
      {fetching && !key && <p role="status">Loading…</p>}
      <ErrorMessage error={error} />
      {key && (
        <>
          <Facts keyInfo={key} />
          <EditForm keyInfo={key} onReload={reload} />
          <section aria-label="Actions" className="action-grid">
            <button type="button" onClick={() => act(() => (key.locked ? mutate(UnlockApiKeyDocument, { id: key.id }) : mutate(LockApiKeyDocument, { id: key.id })))}>
              {key.locked ? 'Unlock' : 'Lock'}
            </button>
            <button
              type="button"
              onClick={() =>
                act(() => mutate(SetApiKeyStateDocument, { input: { id: key.id, ifMatch: key.etag, state: key.state === 'ACTIVE' ? 'INACTIVE' : 'ACTIVE' } }))
              }
            >
              {key.state === 'ACTIVE' ? 'Deactivate' : 'Activate'}
            </button>
            <button type="button" onClick={() => setDialog('reset')}>Reset secret…</button>
            <button type="button" className="danger" onClick={() => setDialog('delete')}>Delete…</button>
          </section>
          <ActionError error={actionError} onReload={reload} />
          <ExpiryForm key={`expiry-${key.etag}`} keyInfo={key} onError={setActionError} />
          <AccessForm keyInfo={key} onReload={reload} />
          {dialog === 'reset' && (
            <ResetDialog
              keyInfo={key}
              onClose={() => setDialog(null)}
              onReset={(shown) => {
                setDialog(null);
                onSecret(shown);
              }}
            />
          )}
          {dialog === 'delete' && <DeleteDialog keyInfo={key} onClose={() => setDialog(null)} onDeleted={onDeleted} />}
        </>
      )}
    </aside>
  );
}

/** A stale etag is explained, with a reload; other refusals in the server's words. */
function ActionError({ error, onReload }: { error: CombinedError | undefined; onReload: () => void }) {
  if (!error) return null;
  return (
    <ErrorMessage error={error}>
      {errorCode(error) === 'PRECONDITION_FAILED' && (
        <p>
          The key was changed (by someone else, or in another tab) after this page read it, so your change was not saved.{' '}
          <button type="button" onClick={onReload}>Reload the key</button> to see its current version, then make your change again.
        </p>
      )}
    </ErrorMessage>
  );
}

function Facts({ keyInfo: key }: { keyInfo: Key }) {
  const rows: [string, string][] = [
    ['ID', key.id],
    ['Type', key.type === 'ACCESS_KEY' ? 'Access key' : 'API key'],
    [key.type === 'ACCESS_KEY' ? 'Access key ID' : 'Prefix', key.accessKeyId ?? key.prefix],
    ['Description', key.description || '—'],
    ['Owner', key.owner ? `${key.owner.name} (${key.owner.kind === 'USER' ? 'user' : 'functional ID'})` : '(outside this account)'],
    ['State', key.state === 'ACTIVE' ? 'Active' : 'Inactive'],
    ['Locked', key.locked ? 'Locked' : 'No'],
    ['Expires', key.expired ? `Expired ${formatDate(key.expiresAt)}` : formatDate(key.expiresAt, 'Never')],
    ['Last used', formatDate(key.lastUsedAt, 'Never')],
    ['Use count', String(key.authnCount)],
    ['Created', `${formatDate(key.createdAt)} by ${key.createdBy?.name ?? '—'}`],
    ['Modified', `${formatDate(key.updatedAt)} by ${key.updatedBy?.name ?? '—'}`],
    ['Allowed networks', key.allowedCidrs.length ? key.allowedCidrs.join(', ') : 'Anywhere'],
    ['When leaked', { DISABLE: 'Disable', DELETE: 'Delete', NONE: 'Nothing' }[key.actionWhenLeaked]],
    ['Unrestricted', key.unrestricted ? 'Yes' : 'No'],
    ['Roles', key.roles.length ? key.roles.map((r) => r.name).join(', ') : "The owner's"],
    ['Groups', key.groups.length ? key.groups.map((g) => g.name).join(', ') : '—'],
  ];
  return (
    <dl className="facts">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Name and description, sent with the etag read: a change made meanwhile is refused, not overwritten. */
function EditForm({ keyInfo: key, onReload }: { keyInfo: Key; onReload: () => void }) {
  const [name, setName] = useState(key.name);
  const [description, setDescription] = useState(key.description ?? '');
  const [error, setError] = useState<CombinedError>();
  const [saved, setSaved] = useState(false);
  // A new version of the key (saved here, reloaded, or changed by another action) replaces what the form shows.
  useEffect(() => {
    setName(key.name);
    setDescription(key.description ?? '');
    setError(undefined);
  }, [key.etag, key.name, key.description]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setSaved(false);
    const { error: failed } = await mutate(UpdateApiKeyDocument, { input: { id: key.id, ifMatch: key.etag, name, description } });
    if (failed) setError(failed);
    else setSaved(true);
  };
  return (
    <form onSubmit={submit} className="form" aria-label="Edit name and description">
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={128} />
      </label>
      <label>
        Description
        <textarea value={description} onChange={(e) => setDescription(e.target.value)} maxLength={1024} rows={2} />
      </label>
      <div className="actions">
        <button type="submit">Save</button>
      </div>
      <ActionError error={error} onReload={onReload} />
      {saved && !error && <p role="status">Saved.</p>}
    </form>
  );
}

function ExpiryForm({ keyInfo: key, onError }: { keyInfo: Key; onError: (error: CombinedError | undefined) => void }) {
  const [date, setDate] = useState(key.expiresAt ? key.expiresAt.slice(0, 10) : '');
  const save = async (expiresAt: string | null) => {
    onError(undefined);
    const { error } = await mutate(SetApiKeyExpiryDocument, { input: { id: key.id, ifMatch: key.etag, expiresAt } });
    if (error) onError(error);
  };
  return (
    <form
      className="form inline-form"
      aria-label="Change the expiry"
      onSubmit={(event) => {
        event.preventDefault();
        void save(new Date(`${date}T23:59:59Z`).toISOString());
      }}
    >
      <label className="inline">
        Expires on
        <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
      </label>
      <button type="submit">Set expiry</button>
      <button type="button" onClick={() => void save(null)}>Never expire</button>
    </form>
  );
}

function ResetDialog({ keyInfo: key, onClose, onReset }: { keyInfo: Key; onClose: () => void; onReset: (shown: ShownSecret) => void }) {
  const [grace, setGrace] = useState('0');
  const [error, setError] = useState<CombinedError>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { data, error: failed } = await mutate(ResetApiKeySecretDocument, { input: { id: key.id, ifMatch: key.etag, gracePeriodSeconds: Number(grace) } });
    if (failed || !data) return setError(failed);
    const reset = data.resetApiKeySecret;
    if (reset.secret) onReset({ key: reset.apiKey, secret: reset.secret, reason: 'reset' });
  };
  return (
    <Modal title={`Reset the secret of “${key.name}”`} onClose={onClose}>
      <form onSubmit={submit} className="form">
        <p>A new secret is made and shown once. The old one stops working after the grace period.</p>
        <label>
          Grace period (seconds, up to 604800)
          <input type="number" min={0} max={604800} value={grace} onChange={(e) => setGrace(e.target.value)} />
        </label>
        <ErrorMessage error={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary">Reset the secret</button>
        </div>
      </form>
    </Modal>
  );
}

/** Akeyless's confirmation: type the key's name to delete it. */
function DeleteDialog({ keyInfo: key, onClose, onDeleted }: { keyInfo: Key; onClose: () => void; onDeleted: () => void }) {
  const confirm = async () => {
    const { error } = await mutate(DeleteApiKeyDocument, { input: { id: key.id, ifMatch: key.etag } }, { additionalTypenames: ['ApiKey'] });
    if (!error) onDeleted();
    return error;
  };
  return (
    <ConfirmByNameDialog
      title={`Delete “${key.name}”`}
      name={key.name}
      what="Programs using this key stop working at once."
      label="Key name"
      submitLabel="Delete the key"
      onConfirm={confirm}
      onClose={onClose}
    />
  );
}

/**
 * The key's own roles and groups (sent with the etag read). None of either: the key acts with its owner's
 * permissions; with some, with what they grant, capped by the owner.
 */
function AccessForm({ keyInfo: key, onReload }: { keyInfo: Key; onReload: () => void }) {
  const [access, setAccess] = useState<Access>({ roleIds: key.roles.map((r) => r.id), groupIds: key.groups.map((g) => g.id) });
  const [error, setError] = useState<CombinedError>();
  const [saved, setSaved] = useState(false);
  // A new version of the key (saved here, reloaded, or changed elsewhere) replaces what the form shows.
  const current = `${key.roles.map((r) => r.id).join()}|${key.groups.map((g) => g.id).join()}`;
  useEffect(() => {
    setAccess({ roleIds: key.roles.map((r) => r.id), groupIds: key.groups.map((g) => g.id) });
    setError(undefined);
  }, [key.etag, current]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setSaved(false);
    const { error: failed } = await mutate(SetApiKeyAccessDocument, { input: { id: key.id, ifMatch: key.etag, ...access } });
    if (failed) setError(failed);
    else setSaved(true);
  };
  return (
    <details className="disclosure">
      <summary>Access: roles and groups</summary>
      <form onSubmit={submit} className="form" aria-label="Access">
        <AccessPicker value={access} onChange={setAccess} hint="None chosen: the key acts with its owner's permissions. The owner must hold each role and be a member of each group." />
        <div className="actions">
          <button type="submit">Save access</button>
        </div>
        <ActionError error={error} onReload={onReload} />
        {saved && !error && <p role="status">Access saved.</p>}
      </form>
    </details>
  );
}
