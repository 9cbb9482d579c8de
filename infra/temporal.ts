// Connections to a Temporal server: the client side (API, tests, bench) and the worker side.
// In production one configuration says where and how (temporalTargetFromConfig): address,
// namespace, TLS with an optional mTLS client certificate, or a Temporal Cloud API key, under
// the names @temporalio/envconfig reads (TEMPORAL_ADDRESS, TEMPORAL_API_KEY, TEMPORAL_TLS_*),
// plus an optional TOML profile (TEMPORAL_CONFIG_FILE, TEMPORAL_PROFILE).
import { Client, Connection } from '@temporalio/client';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import { loadClientConnectConfig } from '@temporalio/envconfig';
import { NativeConnection } from '@temporalio/worker';
import type { AppConfig } from './config';

/** The namespace when neither TEMPORAL_NAMESPACE nor a profile names one. */
export const DEFAULT_NAMESPACE = 'default';

export interface TemporalTarget {
  address: string;
  namespace: string;
  /** true: TLS with the system's roots; an object: a CA, a server name, an mTLS client pair. */
  tls?: TLSConfig | boolean;
  /** Temporal Cloud API key: sent as a bearer token, over TLS. */
  apiKey?: string;
  /** Extra gRPC headers (a profile's grpc_meta). */
  metadata?: Record<string, string>;
}

/** The envconfig variables the configuration holds, as the text envconfig reads. */
function envconfigVariables(config: AppConfig): Record<string, string> {
  const vars: Record<string, string | undefined> = {
    TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS,
    TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
    TEMPORAL_API_KEY: config.TEMPORAL_API_KEY,
    TEMPORAL_TLS: config.TEMPORAL_TLS === undefined ? undefined : String(config.TEMPORAL_TLS),
    TEMPORAL_TLS_CLIENT_CERT_PATH: config.TEMPORAL_TLS_CLIENT_CERT_PATH,
    TEMPORAL_TLS_CLIENT_KEY_PATH: config.TEMPORAL_TLS_CLIENT_KEY_PATH,
    TEMPORAL_TLS_SERVER_CA_CERT_PATH: config.TEMPORAL_TLS_SERVER_CA_CERT_PATH,
    TEMPORAL_TLS_SERVER_NAME: config.TEMPORAL_TLS_SERVER_NAME,
    TEMPORAL_CONFIG_FILE: config.TEMPORAL_CONFIG_FILE,
    TEMPORAL_PROFILE: config.TEMPORAL_PROFILE,
  };
  return Object.fromEntries(Object.entries(vars).filter((e): e is [string, string] => e[1] !== undefined));
}

/**
 * Where and how to reach Temporal, from the configuration through @temporalio/envconfig (so a
 * TOML profile and the variables combine as in every Temporal SDK and the CLI). Certificate
 * files are read here: a missing one stops the process at start, not at the first call.
 * `address` overrides the configured one (the embedded dev server's).
 */
export function temporalTargetFromConfig(config: AppConfig, address?: string): TemporalTarget {
  const loaded = loadClientConnectConfig({
    // Only the variables above, never the whole environment (infra/config.ts reads it once), and
    // no default file under $HOME unless TEMPORAL_CONFIG_FILE names one.
    overrideEnvVars: envconfigVariables(config),
    disableFile: config.TEMPORAL_CONFIG_FILE === undefined,
  });
  const { connectionOptions: o } = loaded;
  const target = address ?? o.address;
  if (!target) throw new Error('no Temporal address: set TEMPORAL_ADDRESS (or the profile in TEMPORAL_CONFIG_FILE)');
  return {
    address: target,
    // TEMPORAL_NAMESPACE, else the profile's (envconfig applied that order), else `default`.
    namespace: loaded.namespace ?? DEFAULT_NAMESPACE,
    ...(o.tls !== undefined && o.tls !== null ? { tls: o.tls } : {}),
    ...(o.apiKey !== undefined ? { apiKey: o.apiKey } : {}),
    ...(o.metadata !== undefined ? { metadata: textHeaders(o.metadata) } : {}),
  };
}

/** A profile's grpc_meta is text; binary header values have no place in a configuration. */
function textHeaders(metadata: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function connectionOptions(target: TemporalTarget) {
  return {
    address: target.address,
    ...(target.tls !== undefined ? { tls: target.tls } : {}),
    ...(target.apiKey !== undefined ? { apiKey: target.apiKey } : {}),
    ...(target.metadata !== undefined ? { metadata: target.metadata } : {}),
  };
}

export async function connectClient(target: TemporalTarget): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect(connectionOptions(target));
  return { client: new Client({ connection, namespace: target.namespace }), connection };
}

export function connectWorker(target: TemporalTarget): Promise<NativeConnection> {
  return NativeConnection.connect(connectionOptions(target));
}

/** A readiness probe: the frontend answers and the namespace exists. */
export function temporalProbe(connection: Pick<Connection, 'workflowService'> | Pick<NativeConnection, 'workflowService'>, namespace: string) {
  return {
    name: 'temporal' as const,
    check: async () => {
      await connection.workflowService.describeNamespace({ namespace });
    },
  };
}
