/** The token endpoint, driven by a real OAuth client and verified offline as a relying service would. */
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { startTestServer, type TestServer } from '../helpers/server';
import { createKey, createUser, roleIdsByName, tampered } from '../api-keys/helpers';
import {
  API_KEY_GRANT,
  auditEvents,
  basic,
  callerHolding,
  createRole,
  createService,
  postForm,
  runOAuthClient,
  setRoles,
  tokenFor,
  type ServiceInfo,
} from './helpers';

let t: TestServer;
let billing: ServiceInfo;
beforeAll(async () => {
  t = await startTestServer();
  billing = await createService(t);
});
afterAll(() => t.close());

async function verifyOffline(token: string, audience: string) {
  const jwks = (await (await fetch(`${t.origin}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
  return jwtVerify(token, createLocalJWKSet(jwks), { issuer: t.origin, audience, typ: 'at+jwt', algorithms: ['EdDSA'], currentDate: t.clock.now() });
}

test('openid-client discovers Keywarden from its issuer URL and gets a token that jose verifies offline against the JWKS', async () => {
  const caller = await callerHolding(t, [`${billing.name}:invoices.read`]);
  for (const auth of ['basic', 'post'] as const) {
    const answer = await runOAuthClient({ issuer: t.origin, clientId: caller.accessKey.accessKeyId, clientSecret: caller.accessKey.secret, audience: billing.audience, auth });
    expect(answer.error).toBeUndefined();
    expect(answer.token).toMatchObject({ token_type: 'bearer', expires_in: 900, scope: 'invoices.read' });

    const { payload, protectedHeader } = await verifyOffline(answer.token!.access_token, billing.audience);
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'at+jwt', kid: expect.stringMatching(/^sig_/) });
    expect(payload).toMatchObject({ iss: t.origin, sub: caller.user.id, aud: billing.audience, client_id: caller.accessKey.id, scope: 'invoices.read' });
    expect(payload.exp! - payload.iat!).toBe(900);
    expect(payload.jti).toEqual(expect.any(String));
    expect(payload.account).toMatch(/^acc_/);
  }
});

test('the metadata names the endpoints, grants and client authentication methods (RFC 8414)', async () => {
  const metadata = await (await fetch(`${t.origin}/.well-known/oauth-authorization-server`)).json();
  expect(metadata).toMatchObject({
    issuer: t.origin,
    token_endpoint: `${t.origin}/oauth/token`,
    jwks_uri: `${t.origin}/.well-known/jwks.json`,
    introspection_endpoint: `${t.origin}/oauth/introspect`,
    grant_types_supported: ['client_credentials', API_KEY_GRANT],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
  });
  const jwks = await (await fetch(`${t.origin}/.well-known/jwks.json`)).json();
  expect(jwks.keys[0]).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: expect.stringMatching(/^sig_/), alg: 'EdDSA', use: 'sig' });
  expect(jwks.keys[0].d).toBeUndefined();
});

test('scope is exactly the requested permissions the key holds; one it lacks is never granted', async () => {
  const caller = await callerHolding(t, [`${billing.name}:invoices.read`]);
  expect((await tokenFor(t, caller.accessKey, billing.audience, 'invoices.read invoices.write')).scope).toBe('invoices.read');
  expect((await tokenFor(t, caller.accessKey, billing.audience)).scope).toBe('invoices.read');
  const { payload } = await verifyOffline((await tokenFor(t, caller.accessKey, billing.audience, 'invoices.write invoices.read')).access_token, billing.audience);
  expect(payload.scope).toBe('invoices.read');

  const lacking = await postForm(t, '/oauth/token', { grant_type: 'client_credentials', audience: billing.audience, scope: 'invoices.write' }, { authorization: basic(caller.accessKey.accessKeyId, caller.accessKey.secret) });
  expect(lacking.status).toBe(400);
  expect(lacking.body.error).toBe('invalid_scope');
  const unknown = await postForm(t, '/oauth/token', { grant_type: 'client_credentials', audience: billing.audience, scope: 'invoices.delete' }, { authorization: basic(caller.accessKey.accessKeyId, caller.accessKey.secret) });
  expect(unknown.body.error).toBe('invalid_scope');

  // The Administrator holds every permission of the account's services.
  const admin = await createKey(t, { token: t.adminToken }, { name: 'admin-access', type: 'ACCESS_KEY' });
  expect((await tokenFor(t, { accessKeyId: admin.key.accessKeyId, secret: admin.secret }, billing.audience)).scope).toBe('invoices.read invoices.write');
});

test('the API-key grant exchanges a kw_ token, and the body may carry the access key (client_secret_post)', async () => {
  const caller = await callerHolding(t, [`${billing.name}:invoices.read`, `${billing.name}:invoices.write`]);
  const byApiKey = await postForm(t, '/oauth/token', { grant_type: API_KEY_GRANT, api_key: caller.apiKey.token, resource: billing.audience, scope: 'invoices.write' });
  expect(byApiKey.status).toBe(200);
  expect(byApiKey.body).toMatchObject({ token_type: 'Bearer', expires_in: 900, scope: 'invoices.write' });
  expect(byApiKey.headers.get('cache-control')).toBe('no-store');
  expect((await verifyOffline(byApiKey.body.access_token, billing.audience)).payload.client_id).toBe(caller.apiKey.id);

  const byBody = await postForm(t, '/oauth/token', { grant_type: 'client_credentials', client_id: caller.accessKey.accessKeyId, client_secret: caller.accessKey.secret, audience: billing.audience });
  expect(byBody.status).toBe(200);
  expect(byBody.body.scope).toBe('invoices.read invoices.write');
});

test('a restricted key scoped to one role carries no more than that role grants, whatever its owner holds', async () => {
  // An administrator (who holds every billing permission) that also holds a narrow role, and a key scoped to that role.
  const readerRole = await createRole(t, 'billing-reader', [`${billing.name}:invoices.read`, 'users.read']);
  const owner = await createUser(t);
  await setRoles(t, owner.id, [...(await roleIdsByName(t, ['Administrator'])), readerRole]);
  const admin = await createKey(t, { token: owner.token }, { name: 'scoped-admin', type: 'ACCESS_KEY' });
  const scoped = await t.gql(`mutation($input: SetApiKeyAccessInput!) { setApiKeyAccess(input: $input) { id unrestricted servicePermissions } }`, { input: { id: admin.key.id, roleIds: [readerRole] } }, { token: owner.token });
  expect(scoped.data.setApiKeyAccess).toMatchObject({ unrestricted: false, servicePermissions: [`${billing.name}:invoices.read`] });
  const token = await tokenFor(t, { accessKeyId: admin.key.accessKeyId, secret: admin.secret }, billing.audience, 'invoices.read invoices.write');
  expect(token.scope).toBe('invoices.read');
  const { payload } = await verifyOffline(token.access_token, billing.audience);
  // Keywarden's own permissions never ride in a token for a service.
  expect(payload.scope).toBe('invoices.read');
  expect(JSON.stringify(payload)).not.toContain('users.read');
});

test('a wrong client secret is 401 invalid_client; an unknown grant type is unsupported_grant_type; bad requests are invalid_request', async () => {
  const caller = await callerHolding(t, [`${billing.name}:invoices.read`]);
  const wrong = await postForm(t, '/oauth/token', { grant_type: 'client_credentials', audience: billing.audience }, { authorization: basic(caller.accessKey.accessKeyId, 'x'.repeat(40)) });
  expect(wrong.status).toBe(401);
  expect(wrong.body).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
  expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic/);

  const grant = await postForm(t, '/oauth/token', { grant_type: 'password', username: 'a', password: 'b', audience: billing.audience });
  expect(grant.status).toBe(400);
  expect(grant.body.error).toBe('unsupported_grant_type');

  const noAudience = await postForm(t, '/oauth/token', { grant_type: 'client_credentials' }, { authorization: basic(caller.accessKey.accessKeyId, caller.accessKey.secret) });
  expect(noAudience.body.error).toBe('invalid_request');
  const twoWays = await postForm(t, '/oauth/token', { grant_type: 'client_credentials', audience: billing.audience, client_id: caller.accessKey.accessKeyId, client_secret: caller.accessKey.secret }, { authorization: basic(caller.accessKey.accessKeyId, caller.accessKey.secret) });
  expect(twoWays.body.error).toBe('invalid_request');
  const otherAudience = await postForm(t, '/oauth/token', { grant_type: 'client_credentials', audience: 'https://nowhere.example.com' }, { authorization: basic(caller.accessKey.accessKeyId, caller.accessKey.secret) });
  expect(otherAudience.body.error).toBe('invalid_target');
  const badKey = await postForm(t, '/oauth/token', { grant_type: API_KEY_GRANT, api_key: tampered(caller.apiKey.token), audience: billing.audience });
  expect(badKey.body.error).toBe('invalid_grant');
  const json = await fetch(`${t.origin}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"grant_type":"client_credentials"}' });
  expect(json.status).toBe(400);
  expect((await json.json()).error).toBe('invalid_request');
});

test('inactive, expired and out-of-network keys are refused as on the GraphQL API, and refusals and issuances are audited', async () => {
  const caller = await callerHolding(t, [`${billing.name}:invoices.read`]);
  const grant = (token: string) => postForm(t, '/oauth/token', { grant_type: API_KEY_GRANT, api_key: token, audience: billing.audience });

  const inactive = await createKey(t, { token: caller.user.token }, { name: 'inactive' });
  await t.gql(`mutation($input: SetApiKeyStateInput!) { setApiKeyState(input: $input) { id } }`, { input: { id: inactive.key.id, state: 'INACTIVE' } }, { token: caller.user.token });
  expect((await grant(inactive.secret)).body.error).toBe('invalid_grant');

  const expiring = await createKey(t, { token: caller.user.token }, { name: 'expiring', expiresAt: new Date(t.clock.now().getTime() + 60_000).toISOString() });
  expect((await grant(expiring.secret)).status).toBe(200);
  t.clock.advance(61_000);
  expect((await grant(expiring.secret)).body.error).toBe('invalid_grant');

  const fenced = await createKey(t, { token: caller.user.token }, { name: 'fenced', allowedCidrs: ['10.0.0.0/8'] });
  expect((await grant(fenced.secret)).body.error).toBe('invalid_grant');
  expect((await t.gql(`{ viewer { id } }`, {}, { authorization: `ApiKey ${fenced.secret}` })).code).toBe('UNAUTHENTICATED');

  const events = await auditEvents(t, 'oauth.token');
  for (const key of [inactive, expiring, fenced]) expect(events).toContainEqual(expect.objectContaining({ outcome: 'DENIED', keyId: key.key.id }));
  expect(events).toContainEqual(expect.objectContaining({ outcome: 'SUCCESS', keyId: expiring.key.id, targetId: billing.id, actor: { id: caller.user.id } }));
});

test('refused credentials are throttled per address with the GraphQL API\'s own limiter', async () => {
  const caller = await callerHolding(t, [`${billing.name}:invoices.read`]);
  const from = { localAddress: '127.0.0.77' };
  const wrong = { grant_type: 'client_credentials', audience: billing.audience, client_id: caller.accessKey.accessKeyId, client_secret: 'z'.repeat(40) };
  for (let i = 0; i < 60; i++) expect((await postForm(t, '/oauth/token', wrong, from)).status).toBe(401);
  const throttled = await postForm(t, '/oauth/token', { ...wrong, client_secret: caller.accessKey.secret }, from);
  expect(throttled.status).toBe(429);
  expect(throttled.body.error).toBe('temporarily_unavailable');
  expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
  // The same limiter guards the GraphQL API for that address.
  expect((await t.gql(`{ viewer { id } }`, {}, { authorization: `ApiKey ${caller.apiKey.token}`, localAddress: '127.0.0.77' })).code).toBe('RATE_LIMITED');
  // Another address is not affected.
  expect((await postForm(t, '/oauth/token', { ...wrong, client_secret: caller.accessKey.secret })).status).toBe(200);
});

test('the kid of a token names a key of the JWKS', async () => {
  const caller = await callerHolding(t, []);
  const admin = await createKey(t, { token: t.adminToken }, { name: 'kid-check', type: 'ACCESS_KEY' });
  const token = await tokenFor(t, { accessKeyId: admin.key.accessKeyId, secret: admin.secret }, billing.audience);
  const jwks = await (await fetch(`${t.origin}/.well-known/jwks.json`)).json();
  expect(jwks.keys.map((k: { kid: string }) => k.kid)).toContain(decodeProtectedHeader(token.access_token).kid);
  // A caller holding none of the service's permissions gets a token with an empty scope when it asks for none.
  expect((await tokenFor(t, caller.accessKey, billing.audience)).scope).toBe('');
});
