// A real OAuth 2.0 client (openid-client v6, ESM only, hence its own process): discovers the
// authorization server from its issuer URL and runs a client_credentials grant with an access key.
// Input: one JSON argument { issuer, clientId, clientSecret, audience, scope?, auth: 'basic' | 'post' }.
// Output: one JSON line, { token } or { error, status }.
import * as client from 'openid-client';

const input = JSON.parse(process.argv[2]);
try {
  const auth = input.auth === 'post' ? client.ClientSecretPost(input.clientSecret) : client.ClientSecretBasic(input.clientSecret);
  const config = await client.discovery(new URL(input.issuer), input.clientId, undefined, auth, {
    algorithm: 'oauth2',
    execute: [client.allowInsecureRequests],
  });
  const parameters = { audience: input.audience, ...(input.scope !== undefined ? { scope: input.scope } : {}) };
  const token = await client.clientCredentialsGrant(config, parameters);
  console.log(JSON.stringify({ token: { access_token: token.access_token, token_type: token.token_type, expires_in: token.expires_in, scope: token.scope } }));
} catch (error) {
  console.log(JSON.stringify({ error: error.error ?? error.code ?? error.message, status: error.status }));
}
