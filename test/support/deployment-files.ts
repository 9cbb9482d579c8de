// Reading the deployment files (compose files, Kubernetes manifests, Dockerfile) for the
// structural tests: no Docker engine or cluster runs here, so their shape is what is checked.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { FILE_SECRET_KEYS } from '../../infra/config-deployment';
import { ZConfig } from '../../infra/config';

export const ROOT = path.resolve(__dirname, '..', '..');

export const readText = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

/** Every YAML document of a file (`merge: true` resolves `<<: *anchor`). */
export function yamlDocuments(file: string): unknown[] {
  return parseAllDocuments(readText(file), { merge: true }).map((d) => {
    if (d.errors.length > 0) throw new Error(`${file}: ${d.errors.map((e) => e.message).join('; ')}`);
    return d.toJS({ maxAliasCount: 1000 }) as unknown;
  });
}

/** The Temporal Server line the tests run on, from .ci/run ("temporal CLI 1.9.1 (Server 1.32.0)"). */
export function testedServerLine(): string {
  const m = /Server (\d+\.\d+)\.\d+/.exec(readText('.ci/run'));
  if (!m?.[1]) throw new Error('.ci/run does not name the Temporal Server version of its CLI');
  return m[1];
}

/** Configuration keys the app reads: the schema's, and KEY_FILE for the secrets that allow it. */
export function knownConfigKeys(): Set<string> {
  return new Set([...Object.keys(ZConfig.shape), ...FILE_SECRET_KEYS.map((k) => `${k}_FILE`)]);
}

/** The variable of a required `${VAR:?message}` value, or null when the value is something else. */
export function requiredVariable(value: unknown): string | null {
  return typeof value === 'string' ? (/^\$\{([A-Z0-9_]+):\?[^}]+\}$/.exec(value)?.[1] ?? null) : null;
}
