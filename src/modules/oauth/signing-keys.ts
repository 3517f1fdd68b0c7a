/**
 * The Ed25519 keys that sign access tokens, kept in the database so every
 * node signs with the same key and publishes the same JWKS. The private key
 * is stored encrypted (AES-256-GCM under a key derived from KEYWARDEN_SECRET
 * with HKDF, the key ID as associated data). The newest key signs; after
 * SIGNING_KEY_ROTATION_DAYS a node makes the next one, and the previous key
 * stays published until every token it signed has expired.
 */
import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { In, type DataSource } from 'typeorm';
import type { Clock } from '../../clock';
import { isUniqueViolation } from '../../database';
import { newId } from '../../ids';
import type { Logger } from '../../logger';
import type { WriteLock } from '../../write-lock';
import { SigningKeyEntity } from './signing-key.entity';

export interface SigningKey {
  kid: string;
  generation: number;
  createdAt: Date;
  publicJwk: JWK;
  publicKey: KeyObject;
  privateKey: KeyObject;
}

export interface SigningKeyOptions {
  rotationDays: number;
  accessTokenTtlSeconds: number;
}

/** How often a node re-reads the keys (another node may have rotated). */
const REFRESH_MS = 10_000;
const DAY_MS = 86_400_000;

export class SigningKeys {
  private readonly encryptionKey: Buffer;
  private loaded: { keys: SigningKey[]; at: number } | null = null;
  private loading: Promise<SigningKey[]> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly writeLock: WriteLock,
    serverSecret: string,
    private readonly options: SigningKeyOptions,
  ) {
    this.encryptionKey = Buffer.from(hkdfSync('sha256', serverSecret, 'keywarden', 'signing-keys/aes-256-gcm/v1', 32));
  }

  /** The key that signs now; makes the first key, or the next one when the newest is due for rotation. */
  async current(): Promise<SigningKey> {
    const now = this.clock.now().getTime();
    const newest = (await this.keys())[0];
    if (newest && now - newest.createdAt.getTime() < this.options.rotationDays * DAY_MS) return newest;
    await this.create((newest?.generation ?? 0) + 1);
    return (await this.keys(true))[0];
  }

  /** The keys a relying service must accept now: the current one, and older ones whose tokens may still be live. */
  async published(): Promise<SigningKey[]> {
    const keys = await this.keys();
    const now = this.clock.now().getTime();
    return keys.filter((key, i) => i === 0 || now < keys[i - 1].createdAt.getTime() + this.overlapMs());
  }

  /** A published key by `kid`, for verifying a token offline (introspection). */
  async publicKeyOf(kid: string | undefined): Promise<KeyObject | null> {
    return (await this.published()).find((key) => key.kid === kid)?.publicKey ?? null;
  }

  /** The JWKS document (RFC 7517). */
  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: (await this.published()).map((key) => ({ ...key.publicJwk, kid: key.kid, alg: 'EdDSA', use: 'sig' })) };
  }

  /**
   * A key that stopped signing stays published for the token lifetime, plus
   * time for every node to notice the successor (each re-reads within REFRESH_MS).
   */
  private overlapMs(): number {
    return this.options.accessTokenTtlSeconds * 1000 + 2 * REFRESH_MS;
  }

  private async keys(reload = false): Promise<SigningKey[]> {
    const now = this.clock.now().getTime();
    if (!reload && this.loaded && Math.abs(now - this.loaded.at) < REFRESH_MS) return this.loaded.keys;
    this.loading ??= this.load(now).finally(() => (this.loading = null));
    return this.loading;
  }

  /** Reads the keys, newest first, and deletes those no longer published: no live token can name them. */
  private async load(now: number): Promise<SigningKey[]> {
    const repository = this.dataSource.getRepository(SigningKeyEntity);
    const rows = await repository.find({ order: { generation: 'DESC' } });
    const retired = rows.filter((_row, i) => i > 0 && now >= rows[i - 1].createdAt.getTime() + this.overlapMs());
    if (retired.length > 0) await this.writeLock.run(() => repository.delete({ id: In(retired.map((row) => row.id)) }));
    const keys = rows.filter((row) => !retired.includes(row)).map((row) => this.decrypted(row));
    this.loaded = { keys, at: now };
    return keys;
  }

  /** Makes the key of `generation`; if another node made it first, its key wins (the generation is unique). */
  private async create(generation: number): Promise<void> {
    const now = this.clock.now();
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const row = new SigningKeyEntity();
    row.id = newId('signingKey', now.getTime());
    row.generation = generation;
    row.publicJwk = JSON.stringify(publicKey.export({ format: 'jwk' }));
    row.encryptedPrivateKey = this.encrypt(row.id, privateKey.export({ format: 'der', type: 'pkcs8' }));
    row.createdAt = now;
    try {
      await this.writeLock.run(() => this.dataSource.getRepository(SigningKeyEntity).insert(row));
      this.log.info({ kid: row.id, generation }, 'made a new token-signing key');
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }

  private decrypted(row: SigningKeyEntity): SigningKey {
    const privateKey = createPrivateKey({ key: this.decrypt(row.id, row.encryptedPrivateKey), format: 'der', type: 'pkcs8' });
    return {
      kid: row.id,
      generation: row.generation,
      createdAt: row.createdAt,
      publicJwk: JSON.parse(row.publicJwk) as JWK,
      publicKey: createPublicKey(privateKey),
      privateKey,
    };
  }

  private encrypt(kid: string, plaintext: Buffer): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv);
    cipher.setAAD(Buffer.from(kid));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
  }

  private decrypt(kid: string, stored: string): Buffer {
    const [version, iv, tag, ciphertext] = stored.split('.');
    if (version !== 'v1') throw new Error(`signing key ${kid}: unknown encryption version`);
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(kid));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
  }
}
