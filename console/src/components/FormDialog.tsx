import { useState, type FormEvent, type ReactNode } from 'react';
import type { CombinedError } from '@urql/core';
import { ErrorMessage } from './ErrorMessage';
import { Modal } from './Modal';

/**
 * A dialog holding one form: its fields, the API's refusal in words, Cancel and the submit button.
 * `onSubmit` resolves to the error to show, or nothing when done (the caller closes the dialog then).
 */
export function FormDialog({
  title,
  submitLabel,
  onSubmit,
  onClose,
  children,
  danger = false,
  disabled = false,
  wide = false,
  after,
}: {
  title: string;
  submitLabel: string;
  onSubmit: () => Promise<CombinedError | undefined>;
  onClose: () => void;
  children: ReactNode;
  danger?: boolean;
  disabled?: boolean;
  wide?: boolean;
  /** Shown under the error (a dry run's outcome, say). */
  after?: ReactNode;
}) {
  const [error, setError] = useState<CombinedError>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const failed = await onSubmit();
    setBusy(false);
    setError(failed);
  };
  return (
    <Modal title={title} onClose={onClose} wide={wide}>
      <form onSubmit={submit} className="form">
        {children}
        <ErrorMessage error={error} />
        {after}
        <div className="actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className={danger ? 'danger' : 'primary'} disabled={busy || disabled}>{submitLabel}</button>
        </div>
      </form>
    </Modal>
  );
}

/** Akeyless's confirmation: the name must be typed before the thing is deleted. */
export function ConfirmByNameDialog({
  title,
  name,
  what,
  label,
  submitLabel,
  onConfirm,
  onClose,
}: {
  title: string;
  name: string;
  /** What deleting does, in a sentence. */
  what: string;
  label: string;
  submitLabel: string;
  onConfirm: () => Promise<CombinedError | undefined>;
  onClose: () => void;
}) {
  const [typed, setTyped] = useState('');
  return (
    <FormDialog title={title} submitLabel={submitLabel} onSubmit={onConfirm} onClose={onClose} danger disabled={typed !== name}>
      <p>
        {what} This cannot be undone. Type <strong>{name}</strong> to confirm.
      </p>
      <label>
        {label}
        <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" autoFocus />
      </label>
    </FormDialog>
  );
}

/** The Name and Description fields a create dialog starts with (the name focused first). */
export function NameAndDescription({
  name,
  description,
  onName,
  onDescription,
}: {
  name: string;
  description: string;
  onName: (name: string) => void;
  onDescription: (description: string) => void;
}) {
  return (
    <>
      <label>
        Name
        <input value={name} onChange={(e) => onName(e.target.value)} required autoFocus />
      </label>
      <label>
        Description
        <textarea value={description} onChange={(e) => onDescription(e.target.value)} rows={2} />
      </label>
    </>
  );
}
