// The worker's HTTP port (WORKER_HTTP_HOST:WORKER_HTTP_PORT): /livez (the worker runs), /readyz
// (it runs and the database and Temporal answer; 503 naming the part), and /metrics (the app's
// metrics and the Temporal SDK's, behind the metrics token). A worker serves no other HTTP.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { metricsAuthorized } from './metrics';

export interface ProbeCheck {
  name: string;
  check: () => Promise<void>;
}

export interface ProbeServerOptions {
  host: string;
  port: number;
  /** Whether the process is not stuck or failed (draining counts as live); false: /livez 503. */
  live: () => boolean;
  /** Whether it takes work now (the worker polls); false: /readyz 503 naming `worker`. */
  ready: () => boolean;
  /** Dependencies for /readyz, each bounded by `timeoutMs`. */
  checks: ProbeCheck[];
  timeoutMs?: number;
  /** The metrics text; /metrics is absent (404) without a token. */
  metrics?: { token: string; text: () => Promise<string>; contentType: string };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

async function downParts(checks: ProbeCheck[], timeoutMs: number): Promise<string[]> {
  const results = await Promise.all(
    checks.map(async (c) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([c.check(), new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)))]);
        return null;
      } catch {
        return c.name;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return results.filter((n): n is string => n !== null);
}

export async function startProbeServer(o: ProbeServerOptions): Promise<{ server: Server; port: number; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://worker');
    if (req.method !== 'GET') return send(res, 405, { code: 'METHOD_NOT_ALLOWED', message: 'Only GET is served here.' });
    if (url.pathname === '/livez') return o.live() ? send(res, 200, { status: 'ok' }) : send(res, 503, { status: 'down', down: ['worker'] });
    if (url.pathname === '/readyz') {
      void downParts(o.checks, o.timeoutMs ?? 3000).then((down) => {
        const all = o.ready() ? down : ['worker', ...down];
        send(res, all.length === 0 ? 200 : 503, { status: all.length === 0 ? 'ok' : 'degraded', down: all });
      });
      return;
    }
    if (url.pathname === '/metrics' && o.metrics) {
      const m = o.metrics;
      if (!metricsAuthorized(req.headers.authorization, m.token)) return send(res, 401, { code: 'UNAUTHENTICATED', message: 'GET /metrics needs the metrics token.' });
      void m.text().then(
        (text) => res.writeHead(200, { 'content-type': m.contentType, 'cache-control': 'no-store' }).end(text),
        () => send(res, 500, { code: 'INTERNAL', message: 'The metrics could not be collected.' }),
      );
      return;
    }
    send(res, 404, { code: 'NOT_FOUND', message: 'Nothing here: /livez, /readyz, /metrics.' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The Temporal SDK's Prometheus text from its exporter on loopback, appended to the app's own:
 * one scrape, one token. When the exporter does not answer, the app's metrics still go out.
 */
export async function withSdkMetrics(appText: string, sdkMetricsUrl: string | null): Promise<string> {
  if (!sdkMetricsUrl) return appText;
  try {
    const res = await fetch(sdkMetricsUrl, { signal: AbortSignal.timeout(2000) });
    if (!res.ok) return `${appText}# Temporal SDK metrics unavailable: ${res.status}\n`;
    return `${appText}\n${await res.text()}`;
  } catch {
    return `${appText}# Temporal SDK metrics unavailable\n`;
  }
}
