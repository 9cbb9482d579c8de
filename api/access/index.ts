// The access policy of each case type; a type without its own gets the generic one.
import { appealPolicy } from './appeal-policy';
import { applicationPolicy } from './application-policy';
import type { CaseAccessPolicy } from './case-policy';
import { genericPolicy } from './generic-policy';
import { proxyPolicy } from './proxy-policy';

const POLICIES: Readonly<Record<string, CaseAccessPolicy>> = { application: applicationPolicy, proxy: proxyPolicy, appeal: appealPolicy };

export function policyFor(caseType: string): CaseAccessPolicy {
  return POLICIES[caseType] ?? genericPolicy(caseType);
}

export { appealPolicy, type AppealAccessPolicy } from './appeal-policy';
export { applicationPolicy, filingRemit, OBJECTING_ROLES, type ApplicationAccessPolicy } from './application-policy';
export { proxyPolicy, type ProxyAccessPolicy } from './proxy-policy';
export { SUPERVISOR_ACT_ROLES, type CaseAccessPolicy, type CaseScope, type Permission } from './case-policy';
