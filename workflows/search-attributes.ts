// Custom search attributes, registered once when the embedded dev server's namespace is first
// created (a persistent dev server ignores later ones; SQLite allows 10 Keyword and 3 Datetime).
// Lists and reports come from Postgres; these exist for operators in the Temporal UI.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const SA_CASE_TYPE = defineSearchAttributeKey('CaseType', SearchAttributeType.KEYWORD);
export const SA_CASE_NUMBER = defineSearchAttributeKey('CaseNumber', SearchAttributeType.KEYWORD);
export const SA_CASE_STATUS = defineSearchAttributeKey('CaseStatus', SearchAttributeType.KEYWORD);
export const SA_POLICY_CODE = defineSearchAttributeKey('PolicyCode', SearchAttributeType.KEYWORD);
export const SA_DEPARTMENT = defineSearchAttributeKey('DepartmentCode', SearchAttributeType.KEYWORD);
export const SA_ENTERPRISE_ID = defineSearchAttributeKey('EnterpriseId', SearchAttributeType.KEYWORD);
export const SA_DEADLINE = defineSearchAttributeKey('SlaDeadline', SearchAttributeType.DATETIME);

export const ALL_SEARCH_ATTRIBUTES = [
  SA_CASE_TYPE,
  SA_CASE_NUMBER,
  SA_CASE_STATUS,
  SA_POLICY_CODE,
  SA_DEPARTMENT,
  SA_ENTERPRISE_ID,
  SA_DEADLINE,
];
