import { useEffect, useMemo, useState } from 'react';
import { ListApiKeysDocument, type ApiKeyFilter, type ApiKeyScope, type CredentialType, type KeyState } from '../../../client/generated/graphql';
import { doc, useSignedInQuery } from '../api';
import { CreateKeyDialog } from '../components/CreateKeyDialog';
import { DataTable } from '../components/DataTable';
import { ErrorMessage } from '../components/ErrorMessage';
import { KeyDetails } from '../components/KeyDetails';
import { PAGE_SIZES, Pager, useCursorPages } from '../components/Pager';
import { SecretDialog, type ShownSecret } from '../components/SecretDialog';
import { folders, formatDate } from '../format';

/** The list's state, mirrored in the address bar so a reload or a link opens the same view. */
interface ListState {
  view: ApiKeyScope;
  type: CredentialType | '';
  state: KeyState | '';
  locked: '' | 'true' | 'false';
  expiringWithinHours: string;
  unusedForDays: string;
  prefix: string;
  /** One principal's keys (from the functional IDs page). */
  owner: string;
  pageSize: number;
  selected: string;
}

const DEFAULTS: ListState = { view: 'MINE', type: '', state: '', locked: '', expiringWithinHours: '', unusedForDays: '', prefix: '', owner: '', pageSize: 25, selected: '' };

function readState(): ListState {
  const params = new URLSearchParams(window.location.search);
  const state = { ...DEFAULTS };
  for (const name of Object.keys(DEFAULTS) as (keyof ListState)[]) {
    const value = params.get(name);
    if (value === null) continue;
    if (name === 'pageSize') state.pageSize = PAGE_SIZES.includes(Number(value)) ? Number(value) : DEFAULTS.pageSize;
    else (state as unknown as Record<string, string>)[name] = value;
  }
  return state;
}

function writeState(state: ListState): void {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(state)) if (value !== DEFAULTS[name as keyof ListState]) params.set(name, String(value));
  const search = params.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${search ? `?${search}` : ''}`);
}

function toFilter(state: ListState, canSeeAll: boolean): ApiKeyFilter {
  const positive = (text: string) => (/^\d+$/.test(text) && Number(text) > 0 ? Number(text) : null);
  return {
    scope: state.view === 'ALL' && !canSeeAll ? 'MINE' : state.view,
    type: state.type || null,
    state: state.state || null,
    locked: state.locked === '' ? null : state.locked === 'true',
    expiringWithinHours: positive(state.expiringWithinHours),
    unusedForDays: positive(state.unusedForDays),
    nameStartsWith: state.prefix || null,
    ownerId: state.owner || null,
  };
}

/** IBM Cloud's API keys page: a View filter, filters, pages newest first, create, and a details pane. */
export function ApiKeysPage({ canSeeAll }: { canSeeAll: boolean }) {
  const [state, setState] = useState<ListState>(readState);
  const pages = useCursorPages();
  const [creating, setCreating] = useState(false);
  const [shownSecret, setShownSecret] = useState<ShownSecret | null>(null);

  useEffect(() => writeState(state), [state]);
  const filter = useMemo(() => toFilter(state, canSeeAll), [state, canSeeAll]);
  const after = pages.after;
  const [{ data, error, fetching }] = useSignedInQuery({
    query: doc(ListApiKeysDocument),
    variables: { filter, first: state.pageSize, after },
    context: useMemo(() => ({ additionalTypenames: ['ApiKey'] }), []),
  });

  const change = (patch: Partial<ListState>) => {
    setState((current) => ({ ...current, ...patch }));
    if (!('selected' in patch)) pages.reset();
  };
  const connection = data?.apiKeys;
  const rows = connection?.edges ?? [];

  return (
    <div className={state.selected ? 'page with-details' : 'page'}>
      <section className="list" aria-labelledby="keys-title">
        <div className="page-head">
          <h1 id="keys-title">API keys</h1>
          <button type="button" className="primary" onClick={() => setCreating(true)}>Create a key</button>
        </div>
        <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
          <label>
            View
            <select value={filter.scope ?? 'MINE'} onChange={(e) => change({ view: e.target.value as ApiKeyScope })}>
              <option value="MINE">My keys</option>
              <option value="MANAGED">Managed</option>
              {canSeeAll && <option value="ALL">All keys of the account</option>}
            </select>
          </label>
          <label>
            Type
            <select value={state.type} onChange={(e) => change({ type: e.target.value as CredentialType | '' })}>
              <option value="">Any</option>
              <option value="API_KEY">API key</option>
              <option value="ACCESS_KEY">Access key</option>
            </select>
          </label>
          <label>
            State
            <select value={state.state} onChange={(e) => change({ state: e.target.value as KeyState | '' })}>
              <option value="">Any</option>
              <option value="ACTIVE">Active</option>
              <option value="INACTIVE">Inactive</option>
            </select>
          </label>
          <label>
            Locked
            <select value={state.locked} onChange={(e) => change({ locked: e.target.value as ListState['locked'] })}>
              <option value="">Any</option>
              <option value="true">Locked</option>
              <option value="false">Unlocked</option>
            </select>
          </label>
          <label>
            Expiring
            <select value={state.expiringWithinHours} onChange={(e) => change({ expiringWithinHours: e.target.value })}>
              <option value="">Any time</option>
              <option value="48">Within 48 hours</option>
              <option value="168">Within 7 days</option>
              <option value="720">Within 30 days</option>
            </select>
          </label>
          <label>
            Unused for (days)
            <input type="number" min={1} value={state.unusedForDays} onChange={(e) => change({ unusedForDays: e.target.value })} className="narrow" />
          </label>
          <label>
            Name starts with
            <input type="search" value={state.prefix} onChange={(e) => change({ prefix: e.target.value })} placeholder="ci/" />
          </label>
        </form>
        {state.owner && (
          <p className="chip">
            Only the keys of one owner{rows[0]?.node.owner ? ` (${rows[0].node.owner.name})` : ''}{' '}
            <button type="button" className="link" onClick={() => change({ owner: '' })}>Show every owner</button>
          </p>
        )}
        {state.prefix && (
          <nav aria-label="Folder" className="breadcrumbs">
            <button type="button" className="link" onClick={() => change({ prefix: '' })}>All folders</button>
            {folders(state.prefix.endsWith('/') ? `${state.prefix}x` : state.prefix).folders.map((folder) => (
              <span key={folder.prefix}>
                {' / '}
                <button type="button" className="link" onClick={() => change({ prefix: folder.prefix })}>{folder.label}</button>
              </span>
            ))}
          </nav>
        )}
        <ErrorMessage error={error} />
        <DataTable
          caption="API keys, newest first"
          rows={rows.map((edge) => edge.node)}
          rowKey={(key) => key.id}
          rowData={(key) => ({ 'key-id': key.id, 'key-name': key.name })}
          selected={state.selected}
          fetching={fetching}
          loaded={connection !== undefined}
          empty="No keys match. Change the filters, or create a key."
          columns={[
            {
              header: 'Name',
              cell: (key) => {
                const path = folders(key.name);
                return (
                  <>
                    {path.folders.map((folder) => (
                      <button key={folder.prefix} type="button" className="link folder" onClick={() => change({ prefix: folder.prefix })} aria-label={`Folder ${folder.prefix}`}>
                        {folder.label}
                      </button>
                    ))}
                    <button type="button" className="link key-name" onClick={() => change({ selected: key.id })}>{path.leaf}</button>
                  </>
                );
              },
            },
            { header: 'Type', cell: (key) => (key.type === 'ACCESS_KEY' ? 'Access key' : 'API key') },
            { header: 'Prefix or ID', cell: (key) => <code>{key.accessKeyId ?? key.prefix}</code> },
            { header: 'Owner', cell: (key) => key.owner?.name ?? '(outside this account)' },
            {
              header: 'State',
              cell: (key) => (
                <>
                  {key.state === 'ACTIVE' ? 'Active' : 'Inactive'}
                  {key.locked && <span className="badge">Locked</span>}
                  {key.expired && <span className="badge">Expired</span>}
                </>
              ),
            },
            { header: 'Expires', cell: (key) => formatDate(key.expiresAt, 'Never') },
            { header: 'Last used', cell: (key) => formatDate(key.lastUsedAt, 'Never') },
            { header: 'Created', cell: (key) => formatDate(key.createdAt) },
          ]}
        />
        <Pager pages={pages} pageInfo={connection?.pageInfo} pageSize={state.pageSize} onPageSize={(pageSize) => change({ pageSize })} />
      </section>
      {state.selected && (
        <KeyDetails
          key={state.selected}
          id={state.selected}
          onClose={() => change({ selected: '' })}
          onSecret={setShownSecret}
          onDeleted={() => change({ selected: '' })}
        />
      )}
      {creating && (
        <CreateKeyDialog
          onClose={() => setCreating(false)}
          onCreated={(shown) => {
            setCreating(false);
            setShownSecret(shown);
          }}
        />
      )}
      {shownSecret && <SecretDialog shown={shownSecret} onClose={() => setShownSecret(null)} />}
    </div>
  );
}
