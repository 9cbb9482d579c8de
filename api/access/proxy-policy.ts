// The access policy of a 代办 proxy case: GXJ's proxy team owns it, the approving authorities of
// its items take part (their reviewers and heads see it and record their decisions on their
// items), and the agent sees only the cases assigned to them. 帮办代办不包办: the agent prepares
// and files, the authority decides, the enterprise confirms, entrusts and rates.
import type { Actor } from '../../domain/roles';
import type { ProxyActName } from '../../domain/proxy/acts';
import type { CaseRecord } from '../../generated/prisma/client';
import { PROXY_DEPARTMENT } from '../../workflows/proxy/projection';
import { storedProxyView, type TStoredProxyView } from '../schemas/proxy-view';
import { canSeeScope, casePolicyBase, columnScope, type CaseAccessPolicy, type CaseScope, type Permission } from './case-policy';

export interface ProxyAccessPolicy extends CaseAccessPolicy {
  /** The scope and the parsed stored view, in one parse (a read needs both). */
  scopeAndView(c: CaseRecord): { scope: CaseScope; view: TStoredProxyView };
  /** `itemAuthority`: the current authority of the item a return or an approval is about. */
  mayAct(actor: Actor, scope: CaseScope, act: ProxyActName, itemAuthority?: string): Permission;
}

/** What the enterprise does on its own case. */
const ENTERPRISE_ACTS: readonly ProxyActName[] = ['confirm', 'entrust', 'provide-materials', 'problem', 'rate', 'terminate'];
/** What the assigned agent does (provide-materials: the agent records what the enterprise handed over). */
const AGENT_ACTS: readonly ProxyActName[] = ['note', 'problem', 'request-materials', 'provide-materials', 'guide', 'submit', 'return', 'approve'];
/** The authority's own decisions on its item, recorded by its reviewers and heads. */
const AUTHORITY_ACTS: readonly ProxyActName[] = ['return', 'approve'];
/** The proxy team's head and the supervisors direct the case. */
const DIRECTING_ACTS: readonly ProxyActName[] = ['assign', 'reassign', 'note', 'resolve-problem'];
const SUPERVISOR_ONLY_ACTS: readonly ProxyActName[] = ['close-stalled', 'complete-follow-up'];

function scopeAndView(c: CaseRecord): { scope: CaseScope; view: TStoredProxyView } {
  const view = storedProxyView(c.caseId, c.view);
  // GXJ in department_code; the items' authorities are the co-departments.
  return { scope: columnScope(c, view.authorities, view.stageDepartment), view };
}

export const proxyPolicy: ProxyAccessPolicy = {
  ...casePolicyBase('proxy', scopeAndView, (dept) => [
    { departmentCode: dept },
    { view: { path: ['authorities'], array_contains: [dept] } },
    { view: { path: ['stageDepartment'], equals: dept } },
  ]),

  mayAct(actor, scope, act, itemAuthority) {
    if (!canSeeScope(actor, scope)) return 'out_of_scope';
    switch (actor.role) {
      case 'enterprise':
        return ENTERPRISE_ACTS.includes(act) ? 'ok' : 'forbidden';
      case 'agent':
        return scope.assigneeId === actor.userId && AGENT_ACTS.includes(act) ? 'ok' : 'forbidden';
      case 'supervisor':
        return DIRECTING_ACTS.includes(act) || SUPERVISOR_ONLY_ACTS.includes(act) ? 'ok' : 'forbidden';
      case 'reviewer':
      case 'dept_head': {
        const dept = actor.departmentCode;
        if (AUTHORITY_ACTS.includes(act) && dept !== null && dept === itemAuthority) return 'ok';
        if (actor.role === 'dept_head' && dept === PROXY_DEPARTMENT && DIRECTING_ACTS.includes(act)) return 'ok';
        return 'forbidden';
      }
      default:
        // Auditors see every case and change none; an administrator runs the platform, not cases.
        return 'forbidden';
    }
  },
};
