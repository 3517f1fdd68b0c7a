/**
 * Builds dist/ once, for the tests that run the server or the CLI as a user would (child processes), and the
 * console (dist/console) when its sources or the generated client changed since its last build.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

function newestChange(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function consoleIsStale(): boolean {
  const built = path.join(root, 'dist/console/index.html');
  if (!fs.existsSync(built)) return true;
  const sources = Math.max(newestChange(path.join(root, 'console')), newestChange(path.join(root, 'client/generated')));
  return sources > fs.statSync(built).mtimeMs;
}

export default function globalSetup(): void {
  const node = (script: string, ...args: string[]) => execFileSync(process.execPath, [path.join(root, 'node_modules', script), ...args], { cwd: root, stdio: 'inherit' });
  node('typescript/bin/tsc', '-p', 'tsconfig.build.json');
  if (consoleIsStale()) {
    node('typescript/bin/tsc', '-p', 'console/tsconfig.json');
    node('vite/bin/vite.js', 'build', '-c', 'console/vite.config.mts');
  }
}
