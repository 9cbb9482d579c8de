// The Kubernetes manifests (infra/deploy/k8s, kustomize; infra/deploy/postgres; the Temporal chart's values
// and certificates in infra/deploy/k8s/temporal) cannot be applied here (no cluster), so their
// structure is checked: API and worker replicas with liveness, readiness and startup probes on
// the endpoints the processes serve, resources, non-root containers, secrets mounted as files and
// read through *_FILE, a shutdown longer than the grace, only configuration keys the app knows;
// Temporal at the tested Server line with mutual TLS and the app holding the client certificate.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { knownConfigKeys, readText, ROOT, testedServerLine, yamlDocuments } from '../support/deployment-files';

interface Probe {
  httpGet?: { path: string; port: string };
  exec?: { command: string[] };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: Array<{ name: string; containerPort: number }>;
  env?: Array<{ name: string; value?: string; valueFrom?: unknown }>;
  envFrom?: Array<{ configMapRef?: { name: string } }>;
  volumeMounts?: Array<{ name: string; mountPath: string; readOnly?: boolean }>;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: { cpu?: string; memory?: string }; limits?: { memory?: string } };
  securityContext?: { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean; capabilities?: { drop?: string[] } };
}
interface Volume {
  name: string;
  secret?: { secretName: string; items?: Array<{ key: string; path: string }> };
  configMap?: { name: string; defaultMode?: number };
  emptyDir?: object;
}
interface Manifest {
  kind: string;
  metadata: { name: string };
  spec?: {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> };
    template?: {
      metadata: { labels: Record<string, string> };
      spec: { containers: Container[]; volumes?: Volume[]; terminationGracePeriodSeconds?: number; automountServiceAccountToken?: boolean; securityContext?: { runAsNonRoot?: boolean } };
    };
    ports?: Array<{ name: string; targetPort: string }>;
  };
}
interface Kustomization {
  namespace: string;
  resources: string[];
  configMapGenerator?: Array<{ name: string; literals?: string[]; envs?: string[]; files?: string[] }>;
  secretGenerator?: Array<{ name: string; files: string[] }>;
  images?: Array<{ name: string; newName: string; newTag: string }>;
}

const K8S = 'infra/deploy/k8s';
const kustomization = yamlDocuments(`${K8S}/kustomization.yaml`)[0] as Kustomization;
const manifests = kustomization.resources.flatMap((f) => yamlDocuments(`${K8S}/${f}`) as Manifest[]);
const deployment = (name: string) => {
  const d = manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === name);
  if (!d?.spec?.template) throw new Error(`no Deployment ${name}`);
  return { replicas: d.spec.replicas, pod: d.spec.template.spec, labels: d.spec.template.metadata.labels, container: d.spec.template.spec.containers[0]! };
};
const literal = (key: string) => kustomization.configMapGenerator?.[0]?.literals?.find((l) => l.startsWith(`${key}=`))?.split('=')[1];
/** KEY=value lines of an env file (comments and blanks skipped). */
const envFile = (file: string) =>
  Object.fromEntries(
    readText(file)
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );

describe('infra/deploy/k8s (kustomize)', () => {
  it('lists files that exist, and generates the config from site.env (its example committed) and the secrets from files', () => {
    for (const f of kustomization.resources) expect([f, existsSync(path.join(ROOT, K8S, f))]).toEqual([f, true]);
    expect(kustomization.configMapGenerator?.[0]?.envs).toEqual(['site.env']);
    expect(existsSync(path.join(ROOT, K8S, 'site.env.example'))).toBe(true);
    // site.env and secrets/ are the site's: never committed (kustomize stops when one is missing).
    expect(readText('.gitignore')).toMatch(/^infra\/deploy\/k8s\/site\.env$/m);
    expect(readText('.gitignore')).toMatch(/^infra\/deploy\/k8s\/secrets\/$/m);
    for (const f of kustomization.secretGenerator?.[0]?.files ?? []) expect(f).toMatch(/^[a-z0-9-]+=secrets\/[a-z0-9-]+$/);
  });

  it('uses only configuration keys the app knows, with the database password apart from its URL', () => {
    const known = knownConfigKeys();
    const site = envFile(`${K8S}/site.env.example`);
    const keys = [...Object.keys(site), ...(kustomization.configMapGenerator?.[0]?.literals ?? []).map((l) => l.split('=')[0]!)];
    expect(keys.filter((k) => !known.has(k))).toEqual([]);
    expect(new URL(site.DATABASE_URL!).password).toBe('');
    expect(site.TEMPORAL_ADDRESS).toMatch(/^temporal-frontend\.liaoyuan\.svc\.cluster\.local:7233$/);
  });

  describe.each([
    ['liaoyuan-api', 'dist/api/server.js', 'http'],
    ['liaoyuan-worker', 'dist/worker.js', 'probes'],
  ])('%s', (name, entry, port) => {
    const { replicas, pod, container, labels } = deployment(name);

    it('runs replicas of the image kustomize sets, with the compiled entry', () => {
      expect(replicas).toBeGreaterThanOrEqual(2);
      expect(container.image).toBe(kustomization.images?.[0]?.name);
      expect(container.command).toEqual(['node', entry]);
      expect(container.envFrom).toEqual([{ configMapRef: { name: 'liaoyuan-config' } }]);
    });

    it('probes liveness on /livez, readiness on /readyz, and gives the start a startup probe', () => {
      expect(container.livenessProbe?.httpGet).toEqual({ path: '/livez', port });
      expect(container.readinessProbe?.httpGet).toEqual({ path: '/readyz', port });
      expect(container.startupProbe?.httpGet).toEqual({ path: '/livez', port });
      expect(container.ports?.map((p) => p.name)).toEqual([port]);
    });

    it('asks for resources and caps memory', () => {
      expect(container.resources?.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(container.resources?.limits?.memory).toEqual(expect.any(String));
    });

    it('runs as non-root, read-only, without privileges or a service account token; its secret files readable by its group only', () => {
      for (const v of pod.volumes ?? []) if (v.secret) expect([v.name, (v.secret as { defaultMode?: number }).defaultMode]).toEqual([v.name, 0o440]);
      expect(pod.securityContext?.runAsNonRoot).toBe(true);
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    });

    it('stops with more time than the shutdown grace, so running work finishes', () => {
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(Number(literal('SHUTDOWN_GRACE_SECONDS')));
    });

    it('reads every secret from a mounted file (*_FILE, the TLS paths), never from a literal', () => {
      const known = knownConfigKeys();
      const env = container.env ?? [];
      expect(env.map((e) => e.name).filter((k) => !known.has(k))).toEqual([]);
      const generated = new Set((kustomization.secretGenerator?.[0]?.files ?? []).map((f) => f.split('=')[0]));
      for (const e of env.filter((x) => x.name.endsWith('_FILE') || x.name.startsWith('TEMPORAL_TLS_') && x.name.endsWith('_PATH'))) {
        const mount = container.volumeMounts?.find((m) => e.value?.startsWith(`${m.mountPath}/`));
        expect([e.name, mount?.readOnly]).toEqual([e.name, true]);
        const volume = pod.volumes?.find((v) => v.name === mount?.name);
        const file = path.basename(e.value ?? '');
        if (volume?.secret?.secretName === 'liaoyuan-secrets') {
          expect([e.name, volume.secret.items?.some((i) => i.path === file && generated.has(i.key))]).toEqual([e.name, true]);
        } else {
          expect([e.name, volume?.secret?.secretName]).toEqual([e.name, 'temporal-client-tls']);
          expect(['tls.crt', 'tls.key', 'ca.crt']).toContain(file);
        }
      }
      for (const e of env) expect([e.name, /SECRET$|PASSWORD$|TOKEN$|API_KEY$/.test(e.name)]).toEqual([e.name, false]);
    });

    it('has a Service on its named port and a disruption budget', () => {
      const service = manifests.find((m) => m.kind === 'Service' && m.metadata.name === name);
      expect(service?.spec?.ports?.[0]?.targetPort).toBe(port);
      const selector = (service?.spec as { selector?: Record<string, string> } | undefined)?.selector ?? {};
      expect(Object.keys(selector).length).toBeGreaterThan(0);
      for (const [k, v] of Object.entries(selector)) expect(labels[k]).toBe(v);
      expect(manifests.some((m) => m.kind === 'PodDisruptionBudget' && m.metadata.name === name)).toBe(true);
    });
  });

  it('gives the worker no sign-in secrets and the API no payment token', () => {
    const workerEnv = deployment('liaoyuan-worker').container.env?.map((e) => e.name) ?? [];
    const apiEnv = deployment('liaoyuan-api').container.env?.map((e) => e.name) ?? [];
    expect(workerEnv.filter((k) => k.startsWith('JWT_') || k.startsWith('BOOTSTRAP_'))).toEqual([]);
    expect(apiEnv).not.toContain('PAYMENT_GATEWAY_TOKEN_FILE');
    expect(apiEnv).toEqual(expect.arrayContaining(['JWT_SECRET_FILE', 'BOOTSTRAP_ADMIN_PASSWORD_FILE', 'DATABASE_PASSWORD_FILE']));
  });

  it('lets traffic in only through the Ingress (HTTPS) and to the metrics from the monitoring', () => {
    const ingress = manifests.find((m) => m.kind === 'Ingress') as unknown as { spec: { tls: unknown[]; rules: Array<{ http: { paths: Array<{ backend: { service: { name: string } } }> } }> } };
    expect(ingress.spec.tls.length).toBe(1);
    expect(ingress.spec.rules[0]?.http.paths[0]?.backend.service.name).toBe('liaoyuan-api');
    const policies = manifests.filter((m) => m.kind === 'NetworkPolicy').map((m) => m.metadata.name).sort();
    expect(policies).toEqual(['liaoyuan-api', 'liaoyuan-worker']);
  });
});

describe('Temporal on the cluster (infra/deploy/k8s/temporal)', () => {
  const values = parse(readText(`${K8S}/temporal/values.yaml`)) as {
    server: { image: { tag: string }; config: { namespaces: { namespace: Array<{ name: string; retention: string }> } }; tls: { frontend: { enabled: boolean; requireClientAuth: boolean; secretName: string } } };
    admintools: { image: { tag: string } };
    web: { ingress: { enabled: boolean } };
  };
  const certificates = yamlDocuments(`${K8S}/temporal/certificates.yaml`) as Array<{ kind: string; metadata: { name: string }; spec: { secretName?: string; usages?: string[] } }>;
  const line = testedServerLine();

  it(`runs the tested Server line ${line}, server and admin tools alike`, () => {
    expect(values.server.image.tag).toMatch(new RegExp(`^${line.replace('.', '\\.')}\\.\\d+$`));
    expect(values.admintools.image.tag).toBe(values.server.image.tag);
  });

  it('requires client certificates on the frontend; the app holds one from the same CA', () => {
    expect(values.server.tls.frontend).toEqual(expect.objectContaining({ enabled: true, requireClientAuth: true }));
    const client = certificates.find((c) => c.kind === 'Certificate' && c.spec.secretName === 'temporal-client-tls');
    expect(client?.spec.usages).toContain('client auth');
    expect(certificates.some((c) => c.spec.secretName === values.server.tls.frontend.secretName)).toBe(true);
    expect(deployment('liaoyuan-api').pod.volumes?.find((v) => v.name === 'temporal-client')?.secret?.secretName).toBe('temporal-client-tls');
  });

  it('creates the app namespace with a year of retention, and keeps the Web UI off the Ingress', () => {
    expect(values.server.config.namespaces.namespace).toEqual([{ name: literal('TEMPORAL_NAMESPACE'), retention: '365d' }]);
    expect(values.web.ingress.enabled).toBe(false);
  });
});

describe('infra/deploy/postgres (an in-cluster PostgreSQL)', () => {
  const k = yamlDocuments('infra/deploy/postgres/kustomization.yaml')[0] as Kustomization;
  const [statefulset] = yamlDocuments('infra/deploy/postgres/statefulset.yaml') as Manifest[];

  it('runs init-databases.sh (the compose files\' script) on its first start, as an executable', () => {
    expect(k.configMapGenerator?.[0]?.files).toEqual(['init-databases.sh']);
    expect(existsSync(path.join(ROOT, 'infra/deploy/postgres/init-databases.sh'))).toBe(true);
    const init = statefulset?.spec?.template?.spec.volumes?.find((v) => v.configMap?.name === k.configMapGenerator?.[0]?.name);
    expect(init?.configMap?.defaultMode).toBe(0o555);
    const container = statefulset?.spec?.template?.spec.containers[0];
    expect(container?.volumeMounts?.find((m) => m.name === init?.name)?.mountPath).toBe('/docker-entrypoint-initdb.d');
    expect(container?.readinessProbe?.exec?.command[0]).toBe('pg_isready');
  });
});
