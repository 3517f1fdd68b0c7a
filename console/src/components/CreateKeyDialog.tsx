import { useState, type FormEvent } from 'react';
import type { CombinedError } from '@urql/core';
import { CreateApiKeyDocument, ListFunctionalIdsDocument, type CreateApiKeyInput, type CredentialType, type LeakAction } from '../../../client/generated/graphql';
import { mutate } from '../api';
import { useEveryPage } from '../lists';
import { AccessPicker, type Access } from './AccessPicker';
import { ErrorMessage } from './ErrorMessage';
import { Modal } from './Modal';
import type { ShownSecret } from './SecretDialog';

type Expiry = 'days' | 'date' | 'never';

/** Networks one per line or separated by commas. */
function parseCidrs(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((cidr) => cidr.trim())
    .filter(Boolean);
}

/** Create an API key or access key; the secret goes to onCreated, never into any state that outlives the dialog. */
export function CreateKeyDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (shown: ShownSecret) => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [type, setType] = useState<CredentialType>('API_KEY');
  const [expiry, setExpiry] = useState<Expiry>('days');
  const [days, setDays] = useState('90');
  const [date, setDate] = useState('');
  const [cidrs, setCidrs] = useState('');
  const [leakAction, setLeakAction] = useState<LeakAction>('DISABLE');
  const [unrestricted, setUnrestricted] = useState(false);
  const [dryRun, setDryRun] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CombinedError>();
  const [dryRunPassed, setDryRunPassed] = useState(false);
  const [ownerId, setOwnerId] = useState('');
  const [access, setAccess] = useState<Access>({ roleIds: [], groupIds: [] });
  const functionalIds = useEveryPage(ListFunctionalIdsDocument, (data) => data.functionalIds);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    setDryRunPassed(false);
    const input: CreateApiKeyInput = {
      name,
      description: description || null,
      type,
      allowedCidrs: parseCidrs(cidrs),
      actionWhenLeaked: leakAction,
      unrestricted,
      dryRun,
      ownerId: ownerId || null,
      roleIds: access.roleIds,
      groupIds: access.groupIds,
      ...(expiry === 'days' ? { expiresInDays: Number(days) } : {}),
      ...(expiry === 'date' && date ? { expiresAt: new Date(`${date}T23:59:59Z`).toISOString() } : {}),
    };
    const { data, error: failed } = await mutate(CreateApiKeyDocument, { input });
    setBusy(false);
    if (failed || !data) return setError(failed);
    const created = data.createApiKey;
    if (created.dryRun) return setDryRunPassed(true);
    if (created.secret) onCreated({ key: created.apiKey, secret: created.secret, reason: 'created' });
  };

  return (
    <Modal title="Create a key" onClose={onClose} wide>
      <form onSubmit={submit} className="form">
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={128} placeholder="ci/deploy" autoFocus />
          <span className="hint">Use / for folders, such as ci/deploy.</span>
        </label>
        <label>
          Description
          <textarea value={description} onChange={(e) => setDescription(e.target.value)} maxLength={1024} rows={2} />
        </label>
        <fieldset>
          <legend>Type</legend>
          <label className="inline">
            <input type="radio" name="type" checked={type === 'API_KEY'} onChange={() => setType('API_KEY')} /> API key (one token)
          </label>
          <label className="inline">
            <input type="radio" name="type" checked={type === 'ACCESS_KEY'} onChange={() => setType('ACCESS_KEY')} /> Access key (ID and secret)
          </label>
        </fieldset>
        <fieldset>
          <legend>Expiry</legend>
          <label className="inline">
            <input type="radio" name="expiry" checked={expiry === 'days'} onChange={() => setExpiry('days')} /> In
            <input type="number" min={1} max={3650} value={days} onChange={(e) => setDays(e.target.value)} disabled={expiry !== 'days'} aria-label="Days until expiry" className="narrow" />
            days
          </label>
          <label className="inline">
            <input type="radio" name="expiry" checked={expiry === 'date'} onChange={() => setExpiry('date')} /> On
            <input type="date" value={date} onChange={(e) => setDate(e.target.value)} disabled={expiry !== 'date'} aria-label="Expiry date" required={expiry === 'date'} />
          </label>
          <label className="inline">
            <input type="radio" name="expiry" checked={expiry === 'never'} onChange={() => setExpiry('never')} /> Never
          </label>
        </fieldset>
        <label>
          Owner
          <select value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
            <option value="">Me</option>
            {(functionalIds.nodes ?? []).map((fid) => (
              <option key={fid.id} value={fid.id}>Functional ID {fid.name}</option>
            ))}
          </select>
        </label>
        <AccessPicker value={access} onChange={setAccess} hint="None chosen: the key acts with its owner's permissions." />
        <label>
          Allowed networks (CIDR)
          <textarea value={cidrs} onChange={(e) => setCidrs(e.target.value)} rows={2} placeholder="10.0.0.0/8, 2001:db8::/32" />
          <span className="hint">Empty: from anywhere.</span>
        </label>
        <label>
          When the secret leaks
          <select value={leakAction} onChange={(e) => setLeakAction(e.target.value as LeakAction)}>
            <option value="DISABLE">Disable the key</option>
            <option value="DELETE">Delete the key</option>
            <option value="NONE">Do nothing</option>
          </select>
        </label>
        <label className="inline">
          <input type="checkbox" checked={unrestricted} onChange={(e) => setUnrestricted(e.target.checked)} /> Unrestricted (may create, reset and re-scope keys)
        </label>
        <label className="inline">
          <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} /> Dry run (check only, create nothing)
        </label>
        <ErrorMessage error={error} />
        {dryRunPassed && <p role="status" className="ok">Dry run passed: the key can be created. Nothing was saved.</p>}
        <div className="actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={busy}>{dryRun ? 'Check' : 'Create'}</button>
        </div>
      </form>
    </Modal>
  );
}
