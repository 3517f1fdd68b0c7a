import { useState } from 'react';
import type { ApiKeyFieldsFragment } from '../../../client/generated/graphql';
import { Modal } from './Modal';

export interface ShownSecret {
  key: ApiKeyFieldsFragment;
  secret: string;
  /** "created" or "reset": what just happened. */
  reason: 'created' | 'reset';
}

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The file a person keeps: a CSV like Akeyless's (a header row, one data row) or a JSON document. */
function files(shown: ShownSecret): { csv: string; json: string } {
  const { key, secret } = shown;
  const isAccessKey = key.type === 'ACCESS_KEY';
  const header = isAccessKey ? ['Key name', 'Key ID', 'Access key ID', 'Secret access key'] : ['Key name', 'Key ID', 'API key'];
  const row = isAccessKey ? [key.name, key.id, key.accessKeyId ?? '', secret] : [key.name, key.id, secret];
  const json = isAccessKey
    ? { name: key.name, id: key.id, type: key.type, accessKeyId: key.accessKeyId, secretAccessKey: secret, expiresAt: key.expiresAt }
    : { name: key.name, id: key.id, type: key.type, apiKey: secret, expiresAt: key.expiresAt };
  return { csv: `${header.map(csvField).join(',')}\n${row.map(csvField).join(',')}\n`, json: `${JSON.stringify(json, null, 2)}\n` };
}

function download(fileName: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The file is written from the blob already; drop it so the secret is not kept in a URL.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The secret, shown this once: copy or download it now. */
export function SecretDialog({ shown, onClose }: { shown: ShownSecret; onClose: () => void }) {
  const [copied, setCopied] = useState<string | null>(null);
  const { key, secret } = shown;
  const { csv, json } = files(shown);
  const base = `keywarden-${key.name.replace(/[^A-Za-z0-9._-]+/g, '_')}`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('The browser did not allow copying: select the secret and copy it.');
    }
  };
  return (
    <Modal title={shown.reason === 'created' ? `Key “${key.name}” created` : `New secret for “${key.name}”`} onClose={onClose}>
      <p className="warning" role="note">
        <strong>You will not see this secret again.</strong> Copy it or download it now and keep it somewhere safe; Keywarden keeps only a hash of it.
      </p>
      {key.accessKeyId && (
        <div className="field">
          <span className="label">Access key ID</span>
          <code className="secret" data-testid="access-key-id">{key.accessKeyId}</code>
        </div>
      )}
      <div className="field">
        <span className="label">{key.type === 'ACCESS_KEY' ? 'Secret access key' : 'API key'}</span>
        <code className="secret" data-testid="secret">{secret}</code>
      </div>
      <div className="actions">
        <button type="button" onClick={copy}>Copy</button>
        <button type="button" onClick={() => download(`${base}.csv`, 'text/csv', csv)}>Download CSV</button>
        <button type="button" onClick={() => download(`${base}.json`, 'application/json', json)}>Download JSON</button>
        <button type="button" className="primary" onClick={onClose}>I have stored it, close</button>
      </div>
      {copied && <p role="status">{copied}</p>}
    </Modal>
  );
}
