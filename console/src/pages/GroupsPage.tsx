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
import { ErrorMessage } from '../components/ErrorMessage';
import { FormDialog, NameAndDescription } from '../components/FormDialog';
import { DeleteFromPane, DetailsPane, ListPage, OpenButton, usePagedList } from '../components/ListPage';
import { PrincipalSelect } from '../components/PrincipalSelect';

type Group = ListGroupsQuery['groups']['edges'][number]['node'];
const GROUP_TYPES = { additionalTypenames: ['Group'] };

/** Groups: their roles reach every member. List, create, members in and out, roles, delete. */
export function GroupsPage({ permissions }: { permissions: string[] }) {
  const groups = usePagedList(ListGroupsDocument, (data) => data.groups, 'Group');
  const mayManage = permissions.includes('groups.manage');
  return (
    <ListPage
      title="Groups"
      caption="Groups"
      list={groups}
      rowData={(row) => ({ 'group-name': row.name })}
      empty="No groups yet."
      create={mayManage ? { label: 'Create a group', dialog: (close) => <CreateGroupDialog onClose={close} /> } : undefined}
      columns={(open) => [
        { header: 'Name', cell: (row) => <OpenButton onClick={() => open(row)}>{row.name}</OpenButton> },
        { header: 'Description', cell: (row) => row.description || '—' },
        { header: 'Roles', cell: (row) => row.roles.map((role) => role.name).join(', ') || '—' },
      ]}
      details={(group, close) => <GroupDetails group={group} mayManage={mayManage} onClose={close} />}
    />
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
      <NameAndDescription name={name} description={description} onName={setName} onDescription={setDescription} />
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
  const members = data?.node?.__typename === 'Group' ? data.node.members.edges.map((edge) => edge.node) : [];
  const act = async (run: () => Promise<{ error?: CombinedError }>) => {
    setActionError(undefined);
    setRolesSaved(false);
    const { error: failed } = await run();
    setActionError(failed);
    return failed;
  };
  return (
    <DetailsPane title={group.name} onClose={onClose}>
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
        <DeleteFromPane
          kind="group"
          name={group.name}
          what="Its members lose the roles they hold through it."
          remove={() => mutate(DeleteGroupDocument, { id: group.id }, GROUP_TYPES)}
          onDeleted={onClose}
        />
      )}
    </DetailsPane>
  );
}
