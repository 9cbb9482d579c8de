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

export const ZPagination = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
