// A service that trusts Keywarden: GET /invoices needs the invoices.read permission, proven either by an
// access token (checked offline against the JWKS) or by a raw API key (checked by introspection).
import express from 'express';
import { createRemoteJWKSet, jwtVerify } from 'jose';

const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) throw new Error(`${name} is required`);
  return value;
};
const KEYWARDEN_URL = env('KEYWARDEN_URL', 'http://127.0.0.1:4000');
const AUDIENCE = env('AUDIENCE', 'https://billing.example.com');
// This service's own access key (a functional ID holding credentials.introspect): only for raw API keys.
const INTROSPECTION_AUTH = `Basic ${Buffer.from(`${env('ACCESS_KEY_ID', '')}:${env('SECRET_ACCESS_KEY', '')}`).toString('base64')}`;

const metadata = await (await fetch(`${KEYWARDEN_URL}/.well-known/oauth-authorization-server`)).json();
const jwks = createRemoteJWKSet(new URL(metadata.jwks_uri));

/** The caller's claims (sub, scope, …), or null when the credential is not good for this service. */
async function authenticate(authorization = '') {
  const [scheme, credential] = authorization.split(' ');
  if (/^bearer$/i.test(scheme) && credential) {
    try {
      const { payload } = await jwtVerify(credential, jwks, { issuer: metadata.issuer, audience: AUDIENCE, typ: 'at+jwt', algorithms: ['EdDSA'] });
      return payload;
    } catch {
      return null;
    }
  }
  if (/^apikey$/i.test(scheme) && credential) {
    const response = await fetch(metadata.introspection_endpoint, {
      method: 'POST',
      headers: { authorization: INTROSPECTION_AUTH, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: credential, audience: AUDIENCE }),
    });
    const answer = response.ok ? await response.json() : { active: false };
    return answer.active ? answer : null;
  }
  return null;
}

const app = express();
app.get('/invoices', async (req, res) => {
  const claims = await authenticate(req.get('authorization'));
  if (!claims) return res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'invalid_token' });
  if (!String(claims.scope ?? '').split(' ').includes('invoices.read')) {
    return res.status(403).set('WWW-Authenticate', 'Bearer error="insufficient_scope", scope="invoices.read"').json({ error: 'insufficient_scope' });
  }
  res.json({ caller: claims.sub, invoices: [{ id: 'inv_1', total: 4200, currency: 'EUR' }] });
});

const server = app.listen(Number(env('PORT', '5000')), '127.0.0.1', () => {
  console.log(JSON.stringify({ msg: 'relying service is serving', url: `http://127.0.0.1:${server.address().port}` }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
