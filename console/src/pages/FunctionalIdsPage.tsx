import { useState } from 'react';
import { CreateFunctionalIdDocument, ListFunctionalIdsDocument } from '../../../client/generated/graphql';
import { mutate } from '../api';
import { AccessPicker, type Access } from '../components/AccessPicker';
import { FormDialog, NameAndDescription } from '../components/FormDialog';
import { ListPage, usePagedList } from '../components/ListPage';
import { PrincipalSelect } from '../components/PrincipalSelect';
import { formatDate } from '../format';
import { navigate } from '../router';

/** Functional IDs (identities for programs): a list by path prefix, create, and a way to their keys. */
export function FunctionalIdsPage({ permissions }: { permissions: string[] }) {
  const [prefix, setPrefix] = useState('');
  const functionalIds = usePagedList(ListFunctionalIdsDocument, (data) => data.functionalIds, 'FunctionalId', { pathPrefix: prefix || null });
  return (
    <ListPage
      title="Functional IDs"
      caption="Functional IDs, newest first"
      list={functionalIds}
      rowData={(node) => ({ 'fid-name': node.name })}
      empty="No functional IDs match."
      create={{ label: 'Create a functional ID', dialog: (close) => <CreateFunctionalIdDialog mayManageGroups={permissions.includes('groups.manage')} onClose={close} /> }}
      filters={
        <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
          <label>
            Name starts with
            <input
              type="search"
              value={prefix}
              onChange={(e) => {
                setPrefix(e.target.value);
                functionalIds.paging.state.pages.reset();
              }}
              placeholder="ci/"
            />
          </label>
        </form>
      }
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
  );
}

/** A functional ID with its responsible user and the access it starts with (groups for `groups.manage` holders). */
function CreateFunctionalIdDialog({ mayManageGroups, onClose }: { mayManageGroups: boolean; onClose: () => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [access, setAccess] = useState<Access>({ roleIds: [], groupIds: [] });
  const submit = async () => {
    const { error } = await mutate(CreateFunctionalIdDocument, {
      input: { name, description: description || null, ownerId: ownerId || null, roleIds: access.roleIds, groupIds: access.groupIds },
    });
    if (!error) onClose();
    return error;
  };
  return (
    <FormDialog title="Create a functional ID" submitLabel="Create" onSubmit={submit} onClose={onClose} wide>
      <NameAndDescription name={name} description={description} onName={setName} onDescription={setDescription} />
      <PrincipalSelect label="Responsible user" value={ownerId} onChange={setOwnerId} usersOnly none="You" />
      <AccessPicker value={access} onChange={setAccess} show={mayManageGroups ? 'both' : 'roles'} hint="What the functional ID holds; its keys act with these unless given their own." />
    </FormDialog>
  );
}
