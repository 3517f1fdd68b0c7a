import { useMemo, useState } from 'react';
import type { CombinedError } from '@urql/core';
import {
  AcceptAccountInvitationDocument,
  ActiveAccountDocument,
  AddAccountMemberDocument,
  DeclineAccountInvitationDocument,
  MyInvitationsDocument,
  ViewerIdentityDocument,
} from '../../../client/generated/graphql';
import { doc, mutate, useSignedInQuery } from '../api';
import { AccessPicker, type Access } from '../components/AccessPicker';
import { DataTable } from '../components/DataTable';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatDate } from '../format';

/**
 * Account invitations (membership needs the user's consent): the viewer's pending ones to accept or decline,
 * the viewer's user ID to give to whoever invites it, and, for `account.manage` holders, inviting a user.
 */
export function InvitationsPage({ permissions }: { permissions: string[] }) {
  const [{ data: me }] = useSignedInQuery({ query: doc(ViewerIdentityDocument) });
  return (
    <div className="stack">
      <PendingInvitations />
      {me?.viewer?.kind === 'USER' && (
        <section className="list" aria-labelledby="my-id-title">
          <h2 id="my-id-title">Your user ID</h2>
          <p>To be invited into another account, give its administrator this ID:</p>
          <code className="secret" data-testid="my-user-id">{me.viewer.id}</code>
        </section>
      )}
      {permissions.includes('account.manage') && <InviteForm />}
    </div>
  );
}

function PendingInvitations() {
  const [{ data, error, fetching }] = useSignedInQuery({ query: doc(MyInvitationsDocument), context: useMemo(() => ({ additionalTypenames: ['AccountInvitation', 'Account'] }), []) });
  const [actionError, setActionError] = useState<CombinedError>();
  const [joined, setJoined] = useState('');
  const rows = data?.viewer?.invitations ?? [];
  const answer = async (id: string, accept: boolean, accountName: string) => {
    setActionError(undefined);
    setJoined('');
    const context = { additionalTypenames: ['AccountInvitation', 'User'] };
    const { error: failed } = accept ? await mutate(AcceptAccountInvitationDocument, { id }, context) : await mutate(DeclineAccountInvitationDocument, { id }, context);
    if (failed) return setActionError(failed);
    setJoined(accept ? `You are now a member of “${accountName}”.` : `You declined the invitation to “${accountName}”.`);
  };
  return (
    <section className="list" aria-labelledby="invitations-title">
      <div className="page-head">
        <h1 id="invitations-title">Invitations</h1>
      </div>
      <ErrorMessage error={error ?? actionError} />
      {joined && <p role="status" className="ok">{joined}</p>}
      <DataTable
        caption="Invitations waiting for your answer"
        rows={rows}
        rowKey={(row) => row.id}
        rowData={(row) => ({ 'invitation-account': row.accountName })}
        fetching={fetching}
        loaded={data !== undefined}
        empty="No invitations are waiting for you."
        columns={[
          { header: 'Account', cell: (row) => row.accountName },
          { header: 'Roles', cell: (row) => ['Member', ...row.roleNames].join(', ') },
          { header: 'Invited', cell: (row) => formatDate(row.createdAt) },
          {
            header: 'Answer',
            cell: (row) => (
              <span className="row-actions">
                <button type="button" className="primary" aria-label={`Accept the invitation to ${row.accountName}`} onClick={() => answer(row.id, true, row.accountName)}>Accept</button>{' '}
                <button type="button" aria-label={`Decline the invitation to ${row.accountName}`} onClick={() => answer(row.id, false, row.accountName)}>Decline</button>
              </span>
            ),
          },
        ]}
      />
    </section>
  );
}

function InviteForm() {
  const [{ data }] = useSignedInQuery({ query: doc(ActiveAccountDocument) });
  const [userId, setUserId] = useState('');
  const [access, setAccess] = useState<Access>({ roleIds: [], groupIds: [] });
  const [error, setError] = useState<CombinedError>();
  const [sent, setSent] = useState('');
  const account = data?.account;
  return (
    <section className="list" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite a user{account ? ` into “${account.name}”` : ''}</h2>
      <form
        className="form"
        aria-label="Invite a user"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!account) return;
          setError(undefined);
          setSent('');
          const { error: failed } = await mutate(AddAccountMemberDocument, { input: { accountId: account.id, userId: userId.trim(), roleIds: access.roleIds } });
          if (failed) return setError(failed);
          setSent('Invitation sent: the user joins once they accept it.');
          setUserId('');
        }}
      >
        <label>
          User ID
          <input value={userId} onChange={(e) => setUserId(e.target.value)} required placeholder="usr_…" autoComplete="off" />
          <span className="hint">The user finds it on their Invitations page.</span>
        </label>
        <AccessPicker value={access} onChange={setAccess} show="roles" hint="Besides Member, the roles they get on accepting." />
        <ErrorMessage error={error} />
        {sent && <p role="status">{sent}</p>}
        <div className="actions">
          <button type="submit" className="primary" disabled={!account}>Send the invitation</button>
        </div>
      </form>
    </section>
  );
}
