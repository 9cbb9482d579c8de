// An enterprise as the system knows it: identity (统一社会信用代码), classification, and the
// profile facts the policy matcher reads (measure 1). Schemas are the API contract too.
import { z } from 'zod';

export const ZEnterpriseProfileFacts = z
  .object({
    annualRevenueFen: z.number().int().nonnegative().optional().describe('last year revenue, integer fen'),
    employees: z.number().int().nonnegative().optional(),
    isLogistics: z.boolean().optional().describe('a logistics enterprise (measure 38)'),
    titles: z
      .array(
        z.object({
          level: z.enum(['provincial', 'national']),
          name: z.string().min(1).max(200),
          grantedYear: z.number().int().min(1990).max(2100),
        }),
      )
      .optional()
      .describe('industry-and-IT titles granted (measure 3)'),
    listings: z.array(z.enum(['ipo', 'neeq', 'regional-equity', 'regional-equity-display'])).optional(),
    oemSupplier: z.boolean().optional().describe('in a key OEM supply system (measure 11)'),
  })
  .strict();
export type TEnterpriseProfileFacts = z.infer<typeof ZEnterpriseProfileFacts>;

export const ZCreateEnterprise = z
  .object({
    creditCode: z.string().min(1).max(40).describe('统一社会信用代码, 18 characters, GB 32100-2015'),
    name: z.string().trim().min(2).max(200),
    industry: z.string().trim().min(1).max(100).describe('industry (国民经济行业分类 name or code)'),
    aboveScale: z.boolean().describe('规上: an above-designated-size industrial enterprise'),
    profile: ZEnterpriseProfileFacts.default({}),
  })
  .strict();
export type TCreateEnterprise = z.infer<typeof ZCreateEnterprise>;
