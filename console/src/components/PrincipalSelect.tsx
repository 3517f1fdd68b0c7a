import { ListFunctionalIdsDocument, ListUsersDocument } from '../../../client/generated/graphql';
import { useEveryPage } from '../lists';
import { ErrorMessage } from './ErrorMessage';

/** A user or functional ID of the account, chosen by name. */
export function PrincipalSelect({ label, value, onChange, exclude = [] }: { label: string; value: string; onChange: (id: string) => void; exclude?: string[] }) {
  const users = useEveryPage(ListUsersDocument, (data) => data.users);
  const functionalIds = useEveryPage(ListFunctionalIdsDocument, (data) => data.functionalIds);
  const left = (list: { id: string; name: string }[] | undefined) => (list ?? []).filter((item) => !exclude.includes(item.id));
  return (
    <>
      <ErrorMessage error={users.error ?? functionalIds.error} />
      <label>
        {label}
        <select value={value} onChange={(e) => onChange(e.target.value)} required>
          <option value="">{users.fetching || functionalIds.fetching ? 'Loading…' : 'Choose…'}</option>
          <optgroup label="Users">
            {left(users.nodes).map((user) => (
              <option key={user.id} value={user.id}>{user.name}</option>
            ))}
          </optgroup>
          <optgroup label="Functional IDs">
            {left(functionalIds.nodes).map((fid) => (
              <option key={fid.id} value={fid.id}>{fid.name}</option>
            ))}
          </optgroup>
        </select>
      </label>
    </>
  );
}
