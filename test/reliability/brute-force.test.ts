/**
 * Brute force: one address (127.0.0.2) sends 2,000 wrong keys — well-formed
 * tokens with a valid checksum, access key pairs, malformed ones, in every
 * header form — and 200 wrong passwords. Both are rate limited (RATE_LIMITED
 * appears and stays for the rest of the attack), while a legitimate client
 * on another address (127.0.0.3) is served throughout. (The guessed email —
 * the admin's — is also throttled for password logins from every address for
 * 15 minutes, by design; so the legitimate client is another user.)
 */
import { randomBytes } from 'node:crypto';
import { newAccessKeyId, newApiKeyToken, newSecretAccessKey } from '../../src/modules/api-keys/key-format';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../helpers/server';
import { codeOf, inParallel, sendGql, type Answer } from './support';

const ATTACKER = '127.0.0.2';
const LEGITIMATE = '127.0.0.3';
const WRONG_KEYS = 2_000;
const WRONG_PASSWORDS = 200;
/** Concurrent attack requests: enough to finish well inside the limiters' one-minute window. */
const ATTACK_CONCURRENCY = 16;
const TIMEOUT_MS = 15_000;

const VIEWER = `{ viewer { id } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { token } }`;

const LEGITIMATE_USER = { email: 'legit@example.com', password: 'legitimate-password-1' };

let t: TestServer;
let legitimateToken: string;
beforeAll(async () => {
  t = await startTestServer();
  const created = await t.gql(`mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, { input: { ...LEGITIMATE_USER, name: 'Legit' } }, { token: t.adminToken });
  expect(created.errors).toBeUndefined();
  legitimateToken = await t.login(LEGITIMATE_USER.email, LEGITIMATE_USER.password);
});
afterAll(() => t.close());

/** The n-th wrong key, cycling through the header forms and through well-formed and malformed credentials. */
function wrongKeyHeader(n: number): string {
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  switch (n % 6) {
    case 0:
      return `ApiKey ${newApiKeyToken()}`; // valid checksum: reaches the database lookup
    case 1:
      return `Key ${newApiKeyToken()}`;
    case 2:
      return basic(newAccessKeyId(), newSecretAccessKey());
    case 3:
      return `ApiKey kw_${randomBytes(28).toString('base64url')}`; // bad checksum
    case 4:
      return `Basic ${randomBytes(12).toString('hex')}!`; // bad base64
    default:
      return `Bearer kws_${randomBytes(32).toString('base64url')}`; // unknown session
  }
}

/**
 * Where the first RATE_LIMITED is, in the order the attempts were started, and which later attempts got through the
 * limiter. The ATTACK_CONCURRENCY attempts started right after the first refused one were in flight with it and may
 * reach the server before it (CI saw one such swap), so "later" starts after them.
 */
function afterFirstLimit(answers: Answer[]): { limitedFrom: number; notLimitedAfter: string[] } {
  const codes = answers.map(codeOf);
  const limitedFrom = codes.indexOf('RATE_LIMITED');
  return { limitedFrom, notLimitedAfter: limitedFrom < 0 ? [] : codes.slice(limitedFrom + ATTACK_CONCURRENCY).filter((c) => c !== 'RATE_LIMITED') };
}

test('2,000 wrong keys and 200 wrong passwords from one IP are rate limited and stay so; a client on another IP is served throughout', async () => {
  let attacking = true;
  const legitimate: { operation: string; code: string }[] = [];
  const legitimateClient = (async () => {
    for (let n = 0; attacking; n++) {
      if (n % 10 === 9) {
        const login = await sendGql(t.url, LOGIN, { input: LEGITIMATE_USER }, { localAddress: LEGITIMATE, timeoutMs: TIMEOUT_MS });
        legitimate.push({ operation: 'login', code: codeOf(login) });
      } else {
        const viewer = await sendGql(t.url, VIEWER, {}, { token: legitimateToken, localAddress: LEGITIMATE, timeoutMs: TIMEOUT_MS });
        legitimate.push({ operation: 'viewer', code: codeOf(viewer) === 'ok' && viewer.kind === 'answered' && viewer.body.data.viewer?.id ? 'ok' : codeOf(viewer) });
      }
    }
  })();

  // Sequential starts, bounded concurrency: the answers are in the order the attempts were made.
  const keyAttempts = await inParallel(
    Array.from({ length: WRONG_KEYS }, (_, n) => n),
    ATTACK_CONCURRENCY,
    (n) => sendGql(t.url, VIEWER, {}, { headers: { authorization: wrongKeyHeader(n) }, localAddress: ATTACKER, timeoutMs: TIMEOUT_MS }),
  );
  const passwordAttempts = await inParallel(
    Array.from({ length: WRONG_PASSWORDS }, (_, n) => n),
    ATTACK_CONCURRENCY,
    (n) => sendGql(t.url, LOGIN, { input: { email: n % 2 ? ADMIN_EMAIL : `guess${n}@example.com`, password: `wrong-password-${n}` } }, { localAddress: ATTACKER, timeoutMs: TIMEOUT_MS }),
  );
  // Even the right password, from the attacking address, is refused now.
  const rightPasswordFromAttacker = await sendGql(t.url, LOGIN, { input: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } }, { localAddress: ATTACKER, timeoutMs: TIMEOUT_MS });
  attacking = false;
  await legitimateClient;

  const count = (answers: Answer[]) => answers.map(codeOf).reduce<Record<string, number>>((acc, c) => ((acc[c] = (acc[c] ?? 0) + 1), acc), {});
  console.log(`brute force: keys ${JSON.stringify(count(keyAttempts))}, passwords ${JSON.stringify(count(passwordAttempts))}, legitimate client ${legitimate.length} requests`);

  // Every attempt was answered, and refused: as invalid credentials, then as rate limited.
  for (const answers of [keyAttempts, passwordAttempts]) {
    expect(answers.filter((a) => a.kind !== 'answered')).toEqual([]);
    expect(answers.map(codeOf).filter((c) => c !== 'UNAUTHENTICATED' && c !== 'RATE_LIMITED')).toEqual([]);
  }
  const keys = afterFirstLimit(keyAttempts);
  expect(keys.limitedFrom).toBeGreaterThanOrEqual(0);
  expect(keys.limitedFrom).toBeLessThanOrEqual(60 + ATTACK_CONCURRENCY); // 60 refused keys a minute, plus those already in flight
  expect(keys.notLimitedAfter).toEqual([]);
  const passwords = afterFirstLimit(passwordAttempts);
  expect(passwords.limitedFrom).toBeGreaterThanOrEqual(0);
  // 10 failed logins a minute per address, counted before the password is checked: concurrency buys no extra guesses.
  expect(passwordAttempts.map(codeOf).filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(10);
  expect(passwords.notLimitedAfter).toEqual([]);
  expect(codeOf(rightPasswordFromAttacker)).toBe('RATE_LIMITED');
  expect((rightPasswordFromAttacker as { status: number }).status).toBe(429);

  // The legitimate client never noticed.
  expect(legitimate.length).toBeGreaterThan(0);
  expect(legitimate.filter((r) => r.code !== 'ok')).toEqual([]);
});
