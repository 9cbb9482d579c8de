// The kinds of value the configuration schema reads from text (infra/config.ts and the
// deployment keys in infra/config-deployment.ts).
import { z } from 'zod';

// 'true'/'false' (and 1/0, yes/no) as text; Boolean('false') is true, so never coerce.
export const zFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const zPort = z.coerce.number().int().min(1).max(65535);

// Comma-separated secrets (spaces around commas ignored). The message never repeats a value.
export const zSecretList = z
  .string()
  .transform((text) => text.split(',').map((s) => s.trim()).filter((s) => s.length > 0))
  .refine((list) => list.every((s) => s.length >= 32), { message: 'every comma-separated secret must be at least 32 characters' });

export const zSeconds = z.coerce.number().int().min(1).max(86_400);
