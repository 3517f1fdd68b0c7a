import { ancestorIdsOf, descendantIdsOf, managedPrincipalIdsOf } from '../../src/modules/users/hierarchy';
import { startTestServer, type TestServer } from '../helpers/server';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id parent { id } } }`;

test('ancestors come nearest first and descendants include every level, in one recursive query each', async () => {
  const viewer = await t.gql(`{ viewer { id account { id } } }`, {}, { token: t.adminToken });
  const adminId = viewer.data.viewer.id;
  const accountId = viewer.data.viewer.account.id;
  const manager = await t.gql(CREATE, { input: { email: 'manager@example.com', name: 'Manager', password: 'manager-password-1', parentId: adminId } }, { token: t.adminToken });
  expect(manager.errors).toBeUndefined();
  const engineer = await t.gql(CREATE, { input: { email: 'engineer@example.com', name: 'Engineer', password: 'engineer-password-1', parentId: manager.data.createUser.id } }, { token: t.adminToken });
  expect(engineer.data.createUser.parent.id).toBe(manager.data.createUser.id);
  const engineerId = engineer.data.createUser.id;

  expect(await ancestorIdsOf(t.server.dataSource, engineerId)).toEqual([manager.data.createUser.id, adminId]);
  expect((await descendantIdsOf(t.server.dataSource, adminId)).sort()).toEqual([manager.data.createUser.id, engineerId].sort());
  expect(await managedPrincipalIdsOf(t.server.dataSource, manager.data.createUser.id, accountId)).toEqual(expect.arrayContaining([manager.data.createUser.id, engineerId]));
});
