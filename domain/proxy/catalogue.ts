// The 代办 proxy service as configuration (measures 39, 40): the stages of a project's approvals,
// the approval items (事项) of each with the authority that decides it, and the time limits in
// working days. Data, not code: a case takes its plan from here when it is filed and keeps it (a
// later change of the defaults never moves a running case's limits). The defaults are documented
// in workflows/proxy/README.md; the text of measure 39 names the stages, not their limits.
import { z } from 'zod';
import type { DepartmentCode } from '../departments';
import { ZDepartmentCode } from '../roles';

/** The standard stages of measure 39, in the order a project meets them. */
export const STANDARD_STAGES = ['initiation', 'planning_permit', 'construction_permit', 'completion_acceptance'] as const;
export type StandardStage = (typeof STANDARD_STAGES)[number];

/** The green-channel items of measure 40 (frequent post-production items). */
export const GREEN_ITEMS = ['licence_change', 'qualification_renewal'] as const;
export type GreenItem = (typeof GREEN_ITEMS)[number];

/** The one stage a green-channel case has: its items run in parallel. */
export const GREEN_STAGE = 'green_channel';

export const ZItemConfig = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
  labelZh: z.string(),
  label: z.string(),
  authority: ZDepartmentCode,
  workingDays: z.number().int().min(1).max(120),
});
export type TItemConfig = z.infer<typeof ZItemConfig>;

export const ZStageConfig = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
  labelZh: z.string(),
  label: z.string(),
  workingDays: z.number().int().min(1).max(120),
  items: z.array(ZItemConfig).min(1),
});

export const ZProxyConfig = z.object({
  stages: z.array(ZStageConfig).length(STANDARD_STAGES.length),
  greenItems: z.array(ZItemConfig).length(GREEN_ITEMS.length),
  /** The reform target of the whole case: working days of agent and authority time (enterprise waits not counted). */
  reformTargetDays: z.number().int().min(1).max(400),
  /** The head or a supervisor assigns an agent within this many working days of filing (or of the enterprise's confirmation). */
  assignmentDays: z.number().int().min(1).max(10),
  /** A coordination request (协调解决办事问题) is answered by the supervisor within this many working days. */
  problemDays: z.number().int().min(1).max(30),
  /** The enterprise rates the service (好差评) within this many working days of completion. */
  ratingDays: z.number().int().min(1).max(30),
  /** A rating of 不满意 or worse opens a follow-up (整改) the supervisor closes within this many working days. */
  followUpDays: z.number().int().min(1).max(60),
});
export type TProxyConfig = z.infer<typeof ZProxyConfig>;

/**
 * The documented defaults. The stage limits are the (initiation 20, planning permit 20,
 * construction permit 15, completion acceptance 20 working days); each item's limit is its stage's
 * unless the item is quicker; green items carry their standard limits, which the green channel halves.
 */
export const DEFAULT_PROXY_CONFIG: TProxyConfig = ZProxyConfig.parse({
  stages: [
    {
      key: 'initiation',
      labelZh: '项目立项',
      label: 'Project initiation',
      workingDays: 20,
      items: [
        { key: 'project_filing', labelZh: '项目备案（核准）', label: 'Project filing or approval', authority: 'FGW', workingDays: 20 },
        { key: 'land_pre_review', labelZh: '用地预审与选址意见', label: 'Land-use pre-review and site selection', authority: 'ZRZYJ', workingDays: 20 },
      ],
    },
    {
      key: 'planning_permit',
      labelZh: '规划许可',
      label: 'Planning permit',
      workingDays: 20,
      items: [{ key: 'planning_licence', labelZh: '建设工程规划许可证', label: 'Construction project planning licence', authority: 'ZRZYJ', workingDays: 20 }],
    },
    {
      key: 'construction_permit',
      labelZh: '施工许可',
      label: 'Construction permit',
      workingDays: 15,
      items: [{ key: 'construction_licence', labelZh: '建筑工程施工许可证', label: 'Construction works permit', authority: 'ZJJ', workingDays: 15 }],
    },
    {
      key: 'completion_acceptance',
      labelZh: '竣工验收',
      label: 'Completion acceptance',
      workingDays: 20,
      items: [
        { key: 'completion_filing', labelZh: '竣工验收备案', label: 'Completion acceptance filing', authority: 'ZJJ', workingDays: 20 },
        { key: 'fire_acceptance', labelZh: '消防验收', label: 'Fire-safety acceptance', authority: 'ZJJ', workingDays: 20 },
      ],
    },
  ],
  greenItems: [
    { key: 'licence_change', labelZh: '经营许可变更', label: 'Operating licence change', authority: 'SCJ', workingDays: 10 },
    { key: 'qualification_renewal', labelZh: '资质延续', label: 'Qualification renewal', authority: 'ZJJ', workingDays: 20 },
  ],
  reformTargetDays: 90,
  assignmentDays: 1,
  problemDays: 3,
  ratingDays: 10,
  followUpDays: 15,
});

/** One approval item of a case's plan, with its limit as the case keeps it. */
export interface PlannedItem {
  key: string;
  labelZh: string;
  label: string;
  authority: DepartmentCode;
  workingDays: number;
  /** Green channel: the agent gives guidance (提前指导) before the item is filed. */
  guidance: boolean;
}

export interface PlannedStage {
  key: string;
  labelZh: string;
  label: string;
  workingDays: number;
  items: PlannedItem[];
}

/** What a case is filed with and keeps: its stages in order and its other limits. */
export interface ProxyPlan {
  channel: 'standard' | 'green';
  stages: PlannedStage[];
  reformTargetDays: number;
  assignmentDays: number;
  problemDays: number;
  ratingDays: number;
  followUpDays: number;
}

/** The green channel halves each limit, rounded up (measure 40: 压缩时限). */
export const halved = (days: number): number => Math.ceil(days / 2);

export type PlanRequest = { channel: 'standard'; stages?: readonly string[] | undefined } | { channel: 'green'; greenItems?: readonly string[] | undefined };

/**
 * The plan of a new case, or why the request does not fit (a 400 for the caller): standard stages
 * in their order, at least one (default all four); green items, at least one (default both).
 */
export function planOf(req: PlanRequest, config: TProxyConfig = DEFAULT_PROXY_CONFIG): { plan: ProxyPlan } | { problem: string } {
  const limits = { reformTargetDays: config.reformTargetDays, assignmentDays: config.assignmentDays, problemDays: config.problemDays, ratingDays: config.ratingDays, followUpDays: config.followUpDays };
  if (req.channel === 'standard') {
    const wanted = req.stages ?? STANDARD_STAGES;
    if (wanted.length === 0) return { problem: 'stages needs at least one stage.' };
    const unknown = wanted.filter((s) => !(STANDARD_STAGES as readonly string[]).includes(s));
    if (unknown.length > 0) return { problem: `Unknown stage ${unknown.join(', ')}; the stages are ${STANDARD_STAGES.join(', ')}.` };
    if (new Set(wanted).size !== wanted.length) return { problem: 'stages names a stage twice.' };
    const order = wanted.map((s) => (STANDARD_STAGES as readonly string[]).indexOf(s));
    if (order.some((o, i) => i > 0 && o < (order[i - 1] ?? -1))) return { problem: `stages must keep their order: ${STANDARD_STAGES.join(' → ')}.` };
    const stages = config.stages
      .filter((s) => wanted.includes(s.key))
      .map((s) => ({ ...s, items: s.items.map((i) => ({ ...i, guidance: false })) }));
    return { plan: { channel: 'standard', stages, ...limits } };
  }
  const wanted = req.greenItems ?? GREEN_ITEMS;
  if (wanted.length === 0) return { problem: 'greenItems needs at least one item.' };
  const unknown = wanted.filter((s) => !(GREEN_ITEMS as readonly string[]).includes(s));
  if (unknown.length > 0) return { problem: `Unknown green-channel item ${unknown.join(', ')}; the items are ${GREEN_ITEMS.join(', ')}.` };
  if (new Set(wanted).size !== wanted.length) return { problem: 'greenItems names an item twice.' };
  const items = config.greenItems.filter((i) => wanted.includes(i.key)).map((i) => ({ ...i, workingDays: halved(i.workingDays), guidance: true }));
  return {
    plan: {
      channel: 'green',
      stages: [{ key: GREEN_STAGE, labelZh: '绿色通道', label: 'Green channel', workingDays: Math.max(...items.map((i) => i.workingDays)), items }],
      ...limits,
      reformTargetDays: halved(config.reformTargetDays),
    },
  };
}
