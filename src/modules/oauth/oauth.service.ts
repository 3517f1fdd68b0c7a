/**
 * Keywarden as an OAuth 2.0 authorization server for the account's own
 * services: access tokens (RFC 9068 JWTs) for a verified key, and
 * introspection (RFC 7662) of tokens, API keys and sessions. The HTTP side
 * (forms, client authentication, error bodies) is in oauth.router.ts.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import type { Clock } from '../../clock';
import type { AuditOrigin, AuditService } from '../audit/audit.service';
import type { ApiKeyEntity } from '../api-keys/api-key.entity';
import type { KeyAuthenticator } from '../api-keys/key-authenticator';
import { isWellFormedApiKeyToken, isWellFormedSessionToken } from '../api-keys/key-format';
import type { AuthService } from '../auth/auth.service';
import type { Identity } from '../auth/identity';
import { servicePermissionName, type Permission } from '../roles/permission-catalog';
import type { ServiceEntity } from '../services/service.entity';
import type { ServiceService } from '../services/service.service';
import type { PrincipalEntity } from '../users/principal.entity';
import { OAuthError } from '../../errors';
import type { EffectivePermissions } from './effective-permissions';
import type { SigningKeys } from './signing-keys';

/** IBM's API-key grant, under our own URN. */
export const API_KEY_GRANT = 'urn:keywarden:params:oauth:grant-type:api-key';
export const ACCESS_TOKEN_TYPE = 'at+jwt';

/**
 * No client address is known when a service asks about a key it was handed,
 * so a key limited by `allowedCidrs` is never active through introspection
 * (an address that matches no allowlist).
 */
const NO_CLIENT_ADDRESS = '';
const MAX_TOKEN_LENGTH = 4096;

export interface IssuedToken {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

export type Introspection = { active: false } | ({ active: true; kind: 'access_token' | 'api_key' | 'session' } & Record<string, unknown>);

export class OAuthService {
  /** The `iss` of every token: PUBLIC_URL, else `http://HOST:PORT` once the server listens. */
  issuer = '';

  constructor(
    private readonly signingKeys: SigningKeys,
    private readonly relyingServices: ServiceService,
    private readonly permissions: EffectivePermissions,
    private readonly keys: KeyAuthenticator,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly accessTokenTtlSeconds: number,
  ) {}

  /** RFC 8414 metadata. */
  metadata() {
    const authMethods = ['client_secret_basic', 'client_secret_post'];
    return {
      issuer: this.issuer,
      token_endpoint: `${this.issuer}/oauth/token`,
      jwks_uri: `${this.issuer}/.well-known/jwks.json`,
      introspection_endpoint: `${this.issuer}/oauth/introspect`,
      grant_types_supported: ['client_credentials', API_KEY_GRANT],
      response_types_supported: [],
      token_endpoint_auth_methods_supported: authMethods,
      introspection_endpoint_auth_methods_supported: authMethods,
    };
  }

  jwks() {
    return this.signingKeys.jwks();
  }

  /**
   * An access token for `key` to call the service named by `audience`: its
   * scope is the requested permissions (all, when none is) that the key
   * holds for that service now. The issuance is audited as `oauth.token`.
   */
  async issue(origin: AuditOrigin, key: ApiKeyEntity, owner: PrincipalEntity, audience: string, requestedScope: string | undefined): Promise<IssuedToken> {
    const service = await this.relyingServices.byAudience(audience);
    const identity: Identity = { principal: owner, method: key.type === 'ACCESS_KEY' ? 'ACCESS_KEY' : 'API_KEY', apiKey: key, sessionId: null };
    const asKey = { ...origin, identity, activeAccountId: key.accountId };
    // A key acts in its own account: another account's service is as unknown as a missing one.
    if (!service || service.accountId !== key.accountId) {
      await this.audit.record(asKey, { action: 'oauth.token', outcome: 'DENIED', errorCode: 'NOT_FOUND', details: { reason: 'no service of the key account has this audience' } });
      throw new OAuthError('invalid_target', 'No service has this audience');
    }
    const held = scopeOf(service, await this.permissions.of(owner.id, key.accountId, key));
    const requested = requestedScope === undefined ? [] : [...new Set(requestedScope.split(' ').filter(Boolean))];
    const defined = new Set(service.permissions.map((p) => p.name));
    const unknown = requested.find((name) => !defined.has(name));
    // RFC 6749 §3.3: the server may grant less than asked; it never grants what the key does not hold.
    const granted = requested.length === 0 ? held : requested.filter((name) => held.includes(name));
    if (unknown !== undefined || (requested.length > 0 && granted.length === 0)) {
      await this.audit.record(asKey, {
        action: 'oauth.token',
        outcome: 'DENIED',
        errorCode: 'FORBIDDEN',
        targetType: 'Service',
        targetId: service.id,
        details: { reason: unknown !== undefined ? 'unknown permission requested' : 'none of the requested permissions is held', requested: requested.slice(0, 20) },
      });
      throw new OAuthError('invalid_scope', unknown !== undefined ? `The service defines no permission "${unknown.slice(0, 64)}"` : 'The key holds none of the requested permissions');
    }

    const signing = await this.signingKeys.current();
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const jti = randomUUID();
    const scope = granted.join(' ');
    // RFC 9068 §2.2: iss, exp, aud, sub, client_id, iat, jti; scope as a space-separated string.
    const accessToken = await new SignJWT({ client_id: key.id, scope, account: key.accountId })
      .setProtectedHeader({ alg: 'EdDSA', typ: ACCESS_TOKEN_TYPE, kid: signing.kid })
      .setIssuer(this.issuer)
      .setSubject(owner.id)
      .setAudience(service.audience)
      .setIssuedAt(now)
      .setExpirationTime(now + this.accessTokenTtlSeconds)
      .setJti(jti)
      .sign(signing.privateKey);
    await this.audit.record(asKey, {
      action: 'oauth.token',
      outcome: 'SUCCESS',
      targetType: 'Service',
      targetId: service.id,
      details: { jti, scope: granted, kid: signing.kid },
    });
    return { access_token: accessToken, token_type: 'Bearer', expires_in: this.accessTokenTtlSeconds, scope };
  }

  /**
   * What a token, API key or session is, for a service of `accountId`: the
   * account of the caller, which never learns about another account's
   * credentials. With `audience`, `scope` is what the credential holds for
   * that service. Anything invalid is `{active: false}`, never why.
   */
  async introspect(token: string, accountId: string, audience: string | undefined): Promise<Introspection> {
    if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return { active: false };
    if (isWellFormedApiKeyToken(token)) {
      const verdict = await this.keys.verifyApiKeyToken(token, NO_CLIENT_ADDRESS);
      if (!verdict.ok || verdict.key.accountId !== accountId) return { active: false };
      const { key, owner } = verdict;
      return this.withScope({ active: true, kind: 'api_key', sub: owner.id, client_id: key.id, account: accountId, exp: epoch(key.expiresAt) }, owner.id, accountId, key, audience);
    }
    if (isWellFormedSessionToken(token)) {
      const session = await this.auth.sessionOf(token);
      if (!session || session.accountId !== accountId) return { active: false };
      const { principal, apiKey } = session.identity;
      return this.withScope(
        { active: true, kind: 'session', sub: principal.id, client_id: apiKey?.id, account: accountId, exp: epoch(session.expiresAt) },
        principal.id,
        accountId,
        apiKey,
        audience,
      );
    }
    const payload = await this.verifiedAccessToken(token);
    if (!payload || payload.account !== accountId || (audience !== undefined && payload.aud !== audience)) return { active: false };
    return { token_type: 'Bearer', ...payload, active: true, kind: 'access_token' };
  }

  private async withScope(
    claims: Introspection & { active: true },
    principalId: string,
    accountId: string,
    key: ApiKeyEntity | null,
    audience: string | undefined,
  ): Promise<Introspection> {
    if (audience === undefined) return claims;
    const service = await this.relyingServices.byAudience(audience);
    if (!service || service.accountId !== accountId) return { active: false };
    return { ...claims, aud: service.audience, scope: scopeOf(service, await this.permissions.of(principalId, accountId, key)).join(' ') };
  }

  /** The claims of one of our access tokens, when its signature, issuer, type and times hold. */
  private async verifiedAccessToken(token: string): Promise<JWTPayload | null> {
    try {
      const { payload } = await jwtVerify(
        token,
        async (header) => {
          const key = await this.signingKeys.publicKeyOf(header.kid);
          if (!key) throw new Error('unknown kid');
          return key;
        },
        { issuer: this.issuer, typ: ACCESS_TOKEN_TYPE, algorithms: ['EdDSA'], currentDate: this.clock.now() },
      );
      return payload;
    } catch {
      return null;
    }
  }
}

/** The service's permissions among `held` (roles hold them as `<service>:<permission>`), in the service's order. */
function scopeOf(service: ServiceEntity, held: ReadonlySet<Permission>): string[] {
  return service.permissions.filter((p) => held.has(servicePermissionName(service.name, p.name))).map((p) => p.name);
}

function epoch(date: Date | null): number | undefined {
  return date ? Math.floor(date.getTime() / 1000) : undefined;
}
