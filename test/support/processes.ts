// Child processes and ports for end-to-end tests.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Spawned {
  child: ChildProcess;
  output(): string;
  waitFor(text: string, timeoutMs: number): Promise<void>;
  exited: Promise<number | null>;
}

export function spawnProcess(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): Spawned {
  const child = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited,
    waitFor: (text, timeoutMs) =>
      new Promise((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error(`timed out waiting for "${text}"; output:\n${out}`)), timeoutMs);
        const check = () => {
          if (out.includes(text)) {
            clearTimeout(deadline);
            resolve();
          } else if (child.exitCode !== null) {
            clearTimeout(deadline);
            reject(new Error(`process exited (${child.exitCode}) before "${text}"; output:\n${out}`));
          } else setTimeout(check, 100);
        };
        check();
      }),
  };
}

/** Command lines of live processes that mention `needle` (e.g. a data directory). */
export function processesMentioning(needle: string): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return ps
    .split('\n')
    .filter((l) => l.includes(needle) && !l.includes('ps -eo'))
    .map((l) => l.trim());
}
