/**
 * The reference relying service (examples/relying-service), run as a child
 * process against a live Keywarden: tokens checked offline, raw API keys
 * through introspection.
 */
import { SignJWT, generateKeyPair } from 'jose';
import { startTestServer, type TestServer } from '../helpers/server';
import { DELETE_KEY, createFunctionalId, createKey, createUser, tampered } from '../api-keys/helpers';
import {
  basic,
  callerHolding,
  createRole,
  createService,
  getInvoices,
  postForm,
  setRoles,
  startRelyingService,
  tokenFor,
  type RelyingService,
  type ServiceInfo,
} from './helpers';

let t: TestServer;
let billing: ServiceInfo;
let relying: RelyingService;
/** The relying service's own access key: a functional ID holding credentials.introspect. */
let introspector: { accessKeyId: string; secret: string };

beforeAll(async () => {
  t = await startTestServer();
  billing = await createService(t);
  const admin = await createUser(t);
  const fid = await createFunctionalId(t, admin.id, 'services/billing');
  await setRoles(t, fid, [await createRole(t, 'introspector', ['credentials.introspect'])]);
  const key = await createKey(t, { token: t.adminToken }, { name: 'billing-introspection', type: 'ACCESS_KEY', ownerId: fid });
  introspector = { accessKeyId: key.key.accessKeyId, secret: key.secret };
  relying = await startRelyingService({ KEYWARDEN_URL: t.origin, AUDIENCE: billing.audience, ACCESS_KEY_ID: introspector.accessKeyId, SECRET_ACCESS_KEY: introspector.secret });
});
afterAll(async () => {
  await relying?.stop();
  await t.close();
});

test('a valid token with invoices.read gets 200; a valid token without it gets 403', async () => {
  const reader = await callerHolding(t, [`${billing.name}:invoices.read`]);
  const ok = await getInvoices(relying, `Bearer ${(await tokenFor(t, reader.accessKey, billing.audience)).access_token}`);
  expect(ok.status).toBe(200);
  expect(ok.body.caller).toBe(reader.user.id);

  const writer = await callerHolding(t, [`${billing.name}:invoices.write`]);
  expect((await getInvoices(relying, `Bearer ${(await tokenFor(t, writer.accessKey, billing.audience)).access_token}`)).status).toBe(403);
});

test('an expired, tampered, foreign-signed or other-audience token gets 401', async () => {
  const reader = await callerHolding(t, [`${billing.name}:invoices.read`, `${billing.name}:invoices.write`]);
  // Issued an hour ago: its 15 minutes are over.
  t.clock.advance(-3600_000);
  const expired = (await tokenFor(t, reader.accessKey, billing.audience)).access_token;
  t.clock.advance(3600_000);
  expect((await getInvoices(relying, `Bearer ${expired}`)).status).toBe(401);

  const valid = (await tokenFor(t, reader.accessKey, billing.audience)).access_token;
  const [header, payload, signature] = valid.split('.');
  const widened = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), scope: 'invoices.read invoices.admin' })).toString('base64url');
  expect((await getInvoices(relying, `Bearer ${header}.${widened}.${signature}`)).status).toBe(401);

  const { privateKey } = await generateKeyPair('EdDSA');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt', kid: JSON.parse(Buffer.from(header, 'base64url').toString()).kid }).sign(privateKey);
  expect((await getInvoices(relying, `Bearer ${forged}`)).status).toBe(401);

  const other = await createService(t, { permissions: [{ name: 'invoices.read' }] });
  const role = await createRole(t, 'other-reader', [`${other.name}:invoices.read`]);
  await setRoles(t, reader.user.id, [role]);
  expect((await getInvoices(relying, `Bearer ${(await tokenFor(t, reader.accessKey, other.audience)).access_token}`)).status).toBe(401);
  expect((await getInvoices(relying)).status).toBe(401);
});

test('a live API key gets 200 through introspection, and 401 at once after it is deleted on this node', async () => {
  const reader = await callerHolding(t, [`${billing.name}:invoices.read`]);
  const ok = await getInvoices(relying, `ApiKey ${reader.apiKey.token}`);
  expect(ok.status).toBe(200);
  expect(ok.body.caller).toBe(reader.user.id);

  const deleted = await t.gql(DELETE_KEY, { input: { id: reader.apiKey.id } }, { token: reader.user.token });
  expect(deleted.data.deleteApiKey.deletedId).toBe(reader.apiKey.id);
  expect((await getInvoices(relying, `ApiKey ${reader.apiKey.token}`)).status).toBe(401);

  const writer = await callerHolding(t, [`${billing.name}:invoices.write`]);
  expect((await getInvoices(relying, `ApiKey ${writer.apiKey.token}`)).status).toBe(403);
});

test('introspection answers what a token, an API key or a session is, only to holders of credentials.introspect, and active:false with no reason otherwise', async () => {
  const reader = await callerHolding(t, [`${billing.name}:invoices.read`]);
  const introspect = (token: string, extra: Record<string, string> = {}, key = introspector) =>
    postForm(t, '/oauth/introspect', { token, ...extra }, { authorization: basic(key.accessKeyId, key.secret) });

  const jwt = await tokenFor(t, reader.accessKey, billing.audience);
  expect((await introspect(jwt.access_token)).body).toMatchObject({ active: true, kind: 'access_token', sub: reader.user.id, aud: billing.audience, scope: 'invoices.read', client_id: reader.accessKey.id });
  expect((await introspect(jwt.access_token, { audience: 'https://elsewhere.example.com' })).body).toEqual({ active: false });

  expect((await introspect(reader.apiKey.token, { audience: billing.audience })).body).toMatchObject({ active: true, kind: 'api_key', sub: reader.user.id, client_id: reader.apiKey.id, aud: billing.audience, scope: 'invoices.read' });
  const session = await t.gql(`mutation($input: AuthenticateInput!) { authenticate(input: $input) { token } }`, { input: { apiKey: reader.apiKey.token } });
  expect((await introspect(session.data.authenticate.token, { resource: billing.audience })).body).toMatchObject({ active: true, kind: 'session', sub: reader.user.id, client_id: reader.apiKey.id, scope: 'invoices.read' });
  expect((await introspect(reader.user.token)).body).toMatchObject({ active: true, kind: 'session', sub: reader.user.id });

  for (const junk of ['', 'kw_nonsense', tampered(reader.apiKey.token), `${jwt.access_token}x`, 'a.b.c']) expect((await introspect(junk)).body).toEqual({ active: false });

  // Another account's credentials are not this service's business.
  const account = await t.gql(`mutation { createAccount(input: { name: "Elsewhere" }) { id } }`, {}, { token: reader.user.token });
  const foreign = await createKey(t, { token: reader.user.token, headers: { 'x-account-id': account.data.createAccount.id } }, { name: 'foreign' });
  expect((await introspect(foreign.secret)).body).toEqual({ active: false });

  // A caller without credentials.introspect is refused; a bad client secret is invalid_client.
  const refused = await introspect(reader.apiKey.token, {}, { accessKeyId: reader.accessKey.accessKeyId, secret: reader.accessKey.secret });
  expect(refused.status).toBe(403);
  expect(refused.body.error).toBe('unauthorized_client');
  const badSecret = await introspect(reader.apiKey.token, {}, { accessKeyId: introspector.accessKeyId, secret: 'q'.repeat(40) });
  expect(badSecret.status).toBe(401);
  expect(badSecret.body.error).toBe('invalid_client');
});
