/**
 * The built server (`node dist/src/main.js`) as a child process, as a user
 * runs it: used by the benchmark and by the reliability tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';

/** dist/src/main.js, whether this file runs built (dist/scripts) or from source under ts-jest (scripts). */
export const BUILT_MAIN = path.resolve(__dirname, __dirname.split(path.sep).includes('dist') ? '../src/main.js' : '../dist/src/main.js');

/** Log lines kept for inspection, at least (a benchmark run logs one line per request). */
const KEPT_LINES = 2000;

export interface ChildServer {
  child: ChildProcess;
  url: string;
  origin: string;
  /** The last log lines (stdout and stderr). */
  lines: string[];
  /** Resident memory of the process now, in MiB (Linux /proc). */
  rssMiB(): number | null;
  /** CPU time the process has used so far (user + system), in µs (Linux /proc, 10 ms resolution). */
  cpuMicros(): number | null;
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the built server with `env` (PORT=0 unless given) in `cwd`, with `nodeArgs` for node itself; resolves once it serves. */
export function startBuiltServer(env: Record<string, string>, cwd: string, nodeArgs: readonly string[] = [], options: StartOptions = {}): Promise<ChildServer> {
  return startScript(BUILT_MAIN, env, cwd, nodeArgs, options);
}

export interface StartOptions {
  /**
   * Where the child's stdout and stderr go instead of a pipe to this process (the benchmark: reading a log line
   * per request through a pipe costs this process, which also drives the load, as much as the server's writes).
   * The serving line is found by reading the file; `lines` stays empty (read the file).
   */
  logFile?: string;
  /**
   * A command that runs node, and its arguments before node's (the benchmark's instruction count: valgrind). The
   * child's pid is then the launcher's, which runs node in the same process.
   */
  launcher?: readonly string[];
}

/**
 * Starts any built script that prints a JSON line with `"msg":"… is serving"` and its `url` once it listens
 * (the server: "keywarden is serving"; the bench's reference servers in bench/: "bench server is serving").
 */
export function startScript(script: string, env: Record<string, string>, cwd: string, nodeArgs: readonly string[] = [], options: StartOptions = {}): Promise<ChildServer> {
  const logFd = options.logFile ? fs.openSync(options.logFile, 'a') : undefined;
  const output = logFd ?? 'pipe';
  const [command, ...args] = [...(options.launcher ?? []), process.execPath, ...nodeArgs, script];
  const child = spawn(command, args, { cwd, env: { PATH: process.env.PATH ?? '', PORT: '0', ...env }, stdio: ['ignore', output, output] });
  if (logFd !== undefined) fs.closeSync(logFd); // the child holds its own copy
  const lines: string[] = [];
  // Trimmed in batches: trimming at every line moved the 2,000 kept ones each time, ~8 µs a line in this process —
  // which in the bench is the load generator's (a benchmarked route that logs a line per request lost that much
  // of autocannon to the harness). Keeps the last KEPT_LINES at least, twice that at most.
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > 2 * KEPT_LINES) lines.splice(0, lines.length - KEPT_LINES);
  };
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let served = false;
    /** Looks for the serving line in `line`; resolves once it is found. */
    const read = (line: string) => {
      if (served || !/"msg":"[^"]* is serving"/.test(line)) return;
      served = true;
      const url = JSON.parse(line).url as string;
      resolve({
        child,
        url,
        origin: url.replace(/\/graphql$/, ''),
        lines,
        rssMiB: () => residentMiB(child.pid),
        cpuMicros: () => cpuMicrosOf(child.pid),
        stop: (signal = 'SIGTERM') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    };
    let polling: NodeJS.Timeout | undefined;
    if (options.logFile) {
      const file = options.logFile;
      let offset = 0;
      let partial = '';
      polling = setInterval(() => {
        const text = fs.readFileSync(file).subarray(offset);
        offset += text.length;
        const parts = (partial + text.toString()).split('\n');
        partial = parts.pop()!;
        parts.forEach(read);
        if (served) clearInterval(polling);
      }, 50);
    } else {
      let buffer = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          keep(line);
          read(line);
        }
      });
      child.stderr!.on('data', (chunk: Buffer) => keep(chunk.toString()));
    }
    void exited.then((code) => {
      clearInterval(polling);
      if (served) return;
      const output = options.logFile ? fs.readFileSync(options.logFile, 'utf8').slice(-20_000) : lines.join('\n');
      reject(new Error(`the server exited with ${code} before serving:\n${output}`));
    });
  });
}

/** utime + stime of /proc/<pid>/stat (fields 14 and 15, in clock ticks of 1/100 s). */
function cpuMicrosOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return null;
  }
}

function residentMiB(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}
