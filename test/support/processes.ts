// Child processes and ports for end-to-end tests.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * A free port below Linux's ephemeral range (32768-60999): servers we start pick their own
 * extra ports (the dev server's metrics, gRPC clients) from that range, and a port we reserved
 * and released there could be taken before our process binds it.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 10000);
    if (await canBind(port)) return port;
  }
  throw new Error('no free port found in 20000-29999');
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
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
