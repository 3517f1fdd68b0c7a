/**
 * What the CLI keeps on disk, in `~/.config/keywarden/` (or `$XDG_CONFIG_HOME/keywarden/`), a 0700 folder:
 * `credentials.json` (mode 0600), one session per profile, and `config.json`, the saved defaults
 * (`keywarden config set format json`).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Profile {
  endpoint: string;
  token: string;
  expiresAt: string;
  principal: string;
}

/** The settings `keywarden config set` accepts, with what each means. */
export const CONFIG_KEYS = {
  format: 'output format when --format is not given: table, json or yaml',
  endpoint: 'GraphQL endpoint when neither --endpoint nor KEYWARDEN_ENDPOINT is given',
} as const;
export type ConfigKey = keyof typeof CONFIG_KEYS;
export type Config = Partial<Record<ConfigKey, string>>;

export class ConfigStore {
  constructor(private readonly folder: string) {}

  readProfile(name: string): Profile | undefined {
    return this.read<Record<string, Profile>>('credentials.json')[name];
  }

  writeProfile(name: string, profile: Profile | undefined): void {
    const all = this.read<Record<string, Profile>>('credentials.json');
    if (profile) all[name] = profile;
    else delete all[name];
    this.write('credentials.json', all);
  }

  readConfig(): Config {
    return this.read<Config>('config.json');
  }

  writeConfig(config: Config): void {
    this.write('config.json', config);
  }

  get credentialsFile(): string {
    return path.join(this.folder, 'credentials.json');
  }

  private read<T extends object>(file: string): T {
    try {
      return JSON.parse(fs.readFileSync(path.join(this.folder, file), 'utf8')) as T;
    } catch {
      return {} as T;
    }
  }

  private write(file: string, value: object): void {
    const full = path.join(this.folder, file);
    fs.mkdirSync(this.folder, { recursive: true, mode: 0o700 });
    fs.writeFileSync(full, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    fs.chmodSync(full, 0o600);
  }
}
