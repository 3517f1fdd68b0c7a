import { useMemo, useState } from 'react';
import type { CombinedError } from '@urql/core';
import {
  AddGroupMembersDocument,
  CreateGroupDocument,
  DeleteGroupDocument,
  GroupMembersDocument,
  ListGroupsDocument,
  RemoveGroupMembersDocument,
  UpdateGroupDocument,
  type ListGroupsQuery,
} from '../../../client/generated/graphql';
import { doc, mutate, useSignedInQuery } from '../api';
import { AccessPicker, type Access } from '../components/AccessPicker';
import { DataTable } from '../components/DataTable';
import { ErrorMessage } from '../components/ErrorMessage';
import { ConfirmByNameDialog, FormDialog } from '../components/FormDialog';
import { Pager, usePaging } from '../components/Pager';
import { PrincipalSelect } from '../components/PrincipalSelect';

type Group = ListGroupsQuery['groups']['edges'][number]['node'];
const GROUP_TYPES = { additionalTypenames: ['Group'] };

/** Groups: their roles reach every member. List, create, members in and out, roles, delete. */
export function GroupsPage({ permissions }: { permissions: string[] }) {
  const paging = usePaging();
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState('');
  const [{ data, error, fetching }] = useSignedInQuery({
    query: doc(ListGroupsDocument),
    variables: { first: paging.first, after: paging.after },
    context: useMemo(() => GROUP_TYPES, []),
  });
  const mayManage = permissions.includes('groups.manage');
  const rows = data?.groups.edges.map((edge) => edge.node) ?? [];
  const group = rows.find((row) => row.id === selected);
  return (
    <div className={group ? 'page with-details' : 'page'}>
      <section className="list" aria-labelledby="groups-title">
        <div className="page-head">
          <h1 id="groups-title">Groups</h1>
          {mayManage && <button type="button" className="primary" onClick={() => setCreating(true)}>Create a group</button>}
        </div>
        <ErrorMessage error={error} />
        <DataTable
          caption="Groups"
          rows={rows}
          rowKey={(row) => row.id}
          rowData={(row) => ({ 'group-name': row.name })}
          selected={selected}
          fetching={fetching}
          loaded={data !== undefined}
          empty="No groups yet."
          columns={[
            { header: 'Name', cell: (row) => <button type="button" className="link" onClick={() => setSelected(row.id)}>{row.name}</button> },
            { header: 'Description', cell: (row) => row.description || '—' },
            { header: 'Roles', cell: (row) => row.roles.map((role) => role.name).join(', ') || '—' },
          ]}
        />
        <Pager pages={paging.pages} pageInfo={data?.groups.pageInfo} pageSize={paging.pageSize} onPageSize={paging.setPageSize} />
      </section>
      {group && <GroupDetails key={group.id} group={group} mayManage={mayManage} onClose={() => setSelected('')} />}
      {creating && <CreateGroupDialog onClose={() => setCreating(false)} />}
    </div>
  );
}

function CreateGroupDialog({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [access, setAccess] = useState<Access>({ roleIds: [], groupIds: [] });
  const submit = async () => {
    const { error } = await mutate(CreateGroupDocument, { input: { name, description: description || null, roleIds: access.roleIds } });
    if (!error) onClose();
    return error;
  };
  return (
    <FormDialog title="Create a group" submitLabel="Create the group" onSubmit={submit} onClose={onClose}>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
      </label>
      <label>
        Description
        <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={2} />
      </label>
      <AccessPicker value={access} onChange={setAccess} show="roles" />
    </FormDialog>
  );
}

function GroupDetails({ group, mayManage, onClose }: { group: Group; mayManage: boolean; onClose: () => void }) {
  const [{ data, error, fetching }] = useSignedInQuery({ query: doc(GroupMembersDocument), variables: { id: group.id, first: 100 }, context: useMemo(() => GROUP_TYPES, []) });
  const [actionError, setActionError] = useState<CombinedError>();
  const [adding, setAdding] = useState('');
  const [roles, setRoles] = useState<Access>({ roleIds: group.roles.map((role) => role.id), groupIds: [] });
  const [rolesSaved, setRolesSaved] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const members = data?.node?.__typename === 'Group' ? data.node.members.edges.map((edge) => edge.node) : [];
  const act = async (run: () => Promise<{ error?: CombinedError }>) => {
    setActionError(undefined);
    setRolesSaved(false);
    const { error: failed } = await run();
    setActionError(failed);
    return failed;
  };
  return (
    <aside className="details" aria-labelledby="group-title">
      <div className="details-head">
        <h2 id="group-title">{group.name}</h2>
        <button type="button" onClick={onClose} aria-label="Close the details">✕</button>
      </div>
      <p>{group.description || 'No description.'}</p>
      <h3>Members</h3>
      <ErrorMessage error={error} />
      {fetching && !data && <p role="status">Loading members…</p>}
      {data && members.length === 0 && <p className="empty">No members yet.</p>}
      <ul className="members" aria-label="Members">
        {members.map((member) => (
          <li key={member.id} data-member-name={member.name}>
            {member.name} <span className="hint">{member.kind === 'USER' ? 'user' : 'functional ID'}</span>{' '}
            {mayManage && (
              <button type="button" className="link" aria-label={`Remove ${member.name}`} onClick={() => act(() => mutate(RemoveGroupMembersDocument, { input: { groupId: group.id, principalIds: [member.id] } }))}>
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {mayManage && (
        <>
          <form
            className="form"
            aria-label="Add a member"
            onSubmit={async (event) => {
              event.preventDefault();
              if (!(await act(() => mutate(AddGroupMembersDocument, { input: { groupId: group.id, principalIds: [adding] } })))) setAdding('');
            }}
          >
            <PrincipalSelect label="New member" value={adding} onChange={setAdding} exclude={members.map((member) => member.id)} />
            <div className="actions">
              <button type="submit">Add to the group</button>
            </div>
          </form>
          <form
            className="form"
            aria-label="Roles of the group"
            onSubmit={async (event) => {
              event.preventDefault();
              if (!(await act(() => mutate(UpdateGroupDocument, { input: { id: group.id, roleIds: roles.roleIds } })))) setRolesSaved(true);
            }}
          >
            <AccessPicker value={roles} onChange={setRoles} show="roles" hint="Every member holds these roles through the group." />
            <div className="actions">
              <button type="submit">Save roles</button>
            </div>
            {rolesSaved && <p role="status">Roles saved.</p>}
          </form>
        </>
      )}
      <ErrorMessage error={actionError} />
      {mayManage && (
        <div className="action-grid">
          <button type="button" className="danger" onClick={() => setDeleting(true)}>Delete the group…</button>
        </div>
      )}
      {deleting && (
        <ConfirmByNameDialog
          title={`Delete the group “${group.name}”`}
          name={group.name}
          what="Its members lose the roles they hold through it."
          label="Group name"
          submitLabel="Delete the group"
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            const { error: failed } = await mutate(DeleteGroupDocument, { id: group.id }, GROUP_TYPES);
            if (!failed) onClose();
            return failed;
          }}
        />
      )}
    </aside>
  );
}
