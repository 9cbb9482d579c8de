// The Temporal binaries are resolved in one place: explicit path, then PATH (following or
// skipping script shims), then the SDK's download.
import { mkdtempSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveTemporalBinary } from '../../infra/temporal-binaries';

function fakeBinary(dir: string, name: string, content: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, content);
  chmodSync(file, 0o755);
  return file;
}

const root = mkdtempSync(path.join(tmpdir(), 'bins-'));
const ELF = '\x7fELF-not-really-but-not-a-script';

it('uses the explicit path when it is a real executable', () => {
  const file = fakeBinary(path.join(root, 'a'), 'temporal', ELF);
  expect(resolveTemporalBinary('temporal', { explicitPath: file, searchPath: '' })).toEqual({ type: 'existing-path', path: file });
});

it('refuses an explicit path that is missing or a script (a shim would orphan the server)', () => {
  expect(() => resolveTemporalBinary('temporal', { explicitPath: path.join(root, 'missing'), searchPath: '' })).toThrow(/not an executable/);
  const shim = fakeBinary(path.join(root, 'shim-explicit'), 'temporal-nope', '#!/bin/sh\nexit 1\n');
  expect(() => resolveTemporalBinary('temporal-nope', { explicitPath: shim, searchPath: '' })).toThrow(/not an executable/);
});

it('skips script shims on PATH and takes the first real binary', () => {
  const shimDir = path.join(root, 'shims');
  fakeBinary(shimDir, 'temporal-x', '#!/usr/bin/env bash\nexec something "$@"\n');
  const real = fakeBinary(path.join(root, 'real'), 'temporal-x', ELF);
  const searchPath = [path.join(root, 'empty'), shimDir, path.join(root, 'real')].join(path.delimiter);
  expect(resolveTemporalBinary('temporal-x', { searchPath })).toEqual({ type: 'existing-path', path: real });
});

it("falls back to the SDK's download when nothing is found", () => {
  expect(resolveTemporalBinary('temporal-none', { searchPath: path.join(root, 'empty') })).toEqual({ type: 'cached-download' });
});
