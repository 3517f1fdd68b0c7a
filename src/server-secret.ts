/**
 * The server secret keys the hashes of key secrets and session tokens.
 * Production must set KEYWARDEN_SECRET (config refuses to start otherwise);
 * elsewhere one is generated once into the data folder, with a warning.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from './config';
import type { Logger } from './logger';

export function resolveServerSecret(config: Config, log: Logger): string {
  if (config.secret) return config.secret;
  const file = path.join(config.dataDir, 'keywarden.secret');
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch {
    // not there yet
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  log.warn({ file }, 'KEYWARDEN_SECRET is not set: generated one into the data folder (set KEYWARDEN_SECRET in production)');
  return secret;
}
