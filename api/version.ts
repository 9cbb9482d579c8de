import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The package version, read once (package.json sits two levels up in both src and dist). */
function readVersion(): string {
  for (const rel of ['..', path.join('..', '..')]) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(__dirname, rel, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'liaoyuan-enterprise-services' && pkg.version) return pkg.version;
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0-unknown';
}

export const APP_VERSION = readVersion();
