import { useEffect, useMemo, useState } from 'react';
import { CreateRoleDocument, DeleteRoleDocument, ListRolesDocument, PermissionCatalogDocument, PrincipalAccessDocument, SetPrincipalRolesDocument } from '../../../client/generated/graphql';
import { doc, mutate, useSignedInQuery } from '../api';
import { AccessPicker, type Access } from '../components/AccessPicker';
import { ListPage } from '../components/ListPage';
import { ErrorMessage } from '../components/ErrorMessage';
import { ConfirmByNameDialog, FormDialog, NameAndDescription } from '../components/FormDialog';
import { PrincipalSelect } from '../components/PrincipalSelect';
import type { CombinedError } from '@urql/core';

const ROLE_TYPES = { additionalTypenames: ['Role'] };

/** Roles (sets of permissions): the built-in ones and the account's own; create, delete, and assign to a user or functional ID. */
export function RolesPage({ permissions }: { permissions: string[] }) {
  const [{ data, error, fetching }] = useSignedInQuery({ query: doc(ListRolesDocument), context: useMemo(() => ROLE_TYPES, []) });
  const [deleting, setDeleting] = useState<{ id: string; name: string } | null>(null);
  const mayManage = permissions.includes('roles.manage');
  return (
    <ListPage
      title="Roles"
      caption="Roles"
      list={{ rows: data?.roles ?? [], fetching, loaded: data !== undefined, error }}
      rowData={(row) => ({ 'role-name': row.name })}
      empty="No roles."
      create={mayManage ? { label: 'Create a role', dialog: (close) => <CreateRoleDialog onClose={close} /> } : undefined}
      columns={[
        { header: 'Name', cell: (row) => <>{row.name}{row.builtIn && <span className="badge">Built in</span>}</> },
        { header: 'Description', cell: (row) => row.description || '—' },
        { header: 'Permissions', cell: (row) => <span className="wrap">{row.permissions.join(', ') || '—'}</span> },
        {
          header: 'Actions',
          cell: (row) =>
            mayManage && !row.builtIn ? (
              <button type="button" className="link" aria-label={`Delete the role ${row.name}`} onClick={() => setDeleting(row)}>Delete</button>
            ) : (
              '—'
            ),
        },
      ]}
      after={
        <>
          {mayManage && <AssignRoles />}
          {deleting && (
            <ConfirmByNameDialog
              title={`Delete the role “${deleting.name}”`}
              name={deleting.name}
              what="Whoever holds it, directly or through a group or key, loses its permissions."
              label="Role name"
              submitLabel="Delete the role"
              onClose={() => setDeleting(null)}
              onConfirm={async () => {
                const { error: failed } = await mutate(DeleteRoleDocument, { id: deleting.id }, ROLE_TYPES);
                if (!failed) setDeleting(null);
                return failed;
              }}
            />
          )}
        </>
      }
    />
  );
}

function CreateRoleDialog({ onClose }: { onClose: () => void }) {
  const [{ data, error }] = useSignedInQuery({ query: doc(PermissionCatalogDocument) });
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [filter, setFilter] = useState('');
  const catalog = (data?.permissionCatalog ?? []).filter((permission) => permission.includes(filter));
  const submit = async () => {
    const { error: failed } = await mutate(CreateRoleDocument, { input: { name, description: description || null, permissions: chosen } });
    if (!failed) onClose();
    return failed;
  };
  return (
    <FormDialog title="Create a role" submitLabel="Create the role" onSubmit={submit} onClose={onClose} wide>
      <NameAndDescription name={name} description={description} onName={setName} onDescription={setDescription} />
      <ErrorMessage error={error} />
      <label>
        Find a permission
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="apikeys." />
      </label>
      <fieldset className="checklist">
        <legend>Permissions ({chosen.length} chosen)</legend>
        {!data && <p role="status">Loading permissions…</p>}
        {catalog.map((permission) => (
          <label className="inline" key={permission}>
            <input
              type="checkbox"
              checked={chosen.includes(permission)}
              onChange={(e) => setChosen((list) => (e.target.checked ? [...list, permission] : list.filter((p) => p !== permission)))}
            />
            {permission}
          </label>
        ))}
      </fieldset>
    </FormDialog>
  );
}

/** setPrincipalRoles: the roles a user or functional ID holds directly (its groups' roles come on top). */
function AssignRoles() {
  const [principalId, setPrincipalId] = useState('');
  const [access, setAccess] = useState<Access>({ roleIds: [], groupIds: [] });
  const [error, setError] = useState<CombinedError>();
  const [saved, setSaved] = useState(false);
  const [{ data, error: readError, fetching }] = useSignedInQuery({ query: doc(PrincipalAccessDocument), variables: { id: principalId }, pause: !principalId, requestPolicy: 'network-only' });
  const node = data?.node && (data.node.__typename === 'User' || data.node.__typename === 'FunctionalId') && data.node.id === principalId ? data.node : null;
  useEffect(() => {
    setSaved(false);
    setError(undefined);
  }, [principalId]);
  useEffect(() => {
    if (node) setAccess({ roleIds: node.roles.map((role) => role.id), groupIds: [] });
  }, [node]);
  return (
    <section className="list" aria-labelledby="assign-title">
      <h2 id="assign-title">Assign roles</h2>
      <form
        className="form"
        aria-label="Assign roles"
        onSubmit={async (event) => {
          event.preventDefault();
          setError(undefined);
          const { error: failed } = await mutate(SetPrincipalRolesDocument, { input: { principalId, roleIds: access.roleIds } });
          setError(failed);
          setSaved(!failed);
        }}
      >
        <PrincipalSelect label="User or functional ID" value={principalId} onChange={setPrincipalId} />
        <ErrorMessage error={readError} />
        {principalId && fetching && !node && <p role="status">Loading its roles…</p>}
        {node && (
          <>
            <AccessPicker value={access} onChange={setAccess} show="roles" hint={`The roles ${node.name} holds directly; groups: ${node.groups.map((g) => g.name).join(', ') || 'none'}.`} />
            <div className="actions">
              <button type="submit" className="primary">Save the roles of {node.name}</button>
            </div>
          </>
        )}
        <ErrorMessage error={error} />
        {saved && <p role="status">Roles saved.</p>}
      </form>
    </section>
  );
}
