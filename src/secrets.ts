/**
 * Random secrets and their keyed hashes. Key secrets and session tokens carry
 * ≥ 190 random bits, so HMAC-SHA256 with the server secret is as strong as a
 * slow hash and lets every request be checked in microseconds.
 */
import { crc32 as zlibCrc32 } from 'node:zlib';
import { createHmac, createSecretKey, hash, randomBytes, randomInt, timingSafeEqual, type KeyObject } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function randomBase62(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += BASE62[randomInt(62)];
  return out;
}

export function randomBase64Url(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export function isBase62(value: string): boolean {
  return /^[0-9A-Za-z]*$/.test(value);
}

/** Fixed-width base62 of a 32-bit number (6 characters hold 62^6 > 2^32). */
export function base62Fixed(value: number, width: number): string {
  let out = '';
  let v = value >>> 0;
  for (let i = 0; i < width; i++) {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out;
}

/** CRC-32 (IEEE) of the UTF-8 text: the key tokens' checksum. Node's own (zlib), ~3× the JS table loop it replaced. */
export function crc32(text: string): number {
  return zlibCrc32(text);
}

export class SecretHasher {
  /** The server secret as a key object once, rather than from the string at every hash (a hot path). */
  private readonly key: KeyObject;

  constructor(serverSecret: string) {
    this.key = createSecretKey(Buffer.from(serverSecret, 'utf8'));
  }

  /** Hex HMAC-SHA256 of a secret, as stored and indexed. */
  hash(secret: string): string {
    return createHmac('sha256', this.key).update(secret).digest('hex');
  }

  /**
   * What the in-process caches (verified keys, sessions) find a presented secret by: its SHA-256, in one call
   * (~0.2 µs here against ~1.5 µs for the HMAC), so a request whose credential is cached computes no HMAC.
   * Never stored and never compared with a stored hash: a cache miss verifies by the HMAC as always. In
   * memory it is as safe as the HMAC it replaces there — a one-way digest of ≥ 190 random bits, in a process
   * that holds the server secret anyway — and the raw secret is still kept no longer than its request.
   */
  static cacheKey(secret: string): string {
    return hash('sha256', secret, 'base64');
  }

  /** Constant-time comparison of two stored-form hashes. */
  static same(a: string, b: string): boolean {
    const left = Buffer.from(a, 'utf8');
    const right = Buffer.from(b, 'utf8');
    return left.length === right.length && timingSafeEqual(left, right);
  }
}
