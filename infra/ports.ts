// Ports the embedded stack listens on, checked before anything starts: a second `npm start`, or a
// machine where 7233/8233/3000 is taken, must say which port and which variable moves it, not fail
// deep inside the Temporal CLI or after the database was opened.
import { createServer } from 'node:net';

export interface WantedPort {
  port: number;
  host: string;
  /** What listens there, for the message. */
  what: string;
  /** The configuration key that moves it. */
  variable: string;
}

export class PortTakenError extends Error {
  override readonly name = 'PortTakenError';
}

/** Resolves with the error code when `port` cannot be bound on `host`, or null when it is free. */
function bindProblem(port: number, host: string): Promise<string | null> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(null)));
  });
}

/** Throws one PortTakenError naming every port that cannot be bound, and the key that moves it. */
export async function assertPortsFree(wanted: readonly WantedPort[]): Promise<void> {
  const problems: string[] = [];
  const seen = new Map<number, WantedPort>();
  for (const w of wanted) {
    const clash = seen.get(w.port);
    if (clash) {
      problems.push(`  ${w.variable}=${w.port} (${w.what}) is the same port as ${clash.variable} (${clash.what}): give them different ports.`);
      continue;
    }
    seen.set(w.port, w);
    const code = await bindProblem(w.port, w.host);
    if (code === null) continue;
    const why = code === 'EADDRINUSE' ? 'is already in use' : code === 'EACCES' ? 'is not allowed for this user' : `cannot be used (${code})`;
    problems.push(`  port ${w.port} on ${w.host} (${w.what}) ${why}: stop what listens there, or set ${w.variable} to a free port.`);
  }
  if (problems.length > 0) {
    throw new PortTakenError(`Cannot start: ${problems.length === 1 ? 'a port is' : 'ports are'} not free.\n${problems.join('\n')}`);
  }
}
