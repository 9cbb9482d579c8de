// Where the Temporal binaries come from, decided in one place:
// 1. the explicit path (TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH),
// 2. the first real executable of that name on PATH,
// 3. the SDK's own download (works only with internet access).
// A pip-installed binary is often reached through a pyenv shim (a shell script). The SDK stops
// the server by killing the process it started, so a shim would leave the real server orphaned:
// we follow the shim to the binary it runs, and never hand a script to the SDK.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, openSync, readSync, closeSync, statSync } from 'node:fs';
import path from 'node:path';

export type TemporalExecutable = { type: 'existing-path'; path: string } | { type: 'cached-download' };

export const BINARY_NAMES = { cli: 'temporal', testServer: 'temporal-test-server' } as const;

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function isScript(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(2);
    readSync(fd, head, 0, 2, 0);
    return head.toString('latin1') === '#!';
  } finally {
    closeSync(fd);
  }
}

/** Follows a pyenv shim to the real binary; null when it is some other script. */
function followShim(name: string): string | null {
  try {
    const real = execFileSync('pyenv', ['which', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return real && isExecutableFile(real) && !isScript(real) ? real : null;
  } catch {
    return null;
  }
}

function realBinary(file: string, name: string): string | null {
  if (!isExecutableFile(file)) return null;
  return isScript(file) ? followShim(name) : file;
}

export function resolveTemporalBinary(
  name: string,
  options: { explicitPath?: string; searchPath: string },
): TemporalExecutable {
  if (options.explicitPath) {
    const real = realBinary(options.explicitPath, name);
    if (!real) {
      throw new Error(`${options.explicitPath} is not an executable ${name} binary (a script or missing file cannot be used)`);
    }
    return { type: 'existing-path', path: real };
  }
  for (const dir of options.searchPath.split(path.delimiter).filter(Boolean)) {
    const real = realBinary(path.join(dir, name), name);
    if (real) return { type: 'existing-path', path: real };
  }
  return { type: 'cached-download' };
}

export function describeExecutable(exe: TemporalExecutable): string {
  return exe.type === 'existing-path' ? exe.path : "the SDK's download (needs internet access)";
}
