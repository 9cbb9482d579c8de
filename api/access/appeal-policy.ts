// The access policy of a 诉求 appeal: the enterprise sees its own; GXJ runs the platform (its
// reviewers and heads see every appeal, accept it and dispatch it); the lead department and the
// co-departments of the current dispatch see it (a department it was returned from, or dispatched
// away from, no longer does); the supervisor redispatches a reopened appeal and concludes one
// rated dissatisfied after its last reopening.
import type { AppealActName } from '../../domain/appeal/acts';
import type { TAppealStatus } from '../../domain/appeal/status';
import type { Actor } from '../../domain/roles';
import type { CaseRecord } from '../../generated/prisma/client';
import { PLATFORM_DEPARTMENT } from '../../workflows/appeal/state';
import { storedAppealView, type TStoredAppealView } from '../schemas/appeal-view';
import { casePolicyBase, columnScope, type CaseAccessPolicy, type CaseScope, type Permission } from './case-policy';

export interface AppealAccessPolicy extends CaseAccessPolicy {
  /** The scope and the parsed stored view, in one parse (a read needs both). */
  scopeAndView(c: CaseRecord): { scope: CaseScope; view: TStoredAppealView };
  /** `status`: dispatch of a reopened appeal (awaiting_redispatch) is the supervisor's alone. */
  mayAct(actor: Actor, scope: CaseScope, act: AppealActName, status: TAppealStatus): Permission;
}

/** The platform's acts: acceptance and the first dispatch (and a dispatch after a return). */
const PLATFORM_ACTS: readonly AppealActName[] = ['accept', 'not-accept', 'dispatch'];
/** The lead department's acts. */
const LEAD_ACTS: readonly AppealActName[] = ['sign-for', 'return', 'reply'];

function scopeAndView(c: CaseRecord): { scope: CaseScope; view: TStoredAppealView } {
  const view = storedAppealView(c.caseId, c.view);
  // department_code is the lead once dispatched (GXJ before); view.departments is [lead, ...co].
  return { scope: columnScope(c, view.departments.filter((d) => d !== c.departmentCode), view.stageDepartment), view };
}

const staffOf = (actor: Actor, dept: string | null): boolean => (actor.role === 'reviewer' || actor.role === 'dept_head') && dept !== null && actor.departmentCode === dept;

const base = casePolicyBase(
  'appeal',
  scopeAndView,
  (dept) => [{ departmentCode: dept }, { view: { path: ['departments'], array_contains: [dept] } }, { view: { path: ['stageDepartment'], equals: dept } }],
  { platformDepartment: PLATFORM_DEPARTMENT },
);

export const appealPolicy: AppealAccessPolicy = {
  ...base,

  mayAct(actor, scope, act, status) {
    if (!base.canSee(actor, scope)) return 'out_of_scope';
    if (act === 'dispatch' && status === 'awaiting_redispatch') return actor.role === 'supervisor' ? 'ok' : 'forbidden';
    if (PLATFORM_ACTS.includes(act)) return actor.role === 'supervisor' || staffOf(actor, PLATFORM_DEPARTMENT) ? 'ok' : 'forbidden';
    // The platform cannot sign, return or reply for the department the appeal was dispatched to.
    if (LEAD_ACTS.includes(act)) return staffOf(actor, scope.leadDepartment) ? 'ok' : 'forbidden';
    if (act === 'contribute') return actor.departmentCode !== null && scope.coDepartments.includes(actor.departmentCode) && staffOf(actor, actor.departmentCode) ? 'ok' : 'forbidden';
    if (act === 'rate') return actor.role === 'enterprise' ? 'ok' : 'forbidden';
    if (act === 'conclude') return actor.role === 'supervisor' ? 'ok' : 'forbidden';
    // Auditors see every appeal and change none; an administrator runs the platform, not cases.
    return 'forbidden';
  },
};
