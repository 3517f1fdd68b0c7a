/**
 * Finding 12: cross-tenant email enumeration. Anyone's `createUser` answered
 * CONFLICT "A user with this email already exists" for emails of unrelated
 * tenants. Emails stay unique in the installation (login names no account),
 * so a taken address is still refused — but the refusal reads the same
 * whichever account holds it and says nothing of where, and each caller gets
 * few of them: nobody can sweep another tenant's address book.
 */
import { startTestServer, type TestServer } from '../helpers/server';
import { createUser as seedUser } from '../helpers/seed';
import { createOwnAccount } from './edge-helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;

test('probing another tenant\'s emails through createUser answers like a clash at home, and stops after ten an hour', async () => {
  // Somebody of the Default account; and a stranger with an account of its own, holding one user.
  const victim = await seedUser(t, 'Enumerated Victim');
  const prober = await seedUser(t, 'Prober');
  const tenant = await createOwnAccount(t, prober.token, 'Prober tenant');
  const inTenant = { token: prober.token, headers: { 'x-account-id': tenant } };
  const own = await t.gql(CREATE, { input: { email: 'prober.own@example.com', name: 'Own', federated: true } }, inTenant);
  expect(own.errors).toBeUndefined();

  const probe = (email: string) => t.gql(CREATE, { input: { email, name: 'Probe', federated: true } }, inTenant);
  const elsewhere = await probe(victim.email);
  const atHome = await probe('prober.own@example.com');
  const strip = (r: typeof elsewhere) => ({ code: r.code, message: r.errors?.[0].message, extensions: r.errors?.[0].extensions });
  expect(strip(elsewhere)).toEqual(strip(atHome));
  expect(elsewhere.errors![0].message).not.toMatch(/exist|another account|registered/i);

  // A sweep is cut short: ten refusals an hour per caller, then RATE_LIMITED for every taken address.
  const sweep: (string | undefined)[] = [];
  for (let n = 0; n < 10; n++) sweep.push((await probe(victim.email)).code);
  expect(sweep.slice(0, 8)).toEqual(Array(8).fill('CONFLICT'));
  expect(sweep.slice(8)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
  // A free address is still created: the limit is on what a refusal tells, not on the caller's work.
  expect((await probe('prober.second@example.com')).errors).toBeUndefined();
});
