import { useMemo, useState } from 'react';
import type { CombinedError } from '@urql/core';
import { CreateUserDocument, ListUsersDocument, SetUserDisabledDocument, UserDetailsDocument, ViewerIdentityDocument, type UserFieldsFragment } from '../../../client/generated/graphql';
import { doc, mutate, useSignedInQuery } from '../api';
import { AccessPicker, type Access } from '../components/AccessPicker';
import { ErrorMessage } from '../components/ErrorMessage';
import { FormDialog } from '../components/FormDialog';
import { DetailsPane, OpenButton } from '../components/ListPage';
import { formatDate } from '../format';
import { useEveryPage } from '../lists';
import { navigate } from '../router';

type User = UserFieldsFragment;
// The pane reads again when a user changes (disabled, say) or a key is made or deleted.
const USER_TYPES = { additionalTypenames: ['User', 'ApiKey'] };

interface TreeNode {
  user: User;
  children: TreeNode[];
}

/** Each user under its parent; a user whose parent is not in this account (or has none) is a root. Oldest first. */
export function buildTree(users: User[]): TreeNode[] {
  const nodes = new Map(users.map((user) => [user.id, { user, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.user.parent ? nodes.get(node.user.parent.id) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const sort = (list: TreeNode[]) => {
    list.sort((a, b) => a.user.createdAt.localeCompare(b.user.createdAt) || a.user.id.localeCompare(b.user.id));
    list.forEach((node) => sort(node.children));
  };
  sort(roots);
  return roots;
}

/** Users as the hierarchy they form (IBM's parent users): create one under another, disable and enable, a user's details. */
export function UsersPage({ permissions }: { permissions: string[] }) {
  const users = useEveryPage(ListUsersDocument, (data) => data.users);
  const tree = useMemo(() => buildTree(users.nodes ?? []), [users.nodes]);
  const [creatingUnder, setCreatingUnder] = useState<User | 'top' | null>(null);
  const [selected, setSelected] = useState('');
  // One does not disable oneself from here (it would end one's own sessions): that row offers no Disable.
  const [{ data: me }] = useSignedInQuery({ query: doc(ViewerIdentityDocument) });
  const viewerId = me?.viewer?.id ?? '';
  const [actionError, setActionError] = useState<CombinedError>();
  const mayCreate = permissions.includes('users.manage') || permissions.includes('self.manage');
  const opened = users.nodes?.find((user) => user.id === selected);
  const setDisabled = async (user: User, disabled: boolean) => {
    setActionError(undefined);
    const { error } = await mutate(SetUserDisabledDocument, { input: { id: user.id, disabled } });
    if (error) setActionError(error);
    users.reload();
  };
  const actions: BranchActions = { viewerId, selected, mayCreate, onOpen: setSelected, onCreateUnder: setCreatingUnder, onSetDisabled: setDisabled };
  return (
    <div className={opened ? 'page with-details' : 'page'}>
      <section className="list" aria-labelledby="users-title">
        <div className="page-head">
          <h1 id="users-title">Users</h1>
          {mayCreate && <button type="button" className="primary" onClick={() => setCreatingUnder('top')}>Create a user</button>}
        </div>
        <p className="hint">Each user sits under its parent: a parent manages the users below it. Open a name for its details.</p>
        <ErrorMessage error={users.error ?? actionError} />
        {users.fetching && !users.nodes && <p role="status">Loading users…</p>}
        {users.nodes && users.nodes.length === 0 && <p className="empty">No users in this account.</p>}
        {users.truncated && <p className="warning">Only the first users are shown: the account has more than the console reads.</p>}
        <ul className="tree" aria-label="User hierarchy" aria-busy={users.fetching}>
          {tree.map((node) => (
            <Branch key={node.user.id} node={node} actions={actions} />
          ))}
        </ul>
      </section>
      {opened && <UserDetails key={opened.id} user={opened} keysView={permissions.includes('apikeys.manage_all') ? 'ALL' : 'MANAGED'} onClose={() => setSelected('')} />}
      {creatingUnder && (
        <CreateUserDialog
          users={users.nodes ?? []}
          parent={creatingUnder === 'top' ? null : creatingUnder}
          onClose={() => setCreatingUnder(null)}
          onCreated={() => {
            setCreatingUnder(null);
            users.reload();
          }}
        />
      )}
    </div>
  );
}

interface BranchActions {
  viewerId: string;
  /** The user whose details are open. */
  selected: string;
  mayCreate: boolean;
  onOpen: (id: string) => void;
  onCreateUnder: (user: User) => void;
  onSetDisabled: (user: User, disabled: boolean) => void;
}

function Branch({ node, actions }: { node: TreeNode; actions: BranchActions }) {
  const { user } = node;
  const { viewerId, selected, mayCreate, onOpen, onCreateUnder, onSetDisabled } = actions;
  return (
    <li data-user-email={user.email ?? ''} data-user-name={user.name}>
      <div className={user.id === selected ? 'node selected' : 'node'}>
        <span className="name">
          <OpenButton onClick={() => onOpen(user.id)}>{user.name}</OpenButton>
        </span>
        <span className="email">{user.email ?? '(email hidden)'}</span>
        {user.disabled && <span className="badge">Disabled</span>}
        {user.federated && <span className="badge">Federated</span>}
        <span className="hint">since {formatDate(user.createdAt)}</span>
        <span className="row-actions">
          {mayCreate && (
            <button type="button" onClick={() => onCreateUnder(user)} aria-label={`Add a user under ${user.name}`}>Add a user</button>
          )}
          {user.id !== viewerId && (
            <button type="button" onClick={() => onSetDisabled(user, !user.disabled)} aria-label={`${user.disabled ? 'Enable' : 'Disable'} ${user.name}`}>
              {user.disabled ? 'Enable' : 'Disable'}
            </button>
          )}
        </span>
      </div>
      {node.children.length > 0 && (
        <ul aria-label={`Users under ${user.name}`}>
          {node.children.map((child) => (
            <Branch key={child.user.id} node={child} actions={actions} />
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * BMC's details pane for a user: its email, state, how it signs in, parent, its own roles and groups,
 * dates, and how many of its keys the viewer may see, with a link to them on the API keys page.
 */
function UserDetails({ user, keysView, onClose }: { user: User; keysView: 'ALL' | 'MANAGED'; onClose: () => void }) {
  const [{ data, error, fetching }] = useSignedInQuery({ query: doc(UserDetailsDocument), variables: { id: user.id }, context: useMemo(() => USER_TYPES, []) });
  const details = data?.user.id === user.id ? data.user : undefined;
  const names = (list: { name: string }[]) => list.map((item) => item.name).join(', ') || 'None';
  const keys = details?.apiKeys.totalCount;
  return (
    <DetailsPane title={user.name} onClose={onClose}>
      <ErrorMessage error={error} />
      {fetching && !details && <p role="status">Loading…</p>}
      {details && (
        <dl className="facts">
          <div><dt>Email</dt><dd>{details.email ?? '(hidden from you)'}</dd></div>
          <div><dt>State</dt><dd>{details.disabled ? 'Disabled: it cannot log in, and its keys do not work' : 'Active'}</dd></div>
          <div><dt>Signs in with</dt><dd>{details.federated ? 'Keys only (federated, no password)' : 'Password or keys'}</dd></div>
          <div><dt>Parent</dt><dd>{details.parent?.name ?? 'None in this account'}</dd></div>
          <div><dt>Roles</dt><dd>{names(details.roles)}</dd></div>
          <div><dt>Groups</dt><dd>{names(details.groups)}</dd></div>
          <div><dt>Created</dt><dd>{formatDate(details.createdAt)}</dd></div>
          <div><dt>Modified</dt><dd>{formatDate(details.updatedAt)}</dd></div>
          <div>
            <dt>API keys</dt>
            <dd>
              <span data-testid="user-key-count">{keys}</span>{' '}
              {keys ? (
                <button type="button" className="link" onClick={() => navigate('api-keys', new URLSearchParams({ view: keysView, owner: user.id }).toString())}>
                  Keys of {user.name}
                </button>
              ) : (
                <span className="hint">(none you can see)</span>
              )}
            </dd>
          </div>
        </dl>
      )}
    </DetailsPane>
  );
}

/** The password lives in this dialog's state only, until the dialog closes. */
function CreateUserDialog({ users, parent, onClose, onCreated }: { users: User[]; parent: User | null; onClose: () => void; onCreated: () => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [federated, setFederated] = useState(false);
  const [parentId, setParentId] = useState(parent?.id ?? '');
  const [access, setAccess] = useState<Access>({ roleIds: [], groupIds: [] });
  const submit = async () => {
    const { error } = await mutate(CreateUserDocument, {
      input: { name, email, federated, password: federated ? null : password, parentId: parentId || null, roleIds: access.roleIds, groupIds: access.groupIds },
    });
    if (!error) onCreated();
    return error;
  };
  return (
    <FormDialog title={parent ? `Create a user under ${parent.name}` : 'Create a user'} submitLabel="Create the user" onSubmit={submit} onClose={onClose} wide>
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
      </label>
      <label>
        Email
        <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="off" />
      </label>
      <label className="inline">
        <input type="checkbox" checked={federated} onChange={(e) => setFederated(e.target.checked)} /> Federated (no password: it signs in with keys only)
      </label>
      {!federated && (
        <label>
          Password
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} required autoComplete="new-password" />
          <span className="hint">Give it to the user by other means; they can change it after logging in.</span>
        </label>
      )}
      <label>
        Parent
        <select value={parentId} onChange={(e) => setParentId(e.target.value)}>
          <option value="">You</option>
          {users.map((user) => (
            <option key={user.id} value={user.id}>{user.name}</option>
          ))}
        </select>
      </label>
      <AccessPicker value={access} onChange={setAccess} />
    </FormDialog>
  );
}
