/** Membership needs consent (DESIGN.md rule 3): an administrator invites, the user accepts, both through the API. */
import type { RequestOptions, TestServer } from './server';

const INVITE = `mutation($input: AccountMemberInput!) { addAccountMember(input: $input) { id } }`;
const INVITATIONS = `{ viewer { invitations { id accountId } } }`;
const ACCEPT = `mutation($id: ID!) { acceptAccountInvitation(id: $id) { id } }`;

/** Invites `userId` into `accountId` as `inviter` (acting in that account) and accepts as the user (`user`). */
export async function joinAccount(
  t: TestServer,
  accountId: string,
  userId: string,
  user: RequestOptions,
  options: { inviter?: RequestOptions; roleIds?: string[] } = {},
): Promise<void> {
  const inviter = options.inviter ?? { token: t.adminToken };
  const invited = await t.gql(INVITE, { input: { accountId, userId, roleIds: options.roleIds } }, { ...inviter, headers: { ...inviter.headers, 'x-account-id': accountId } });
  if (invited.errors) throw new Error(`addAccountMember failed: ${JSON.stringify(invited.errors)}`);
  const pending = await t.gql(INVITATIONS, {}, user);
  const invitation = pending.data?.viewer?.invitations?.find((i: { accountId: string }) => i.accountId === accountId);
  if (!invitation) throw new Error(`no invitation to ${accountId}: ${JSON.stringify(pending.body)}`);
  const accepted = await t.gql(ACCEPT, { id: invitation.id }, user);
  if (accepted.errors) throw new Error(`acceptAccountInvitation failed: ${JSON.stringify(accepted.errors)}`);
}
