// Schemas shared by many routes. Z-prefixed schemas, T-prefixed inferred types.
import { z } from 'zod';
import { ZDepartmentCode, ZRole } from '../../domain/roles';

export const ZErrorBody = z.object({
  code: z.string().describe('machine-readable error code'),
  message: z.string().describe('what is wrong, for a person'),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type TErrorBody = z.infer<typeof ZErrorBody>;

/** The error responses every protected route can give. */
export const protectedErrors = {
  400: ZErrorBody,
  401: ZErrorBody,
  403: ZErrorBody,
  404: ZErrorBody,
} as const;

/**
 * A 200 that is a file, not JSON: the OpenAPI document names the media types it can have, for this
 * response only (a route-wide `produces` would also claim the JSON error answers are of that type,
 * which the fuzzer rightly reports). The bytes are sent as they are; no schema serialises them.
 */
export function fileResponse(mediaTypes: readonly string[], description: string) {
  const schema = z.unknown().describe(description);
  return { content: Object.fromEntries(mediaTypes.map((t) => [t, { schema }])) };
}

export const ZUuidParam = z.object({ id: z.uuid() });

export const ZUserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: ZRole,
  departmentCode: ZDepartmentCode.nullable(),
  enterpriseId: z.string().nullable(),
});
export type TUserView = z.infer<typeof ZUserView>;

/**
 * A decimal integer in a path or query string ('42'), handed on as a number; anything else ('',
 * ' ', '0x10', '1e2', '+5', '4.0') is refused, where z.coerce.number() took '' and ' ' for 0 and
 * '0x10' for 16 (`?offset=` read as offset 0, `/calendar/0x7d0` as 2000: found by Schemathesis'
 * negative_data_rejection). The OpenAPI document still states an integer with its bounds.
 */
export function zDecimal<T extends z.ZodType<number | undefined>>(schema: T) {
  return z.preprocess((value: unknown, ctx) => {
    if (typeof value !== 'string') return value;
    if (/^-?\d{1,16}$/.test(value)) return Number(value);
    ctx.addIssue({ code: 'custom', message: 'expected a decimal integer' });
    return z.NEVER;
  }, schema);
}

export const ZPagination = z.object({
  limit: zDecimal(z.int().min(1).max(200).default(50)),
  offset: zDecimal(z.int().min(0).default(0)),
});
