import type { Client } from '@temporalio/client';
import type { BenchStack } from '../stack';

export interface BenchContext {
  client: Client;
  stack: BenchStack;
  iterations: number;
  concurrency: number;
  /** Open cases for open-cases and inbox; storm cases for deadline-storm. */
  cases: number;
  stormCases: number;
  /** The workers' maxCachedWorkflows (--cache); default the worker's own. */
  cache?: number;
  /** A handful of everything: the CI smoke that keeps the scenarios from rotting. */
  smoke: boolean;
}

/** What a scenario prints: its lines, and whether each goal it checks was met (null: not a goal). */
export interface BenchReport {
  lines: string[];
  goals: Array<{ goal: string; met: boolean }>;
}
