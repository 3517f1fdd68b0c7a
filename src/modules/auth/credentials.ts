/** Reads the `Authorization` header into the credential it presents, checking its form only. */
import {
  isWellFormedAccessKeyId,
  isWellFormedApiKeyToken,
  isWellFormedSecretAccessKey,
  isWellFormedSessionToken,
} from '../api-keys/key-format';

export type PresentedCredential =
  | { kind: 'session'; token: string }
  | { kind: 'apiKey'; token: string }
  | { kind: 'accessKey'; accessKeyId: string; secretAccessKey: string }
  | { kind: 'malformed'; reason: string };

const MAX_HEADER = 1024;

export function parseAuthorization(header: string | undefined): PresentedCredential | null {
  if (header === undefined || header.trim() === '') return null;
  if (header.length > MAX_HEADER) return { kind: 'malformed', reason: 'header too long' };
  const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(header);
  if (!match) return { kind: 'malformed', reason: 'not "<scheme> <credentials>"' };
  const scheme = match[1].toLowerCase();
  const value = match[2];
  switch (scheme) {
    case 'bearer':
      return isWellFormedSessionToken(value) ? { kind: 'session', token: value } : { kind: 'malformed', reason: 'bad session token' };
    case 'apikey':
    case 'key':
      return isWellFormedApiKeyToken(value) ? { kind: 'apiKey', token: value } : { kind: 'malformed', reason: 'bad API key token' };
    case 'basic': {
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return { kind: 'malformed', reason: 'bad base64' };
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const accessKeyId = decoded.slice(0, colon);
      const secretAccessKey = decoded.slice(colon + 1);
      if (colon < 0 || !isWellFormedAccessKeyId(accessKeyId) || !isWellFormedSecretAccessKey(secretAccessKey)) {
        return { kind: 'malformed', reason: 'bad access key pair' };
      }
      return { kind: 'accessKey', accessKeyId, secretAccessKey };
    }
    default:
      return { kind: 'malformed', reason: 'unknown scheme' };
  }
}
