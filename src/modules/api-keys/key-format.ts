/**
 * Credential formats (DESIGN.md "Credentials"). Everything here is pure:
 * malformed credentials are refused before any database work.
 *  - API key token: `kw_` + 32 base62 + 6 base62 of the CRC32 of what precedes.
 *  - Access key: ID `KW` + 18 uppercase base32; secret 40 base62.
 *  - Session token: `kws_` + 43 base64url.
 */
import { randomInt } from 'node:crypto';
import { base62Fixed, crc32, isBase62, randomBase62, randomBase64Url } from '../../secrets';

const TOKEN_PREFIX = 'kw_';
const TOKEN_RANDOM = 32;
const TOKEN_CHECKSUM = 6;
export const API_KEY_TOKEN_LENGTH = TOKEN_PREFIX.length + TOKEN_RANDOM + TOKEN_CHECKSUM;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function newApiKeyToken(): string {
  const body = TOKEN_PREFIX + randomBase62(TOKEN_RANDOM);
  return body + base62Fixed(crc32(body), TOKEN_CHECKSUM);
}

export function isWellFormedApiKeyToken(token: string): boolean {
  if (token.length !== API_KEY_TOKEN_LENGTH || !token.startsWith(TOKEN_PREFIX)) return false;
  const rest = token.slice(TOKEN_PREFIX.length);
  if (!isBase62(rest)) return false;
  const body = token.slice(0, -TOKEN_CHECKSUM);
  return base62Fixed(crc32(body), TOKEN_CHECKSUM) === token.slice(-TOKEN_CHECKSUM);
}

/** The non-secret hint kept with the key: `kw_` and the first six random characters. */
export function tokenPrefix(token: string): string {
  return token.slice(0, TOKEN_PREFIX.length + 6);
}

export function newAccessKeyId(): string {
  let id = 'KW';
  for (let i = 0; i < 18; i++) id += BASE32[randomInt(32)];
  return id;
}

export function newSecretAccessKey(): string {
  return randomBase62(40);
}

export function isWellFormedAccessKeyId(id: string): boolean {
  return /^KW[A-Z2-7]{18}$/.test(id);
}

export function isWellFormedSecretAccessKey(secret: string): boolean {
  return secret.length === 40 && isBase62(secret);
}

export function newSessionToken(): string {
  return `kws_${randomBase64Url(32)}`;
}

export function isWellFormedSessionToken(token: string): boolean {
  return /^kws_[A-Za-z0-9_-]{43}$/.test(token);
}
