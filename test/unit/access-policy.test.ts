// The access policies of api/access/ as a role × scope matrix, without a database: for every
// caller (an enterprise's own user and another's, reviewers and heads of the lead department, a
// co-department and another department, the finance bureau while it pays and before, agents,
// supervisors, auditors, admins) whether they see a case, whether the list filter holds it (the
// filter is evaluated on the row here, so a read and a list cannot disagree), and which acts
// they may take. test/integration/application-access.test.ts runs the same rules through the API.
import type { Actor, TRole } from '../../domain/roles';
import type { DepartmentCode } from '../../domain/departments';
import type { CaseRecord, Prisma } from '../../generated/prisma/client';
import type { JsonFilterBase } from '../../generated/prisma/commonInputTypes';
import { APPLICATION_ACT_NAMES as APPLICATION_ACTS, type ApplicationActName } from '../../domain/application/acts';
import { SUPERVISOR_ACTS, type SupervisorAct } from '../../workflows/sla/messages';
import { applicationPolicy, policyFor, type CaseAccessPolicy, type Permission } from '../../api/access';
import { applicationCompactView } from '../../workflows/application/projection';
import { caseStateOf, type ApplicationInput } from '../../workflows/application/state';

const E1 = '00000000-0000-4000-8000-0000000000e1';
const E2 = '00000000-0000-4000-8000-0000000000e2';
const AGENT = '00000000-0000-4000-8000-00000000a001';

function actor(role: TRole, departmentCode: DepartmentCode | null, enterpriseId: string | null = null, userId = `${role}-${departmentCode ?? enterpriseId ?? 'x'}`): Actor {
  return { userId, username: userId, role, departmentCode, enterpriseId };
}

const CALLERS = {
  'enterprise of the case': actor('enterprise', null, E1),
  'enterprise of another': actor('enterprise', null, E2),
  'reviewer of the lead (GXJ)': actor('reviewer', 'GXJ'),
  'head of the lead (GXJ)': actor('dept_head', 'GXJ'),
  'reviewer of a co-department (SCJ)': actor('reviewer', 'SCJ'),
  'head of a co-department (SCJ)': actor('dept_head', 'SCJ'),
  'reviewer of another department (KJJ)': actor('reviewer', 'KJJ'),
  'head of another department (KJJ)': actor('dept_head', 'KJJ'),
  'finance reviewer (CZJ)': actor('reviewer', 'CZJ'),
  'finance head (CZJ)': actor('dept_head', 'CZJ'),
  'agent assigned': actor('agent', 'GXJ', null, AGENT),
  'agent not assigned': actor('agent', 'GXJ'),
  supervisor: actor('supervisor', 'GXJ'),
  auditor: actor('auditor', null),
  admin: actor('admin', null),
} as const;
type Caller = keyof typeof CALLERS;

function row(o: { caseType: string; view: Prisma.JsonValue; enterpriseId: string | null; departmentCode: string; assigneeId: string | null }): CaseRecord {
  const at = new Date('2026-06-01T00:00:00Z');
  return {
    caseId: 'SB-2026-000001',
    caseType: o.caseType,
    workflowId: 'wf',
    status: 'under_review',
    title: 't',
    departmentCode: o.departmentCode,
    assigneeId: o.assigneeId,
    enterpriseId: o.enterpriseId,
    policyCode: null,
    catalogueVersion: null,
    slaState: null,
    deadlineAt: null,
    deadlineProvisional: false,
    waitingFor: [],
    expectedAct: null,
    waitingRulesVersion: 1,
    view: o.view,
    projectionVersion: 1,
    openedAt: at,
    closedAt: null,
    updatedAt: at,
  };
}

/** A stored application view as the workflow projects it (its own projection functions): lead GXJ, SCJ countersigns. */
function applicationView(stageDepartment: string): Prisma.JsonObject {
  const input: ApplicationInput = {
    caseId: 'SB-2026-000001',
    title: 't',
    enterpriseId: E1,
    filedBy: { userId: 'u', username: 'u', role: 'enterprise', departmentCode: null },
    policyCode: 'M05',
    item: 'x',
    kind: 'award',
    facts: {},
    documents: [],
    catalogueVersion: 1,
    quote: { eligible: true, amountFen: 100, breakdown: [], reasons: [], pending: [], awardRecords: [] },
    leadDepartment: 'GXJ',
    coDepartments: ['SCJ'],
    sla: { acceptanceDays: 5, reviewDays: 10, publicityDays: 5, supplementDays: 10, paymentDays: 10 },
    startDayCounts: false,
    filedAt: '2026-06-01T00:00:00.000Z',
    budgetYear: 2026,
  };
  const state = { ...caseStateOf(input), status: 'under_review' as const };
  return JSON.parse(JSON.stringify({ ...applicationCompactView(input, state, { assigneeId: AGENT, department: stageDepartment }), clock: null })) as Prisma.JsonObject;
}

const CASES = {
  /** Under review at its lead department GXJ. */
  application: row({ caseType: 'application', view: applicationView('GXJ'), enterpriseId: E1, departmentCode: 'GXJ', assigneeId: AGENT }),
  /** Approved and being paid: the finance bureau's clock runs. */
  'application in funding': row({ caseType: 'application', view: applicationView('CZJ'), enterpriseId: E1, departmentCode: 'GXJ', assigneeId: AGENT }),
  /** A case type without its own policy (the SLA probe of the tests): no enterprise, no co-departments. */
  sla_probe: row({ caseType: 'sla_probe', view: { clock: null }, enterpriseId: null, departmentCode: 'GXJ', assigneeId: AGENT }),
} as const;
type CaseName = keyof typeof CASES;

// ---- a small evaluator of the Prisma filters the policies build ------------------------------

function jsonAt(value: Prisma.JsonValue, path: readonly string[]): Prisma.JsonValue | undefined {
  let cur: Prisma.JsonValue | undefined = value;
  for (const key of path) {
    if (cur === null || cur === undefined || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

function matchesJson(filter: JsonFilterBase<'CaseRecord'>, value: Prisma.JsonValue): boolean {
  const { path, equals, array_contains, ...rest } = filter;
  if (Object.keys(rest).length > 0) throw new Error(`the evaluator does not know ${Object.keys(rest).join(', ')}`);
  const at = jsonAt(value, Array.isArray(path) ? path : []);
  if (equals !== undefined) return at === equals;
  if (Array.isArray(array_contains)) return Array.isArray(at) && array_contains.every((x) => at.includes(x));
  throw new Error('a JSON filter without equals or array_contains');
}

/** Whether `where` holds `c`, for the operators the policies use; anything else fails the test. */
function matches(where: Prisma.CaseRecordWhereInput, c: CaseRecord): boolean {
  return Object.entries(where).every(([key, cond]) => {
    switch (key) {
      case 'OR':
        return Array.isArray(where.OR) && where.OR.some((w) => matches(w, c));
      case 'AND':
        return (Array.isArray(where.AND) ? where.AND : where.AND ? [where.AND] : []).every((w) => matches(w, c));
      case 'caseId':
        if (typeof where.caseId === 'object' && Array.isArray(where.caseId.in)) return where.caseId.in.includes(c.caseId);
        throw new Error('caseId: only { in } is known');
      case 'enterpriseId':
      case 'assigneeId':
      case 'departmentCode':
        if (typeof cond !== 'string') throw new Error(`${key}: only equality is known`);
        return c[key] === cond;
      case 'view':
        if (!where.view || typeof where.view !== 'object') throw new Error('view: only a JSON filter is known');
        return matchesJson(where.view, c.view);
      default:
        throw new Error(`the evaluator does not know ${key}`);
    }
  });
}

// ---- the matrix ----------------------------------------------------------------------------

const LEAD: readonly ApplicationActName[] = ['accept', 'request-supplement', 'not-accept', 'approve', 'reject', 'resolve-objection', 'objection'];
const HEAD_SUPERVISES: readonly SupervisorAct[] = ['urge', 'reassign', 'extend'];

interface Expected {
  /** Which of CASES the caller sees (and lists). */
  sees: readonly CaseName[];
  /** Application acts allowed on the cases it sees; every other act there is 403, elsewhere 404. */
  acts: readonly ApplicationActName[];
  /** Supervisor acts allowed, per case it sees; a role outside SUPERVISOR_ACT_ROLES is 403 everywhere. */
  supervises: Partial<Record<CaseName, readonly SupervisorAct[]>>;
}

const ALL: readonly CaseName[] = ['application', 'application in funding', 'sla_probe'];
const APPLICATIONS: readonly CaseName[] = ['application', 'application in funding'];

const MATRIX: Record<Caller, Expected> = {
  'enterprise of the case': { sees: APPLICATIONS, acts: ['supplement', 'withdraw', 'objection'], supervises: {} },
  'enterprise of another': { sees: [], acts: [], supervises: {} },
  'reviewer of the lead (GXJ)': { sees: ALL, acts: LEAD, supervises: {} },
  'head of the lead (GXJ)': { sees: ALL, acts: LEAD, supervises: { application: HEAD_SUPERVISES, 'application in funding': HEAD_SUPERVISES, sla_probe: HEAD_SUPERVISES } },
  // Sees the case it countersigns (the generic /cases view included), but supervises only its own.
  'reviewer of a co-department (SCJ)': { sees: APPLICATIONS, acts: ['countersign', 'objection'], supervises: {} },
  'head of a co-department (SCJ)': { sees: APPLICATIONS, acts: ['countersign', 'objection'], supervises: {} },
  'reviewer of another department (KJJ)': { sees: [], acts: [], supervises: {} },
  'head of another department (KJJ)': { sees: [], acts: [], supervises: {} },
  // The finance bureau sees (and its head supervises) a case while its payment stage runs.
  'finance reviewer (CZJ)': { sees: ['application in funding'], acts: ['objection'], supervises: {} },
  'finance head (CZJ)': { sees: ['application in funding'], acts: ['objection'], supervises: { 'application in funding': HEAD_SUPERVISES } },
  'agent assigned': { sees: ALL, acts: ['objection'], supervises: {} },
  'agent not assigned': { sees: [], acts: [], supervises: {} },
  supervisor: { sees: ALL, acts: ['objection'], supervises: { application: SUPERVISOR_ACTS, 'application in funding': SUPERVISOR_ACTS, sla_probe: SUPERVISOR_ACTS } },
  auditor: { sees: ALL, acts: [], supervises: {} },
  admin: { sees: ALL, acts: ['objection'], supervises: {} },
};

const callers = Object.keys(CALLERS) as Caller[];
const caseNames = Object.keys(CASES) as CaseName[];
const grid = callers.flatMap((caller) => caseNames.map((caseName) => [caller, caseName] as const));

it('each case type has its policy: applications their own, other types the generic one', () => {
  expect(policyFor('application')).toBe(applicationPolicy);
  expect(policyFor('sla_probe').caseType).toBe('sla_probe');
  expect(policyFor('sla_probe')).not.toBe(applicationPolicy);
});

describe.each(grid)('%s × %s', (caller, caseName) => {
  const who = CALLERS[caller];
  const c = CASES[caseName];
  const policy: CaseAccessPolicy = policyFor(c.caseType);
  const scope = policy.scopeOf(c);
  const expected = MATRIX[caller];
  const sees = expected.sees.includes(caseName);

  it(`${sees ? 'sees' : 'does not see'} the case, and the list filter agrees`, () => {
    expect(policy.canSee(who, scope)).toBe(sees);
    expect(matches(policy.listFilter(who), c)).toBe(sees);
  });

  it('may take exactly its supervisor acts', () => {
    const allowed = expected.supervises[caseName] ?? [];
    const got = Object.fromEntries(SUPERVISOR_ACTS.map((a) => [a, policy.maySupervise(who, scope, a)]));
    // A role that never takes the act is 403 whatever the case; otherwise outside its scope is 404.
    const roleTakes = (a: SupervisorAct) => who.role === 'supervisor' || (who.role === 'dept_head' && HEAD_SUPERVISES.includes(a));
    const want = Object.fromEntries(SUPERVISOR_ACTS.map((a): [SupervisorAct, Permission] => [a, allowed.includes(a) ? 'ok' : roleTakes(a) ? 'out_of_scope' : 'forbidden']));
    expect(got).toEqual(want);
  });

  if (c.caseType === 'application') {
    it.each([false, true])('may take exactly its application acts (in publicity: %s)', (inPublicity) => {
      const got = Object.fromEntries(APPLICATION_ACTS.map((a) => [a, applicationPolicy.mayAct(who, scope, a, inPublicity)]));
      const want = Object.fromEntries(
        APPLICATION_ACTS.map((a): [ApplicationActName, Permission] => {
          // 公示: an objection is open to every role that acts at all, in scope or not.
          if (a === 'objection' && inPublicity && !sees) return [a, who.role === 'auditor' ? 'forbidden' : 'ok'];
          if (!sees) return [a, 'out_of_scope'];
          return [a, expected.acts.includes(a) ? 'ok' : 'forbidden'];
        }),
      );
      expect(got).toEqual(want);
    });
  }
});

it('staff without a department and an enterprise user without an enterprise see nothing', () => {
  for (const who of [actor('reviewer', null), actor('dept_head', null), actor('enterprise', null, null)]) {
    for (const c of Object.values(CASES)) {
      const policy = policyFor(c.caseType);
      expect(policy.canSee(who, policy.scopeOf(c))).toBe(false);
      expect(matches(policy.listFilter(who), c)).toBe(false);
    }
  }
});
