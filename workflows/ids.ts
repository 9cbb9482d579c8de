// Workflow ids from business keys, one helper per case type.
export const applicationWorkflowId = (caseId: string) => `application-${caseId}`;
export const proxyCaseWorkflowId = (caseId: string) => `proxy-${caseId}`;
export const appealWorkflowId = (caseId: string) => `appeal-${caseId}`;
export const CASE_NUMBER_PREFIX = { application: 'SB', proxy: 'DB', appeal: 'SQ' } as const;

/** SB-2026-000123 */
export function formatCaseNumber(prefix: string, year: number, n: number): string {
  return `${prefix}-${year}-${String(n).padStart(6, '0')}`;
}
