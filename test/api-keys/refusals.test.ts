/** Every refused key answers the same UNAUTHENTICATED "Invalid credentials"; the reason goes only to the log and the audit trail. */
import { startTestServer, type TestServer } from '../helpers/server';
import { DELETE_KEY, apiKeyAuth, createKey, createUser, expectInvalidCredentials, tampered, type TestUser } from './helpers';

let t: TestServer;
let ivy: TestUser;
beforeAll(async () => {
  t = await startTestServer();
  ivy = await createUser(t);
});
afterAll(() => t.close());

const WHO = `{ viewer { id } }`;

test('expired, outside allowedCidrs, tampered checksum, deleted, inactive: all refused with the same message', async () => {
  const expiring = await createKey(t, { token: ivy.token }, { name: 'expiring', expiresAt: new Date(t.clock.now().getTime() + 1_800_000).toISOString() });
  const fenced = await createKey(t, { token: ivy.token }, { name: 'fenced', allowedCidrs: ['10.0.0.0/8', '2001:db8::/32'] });
  const good = await createKey(t, { token: ivy.token }, { name: 'good' });
  const doomed = await createKey(t, { token: ivy.token }, { name: 'doomed' });
  const idle = await createKey(t, { token: ivy.token }, { name: 'idle' });
  const AUTHENTICATE = `mutation($input: AuthenticateInput!) { authenticate(input: $input) { token } }`;
  const sessionOf = async (secret: string) => (await t.gql(AUTHENTICATE, { input: { apiKey: secret } })).data.authenticate.token as string;
  const sessions = { expiring: await sessionOf(expiring.secret), doomed: await sessionOf(doomed.secret), idle: await sessionOf(idle.secret) };

  expect((await t.gql(DELETE_KEY, { input: { id: doomed.key.id } }, { token: ivy.token })).data.deleteApiKey.deletedId).toBe(doomed.key.id);
  await t.gql(`mutation($input: SetApiKeyStateInput!) { setApiKeyState(input: $input) { id } }`, { input: { id: idle.key.id, state: 'INACTIVE' } }, { token: ivy.token });
  expect((await t.gql(WHO, {}, apiKeyAuth(expiring.secret))).data.viewer.id).toBe(ivy.id);
  t.clock.advance(1_900_000); // past the key's expiry, within the session's hour

  t.sql.reset();
  const withTamperedChecksum = await t.gql(WHO, {}, apiKeyAuth(tampered(good.secret)));
  // A malformed token is refused before any lookup: no statement touched api_keys.
  expect(t.sql.statements.filter((s) => s.includes('api_keys'))).toEqual([]);

  const messages = [
    expectInvalidCredentials(await t.gql(WHO, {}, apiKeyAuth(expiring.secret))),
    expectInvalidCredentials(await t.gql(WHO, {}, apiKeyAuth(fenced.secret))),
    expectInvalidCredentials(withTamperedChecksum),
    expectInvalidCredentials(await t.gql(WHO, {}, apiKeyAuth(doomed.secret))),
    expectInvalidCredentials(await t.gql(WHO, {}, apiKeyAuth(idle.secret))),
    expectInvalidCredentials(await t.gql(`mutation($input: AuthenticateInput!) { authenticate(input: $input) { token } }`, { input: { apiKey: expiring.secret } })),
  ];
  // Sessions those keys opened end with them.
  for (const session of Object.values(sessions)) messages.push(expectInvalidCredentials(await t.gql(WHO, {}, { token: session })));
  expect(new Set(messages)).toEqual(new Set(['Invalid credentials']));
  expect((await t.gql(WHO, {}, apiKeyAuth(good.secret))).data.viewer.id).toBe(ivy.id);

  // The audit trail keeps each reason.
  const reasons = (await t.server.dataSource.query(`SELECT details FROM audit_events WHERE action = 'auth.credentials' AND outcome = 'DENIED'`)).map(
    (row: { details: string }) => JSON.parse(row.details).reason,
  );
  expect(reasons).toEqual(expect.arrayContaining(['key expired', 'address outside allowedCidrs', 'no such key', 'key inactive']));
  expect(reasons.some((r: string) => r.startsWith('malformed'))).toBe(true);
});

test('allowedCidrs admits the listed addresses and refuses the others', async () => {
  const loopback = await createKey(t, { token: ivy.token }, { name: 'loopback-2', allowedCidrs: ['127.0.0.2/32'] });
  expect((await t.gql(WHO, {}, { ...apiKeyAuth(loopback.secret), localAddress: '127.0.0.2' })).data.viewer.id).toBe(ivy.id);
  expectInvalidCredentials(await t.gql(WHO, {}, { ...apiKeyAuth(loopback.secret), localAddress: '127.0.0.3' }));
  const updated = await t.gql(
    `mutation($input: UpdateApiKeyInput!) { updateApiKey(input: $input) { allowedCidrs } }`,
    { input: { id: loopback.key.id, allowedCidrs: ['127.0.0.0/24'] } },
    { token: ivy.token },
  );
  expect(updated.data.updateApiKey.allowedCidrs).toEqual(['127.0.0.0/24']);
  expect((await t.gql(WHO, {}, { ...apiKeyAuth(loopback.secret), localAddress: '127.0.0.3' })).data.viewer.id).toBe(ivy.id);
});
