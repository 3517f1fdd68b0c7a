/**
 * Where the CLI keeps sessions: `~/.config/keywarden/credentials.json`
 * (or `$XDG_CONFIG_HOME/keywarden/`), mode 0600 in a 0700 folder, one entry per profile.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Profile {
  endpoint: string;
  token: string;
  expiresAt: string;
  principal: string;
}

export function credentialsFile(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config');
  return path.join(base, 'keywarden', 'credentials.json');
}

function readAll(file: string): Record<string, Profile> {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Profile>;
  } catch {
    return {};
  }
}

export function readProfile(file: string, name: string): Profile | undefined {
  return readAll(file)[name];
}

export function writeProfile(file: string, name: string, profile: Profile | undefined): void {
  const all = readAll(file);
  if (profile) all[name] = profile;
  else delete all[name];
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}
