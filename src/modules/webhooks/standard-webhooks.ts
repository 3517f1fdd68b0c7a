/**
 * Standard Webhooks (standardwebhooks.com, spec v1): the secret format and
 * the signature every delivery carries. Receivers verify with any Standard
 * Webhooks library, or by hand as the README shows.
 */
import { createHmac, randomBytes } from 'node:crypto';

// Spec "Symmetric signatures": the secret is `whsec_` + base64 of 24 to 64 random bytes; the key is those bytes.
export const SECRET_PREFIX = 'whsec_';

export function newSigningSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

// Spec "Signature scheme": HMAC-SHA256 over `${webhook-id}.${webhook-timestamp}.${body}`, base64, versioned `v1,`.
export function signature(secret: string, messageId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${messageId}.${timestampSeconds}.${body}`).digest('base64')}`;
}

/**
 * The three headers of a delivery. With several secrets (a rotation's
 * overlap) `webhook-signature` holds one signature per secret, space-separated
 * (spec "Signature scheme": receivers accept any one that matches).
 */
export function signedHeaders(secrets: readonly string[], messageId: string, at: Date, body: string): Record<string, string> {
  // Spec "Headers": `webhook-timestamp` is integer seconds since the epoch, the time of this attempt.
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': secrets.map((secret) => signature(secret, messageId, timestamp, body)).join(' '),
  };
}
