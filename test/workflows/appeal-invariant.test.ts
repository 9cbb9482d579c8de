// 全兜底, as a property: until an appeal is closed it has exactly one responsible party and a
// deadline, whatever is done to it. fast-check drives random sequences of acts (mostly ones the
// appeal offers now, some it refuses) through the real appealWorkflow on the time-skipping server,
// with real activities, and checks after each
// step: one open clock, the one of its status (or the rating window while the enterprise rates), a
// party and a deadline; when closed, no open clock and no party.
// Not yet here: jumps of time between the acts (issue 11). On the time-skipping server 1.40.0 the
// first time skip after any workflow of the file has completed stalls for three to nine minutes of
// wall-clock time (measured: 177 s, 541 s), which makes hundreds of runs with jumps impossible; the
// timed paths (rungs, return and rating windows) are covered by appeal-paths.test.ts. Nor runs that
// continue as new every few acts: there an act sent while the run continues as new waited without
// end on that server (seen once in 108 runs); continue-as-new is covered by the kernel and 代办 tests.
// FC_RUNS sets the number of runs (default 200), FC_SEED replays a failure (the seed is printed).
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import fc from 'fast-check';
import { DEFAULT_APPEAL_LIMITS, proposeDispatch } from '../../domain/appeal/catalogue';
import { APPEAL_ACT_NAMES, type AppealActName } from '../../domain/appeal/acts';
import { isFinalAppealStatus } from '../../domain/appeal/status';
import { appealWorkflow } from '../../workflows';
import { appealActUpdate, appealViewQuery, type AppealAct } from '../../workflows/appeal/messages';
import { responsibility, STATUS_CLOCK, type AppealInput } from '../../workflows/appeal/state';
import type { AppealView } from '../../workflows/appeal/view';
import type { ActorRef } from '../../workflows/sla/messages';
import { workflowTestbed } from '../support/workflow-testbed';
import { eventually } from '../support/eventually';
import { guardServerClock } from '../support/time-skipping';

const RUNS = Number(process.env.FC_RUNS ?? 200);
const SEED = Number(process.env.FC_SEED ?? Date.now() % 2_147_483_647);
const TQ = 'appeal-invariant-test';
const YEAR = new Date().getUTCFullYear();

const tb = workflowTestbed({ taskQueue: TQ, demoPassword: 'appeal-invariant-1', users: ['ent1', 'gxj.reviewer', 'supervisor', 'nyj.reviewer', 'rmyh.reviewer'] });
let env: TestWorkflowEnvironment;
let client: Client;
let actors: Record<string, ActorRef> = {};
let ent1Id = '';
beforeAll(() => {
  ({ env, client, actors } = tb);
  ent1Id = tb.enterpriseOf['ent1']!;
});

// No jumps of time: the server clock stays near real time.
guardServerClock(() => env, { maxDaysAhead: 2 });

type Step = { kind: 'offered'; pick: number; variant: number } | { kind: 'any'; act: AppealActName; variant: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('offered' as const), pick: fc.nat(8), variant: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('any' as const), act: fc.constantFrom(...APPEAL_ACT_NAMES), variant: fc.nat(3) }) },
);

/** One act with a body of its kind; the workflow weighs the state, the API the roles (not tested here). */
function actOf(name: AppealActName, variant: number): AppealAct {
  const by = (u: string) => actors[u]!;
  switch (name) {
    case 'accept':
      return { act: name, priority: (['general', 'complex', 'urgent', 'general'] as const)[variant]!, actor: by('gxj.reviewer') };
    case 'not-accept':
      return { act: name, reason: '不在受理范围', referral: '12345 热线', actor: by('gxj.reviewer') };
    case 'dispatch':
      return { act: name, leadDepartment: (['NYJ', 'RMYH', 'NYJ', 'FY'] as const)[variant]!, coDepartments: variant === 2 ? ['RMYH'] : [], actor: by('supervisor') };
    case 'sign-for':
      return { act: name, actor: by('nyj.reviewer') };
    case 'return':
      return { act: name, reason: '非本部门职责', actor: by('nyj.reviewer') };
    case 'contribute':
      return { act: name, text: '协办意见', actor: by('rmyh.reviewer') };
    case 'reply':
      return { act: name, text: '答复意见', resolved: variant % 2 === 0, actor: by('nyj.reviewer') };
    case 'rate':
      return { act: name, level: (['satisfied', 'basically_satisfied', 'dissatisfied', 'dissatisfied'] as const)[variant]!, actor: by('ent1') };
    case 'conclude':
      return { act: name, conclusion: '督办结论', actor: by('supervisor') };
  }
}

/** The invariant, as a list of what is wrong (empty when it holds). */
function violations(v: AppealView): string[] {
  const open = v.clocks.filter((l) => l.state !== 'stopped').map((l) => l.stage);
  const r = responsibility(v.state, v.clocks);
  if (isFinalAppealStatus(v.state.status)) {
    return [...(r.party !== null ? [`closed (${v.state.status}) but ${r.party} answers for it`] : []), ...(open.length > 0 ? [`closed but clocks open: ${open.join(', ')}`] : [])];
  }
  const expected = STATUS_CLOCK[v.state.status];
  const wrong: string[] = [];
  if (r.party === null) wrong.push(`${v.state.status} has no responsible party`);
  if (r.deadlineAt === null) wrong.push(`${v.state.status} has no deadline`);
  if (r.party === 'lead_department' && !r.department) wrong.push('a lead department answers for it, but which?');
  if (JSON.stringify(open) !== JSON.stringify(expected ? [expected] : [])) wrong.push(`${v.state.status}: open clocks ${JSON.stringify(open)}, expected ${JSON.stringify(expected ? [expected] : [])}`);
  return wrong;
}

let seq = 0;
function input(): AppealInput {
  seq++;
  return {
    caseId: `SQ-${YEAR}-5${String(seq).padStart(5, '0')}`,
    title: `invariant run ${seq}`,
    enterpriseId: ent1Id,
    enterpriseName: '辽源测试企业',
    category: 'energy',
    description: 'random run',
    relatedPolicyCode: null,
    relatedCaseId: null,
    contactPhone: null,
    proposal: proposeDispatch('energy', null),
    limits: DEFAULT_APPEAL_LIMITS,
    filedBy: actors['ent1']!,
    filedAt: new Date().toISOString(),
  };
}

it(`全兜底: every open appeal has one responsible party and a deadline after every step (${RUNS} runs, seed ${SEED})`, async () => {
  let steps = 0;
  let refused = 0;
  const reached = new Set<string>();
  await fc.assert(
    fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 10 }), async (plan) => {
      const i = input();
      const handle = await client.workflow.start(appealWorkflow, {
        taskQueue: TQ,
        workflowId: `appeal-${i.caseId}`,
        args: [i],
      });
      try {
        let view = await eventually('the acceptance clock runs', () => handle.query(appealViewQuery), (v) => v.clocks.length > 0);
        const trail: string[] = [];
        const check = (after: string) => {
          const wrong = violations(view);
          if (wrong.length > 0) throw new Error(`after ${[...trail, after].join(' → ')}: ${wrong.join('; ')}`);
        };
        check('start');
        for (const step of plan) {
          if (isFinalAppealStatus(view.state.status)) break;
          steps++;
          const offered = view.actsAvailable;
          const name = step.kind === 'offered' ? offered[step.pick % Math.max(1, offered.length)] : step.act;
          if (!name) continue;
          try {
            await handle.executeUpdate(appealActUpdate, { args: [actOf(name, step.variant)] });
          } catch (err) {
            // A refusal leaves the appeal as it was; anything else is a failure of the run.
            if (!(err instanceof WorkflowUpdateFailedError)) throw err;
            refused++;
          }
          trail.push(name);
          view = await handle.query(appealViewQuery);
          reached.add(view.state.status);
          check(trail.at(-1) ?? '');
        }
      } finally {
        // An appeal left open would keep its clock's timers on the server for the rest of the file.
        const d = await handle.describe();
        // (It may close between the look and the terminate: then there is nothing to stop.)
        if (d.status.name === 'RUNNING') await handle.terminate('invariant run over').catch((e: unknown) => {
          if (!(e instanceof WorkflowNotFoundError)) throw e;
        });
      }
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
  // The runs reached the loop's far corners, not only its start.
  console.log(`appeal invariant: ${RUNS} runs, ${steps} steps, ${refused} refused acts, statuses reached: ${[...reached].sort().join(', ')} (seed ${SEED})`);
  if (RUNS >= 100) for (const s of ['in_handling', 'awaiting_rating', 'closed', 'awaiting_redispatch']) expect(reached).toContain(s);
}, 1_800_000);

