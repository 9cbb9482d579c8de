// The worker and API processes of a chaos run, each under a small supervisor: output goes to
// a log file; a kill the harness makes is expected and restarted by the fault schedule; any other
// exit is recorded (it is a finding) and restarted after a second, as systemd's Restart=always
// would.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  logFile: string;
  /** Text in the output that says the process is ready. */
  readyText: string;
}

export interface ExitRecord {
  name: string;
  pid: number;
  /** Seconds since the run started. */
  at: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Killed or stopped by the harness. */
  expected: boolean;
}

const OUTPUT_KEPT = 1024 * 1024;

export class Supervised {
  private child: ChildProcess | null = null;
  private output = '';
  private expecting = false;
  private stopping = false;
  private readonly log: WriteStream;
  private exited: Promise<void> = Promise.resolve();
  startedAt = 0;
  starts = 0;
  readonly exits: ExitRecord[] = [];

  constructor(
    readonly spec: ChildSpec,
    private readonly secondsNow: () => number,
  ) {
    this.log = createWriteStream(spec.logFile, { flags: 'a' });
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** Starts the process and waits until it says it is ready. */
  async start(timeoutMs = 90_000): Promise<void> {
    this.output = '';
    this.expecting = false;
    const child = spawn(this.spec.command, this.spec.args, { env: this.spec.env, cwd: this.spec.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.starts++;
    this.startedAt = this.secondsNow();
    this.log.write(`\n=== chaos: start #${this.starts} pid ${child.pid ?? '?'} at ${this.startedAt.toFixed(1)} s ===\n`);
    const collect = (d: Buffer) => {
      this.log.write(d);
      this.output = (this.output + d.toString()).slice(-OUTPUT_KEPT);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        const expected = this.expecting || this.stopping;
        this.exits.push({ name: this.spec.name, pid: child.pid ?? -1, at: this.secondsNow(), code, signal, expected });
        this.log.write(`\n=== chaos: exit code ${String(code)} signal ${String(signal)} (${expected ? 'expected' : 'UNEXPECTED'}) ===\n`);
        if (this.child === child) this.child = null;
        resolve();
        if (!expected) setTimeout(() => void this.restartAfterCrash(), 1000);
      }),
    );
    await this.waitForReady(child, timeoutMs);
  }

  private async restartAfterCrash(): Promise<void> {
    if (this.stopping || this.child) return;
    try {
      await this.start();
    } catch (err) {
      this.log.write(`\n=== chaos: restart after a crash failed: ${String(err)} ===\n`);
    }
  }

  private waitForReady(child: ChildProcess, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.output.includes(this.spec.readyText)) return resolve();
        if (this.child !== child) return reject(new Error(`${this.spec.name} exited before it was ready; see ${this.spec.logFile}`));
        if (Date.now() > deadline) return reject(new Error(`${this.spec.name} was not ready within ${timeoutMs} ms; see ${this.spec.logFile}`));
        setTimeout(check, 100);
      };
      check();
    });
  }

  /** SIGKILL, as a crashing machine or the OOM killer would; the caller restarts it. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    this.expecting = true;
    child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (a graceful stop), then SIGKILL if it has not gone within the grace. */
  async stop(graceMs = 20_000): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (child?.pid) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    await new Promise<void>((resolve) => this.log.end(() => resolve()));
  }
}
