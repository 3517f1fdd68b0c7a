/** Token-signing keys: rotation with overlap (time moved by the test clock), one key for every node, the private part never in clear. */
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { startTestServer, TEST_SECRET, type TestServer } from '../helpers/server';
import { createKey } from '../api-keys/helpers';
import { SigningKeys } from '../../src/modules/oauth/signing-keys';
import { SigningKeyEntity } from '../../src/modules/oauth/signing-key.entity';
import { createService, tokenFor, type ServiceInfo } from './helpers';

const DAY = 86_400_000;
let t: TestServer;
let billing: ServiceInfo;
let key: { accessKeyId: string; secret: string };

beforeAll(async () => {
  t = await startTestServer();
  billing = await createService(t);
  const created = await createKey(t, { token: t.adminToken }, { name: 'rotation', type: 'ACCESS_KEY' });
  key = { accessKeyId: created.key.accessKeyId, secret: created.secret };
});
afterAll(() => t.close());

const jwks = async () => (await (await fetch(`${t.origin}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
const kids = async () => (await jwks()).keys.map((k) => k.kid);
const verify = async (token: string, set: JSONWebKeySet) =>
  jwtVerify(token, createLocalJWKSet(set), { issuer: t.origin, audience: billing.audience, typ: 'at+jwt', currentDate: t.clock.now() });

test('a rotation keeps tokens of the previous key verifiable until they expire, then the JWKS drops that key', async () => {
  const first = await tokenFor(t, key, billing.audience);
  const oldKid = decodeProtectedHeader(first.access_token).kid!;
  expect(await kids()).toEqual([oldKid]);

  // Just before the rotation is due (30 days): still the same key.
  t.clock.advance(30 * DAY - 60_000);
  const beforeRotation = await tokenFor(t, key, billing.audience);
  expect(decodeProtectedHeader(beforeRotation.access_token).kid).toBe(oldKid);

  // Past it: a new key signs, and both are published.
  t.clock.advance(120_000);
  const afterRotation = await tokenFor(t, key, billing.audience);
  const newKid = decodeProtectedHeader(afterRotation.access_token).kid!;
  expect(newKid).not.toBe(oldKid);
  const during = await jwks();
  expect(during.keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
  await expect(verify(beforeRotation.access_token, during)).resolves.toBeDefined();
  await expect(verify(afterRotation.access_token, during)).resolves.toBeDefined();

  // Once every token of the old key has expired (15 minutes, and time for other nodes to notice), it is gone.
  t.clock.advance(900_000 + 60_000);
  expect(await kids()).toEqual([newKid]);
  await expect(verify((await tokenFor(t, key, billing.audience)).access_token, await jwks())).resolves.toBeDefined();
  const rows = await t.server.dataSource.getRepository(SigningKeyEntity).find();
  expect(rows.map((r) => r.id)).toEqual([newKid]);
});

test('nodes starting together on one database make one signing key between them', async () => {
  const ds = t.server.dataSource;
  await ds.getRepository(SigningKeyEntity).clear();
  const options = { rotationDays: 30, accessTokenTtlSeconds: 900 };
  // Three "nodes": each its own SigningKeys, as each server process has.
  const nodes = [1, 2, 3].map(() => new SigningKeys(ds, t.clock, t.server.log, t.server.services.writeLock, TEST_SECRET, options));
  const made = await Promise.all(nodes.map((node) => node.current()));
  expect(new Set(made.map((k) => k.kid)).size).toBe(1);
  expect(await ds.getRepository(SigningKeyEntity).count()).toBe(1);
  // Every node signs with that key and can decrypt it (the same KEYWARDEN_SECRET).
  expect(made.every((k) => k.privateKey.asymmetricKeyType === 'ed25519')).toBe(true);
});

test('the private part is stored encrypted, bound to its key ID, and unreadable under another secret', async () => {
  const ds = t.server.dataSource;
  t.clock.advance(11_000); // the server re-reads the keys the previous test replaced
  const current = await t.server.services.signingKeys.current();
  const privateJwk = current.privateKey.export({ format: 'jwk' });
  const pkcs8 = current.privateKey.export({ format: 'der', type: 'pkcs8' });
  const row = (await ds.getRepository(SigningKeyEntity).findOneBy({ id: current.kid }))!;
  expect(row.encryptedPrivateKey).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
  for (const clear of [privateJwk.d!, pkcs8.toString('base64'), pkcs8.toString('base64url'), pkcs8.toString('hex')]) {
    expect(JSON.stringify(row)).not.toContain(clear);
  }
  const otherSecret = new SigningKeys(ds, t.clock, t.server.log, t.server.services.writeLock, 'another-secret-that-is-32-bytes-long!!', { rotationDays: 30, accessTokenTtlSeconds: 900 });
  await expect(otherSecret.current()).rejects.toThrow();
});
