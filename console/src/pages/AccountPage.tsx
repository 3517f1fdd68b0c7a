import { useEffect, useState, type FormEvent } from 'react';
import type { CombinedError } from '@urql/core';
import { ActiveAccountDocument, UpdateAccountSettingsDocument, type AccountFieldsFragment, type AccountSettingsInput } from '../../../client/generated/graphql';
import { doc, mutate, useSignedInQuery } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';

type Settings = AccountFieldsFragment['settings'];

/** What the form edits, as typed (numbers stay text until saved, so a half-typed value is not lost). */
interface Draft {
  maxApiKeys: string;
  maxAccessKeys: string;
  maxLifetime: string;
  restrictUsers: boolean;
  noticeDays: string;
  crossAccount: boolean;
  allowedAccounts: string;
}

function draftOf(settings: Settings): Draft {
  return {
    maxApiKeys: String(settings.maxApiKeysPerPrincipal),
    maxAccessKeys: String(settings.maxAccessKeysPerPrincipal),
    maxLifetime: settings.maxKeyLifetimeDays === null || settings.maxKeyLifetimeDays === undefined ? '' : String(settings.maxKeyLifetimeDays),
    restrictUsers: settings.restrictUserApiKeyCreation,
    noticeDays: settings.expiryNoticeDays.join(', '),
    crossAccount: settings.crossAccountRestriction.enabled,
    allowedAccounts: settings.crossAccountRestriction.allowedAccountIds.join('\n'),
  };
}

const list = (text: string) => text.split(/[\s,]+/).map((item) => item.trim()).filter(Boolean);
/** A number as typed (the inputs are required numbers): the server checks the range and names the field it refuses. */
const number = (text: string) => Number(text);

function inputOf(draft: Draft): AccountSettingsInput {
  return {
    maxApiKeysPerPrincipal: number(draft.maxApiKeys),
    maxAccessKeysPerPrincipal: number(draft.maxAccessKeys),
    maxKeyLifetimeDays: draft.maxLifetime.trim() === '' ? null : number(draft.maxLifetime),
    restrictUserApiKeyCreation: draft.restrictUsers,
    expiryNoticeDays: list(draft.noticeDays).map(Number),
    crossAccountRestriction: { enabled: draft.crossAccount, allowedAccountIds: list(draft.allowedAccounts) },
  };
}

/** The active account's limits and policies; editable by `account.manage` holders, read by every member. */
export function AccountPage({ permissions }: { permissions: string[] }) {
  const [{ data, error, fetching }] = useSignedInQuery({ query: doc(ActiveAccountDocument) });
  const account = data?.account;
  const mayManage = permissions.includes('account.manage');
  return (
    <section className="list" aria-labelledby="account-title">
      <div className="page-head">
        <h1 id="account-title">Account settings</h1>
      </div>
      <ErrorMessage error={error} />
      {fetching && !account && <p role="status">Loading…</p>}
      {account && (
        <>
          <dl className="facts">
            <div><dt>Account</dt><dd>{account.name}</dd></div>
            <div><dt>Account ID</dt><dd><code>{account.id}</code></dd></div>
          </dl>
          {!mayManage && <p className="hint">Only holders of account.manage may change these settings.</p>}
          <SettingsForm key={account.id} settings={account.settings} readOnly={!mayManage} />
        </>
      )}
    </section>
  );
}

function SettingsForm({ settings, readOnly }: { settings: Settings; readOnly: boolean }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [error, setError] = useState<CombinedError>();
  const [saved, setSaved] = useState(false);
  // The saved (or elsewhere changed) settings replace what the form shows.
  const current = JSON.stringify(settings);
  useEffect(() => setDraft(draftOf(JSON.parse(current) as Settings)), [current]);
  const set = (patch: Partial<Draft>) => {
    setSaved(false);
    setDraft((current) => ({ ...current, ...patch }));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    const { error: failed } = await mutate(UpdateAccountSettingsDocument, { input: inputOf(draft) });
    setError(failed);
    setSaved(!failed);
  };
  return (
    <form className="form" aria-label="Account settings" onSubmit={submit}>
      <fieldset disabled={readOnly} className="grid-2">
        <legend>Limits</legend>
        <label>
          {LABELS.maxApiKeysPerPrincipal}
          <input type="number" min={0} value={draft.maxApiKeys} onChange={(e) => set({ maxApiKeys: e.target.value })} required />
        </label>
        <label>
          {LABELS.maxAccessKeysPerPrincipal}
          <input type="number" min={0} value={draft.maxAccessKeys} onChange={(e) => set({ maxAccessKeys: e.target.value })} required />
        </label>
        <label>
          {LABELS.maxKeyLifetimeDays}
          <input type="number" min={1} value={draft.maxLifetime} onChange={(e) => set({ maxLifetime: e.target.value })} placeholder="No limit" />
          <span className="hint">Empty: no limit.</span>
        </label>
        <label className="inline">
          <input type="checkbox" checked={draft.restrictUsers} onChange={(e) => set({ restrictUsers: e.target.checked })} /> Only administrators create keys for users (functional IDs are unaffected)
        </label>
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>Expiry notices</legend>
        <label>
          {LABELS.expiryNoticeDays}
          <input value={draft.noticeDays} onChange={(e) => set({ noticeDays: e.target.value })} placeholder="30, 7, 2" />
          <span className="hint">Days before a key expires when its owner is told, separated by commas.</span>
        </label>
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>Keys of other accounts</legend>
        <label className="inline">
          <input type="checkbox" checked={draft.crossAccount} onChange={(e) => set({ crossAccount: e.target.checked })} /> Accept keys of other accounts only from the accounts listed
        </label>
        <label>
          {LABELS.crossAccountRestriction}
          <textarea value={draft.allowedAccounts} onChange={(e) => set({ allowedAccounts: e.target.value })} rows={3} placeholder="acc_…" />
          <span className="hint">One account ID a line.</span>
        </label>
      </fieldset>
      <ErrorMessage error={error} />
      {saved && <p role="status">Settings saved.</p>}
      {!readOnly && (
        <div className="actions">
          <button type="submit" className="primary">Save the settings</button>
        </div>
      )}
    </form>
  );
}

const LABELS: Record<string, string> = {
  maxApiKeysPerPrincipal: 'API keys per user or functional ID',
  maxAccessKeysPerPrincipal: 'Access keys per user or functional ID',
  maxKeyLifetimeDays: 'Longest key lifetime (days)',
  expiryNoticeDays: 'Notice days',
  crossAccountRestriction: 'Accounts allowed',
};
