import { Column, Entity } from 'typeorm';
import { IdColumn, TimeColumn } from '../../columns';

/**
 * An Ed25519 key that signs access tokens. `generation` is unique: the node
 * that inserts the next generation first makes it, any other node's insert
 * fails and it reads the winner's. The private key is stored encrypted.
 */
@Entity('signing_keys')
export class SigningKeyEntity {
  /** Also the JWT `kid`. */
  @IdColumn() id!: string;
  @Column({ type: 'int' }) generation!: number;
  /** The public JWK (`kty`, `crv`, `x`), as published in the JWKS. */
  @Column({ type: 'varchar', length: 512, name: 'public_jwk' }) publicJwk!: string;
  /** PKCS#8 private key, AES-256-GCM encrypted under a key derived from KEYWARDEN_SECRET: `v1.<iv>.<tag>.<ciphertext>`. */
  @Column({ type: 'varchar', length: 512, name: 'private_key' }) encryptedPrivateKey!: string;
  @TimeColumn('created_at') createdAt!: Date;
}
