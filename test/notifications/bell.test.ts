/** Bell notifications from the real mutations: group and role changes tell the principal concerned, once. */
import { createUser, roleIdsByName, type TestUser } from '../api-keys/helpers';
import { startTestServer, type TestServer } from '../helpers/server';

let t: TestServer;
let member: TestUser;
beforeAll(async () => {
  t = await startTestServer();
  member = await createUser(t, { name: 'Member' });
});
afterAll(() => t.close());

const BELL = `{ notifications(first: 50) { edges { node { id kind message subjectId readAt } } } }`;
const bell = async (token: string) => (await t.gql(BELL, {}, { token })).data.notifications.edges.map((e: any) => e.node);

test('adding a user to a group gives that user one GROUPS_CHANGED notification; removing, one more', async () => {
  const group = await t.gql(`mutation { createGroup(input: { name: "on-call" }) { id } }`, {}, { token: t.adminToken });
  const groupId = group.data.createGroup.id;
  const add = `mutation($input: GroupMembersInput!) { addGroupMembers(input: $input) { id } }`;
  expect((await t.gql(add, { input: { groupId, principalIds: [member.id] } }, { token: t.adminToken })).errors).toBeUndefined();
  // Adding again changes nothing and tells nobody.
  await t.gql(add, { input: { groupId, principalIds: [member.id] } }, { token: t.adminToken });
  const joined = (await bell(member.token)).filter((n: any) => n.kind === 'GROUPS_CHANGED');
  expect(joined).toEqual([expect.objectContaining({ subjectId: groupId, message: expect.stringContaining('on-call') })]);
  expect((await bell(t.adminToken)).filter((n: any) => n.kind === 'GROUPS_CHANGED')).toEqual([]);

  await t.gql(`mutation($input: GroupMembersInput!) { removeGroupMembers(input: $input) { id } }`, { input: { groupId, principalIds: [member.id] } }, { token: t.adminToken });
  expect((await bell(member.token)).filter((n: any) => n.kind === 'GROUPS_CHANGED')).toHaveLength(2);
});

test('setPrincipalRoles tells the principal which roles it gained and lost', async () => {
  const [viewer, keyAdmin] = await roleIdsByName(t, ['Viewer', 'KeyAdministrator']);
  const set = `mutation($input: SetPrincipalRolesInput!) { setPrincipalRoles(input: $input) { id } }`;
  await t.gql(set, { input: { principalId: member.id, roleIds: [viewer] } }, { token: t.adminToken });
  await t.gql(set, { input: { principalId: member.id, roleIds: [keyAdmin] } }, { token: t.adminToken });
  const changes = (await bell(member.token)).filter((n: any) => n.kind === 'ROLES_CHANGED');
  expect(changes).toHaveLength(2);
  expect(changes[0].message).toMatch(/given the role "KeyAdministrator".*no longer have the role "Viewer"/);
});
