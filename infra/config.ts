// The only place that reads process.env. Parsed once at the process edge by a zod schema;
// a bad or missing value stops the process with a message naming the key.
import { z } from 'zod';
import { readSecretFiles, withDatabasePassword, checkDeploymentKeys, ZDeploymentKeys } from './config-deployment';
import { zFlag, zPort, zSecretList, zSeconds } from './config-values';
import { checkDocumentKeys, ZDocumentKeys } from './config-documents';

export const ZConfig = z.object({
  TEMPORAL_ADDRESS: z.string().min(3).optional(),
  // Unset: a TOML profile's namespace (TEMPORAL_CONFIG_FILE), else `default` (infra/temporal.ts).
  TEMPORAL_NAMESPACE: z.string().min(1).optional(),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('liaoyuan-cases'),
  TEMPORAL_CLI_PATH: z.string().min(1).optional(),
  TEMPORAL_TEST_SERVER_PATH: z.string().min(1).optional(),
  TEMPORAL_PORT: zPort.default(7233),
  TEMPORAL_UI_PORT: zPort.default(8233),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL').optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: zPort.default(3000),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  // Rotation: move the old JWT_SECRET here when a new one is set; tokens it signed keep working
  // until it is removed (at the latest JWT_TTL_SECONDS later, nothing it signed is still valid).
  JWT_PREVIOUS_SECRETS: zSecretList.default([]),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(1800),
  // Sign-in brute-force limits (api/auth/login-guard.ts), counted per API process.
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_FAILURE_WINDOW_SECONDS: zSeconds.default(900),
  LOGIN_LOCKOUT_SECONDS: zSeconds.default(900),
  LOGIN_ADDRESS_MAX_FAILURES: z.coerce.number().int().min(1).max(100_000).default(30),
  LOGIN_ADDRESS_WINDOW_SECONDS: zSeconds.default(900),
  // /docs and /docs/json; unset: on for `npm start`, off for dist/api/server.js (api/server.ts).
  API_DOCS: zFlag.optional(),
  DATA_DIR: z.string().min(1).default('./.data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_SEED: zFlag.optional(),
  // The recommended products catalogue (measure 10): how long a listing stays after its approval,
  // and whether GET /api/v1/public/product-catalogue answers without an account.
  PRODUCT_LISTING_VALID_DAYS: z.coerce.number().int().min(1).max(3650).default(730),
  PRODUCT_CATALOGUE_PUBLIC: zFlag.optional(),
  // Searched for the temporal binaries when TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH are unset.
  PATH: z.string().default(''),
  // Production: creates the account `admin` with this password on start when it does not exist.
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('Liaoyuan#2026'),
  // Production deployment: Temporal TLS / API key, database password, metrics, probes, shutdown, payments.
  ...ZDeploymentKeys.shape,
  // Case documents: the store (DATA_DIR/documents or an S3-compatible bucket) and the size limits.
  ...ZDocumentKeys.shape,
})
  .superRefine(checkDeploymentKeys)
  .superRefine(checkDocumentKeys);

export type AppConfig = z.infer<typeof ZConfig>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses an environment; throws ConfigError naming every bad key (never echoing secret values). */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): AppConfig {
  // An empty variable means "not set": shells and compose files often export KEY= .
  const present = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
  // Secrets may come from files (KEY_FILE=/run/secrets/...): Kubernetes and Docker mount them so.
  const { values, problems } = readSecretFiles(present);
  const result = ZConfig.safeParse(values);
  const lines = [...problems, ...(result.success ? [] : result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`))];
  if (lines.length > 0 || !result.success) throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  return withDatabasePassword(result.data);
}

let cached: AppConfig | undefined;

/** The process configuration, parsed on first use and cached. */
export function loadConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** For entry points: print the problem and exit instead of a stack trace. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
}
