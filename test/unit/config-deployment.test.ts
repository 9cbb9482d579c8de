// The deployment keys of the configuration: secrets read from *_FILE, the database password apart
// from its URL (any characters), keys that go together, and the Temporal connection built from
// them through @temporalio/envconfig (TLS, an mTLS client pair, an API key, a TOML profile).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseConnectionString } from 'pg-connection-string';
import { parseConfig } from '../../infra/config';
import { configErrorOf } from '../support/env';
import { temporalTargetFromConfig } from '../../infra/temporal';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'config-deployment-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}


const SECRET = 's3cr3t-from-a-mounted-file-0123456789';

describe('secrets from *_FILE', () => {
  it.each(['JWT_SECRET', 'BOOTSTRAP_ADMIN_PASSWORD', 'TEMPORAL_API_KEY', 'METRICS_TOKEN', 'DATABASE_PASSWORD', 'PAYMENT_GATEWAY_TOKEN'] as const)(
    'reads %s from the file %s_FILE names, without its trailing newline',
    (key) => {
      const env = { [`${key}_FILE`]: file(`${key}.txt`, `${SECRET}\n`), DATABASE_URL: 'postgresql://app@db:5432/liaoyuan' };
      const c = parseConfig(env);
      if (key === 'DATABASE_PASSWORD') expect(parseConnectionString(c.DATABASE_URL!).password).toBe(SECRET);
      else expect(c[key]).toBe(SECRET);
    },
  );

  it('reads DATABASE_URL and JWT_PREVIOUS_SECRETS from files too', () => {
    const c = parseConfig({ DATABASE_URL_FILE: file('url', 'postgresql://app:pw@db:5432/x\n'), JWT_PREVIOUS_SECRETS_FILE: file('prev', `${'a'.repeat(32)},${'b'.repeat(32)}`) });
    expect(c.DATABASE_URL).toBe('postgresql://app:pw@db:5432/x');
    expect(c.JWT_PREVIOUS_SECRETS).toEqual(['a'.repeat(32), 'b'.repeat(32)]);
  });

  it('validates what the file holds like the variable, without echoing it', () => {
    const message = configErrorOf({ JWT_SECRET_FILE: file('short', 'hunter2') });
    expect(message).toMatch(/^\s+JWT_SECRET: must be at least 32 characters/m);
    expect(message).not.toContain('hunter2');
  });

  it('refuses a key given both ways, a missing file and an empty one, naming the _FILE key and the path only', () => {
    const both = configErrorOf({ JWT_SECRET: SECRET, JWT_SECRET_FILE: file('both', SECRET) });
    expect(both).toMatch(/^\s+JWT_SECRET_FILE: set JWT_SECRET or JWT_SECRET_FILE, not both/m);
    expect(both).not.toContain(SECRET);
    const missing = path.join(dir, 'nope');
    expect(configErrorOf({ TEMPORAL_API_KEY_FILE: missing })).toMatch(new RegExp(`^\\s+TEMPORAL_API_KEY_FILE: cannot read ${missing} \\(ENOENT\\)`, 'm'));
    expect(configErrorOf({ METRICS_TOKEN_FILE: file('empty', '\n') })).toMatch(/^\s+METRICS_TOKEN_FILE: .* is empty/m);
  });
});

describe('DATABASE_PASSWORD', () => {
  it.each(['p@ss:w/rd?#%41', '密码 with spaces', "it's (*) !"])('is URL-encoded into DATABASE_URL, and pg reads it back unchanged: %s', (password) => {
    const c = parseConfig({ DATABASE_URL: 'postgresql://liaoyuan@postgres:5432/liaoyuan', DATABASE_PASSWORD: password });
    const seen = parseConnectionString(c.DATABASE_URL!);
    expect(seen).toEqual(expect.objectContaining({ user: 'liaoyuan', password, host: 'postgres', port: '5432', database: 'liaoyuan' }));
  });

  it('refuses a password in both places, or without a URL', () => {
    expect(configErrorOf({ DATABASE_URL: 'postgresql://a:b@h/d', DATABASE_PASSWORD: 'x' })).toMatch(/^\s+DATABASE_PASSWORD: DATABASE_URL already has a password/m);
    expect(configErrorOf({ DATABASE_PASSWORD: 'x' })).toMatch(/^\s+DATABASE_PASSWORD: needs DATABASE_URL/m);
  });
});

describe('keys that go together', () => {
  it.each([
    [{ TEMPORAL_TLS_CLIENT_CERT_PATH: '/c.pem' }, 'TEMPORAL_TLS_CLIENT_KEY_PATH'],
    [{ TEMPORAL_TLS_CLIENT_KEY_PATH: '/k.pem' }, 'TEMPORAL_TLS_CLIENT_CERT_PATH'],
    [{ API_TLS_CERT_PATH: '/c.pem' }, 'API_TLS_KEY_PATH'],
    [{ PAYMENT_GATEWAY: 'http', PAYMENT_GATEWAY_TOKEN: 'x'.repeat(16) }, 'PAYMENT_GATEWAY_URL'],
    [{ PAYMENT_GATEWAY: 'http', PAYMENT_GATEWAY_URL: 'https://treasury.example/api' }, 'PAYMENT_GATEWAY_TOKEN'],
  ])('%j lacks %s', (env, key) => {
    expect(configErrorOf(env)).toMatch(new RegExp(`^\\s+${key}: `, 'm'));
  });

  it('has the documented defaults', () => {
    expect(parseConfig({})).toEqual(
      expect.objectContaining({ WORKER_HTTP_HOST: '127.0.0.1', WORKER_HTTP_PORT: 3001, TEMPORAL_SDK_METRICS_PORT: 9465, SHUTDOWN_GRACE_SECONDS: 30, TEST_DEPLOYMENT: false }),
    );
    expect(parseConfig({}).PAYMENT_GATEWAY).toBeUndefined();
  });
});

describe('the Temporal connection (temporalTargetFromConfig, through @temporalio/envconfig)', () => {
  const target = (env: Record<string, string>) => temporalTargetFromConfig(parseConfig({ TEMPORAL_ADDRESS: 'temporal.example:7233', ...env }));

  it('plain: the address and namespace, no TLS', () => {
    expect(target({ TEMPORAL_NAMESPACE: 'liaoyuan' })).toEqual({ address: 'temporal.example:7233', namespace: 'liaoyuan' });
    expect(target({}).namespace).toBe('default');
  });

  it('an API key (Temporal Cloud): the key, over TLS', () => {
    const t = target({ TEMPORAL_API_KEY_FILE: file('api-key', 'cloud-api-key-123\n'), TEMPORAL_NAMESPACE: 'liaoyuan.a1b2c' });
    expect(t).toEqual({ address: 'temporal.example:7233', namespace: 'liaoyuan.a1b2c', apiKey: 'cloud-api-key-123', tls: true });
  });

  it('mTLS: the client pair and the CA read from their files, and the server name', () => {
    const t = target({
      TEMPORAL_TLS_CLIENT_CERT_PATH: file('client.pem', 'CLIENT CERT'),
      TEMPORAL_TLS_CLIENT_KEY_PATH: file('client.key', 'CLIENT KEY'),
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: file('ca.pem', 'CA CERT'),
      TEMPORAL_TLS_SERVER_NAME: 'temporal-frontend',
    });
    expect(t.tls).toEqual({
      serverNameOverride: 'temporal-frontend',
      serverRootCACertificate: Buffer.from('CA CERT'),
      clientCertPair: { crt: Buffer.from('CLIENT CERT'), key: Buffer.from('CLIENT KEY') },
    });
    expect(t.apiKey).toBeUndefined();
  });

  it('TEMPORAL_TLS=true alone: TLS with the system roots; false: none even with an API key', () => {
    expect(target({ TEMPORAL_TLS: 'true' }).tls).toEqual({});
    expect(target({ TEMPORAL_TLS: 'false', TEMPORAL_API_KEY: 'k' }).tls).toBe(false);
  });

  it('a missing certificate file stops the start, naming the path', () => {
    const missing = path.join(dir, 'absent.pem');
    expect(() => target({ TEMPORAL_TLS_CLIENT_CERT_PATH: missing, TEMPORAL_TLS_CLIENT_KEY_PATH: missing })).toThrow(missing);
  });

  it('a TOML profile (TEMPORAL_CONFIG_FILE, TEMPORAL_PROFILE), the variables winning over it', () => {
    const toml = file('temporal.toml', ['[profile.prod]', 'address = "prod.tmprl.cloud:7233"', 'namespace = "liaoyuan.prod"', 'api_key = "from-profile"', ''].join('\n'));
    const fromProfile = temporalTargetFromConfig(parseConfig({ TEMPORAL_CONFIG_FILE: toml, TEMPORAL_PROFILE: 'prod' }));
    expect(fromProfile).toEqual({ address: 'prod.tmprl.cloud:7233', namespace: 'liaoyuan.prod', apiKey: 'from-profile', tls: true });
    const overridden = temporalTargetFromConfig(parseConfig({ TEMPORAL_CONFIG_FILE: toml, TEMPORAL_PROFILE: 'prod', TEMPORAL_ADDRESS: 'other:7233' }));
    expect(overridden.address).toBe('other:7233');
  });
});
