/** Running the built `keywarden` CLI as a user would: a child process with its own HOME, against a test server. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CLI = path.resolve(__dirname, '../../dist/src/cli/main.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunner {
  home: string;
  /** Runs `keywarden ARGS…`, with `input` piped to its stdin (stdin is never a terminal here). */
  run(args: string[], options?: { input?: string; env?: Record<string, string> }): Promise<CliResult>;
  /** Runs a shell command line in which `keywarden` is the built CLI (for the help's examples). */
  shell(line: string, options?: { cwd?: string; env?: Record<string, string> }): Promise<CliResult>;
  /**
   * Runs `keywarden ARGS…` on a terminal (a pseudo-terminal from util-linux `script`) and answers
   * each prompt once it is shown, as a person types.
   */
  terminal(args: string[], answers: [prompt: string, typed: string][]): Promise<CliResult>;
  cleanup(): void;
}

export function cliRunner(endpoint: () => string): CliRunner {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'keywarden-cli-'));
  const bin = path.join(home, 'bin');
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'keywarden'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`, { mode: 0o755 });
  const baseEnv = () => ({ PATH: `${bin}:${process.env.PATH}`, HOME: home, KEYWARDEN_ENDPOINT: endpoint() });
  const collect = (child: ReturnType<typeof spawn>, input?: string) =>
    new Promise<CliResult>((resolve) => {
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (d) => (stdout += d));
      child.stderr!.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
      child.stdin!.end(input ?? '');
    });
  return {
    home,
    run: (args, options = {}) => collect(spawn(process.execPath, [CLI, ...args], { env: { ...baseEnv(), ...options.env } }), options.input),
    shell: (line, options = {}) => collect(spawn('sh', ['-c', line], { cwd: options.cwd ?? home, env: { ...baseEnv(), ...options.env } })),
    terminal: (args, answers) => {
      const line = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
      const child = spawn('script', ['-qec', line, '/dev/null'], { env: baseEnv() });
      let shown = '';
      const pending = [...answers];
      child.stdout.on('data', (d) => {
        shown += d;
        while (pending.length > 0 && shown.includes(pending[0][0])) {
          shown = shown.slice(shown.indexOf(pending[0][0]) + pending[0][0].length);
          child.stdin.write(pending.shift()![1]);
        }
      });
      return new Promise<CliResult>((resolve) => {
        let stdout = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr: '' }));
      });
    },
    cleanup: () => fs.rmSync(home, { recursive: true, force: true }),
  };
}

