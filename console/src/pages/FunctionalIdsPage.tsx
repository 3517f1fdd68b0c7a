import { useMemo, useState, type FormEvent } from 'react';
import type { CombinedError } from '@urql/core';
import { CreateFunctionalIdDocument, ListFunctionalIdsDocument } from '../../../client/generated/graphql';
import { doc, mutate, useSignedInQuery } from '../api';
import { ErrorMessage } from '../components/ErrorMessage';
import { Modal } from '../components/Modal';
import { Pager, useCursorPages } from '../components/Pager';
import { formatDate } from '../format';
import { navigate } from '../router';

/** Functional IDs (identities for programs): a list by path prefix, create, and a way to their keys. */
export function FunctionalIdsPage() {
  const [prefix, setPrefix] = useState('');
  const [pageSize, setPageSize] = useState(25);
  const [creating, setCreating] = useState(false);
  const pages = useCursorPages();
  const [{ data, error, fetching }] = useSignedInQuery({
    query: doc(ListFunctionalIdsDocument),
    variables: { first: pageSize, after: pages.after, pathPrefix: prefix || null },
    context: useMemo(() => ({ additionalTypenames: ['FunctionalId'] }), []),
  });
  const connection = data?.functionalIds;
  const rows = connection?.edges ?? [];
  return (
    <section className="list" aria-labelledby="fids-title">
      <div className="page-head">
        <h1 id="fids-title">Functional IDs</h1>
        <button type="button" className="primary" onClick={() => setCreating(true)}>Create a functional ID</button>
      </div>
      <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Name starts with
          <input
            type="search"
            value={prefix}
            onChange={(e) => {
              setPrefix(e.target.value);
              pages.reset();
            }}
            placeholder="ci/"
          />
        </label>
      </form>
      <ErrorMessage error={error} />
      <div className="table-wrap">
        <table aria-busy={fetching}>
          <caption className="visually-hidden">Functional IDs, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Description</th>
              <th scope="col">Responsible user</th>
              <th scope="col">Created</th>
              <th scope="col">Keys</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ node }) => (
              <tr key={node.id} data-fid-name={node.name}>
                <td>{node.name}</td>
                <td>{node.description || '—'}</td>
                <td>{node.owner?.name ?? '—'}</td>
                <td>{formatDate(node.createdAt)}</td>
                <td>
                  <button type="button" className="link" onClick={() => navigate('api-keys', new URLSearchParams({ view: 'MANAGED', owner: node.id }).toString())}>
                    Keys of {node.name}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {fetching && !data && <p role="status">Loading…</p>}
      {connection && rows.length === 0 && <p className="empty">No functional IDs match.</p>}
      <Pager
        pages={pages}
        pageInfo={connection?.pageInfo}
        pageSize={pageSize}
        onPageSize={(size) => {
          setPageSize(size);
          pages.reset();
        }}
      />
      {creating && <CreateFunctionalIdDialog onClose={() => setCreating(false)} />}
    </section>
  );
}

function CreateFunctionalIdDialog({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<CombinedError>();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { error: failed } = await mutate(CreateFunctionalIdDocument, { input: { name, description: description || null } });
    if (failed) return setError(failed);
    onClose();
  };
  return (
    <Modal title="Create a functional ID" onClose={onClose}>
      <form onSubmit={submit} className="form">
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
        </label>
        <label>
          Description
          <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={2} />
        </label>
        <ErrorMessage error={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary">Create</button>
        </div>
      </form>
    </Modal>
  );
}
