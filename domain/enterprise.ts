// An enterprise as the system knows it: identity (统一社会信用代码), classification, and the
// profile facts the policy matcher and the external policies' criteria read (measure 1).
// Schemas are the API contract too. Every fact is optional: absent means "not stated", which the
// matcher reports as missing ("needs checking"), never as false.
import { z } from 'zod';

const year = z.number().int().min(1990).max(2100);
const fen = z.number().int().nonnegative();
const text = z.string().trim().min(1).max(200);

export const TITLE_KINDS = ['industry-it', 'brand', 'ip-demonstration'] as const;

export const ZEnterpriseProfileFacts = z
  .object({
    annualRevenueFen: fen.optional().describe('last year revenue, integer fen'),
    employees: z.number().int().nonnegative().optional(),
    isLogistics: z.boolean().optional().describe('a logistics enterprise (measure 38)'),
    titles: z
      .array(
        z.object({
          level: z.enum(['provincial', 'national']),
          name: z.string().min(1).max(200),
          grantedYear: year,
          kind: z.enum(TITLE_KINDS).optional().describe('granting line: industry-and-IT (M03, the default), brand (M05), IP demonstration (M06)'),
        }),
      )
      .max(100)
      .optional()
      .describe('titles granted (measures 3, 5, 6)'),
    listings: z.array(z.enum(['ipo', 'neeq', 'regional-equity', 'regional-equity-display'])).optional(),
    oemSupplier: z.boolean().optional().describe('in a key OEM supply system (measure 11)'),
    trademarks: z
      .array(z.object({ registrationNo: text, type: z.enum(['geographical-indication', 'collective', 'ordinary']) }).strict())
      .max(200)
      .optional()
      .describe('trademarks held (measure 4: geographical-indication and collective marks)'),
    madridRegistrations: z
      .array(z.object({ registrationNo: text, year }).strict())
      .max(500)
      .optional()
      .describe('Madrid international registrations with the year obtained (measure 7)'),
    onlineSales: z.object({ annualSalesFen: fen, statisticsFiled: z.boolean() }).strict().optional().describe('online sales of Liaoyuan products (measure 8)'),
    oemOutputs: z
      .array(z.object({ year, oem: text, outputFen: fen }).strict())
      .max(200)
      .optional()
      .describe('supply output per key OEM and year (measure 11)'),
    fundInvestments: z
      .array(z.object({ fund: z.enum(['regional-subfund', 'provincial-industry-fund']), investmentFen: fen, year }).strict())
      .max(100)
      .optional()
      .describe('investments received from the funds of measure 26'),
    aboveScaleSince: z.iso.date().optional().describe('date first counted above-scale (规上), YYYY-MM-DD'),
    firstTimeAboveScale: z.boolean().optional().describe('counted above-scale for the first time this year (measure 38)'),
    stableOperationMonths: z.number().int().nonnegative().optional().describe('months of stable operation (measure 38)'),
    industryCode: z.string().regex(/^[A-T]\d{0,4}$/, 'a 国民经济行业分类 code such as C34').optional().describe('国民经济行业分类 code, e.g. C34'),
    region: z.string().regex(/^\d{6}$/, 'a six-digit administrative division code such as 220402').optional().describe('county or district, administrative division code (龙山区 220402)'),
    foundedOn: z.iso.date().optional().describe('date of establishment, YYYY-MM-DD'),
  })
  .strict();
export type TEnterpriseProfileFacts = z.infer<typeof ZEnterpriseProfileFacts>;
export type ProfileFactName = keyof TEnterpriseProfileFacts;

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
