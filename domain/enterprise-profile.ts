// The enterprise profile as stated facts (issue 18, item 0): each fact with who stated it and
// when. A PUT of the profile replaces the facts; a fact whose value did not change keeps its
// statement, a new or changed one is stated by the caller now, an omitted one is gone.
import { z } from 'zod';
import { ZEnterpriseProfileFacts } from './enterprise';
import { ZRole, type Actor } from './roles';

export const ZProfileStatement = z.object({
  by: z.string().describe('username of who stated the fact'),
  role: ZRole.describe('their role: enterprise (stated) or staff (verified or corrected)'),
  at: z.string().describe('when, ISO instant'),
});
export type ProfileStatement = z.infer<typeof ZProfileStatement>;
export const ZProfileStatements = z.record(z.string(), ZProfileStatement);
export type ProfileStatements = z.infer<typeof ZProfileStatements>;

export const ZPutProfile = z
  .object({
    aboveScale: z.boolean().optional().describe('规上; omitted: unchanged'),
    facts: ZEnterpriseProfileFacts,
  })
  .strict();
export type TPutProfile = z.infer<typeof ZPutProfile>;

/** JSON with object keys sorted: two equal values give the same text. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * The statements after a change from `before` to `after` (both fact records): unchanged facts
 * keep theirs, new or changed ones are stated by `actor` at `at`; facts no longer there lose theirs.
 */
export function restate(
  before: Readonly<Record<string, unknown>>,
  statements: ProfileStatements,
  after: Readonly<Record<string, unknown>>,
  actor: Pick<Actor, 'username' | 'role'>,
  at: string,
): ProfileStatements {
  const next: ProfileStatements = {};
  for (const [fact, value] of Object.entries(after)) {
    if (value === undefined) continue;
    const kept = statements[fact];
    next[fact] = kept && fact in before && canonical(before[fact]) === canonical(value) ? kept : { by: actor.username, role: actor.role, at };
  }
  return next;
}

/** The facts that changed between two fact records (added, changed or removed), sorted. */
export function changedFacts(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => canonical(before[k]) !== canonical(after[k])).sort();
}
