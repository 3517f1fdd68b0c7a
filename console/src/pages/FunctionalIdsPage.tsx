import { useMemo, useState } from 'react';
import { CreateFunctionalIdDocument, ListFunctionalIdsDocument } from '../../../client/generated/graphql';
import { doc, mutate, useSignedInQuery } from '../api';
import { DataTable } from '../components/DataTable';
import { ErrorMessage } from '../components/ErrorMessage';
import { FormDialog } from '../components/FormDialog';
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
      <DataTable
        caption="Functional IDs, newest first"
        rows={rows.map((edge) => edge.node)}
        rowKey={(node) => node.id}
        rowData={(node) => ({ 'fid-name': node.name })}
        fetching={fetching}
        loaded={connection !== undefined}
        empty="No functional IDs match."
        columns={[
          { header: 'Name', cell: (node) => node.name },
          { header: 'Description', cell: (node) => node.description || '—' },
          { header: 'Responsible user', cell: (node) => node.owner?.name ?? '—' },
          { header: 'Created', cell: (node) => formatDate(node.createdAt) },
          {
            header: 'Keys',
            cell: (node) => (
              <button type="button" className="link" onClick={() => navigate('api-keys', new URLSearchParams({ view: 'MANAGED', owner: node.id }).toString())}>
                Keys of {node.name}
              </button>
            ),
          },
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
      {creating && <CreateFunctionalIdDialog onClose={() => setCreating(false)} />}
    </section>
  );
}

function CreateFunctionalIdDialog({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const submit = async () => {
    const { error } = await mutate(CreateFunctionalIdDocument, { input: { name, description: description || null } });
    if (!error) onClose();
    return error;
  };
  return (
    <FormDialog title="Create a functional ID" submitLabel="Create" onSubmit={submit} onClose={onClose}>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
      </label>
      <label>
        Description
        <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={2} />
      </label>
    </FormDialog>
  );
}
