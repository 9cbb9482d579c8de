// The linter is what keeps workflow code deterministic and the layers apart: prove the rules bite.
import path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '..', '..');
const eslint = new ESLint({ cwd: ROOT });

async function messagesFor(relativeFile: string, code: string): Promise<string[]> {
  // lintText with the path of an existing file gives it the rules (and type information) of that path.
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, relativeFile) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

jest.setTimeout(60_000);

it('refuses Node built-ins, Prisma, config and runtime activity imports in workflow files', async () => {
  const msgs = await messagesFor(
    'workflows/ping.ts',
    [
      "import { readFileSync } from 'node:fs';",
      "import { PrismaClient } from '../generated/prisma/client';",
      "import { loadConfig } from '../infra/config';",
      "import { createActivities } from '../activities';",
      'export const x = [readFileSync, PrismaClient, loadConfig, createActivities];',
    ].join('\n'),
  );
  const restricted = msgs.filter((m) => m.startsWith('no-restricted-imports'));
  for (const source of ["'node:fs'", "'../generated/prisma/client'", "'../infra/config'", "'../activities'"]) {
    expect([source, restricted.some((m) => m.includes(`${source} import is restricted`))]).toEqual([source, true]);
  }
});

it('allows activities by `import type` in workflow files', async () => {
  const msgs = await messagesFor('workflows/ping.ts', "import type { Activities } from '../activities';\nexport type A = Activities;\n");
  expect(msgs).toEqual([]);
});

it('refuses process.env outside the config module', async () => {
  const msgs = await messagesFor('api/version.ts', 'export const x = process.env.SECRET;\n');
  expect(msgs.some((m) => m.startsWith('no-restricted-properties'))).toBe(true);
});

it('refuses a floating promise', async () => {
  const msgs = await messagesFor('domain/errors.ts', 'async function f(): Promise<void> {}\nexport function g(): void { f(); }\n');
  expect(msgs.some((m) => m.startsWith('@typescript-eslint/no-floating-promises'))).toBe(true);
});

/** The sources a file's no-restricted-imports messages name. */
async function restrictedSources(relativeFile: string, imports: string[]): Promise<string[]> {
  const code = imports.map((from, i) => `import * as m${i} from '${from}';`).join('\n') + `\nexport const all = [${imports.map((_, i) => `m${i}`).join(', ')}];\n`;
  const msgs = await messagesFor(relativeFile, code);
  return imports.filter((from) => msgs.some((m) => m.startsWith('no-restricted-imports') && m.includes(`'${from}' import is restricted`)));
}

it('keeps the domain pure: no other layer, no database, Temporal or HTTP', async () => {
  const imports = ['../activities/sla', '../infra/config', '../api/errors', '../workflows/ids', '@temporalio/workflow', 'fastify', 'node:fs', '../generated/prisma/client'];
  expect(await restrictedSources('domain/money.ts', imports)).toEqual(imports);
  expect(await restrictedSources('domain/money.ts', ['./errors', 'zod'])).toEqual([]);
});

it('keeps the API off the activities and infrastructure off the API', async () => {
  expect(await restrictedSources('api/version.ts', ['../activities/sla', '@temporalio/worker', '../infra/config', '../domain/money'])).toEqual(['../activities/sla', '@temporalio/worker']);
  expect(await restrictedSources('infra/ports.ts', ['../api/errors', '../activities/sla', './config', '../domain/money'])).toEqual(['../api/errors', '../activities/sla']);
  expect(await restrictedSources('activities/sla.ts', ['../api/errors', '../infra/config'])).toEqual(['../api/errors']);
});
