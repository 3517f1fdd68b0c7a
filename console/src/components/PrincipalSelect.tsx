import { ListFunctionalIdsDocument, ListUsersDocument } from '../../../client/generated/graphql';
import { useEveryPage } from '../lists';
import { ErrorMessage } from './ErrorMessage';

/**
 * A user or functional ID of the account (or a user only), chosen by name. With `none`, choosing nobody is
 * allowed and reads as that ("You", "Anyone"); without it a choice is required.
 */
export function PrincipalSelect({
  label,
  value,
  onChange,
  exclude = [],
  usersOnly = false,
  none,
}: {
  label: string;
  value: string;
  onChange: (id: string) => void;
  exclude?: string[];
  usersOnly?: boolean;
  none?: string;
}) {
  const users = useEveryPage(ListUsersDocument, (data) => data.users);
  const functionalIds = useEveryPage(ListFunctionalIdsDocument, (data) => data.functionalIds, usersOnly);
  const left = (list: { id: string; name: string }[] | undefined) => (list ?? []).filter((item) => !exclude.includes(item.id));
  const loading = users.fetching || (!usersOnly && functionalIds.fetching);
  const userOptions = left(users.nodes).map((user) => (
    <option key={user.id} value={user.id}>{user.name}</option>
  ));
  return (
    <>
      <ErrorMessage error={users.error ?? (usersOnly ? undefined : functionalIds.error)} />
      <label>
        {label}
        <select value={value} onChange={(e) => onChange(e.target.value)} required={none === undefined}>
          <option value="">{none ?? (loading ? 'Loading…' : 'Choose…')}</option>
          {usersOnly ? (
            userOptions
          ) : (
            <>
              <optgroup label="Users">{userOptions}</optgroup>
              <optgroup label="Functional IDs">
                {left(functionalIds.nodes).map((fid) => (
                  <option key={fid.id} value={fid.id}>{fid.name}</option>
                ))}
              </optgroup>
            </>
          )}
        </select>
      </label>
    </>
  );
}
