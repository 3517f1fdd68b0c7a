/**
 * What every command works with: the process's inputs (the one place the CLI reads its environment),
 * the options that apply to every command, the credentials, and output.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { ApiError, KeywardenClient } from './client';
import { isFormat, render, type Format } from './output';
import { ConfigStore } from './profiles';
import { confirmOnTerminal, readStdin } from './prompt';

export const DEFAULT_ENDPOINT = 'http://127.0.0.1:4000/graphql';

/** Exit codes: 0 ok, 1 refused or failed, 2 usage, 4 not authenticated. */
export const EXIT = { ok: 0, failed: 1, usage: 2, unauthenticated: 4 } as const;

/** Wrong usage that the parser could not see (a bad date, a missing choice): exit 2. */
export class UsageError extends Error {}
/** The CLI itself refuses (no confirmation, an ambiguous name): exit 1. */
export class RefusedError extends Error {}

/** The process as the CLI sees it: passed in by main.ts, so tests and commands never touch globals. */
export interface Io {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadStream;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The environment variables the CLI reads, all of them. */
export interface Environment {
  endpoint?: string;
  apiKey?: string;
  configFolder: string;
}

export function environment(env: NodeJS.ProcessEnv): Environment {
  const base = env.XDG_CONFIG_HOME || path.join(env.HOME || os.homedir(), '.config');
  return { endpoint: env.KEYWARDEN_ENDPOINT || undefined, apiKey: env.KEYWARDEN_API_KEY || undefined, configFolder: path.join(base, 'keywarden') };
}

/** Options every command accepts, before or after the command words. */
export interface GlobalOptions {
  endpoint?: string;
  profile?: string;
  format?: string;
  account?: string;
  apiKeyFile?: string;
}

export class CliContext {
  readonly store: ConfigStore;
  readonly profile: string;
  readonly endpoint: string;
  readonly format: Format;
  private readonly env: Environment;

  constructor(
    readonly io: Io,
    readonly options: GlobalOptions & Record<string, unknown>,
  ) {
    this.env = environment(io.env);
    this.store = new ConfigStore(this.env.configFolder);
    const config = this.store.readConfig();
    this.profile = options.profile ?? 'default';
    const format = options.format ?? config.format ?? 'table';
    if (!isFormat(format)) throw new UsageError(`the saved format "${format}" is not table, json or yaml: run keywarden config set format table`);
    this.format = format;
    this.endpoint = options.endpoint ?? this.env.endpoint ?? this.store.readProfile(this.profile)?.endpoint ?? config.endpoint ?? DEFAULT_ENDPOINT;
  }

  static of(io: Io, command: Command): CliContext {
    return new CliContext(io, command.optsWithGlobals());
  }

  /** A client without credentials: login, authenticate, reportLeakedSecret. */
  anonymous(): KeywardenClient {
    return new KeywardenClient({ endpoint: this.endpoint, accountId: this.options.account });
  }

  /** The key the command should use instead of a session: --api-key-file, else KEYWARDEN_API_KEY. */
  async keyCredential(): Promise<string | undefined> {
    if (this.options.apiKeyFile) return readKeyFile(this.options.apiKeyFile, this.io);
    return this.env.apiKey;
  }

  /** A client with the caller's credentials; exit 4 when there are none. */
  async client(): Promise<KeywardenClient> {
    const key = await this.keyCredential();
    if (key) return new KeywardenClient({ endpoint: this.endpoint, accountId: this.options.account, authorization: keyAuthorization(key) });
    const session = this.sessionClient();
    if (!session) throw new ApiError('UNAUTHENTICATED', `not logged in (profile "${this.profile}"): run keywarden login`);
    return session;
  }

  /** A client with the stored session of --profile, if there is one. */
  sessionClient(): KeywardenClient | undefined {
    const stored = this.store.readProfile(this.profile);
    return stored && new KeywardenClient({ endpoint: this.endpoint, accountId: this.options.account, authorization: `Bearer ${stored.token}` });
  }

  /** Prints data as JSON or YAML, or as `people` renders it for a terminal. */
  print<T>(data: T, people: (data: T) => string): void {
    this.io.out(render(this.format, data, people));
  }

  /** Asks before a destructive step; --yes skips the question, and without a terminal the CLI refuses. */
  async confirm(question: string): Promise<void> {
    if (this.options.yes) return;
    if (!this.io.stdin.isTTY) throw new RefusedError(`${question.replace(/\?$/, '')}: confirmation needed; pass --yes when not on a terminal`);
    if (!(await confirmOnTerminal(this.io.stdin, question))) throw new RefusedError('not confirmed: nothing was changed');
  }
}

/** An API key token goes as `ApiKey`, an access key pair (`ID:secret`) as HTTP Basic. */
export function keyAuthorization(key: string): string {
  return key.includes(':') ? `Basic ${Buffer.from(key).toString('base64')}` : `ApiKey ${key}`;
}

/**
 * A key from a file (`-`: standard input): the key alone, or the JSON that `api-key create --file`
 * writes (an API key, or an access key pair).
 */
export async function readKeyFile(file: string, io: Io): Promise<string> {
  const text = (file === '-' ? await readStdin(io.stdin) : fs.readFileSync(file, 'utf8')).trim();
  if (!text.startsWith('{')) return text;
  const saved = JSON.parse(text) as { apiKey?: string; accessKeyId?: string; secretAccessKey?: string };
  if (saved.apiKey) return saved.apiKey;
  if (saved.accessKeyId && saved.secretAccessKey) return `${saved.accessKeyId}:${saved.secretAccessKey}`;
  throw new UsageError(`${file} holds neither apiKey nor accessKeyId and secretAccessKey`);
}
