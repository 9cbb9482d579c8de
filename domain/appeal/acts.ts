// The body of each act on a 诉求 appeal, one zod schema per act, shared by the API (requests,
// OpenAPI) and the workflow (its act type is the body plus the actor). The name comes from the URL.
import { z } from 'zod';
import { ZDepartmentCode } from '../roles';
import { PRIORITIES } from './catalogue';
import { APPEAL_RATINGS } from './status';

const ZText = z.string().trim().min(1).max(4000);

export const APPEAL_ACT_BODIES = {
  accept: z.object({ priority: z.enum(PRIORITIES), note: z.string().trim().max(4000).optional() }).strict(),
  'not-accept': z.object({ reason: ZText, referral: ZText.describe('where the enterprise should take it (outside the platform)') }).strict(),
  dispatch: z
    .object({ leadDepartment: ZDepartmentCode, coDepartments: z.array(ZDepartmentCode).max(10).default([]), note: z.string().trim().max(4000).optional() })
    .strict(),
  'sign-for': z.object({ note: z.string().trim().max(4000).optional() }).strict(),
  return: z.object({ reason: ZText.describe('why the department is not the right one (回退)') }).strict(),
  contribute: z.object({ text: ZText }).strict(),
  reply: z.object({ text: ZText, resolved: z.boolean().describe('whether the problem is solved') }).strict(),
  rate: z.object({ level: z.enum(APPEAL_RATINGS), comment: z.string().trim().max(4000).optional() }).strict(),
  conclude: z.object({ conclusion: ZText.describe('the supervisor’s written conclusion') }).strict(),
} as const;

export type AppealActName = keyof typeof APPEAL_ACT_BODIES;
export const APPEAL_ACT_NAMES = Object.keys(APPEAL_ACT_BODIES) as AppealActName[];

export type AppealActBodyOf<K extends AppealActName> = { act: K } & z.output<(typeof APPEAL_ACT_BODIES)[K]>;
export type AppealActBody = { [K in AppealActName]: AppealActBodyOf<K> }[AppealActName];
