/**
 * Finding 11: anyone could lock a user out. Ten anonymous wrong passwords
 * locked an email out of password login for 15 minutes from every address.
 * Failures now count per (email, IP) and per IP; the per-email count across
 * all addresses has a far higher threshold, so a stranger at another
 * address cannot lock the user out.
 */
import { startTestServer, type TestServer } from '../helpers/server';
import { createUser as seedUser } from '../helpers/seed';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token } }`;
const login = (email: string, password: string, localAddress: string) => t.gql(LOGIN, { input: { email, password } }, { localAddress });

test('a stranger hammering a user\'s email from its own address is stopped there; the user still logs in from home', async () => {
  const victim = await seedUser(t, 'Locked Out Victim');
  const stranger: (string | undefined)[] = [];
  for (let n = 0; n < 15; n++) stranger.push((await login(victim.email, `wrong-guess-${n}`, '127.0.0.31')).code);
  expect(stranger.slice(0, 10)).toEqual(Array(10).fill('UNAUTHENTICATED'));
  expect(stranger.slice(10)).toEqual(Array(5).fill('RATE_LIMITED'));
  // Even the right password is refused to the stranger's address for now…
  expect((await login(victim.email, victim.password, '127.0.0.31')).code).toBe('RATE_LIMITED');
  // …but not to the victim's.
  const home = await login(victim.email, victim.password, '127.0.0.32');
  expect(home.errors).toBeUndefined();
  expect(home.data.login.token).toMatch(/^kws_/);
});

test('only a campaign from many addresses reaches the per-email limit, ten times the per-address one', async () => {
  const target = await seedUser(t, 'Campaign Target');
  // Ten addresses, ten wrong guesses each: all heard, all wrong.
  for (let a = 0; a < 10; a++) {
    for (let n = 0; n < 10; n++) expect((await login(target.email, `guess-${a}-${n}`, `127.0.1.${a + 1}`)).code).toBe('UNAUTHENTICATED');
  }
  // The hundred-and-first failure, from yet another address, is over the email's installation-wide limit.
  expect((await login(target.email, 'one-more-guess', '127.0.1.20')).code).toBe('RATE_LIMITED');
});
