// Workflow ids from business keys, one helper per case type.
export const applicationWorkflowId = (caseId: string) => `application-${caseId}`;
export const proxyCaseWorkflowId = (caseId: string) => `proxy-${caseId}`;
export const appealWorkflowId = (caseId: string) => `appeal-${caseId}`;

/** The case number a case workflow's id carries (for logs), or null for other workflows. */
export function caseIdOfWorkflowId(workflowId: string): string | null {
  const m = /^(?:application|proxy|appeal)-([A-Z]{2}-\d{4}-\d{6})$/.exec(workflowId);
  return m?.[1] ?? null;
}
export const CASE_NUMBER_PREFIX = { application: 'SB', proxy: 'DB', appeal: 'SQ' } as const;

/** SB-2026-000123 */
export function formatCaseNumber(prefix: string, year: number, n: number): string {
  return `${prefix}-${year}-${String(n).padStart(6, '0')}`;
}
