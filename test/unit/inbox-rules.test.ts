// The inbox's pure rules: who a case waits on in the statuses the API tests do not reach (会签 in
// parallel, an open objection, funds, a payment refused, an authority's decision, a reopened
// appeal), the party keys of each role, and the SLA state at the edges of "due soon".
import { loadBundledCalendar } from '../../domain/calendar';
import { PLATFORM_DEPARTMENT } from '../../domain/departments';
import { DUE_SOON_WORKING_DAYS, partyKeysOf, slaBounds, slaOf, waitingColumns, workingDaysLeft, type ProjectedCase } from '../../domain/inbox';
import type { Actor } from '../../domain/roles';
import { PLATFORM_DEPARTMENT as WORKFLOW_PLATFORM } from '../../workflows/appeal/state';
import calendarFile from '../../../shared/data/cn-calendar-2025-2026.json';

const ENT = '11111111-1111-4111-8111-111111111111';
const USER = '22222222-2222-4222-8222-222222222222';
const base: ProjectedCase = { caseId: 'X', caseType: 'application', status: 'under_review', departmentCode: 'SCJ', assigneeId: null, enterpriseId: ENT, closedAt: null, view: {} };
const appView = (o: { countersigns?: string[]; objections?: Array<object | null> } = {}) => ({
  input: { leadDepartment: 'SCJ', coDepartments: ['GXJ', 'KJJ'] },
  state: { countersigns: (o.countersigns ?? []).map((department) => ({ department })), objections: (o.objections ?? []).map((resolution) => ({ resolution })) },
  stageDepartment: 'CZJ',
});
const cols = (c: Partial<ProjectedCase>) => waitingColumns({ ...base, ...c });

describe('who a case waits on', () => {
  it('applications: parallel countersigns, an open objection, funds, a refused payment, nobody while paying or closed', () => {
    expect(cols({ status: 'awaiting_countersign', view: appView({ countersigns: ['GXJ'] }) })).toMatchObject({ waitingFor: ['staff:KJJ'], expectedAct: 'countersign' });
    expect(cols({ status: 'awaiting_countersign', view: appView() }).waitingFor).toEqual(['staff:GXJ', 'staff:KJJ']);
    expect(cols({ status: 'in_publicity', view: appView({ objections: [null] }), assigneeId: USER })).toMatchObject({ waitingFor: [`user:${USER}`], expectedAct: 'resolve-objection' });
    expect(cols({ status: 'in_publicity', view: appView({ objections: [{ upheld: false }] }) })).toMatchObject({ waitingFor: [], expectedAct: null });
    expect(cols({ status: 'awaiting_funds', view: appView() })).toMatchObject({ waitingFor: ['staff:CZJ'], expectedAct: 'fund' });
    expect(cols({ status: 'payment_failed', view: appView() })).toMatchObject({ waitingFor: [`enterprise:${ENT}`], expectedAct: 'correct-bank-account' });
    expect(cols({ status: 'paying', view: appView() }).waitingFor).toEqual([]);
    expect(cols({ status: 'under_review', view: appView(), closedAt: new Date() }).waitingFor).toEqual([]);
  });

  it('proxy cases: the authorities an item was submitted to; appeals: the supervisor after a reopening; other types: the department', () => {
    const item = (authority: string, status: string) => ({ stage: 's1', authority, status, materialsRequest: null });
    const view = { waitingOn: 'authority', currentStage: 's1', state: { items: [item('ZJJ', 'submitted'), item('ZRZYJ', 'submitted'), item('SCJ', 'approved'), { ...item('FGW', 'submitted'), stage: 's2' }] } };
    expect(cols({ caseType: 'proxy', status: 'in_progress', departmentCode: 'GXJ', view })).toMatchObject({ waitingFor: ['staff:ZJJ', 'staff:ZRZYJ'], expectedAct: 'decide-item' });
    expect(cols({ caseType: 'appeal', status: 'awaiting_redispatch' })).toMatchObject({ waitingFor: ['supervisor'], expectedAct: 'redispatch' });
    expect(cols({ caseType: 'appeal', status: 'in_handling', departmentCode: 'NYJ' })).toMatchObject({ waitingFor: ['staff:NYJ'], expectedAct: 'reply' });
    expect(cols({ caseType: 'sla-probe', status: 'running', departmentCode: 'KJJ' })).toMatchObject({ waitingFor: ['staff:KJJ'], expectedAct: 'handle' });
    expect(PLATFORM_DEPARTMENT).toBe(WORKFLOW_PLATFORM);
  });

  it('gives each role its party keys; auditors and administrators none', () => {
    const actor = (role: Actor['role'], departmentCode: Actor['departmentCode'], enterpriseId: string | null = null): Actor => ({ userId: USER, username: 'u', role, departmentCode, enterpriseId });
    expect(partyKeysOf(actor('dept_head', 'SCJ'))).toEqual(['staff:SCJ', 'head:SCJ', `user:${USER}`]);
    expect(partyKeysOf(actor('enterprise', null, ENT))).toEqual([`enterprise:${ENT}`]);
    expect(partyKeysOf(actor('auditor', null))).toEqual([]);
    expect(partyKeysOf(actor('admin', null))).toEqual([]);
  });
});

describe('the SLA state of an item', () => {
  const calendar = loadBundledCalendar(calendarFile);
  // Wednesday 2026-06-17 10:00 Asia/Shanghai; 端午节 2026-06-19..06-21 (Friday to Sunday) is off.
  const now = new Date('2026-06-17T02:00:00Z');
  const b = slaBounds(calendar, now);
  const end = (date: string) => new Date(`${date}T16:00:00Z`);
  it(`is due soon with at most ${DUE_SOON_WORKING_DAYS} working days left, counted on the working calendar`, () => {
    const at = (date: string) => [slaOf({ slaState: 'running', deadlineAt: end(date) }, b), workingDaysLeft(calendar, end(date), now)];
    expect(at('2026-06-17')).toEqual(['due_soon', 0]);
    expect(at('2026-06-18')).toEqual(['due_soon', 1]);
    // Over the holiday: Monday 06-22 is the second working day after today.
    expect(at('2026-06-22')).toEqual(['due_soon', 2]);
    expect(at('2026-06-23')).toEqual(['on_time', 3]);
    expect(at('2026-06-16')).toEqual(['overdue', 0]);
    expect(workingDaysLeft(calendar, end('2026-06-12'), now)).toBe(-2);
    expect(slaOf({ slaState: 'suspended', deadlineAt: end('2026-09-23') }, b)).toBe('suspended');
    expect(slaOf({ slaState: 'running', deadlineAt: null }, b)).toBe('on_time');
  });
});
