// /readyz (and /health): is each dependency reachable right now? /livez: is this process? Each check is bounded by a timeout so a
// hung dependency shows as down instead of hanging the probe.
import type { ServiceDeps } from './deps';

export interface HealthProbe {
  name: 'database' | 'temporal';
  check: () => Promise<void>;
}

async function withTimeout(p: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

export function createHealthService(deps: ServiceDeps, probes: HealthProbe[], version: string, timeoutMs = 3000) {
  return {
    live() {
      return { status: 'ok' as const, version, time: deps.now().toISOString() };
    },
    async check() {
      const results = await Promise.all(
        probes.map(async (p) => {
          try {
            await withTimeout(p.check(), timeoutMs);
            return [p.name, { ok: true as const }] as const;
          } catch (err) {
            return [p.name, { ok: false as const, error: err instanceof Error ? err.message.split('\n')[0] ?? 'down' : 'down' }] as const;
          }
        }),
      );
      const checks = Object.fromEntries(results);
      const down = results.filter(([, r]) => !r.ok).map(([name]) => name);
      return { status: down.length === 0 ? ('ok' as const) : ('degraded' as const), version, time: deps.now().toISOString(), down, checks };
    },
  };
}
export type HealthService = ReturnType<typeof createHealthService>;
