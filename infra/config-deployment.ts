// The configuration keys of a production deployment, part of the one schema in infra/config.ts:
// the Temporal connection's TLS, mTLS client certificate and API key (the names
// @temporalio/envconfig reads), the database password apart from its URL, the API's own TLS,
// metrics, the worker's probe port, the shutdown grace, and the payment gateway. Secrets may be
// given as files: KEY_FILE=/run/secrets/key reads KEY from that file (Kubernetes and Docker
// secrets are mounted so), never both.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { zFlag, zPort } from './config-values';

const zPath = z.string().min(1);

export const ZDeploymentKeys = z.object({
  // Temporal connection (infra/temporal.ts passes these to @temporalio/envconfig).
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS: zFlag.optional(),
  TEMPORAL_TLS_CLIENT_CERT_PATH: zPath.optional(),
  TEMPORAL_TLS_CLIENT_KEY_PATH: zPath.optional(),
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: zPath.optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  TEMPORAL_CONFIG_FILE: zPath.optional(),
  TEMPORAL_PROFILE: z.string().min(1).optional(),
  // The database password apart from DATABASE_URL: any characters, URL-encoded here.
  DATABASE_PASSWORD: z.string().min(1).optional(),
  // The API serves HTTPS with this certificate and key (PEM files); unset: plain HTTP.
  API_TLS_CERT_PATH: zPath.optional(),
  API_TLS_KEY_PATH: zPath.optional(),
  // GET /metrics (API and worker) answers only `Authorization: Bearer <METRICS_TOKEN>`; unset: no /metrics.
  METRICS_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  // The worker's HTTP port: /livez, /readyz, /metrics.
  WORKER_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  WORKER_HTTP_PORT: zPort.default(3001),
  // The Temporal SDK's Prometheus exporter, on loopback only; the worker's /metrics serves it.
  TEMPORAL_SDK_METRICS_PORT: zPort.default(9465),
  // Open cases whose workflow state the worker keeps in memory (bench/README.md: RSS by cache size);
  // a case not in the cache is replayed from its history when it next wakes.
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(10).max(100_000).default(500),
  // How long a stopping process lets running activities and requests finish.
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  // Payments (拨付): `http` posts transfers to the treasury adapter at PAYMENT_GATEWAY_URL;
  // `in-process` records them in the database only (embedded mode and test deployments).
  PAYMENT_GATEWAY: z.enum(['http', 'in-process']).optional(),
  PAYMENT_GATEWAY_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s):// URL' }).optional(),
  PAYMENT_GATEWAY_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  PAYMENT_GATEWAY_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(30),
  // Says that this deployment moves no real money: allows the in-process payment recorder.
  TEST_DEPLOYMENT: zFlag.default(false),
});

/** Keys whose value may instead be read from the file named by KEY_FILE. */
export const FILE_SECRET_KEYS = [
  'JWT_SECRET',
  'JWT_PREVIOUS_SECRETS',
  'BOOTSTRAP_ADMIN_PASSWORD',
  'DATABASE_URL',
  'DATABASE_PASSWORD',
  'TEMPORAL_API_KEY',
  'METRICS_TOKEN',
  'PAYMENT_GATEWAY_TOKEN',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
] as const;

/**
 * The environment with every KEY_FILE replaced by KEY read from that file (a trailing newline
 * dropped), and a line per problem. A problem names the key and the path, never the content.
 */
export function readSecretFiles(env: Readonly<Record<string, string>>): { values: Record<string, string>; problems: string[] } {
  const values: Record<string, string> = { ...env };
  const problems: string[] = [];
  for (const key of FILE_SECRET_KEYS) {
    const fileKey = `${key}_FILE`;
    const file = env[fileKey];
    if (file === undefined) continue;
    delete values[fileKey];
    if (env[key] !== undefined) {
      problems.push(`  ${fileKey}: set ${key} or ${fileKey}, not both`);
      continue;
    }
    try {
      const content = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
      if (content === '') problems.push(`  ${fileKey}: ${file} is empty`);
      else values[key] = content;
    } catch (err) {
      // Not `instanceof Error`: fs errors may come from another realm (a test's VM context).
      const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'unreadable';
      problems.push(`  ${fileKey}: cannot read ${file} (${code})`);
    }
  }
  return { values, problems };
}

type DeploymentKeys = z.infer<typeof ZDeploymentKeys> & { DATABASE_URL?: string | undefined };

/** Keys that only make sense together. */
export function checkDeploymentKeys(c: DeploymentKeys, ctx: z.RefinementCtx): void {
  const pair = (a: keyof DeploymentKeys, b: keyof DeploymentKeys) => {
    if ((c[a] === undefined) !== (c[b] === undefined)) {
      ctx.addIssue({ code: 'custom', path: [c[a] === undefined ? a : b], message: `${a} and ${b} go together: set both or neither` });
    }
  };
  pair('TEMPORAL_TLS_CLIENT_CERT_PATH', 'TEMPORAL_TLS_CLIENT_KEY_PATH');
  pair('API_TLS_CERT_PATH', 'API_TLS_KEY_PATH');
  if (c.PAYMENT_GATEWAY === 'http') {
    for (const key of ['PAYMENT_GATEWAY_URL', 'PAYMENT_GATEWAY_TOKEN'] as const) {
      if (c[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'required when PAYMENT_GATEWAY=http' });
    }
  }
  if (c.DATABASE_PASSWORD !== undefined) {
    if (c.DATABASE_URL === undefined) ctx.addIssue({ code: 'custom', path: ['DATABASE_PASSWORD'], message: 'needs DATABASE_URL (the URL without the password)' });
    else if (URL.canParse(c.DATABASE_URL) && new URL(c.DATABASE_URL).password !== '') {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_PASSWORD'], message: 'DATABASE_URL already has a password: give it in one place' });
    }
  }
}

/** DATABASE_URL with DATABASE_PASSWORD put in, percent-encoded whatever characters it has. */
export function withDatabasePassword<T extends { DATABASE_URL?: string | undefined; DATABASE_PASSWORD?: string | undefined }>(c: T): T {
  if (c.DATABASE_PASSWORD === undefined || c.DATABASE_URL === undefined) return c;
  const url = new URL(c.DATABASE_URL);
  url.password = encodeURIComponent(c.DATABASE_PASSWORD);
  return { ...c, DATABASE_URL: url.toString() };
}
