// docker-compose.yml (self-hosted Temporal) and docker-compose.temporal-cloud.yml (a Temporal the
// city does not run) cannot run here (no Docker engine), so their structure is checked instead:
// Temporal's current topology (schema job, server with its dynamic config, namespace job) at the
// Server line the tests run on, nothing published but the API (and the UI on loopback), every
// secret required, passwords apart from URLs, probes on every long-running service, and only
// configuration keys the application knows.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { knownConfigKeys, readText, requiredVariable, ROOT, testedServerLine, yamlDocuments } from '../support/deployment-files';

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  entrypoint?: string[];
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  ports?: string[];
  volumes?: string[];
  secrets?: string[];
  stop_grace_period?: string;
  restart?: string;
}
interface Compose {
  name: string;
  services: Record<string, Service>;
  secrets?: Record<string, { file: string }>;
  volumes?: Record<string, unknown>;
}

const load = (file: string) => yamlDocuments(file)[0] as Compose;
const selfHosted = load('docker-compose.yml');
const cloud = load('docker-compose.temporal-cloud.yml');
const both = [
  ['docker-compose.yml', selfHosted],
  ['docker-compose.temporal-cloud.yml', cloud],
] as const;
const line = testedServerLine();

describe('docker-compose.yml: self-hosted Temporal on PostgreSQL', () => {
  const s = selfHosted.services;

  it('has the official topology: schema job, server, namespace job, UI, and the app', () => {
    expect(Object.keys(s).sort()).toEqual(['api', 'postgres', 'temporal', 'temporal-namespace', 'temporal-schema', 'temporal-ui', 'worker']);
    expect(s['temporal-schema']?.entrypoint).toEqual(['/bin/sh', '/deploy/setup-schema.sh']);
    expect(s.temporal?.depends_on).toEqual({ 'temporal-schema': { condition: 'service_completed_successfully' } });
    expect(s['temporal-namespace']?.depends_on).toEqual({ temporal: { condition: 'service_healthy' } });
    for (const app of ['api', 'worker']) expect(s[app]?.depends_on?.['temporal-namespace']).toEqual({ condition: 'service_completed_successfully' });
  });

  it(`pins temporalio/server and admin-tools to the tested Server line ${line}, never auto-setup`, () => {
    expect(s.temporal?.image).toMatch(new RegExp(`^temporalio/server:${line.replace('.', '\\.')}\\.\\d+$`));
    for (const job of ['temporal-schema', 'temporal-namespace']) expect(s[job]?.image).toBe(s.temporal?.image?.replace('server', 'admin-tools'));
    expect(readText('docker-compose.yml')).not.toContain('auto-setup');
    expect(s['temporal-ui']?.image).toMatch(/^temporalio\/ui:\d+\.\d+\.\d+$/);
    expect(s.postgres?.image).toMatch(/^postgres:\d+(\.\d+)*$/);
  });

  it('mounts the dynamic config the server is told to read, and the job scripts that exist', () => {
    const volume = s.temporal?.volumes?.[0] ?? '';
    const [host, container] = volume.split(':');
    const file = s.temporal?.environment?.DYNAMIC_CONFIG_FILE_PATH ?? '';
    expect(file.startsWith(`${container}/`)).toBe(true);
    expect(existsSync(path.join(ROOT, host!, path.basename(file)))).toBe(true);
    for (const script of ['infra/deploy/temporal/setup-schema.sh', 'infra/deploy/temporal/create-namespace.sh', 'infra/deploy/postgres/init-databases.sh']) expect(existsSync(path.join(ROOT, script))).toBe(true);
  });

  it('gives Temporal and the app each their own database role, and a retention that keeps a year of closed cases', () => {
    expect(s.temporal?.environment).toEqual(expect.objectContaining({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres', POSTGRES_USER: 'temporal' }));
    expect(new URL(s.api!.environment!.DATABASE_URL!).username).toBe('liaoyuan');
    expect(s['temporal-namespace']?.environment?.RETENTION).toBe('${TEMPORAL_RETENTION:-365d}');
    expect(s['temporal-namespace']?.environment?.NAMESPACE).toBe(s.api?.environment?.TEMPORAL_NAMESPACE);
  });

  it('publishes no Temporal port; the UI only on loopback', () => {
    expect(s.temporal?.ports).toBeUndefined();
    expect(s['temporal-ui']?.ports).toEqual(['127.0.0.1:8080:8080']);
  });
});

describe('docker-compose.temporal-cloud.yml: a Temporal the city does not run', () => {
  it('runs PostgreSQL, the API and the worker only, over TLS to Temporal, with an API key or mTLS files', () => {
    expect(Object.keys(cloud.services).sort()).toEqual(['api', 'postgres', 'worker']);
    for (const app of ['api', 'worker']) {
      const env = cloud.services[app]?.environment ?? {};
      expect(requiredVariable(env.TEMPORAL_ADDRESS)).toBe('TEMPORAL_ADDRESS');
      expect(requiredVariable(env.TEMPORAL_NAMESPACE)).toBe('TEMPORAL_NAMESPACE');
      expect(env.TEMPORAL_TLS).toBe('true');
      expect(Object.keys(env)).toEqual(expect.arrayContaining(['TEMPORAL_API_KEY', 'TEMPORAL_TLS_CLIENT_CERT_PATH', 'TEMPORAL_TLS_CLIENT_KEY_PATH']));
      expect(cloud.services[app]?.volumes).toEqual(
        app === 'api' ? ['./infra/deploy/temporal-client:/run/temporal-client:ro', 'documents:/data'] : ['./infra/deploy/temporal-client:/run/temporal-client:ro'],
      );
    }
    // No Temporal database on this PostgreSQL: init-databases.sh skips it without the password.
    expect(cloud.services.postgres?.environment?.TEMPORAL_DB_PASSWORD).toBeUndefined();
  });
});

describe.each(both)('%s', (_file, compose) => {
  const s = compose.services;

  it('builds the API and the worker from the one Dockerfile and runs the compiled entries', () => {
    expect(s.api?.build).toBe('.');
    expect(s.worker?.build).toBe('.');
    expect(s.api?.command).toEqual(['node', 'dist/api/server.js']);
    expect(s.worker?.command).toEqual(['node', 'dist/worker.js']);
  });

  it('publishes the API alone of the app and the database', () => {
    expect(s.api?.ports).toEqual(['${API_PUBLISH_PORT:-443}:3000']);
    for (const name of ['worker', 'postgres']) expect(s[name]?.ports).toBeUndefined();
  });

  it('serves the API over HTTPS from certificate files given as compose secrets', () => {
    expect(s.api?.environment).toEqual(expect.objectContaining({ API_TLS_CERT_PATH: '/run/secrets/api_tls_cert', API_TLS_KEY_PATH: '/run/secrets/api_tls_key' }));
    expect(s.api?.secrets).toEqual(['api_tls_cert', 'api_tls_key']);
    expect(requiredVariable(compose.secrets?.api_tls_cert?.file)).toBe('API_TLS_CERT');
    expect(requiredVariable(compose.secrets?.api_tls_key?.file)).toBe('API_TLS_KEY');
  });

  it('requires every secret (${VAR:?}), never a default password', () => {
    const api = s.api?.environment ?? {};
    const worker = s.worker?.environment ?? {};
    for (const key of ['JWT_SECRET', 'BOOTSTRAP_ADMIN_PASSWORD', 'DATABASE_PASSWORD', 'METRICS_TOKEN']) expect([key, requiredVariable(api[key])]).toEqual([key, expect.any(String)]);
    for (const key of ['DATABASE_PASSWORD', 'METRICS_TOKEN', 'PAYMENT_GATEWAY']) expect([key, requiredVariable(worker[key])]).toEqual([key, expect.any(String)]);
    expect(requiredVariable(s.postgres?.environment?.POSTGRES_PASSWORD)).toBe('POSTGRES_PASSWORD');
    for (const svc of Object.values(s)) {
      for (const [key, value] of Object.entries(svc.environment ?? {})) {
        // Secrets only some deployments use are empty by default (unset), never a default value.
        if (/PASSWORD|SECRET|TOKEN|PWD/.test(key) && ['PAYMENT_GATEWAY_TOKEN', 'S3_SECRET_ACCESS_KEY'].includes(key)) expect([key, value]).toEqual([key, `\${${key}:-}`]);
        else if (/PASSWORD|SECRET|TOKEN|PWD/.test(key)) expect([key, requiredVariable(value)]).toEqual([key, expect.any(String)]);
      }
    }
  });

  it('keeps passwords out of URLs and gives the worker no sign-in secrets', () => {
    for (const app of ['api', 'worker']) expect(new URL(s[app]!.environment!.DATABASE_URL!).password).toBe('');
    expect(Object.keys(s.worker?.environment ?? {})).not.toContain('BOOTSTRAP_ADMIN_PASSWORD');
    expect(Object.keys(s.worker?.environment ?? {})).not.toContain('JWT_SECRET');
  });

  it('keeps the case documents in a named volume at the API\'s DATA_DIR, or in the S3 bucket the variables name', () => {
    const env = s.api?.environment ?? {};
    expect(s.api?.volumes).toContain(`documents:${env.DATA_DIR}`);
    expect(Object.keys(compose.volumes ?? {})).toContain('documents');
    expect(env.DOCUMENT_STORE).toBe('${DOCUMENT_STORE:-fs}');
    for (const key of ['S3_ENDPOINT', 'S3_BUCKET', 'S3_FORCE_PATH_STYLE', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) expect([key, env[key]]).toEqual([key, `\${${key}:-}`]);
    // The worker handles no documents.
    expect(Object.keys(s.worker?.environment ?? {})).not.toContain('DOCUMENT_STORE');
  });

  it('gives the API and the worker only configuration keys the application knows', () => {
    const known = knownConfigKeys();
    for (const app of ['api', 'worker']) expect([app, Object.keys(s[app]?.environment ?? {}).filter((k) => !known.has(k))]).toEqual([app, []]);
    expect(s.worker?.environment?.WORKER_HTTP_HOST).toBe('0.0.0.0');
    expect(s.api?.environment?.HOST).toBe('0.0.0.0');
  });

  it('has a health check on every long-running service, the app\'s through the image\'s healthcheck script', () => {
    // Not the one-shot jobs, nor the Web UI (a convenience on loopback; nothing depends on it).
    const longRunning = Object.entries(s).filter(([name, svc]) => !svc.restart?.startsWith('on-failure') && name !== 'temporal-ui');
    expect(longRunning.filter(([, svc]) => (svc.healthcheck?.test?.length ?? 0) === 0).map(([name]) => name)).toEqual([]);
    expect(s.api?.healthcheck?.test).toEqual(['CMD', 'node', 'dist/scripts/healthcheck.js']);
    expect(s.worker?.healthcheck?.test).toEqual(['CMD', 'node', 'dist/scripts/healthcheck.js', 'worker']);
  });

  it('stops the app with more time than its shutdown grace, so running activities finish', () => {
    for (const app of ['api', 'worker']) {
      const grace = Number(s[app]?.environment?.SHUTDOWN_GRACE_SECONDS);
      expect(Number.parseInt(s[app]?.stop_grace_period ?? '0', 10)).toBeGreaterThan(grace);
    }
  });

  it('depends only on services that exist', () => {
    for (const [name, svc] of Object.entries(s)) for (const dep of Object.keys(svc.depends_on ?? {})) expect([name, dep in s]).toEqual([name, true]);
  });
});

describe('Dockerfile and .dockerignore', () => {
  const dockerfile = readText('Dockerfile');
  const ignored = readText('.dockerignore').split('\n').map((l) => l.trim());

  it('runs the current Node LTS (24) in every stage, production dependencies only, as an unprivileged user, with a HEALTHCHECK', () => {
    const froms = [...dockerfile.matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(froms.length).toBeGreaterThanOrEqual(2);
    for (const f of froms) expect(f).toMatch(/^node:24-/);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*dist\/scripts\/healthcheck\.js/m);
    // The final stage copies node_modules from the production-only install, never the build's.
    expect(dockerfile).toMatch(/COPY --from=production-dependencies \/app\/node_modules/);
    expect(existsSync(path.join(ROOT, 'scripts', 'healthcheck.ts'))).toBe(true);
  });

  it('keeps secrets, generated code and local state out of the build context', () => {
    for (const entry of ['.env', '.env.*', 'node_modules', 'dist', 'generated', '.data', 'test-results', '.git', 'coverage', '*.pem', '*.key']) expect([entry, ignored.includes(entry)]).toEqual([entry, true]);
  });
});
