// The inbox: who each case waits on, one rule per case type (a new type plugs in by adding its
// rule here; without one it gets the generic rule), and the SLA state an inbox item shows.
import { appealWaiting } from './appeal-waiting';
import { applicationWaiting } from './application-waiting';
import { genericWaiting } from './generic-waiting';
import { proxyWaiting } from './proxy-waiting';
import type { ProjectedCase, Waiting, WaitingRule } from './rule';

const RULES: Readonly<Record<string, WaitingRule>> = { application: applicationWaiting, proxy: proxyWaiting, appeal: appealWaiting };

/** The case types that have a rule of their own (the inbox's and the search's `type` filter). */
export const INBOX_CASE_TYPES = ['application', 'proxy', 'appeal'] as const;

export function waitingOf(c: ProjectedCase): Waiting {
  if (c.closedAt !== null) return null;
  return (RULES[c.caseType] ?? genericWaiting)(c);
}

/**
 * The version of the rules above. Raise it with every change of a rule: the worker then computes
 * the columns of every stored case again at its start (rows written by older rules would be stale).
 */
export const WAITING_RULES_VERSION = 1;

export interface WaitingColumns {
  waitingFor: string[];
  expectedAct: string | null;
  waitingRulesVersion: number;
}

/** The read model's columns (cases.waiting_for, expected_act, waiting_rules_version) of a projected case. */
export function waitingColumns(c: ProjectedCase): WaitingColumns {
  const w = waitingOf(c);
  const parties = w ? [...new Set(w.parties)].sort() : [];
  return { waitingFor: parties, expectedAct: w && parties.length > 0 ? w.act.code : null, waitingRulesVersion: WAITING_RULES_VERSION };
}

export { expectedActOf, type ExpectedAct } from './acts';
export { escalationTargetsOf, partyKeysOf } from './parties';
export type { ProjectedCase, Waiting, WaitingRule } from './rule';
export * from './sla';
