// The matcher's reading of the holdings an enterprise profile states (domain/enterprise.ts):
// trademarks (M04), Madrid registrations (M07), OEM outputs (M11) and fund investments (M26).
// A holding list that is stated but holds nothing for the item leaves the item out; a list not
// stated leaves it "possible" (null: the caller names the missing facts).
import { z } from 'zod';
import type { Derivation, EnterpriseProfile } from './match';

const year = z.int().min(1990).max(2100);
const fen = z.int().nonnegative();

export const ZStatedHoldings = z.object({
  trademarks: z.array(z.object({ registrationNo: z.string().min(1), type: z.enum(['geographical-indication', 'collective', 'ordinary']) })).optional(),
  madridRegistrations: z.array(z.object({ registrationNo: z.string().min(1), year })).optional(),
  oemOutputs: z.array(z.object({ year, oem: z.string().min(1), outputFen: fen })).optional(),
  fundInvestments: z.array(z.object({ fund: z.enum(['regional-subfund', 'provincial-industry-fund']), investmentFen: fen, year })).optional(),
});

const EXCLUDED: Derivation = { kind: 'excluded' };

function candidates(list: ReadonlyArray<{ facts: unknown; why: string }>): Derivation {
  return list.length === 0 ? EXCLUDED : { kind: 'candidates', candidates: list };
}

/** The derivation of an item from the stated holdings; null when the profile does not state them. */
export function deriveHoldings(key: string, p: EnterpriseProfile, asOfYear: number): Derivation | null {
  switch (key) {
    case 'M04/regional-trademark':
      if (!p.trademarks) return null;
      return candidates(
        p.trademarks
          .filter((t) => t.type !== 'ordinary')
          .map((t) => ({ facts: { trademarkType: t.type, registrationNo: t.registrationNo }, why: `${t.type} trademark ${t.registrationNo}` })),
      );
    case 'M07/madrid-trademark': {
      if (!p.madridRegistrations) return null;
      const nos = p.madridRegistrations.filter((r) => r.year === asOfYear).map((r) => r.registrationNo);
      return candidates(nos.length === 0 ? [] : [{ facts: { newRegistrations: nos.length, registrationNos: nos }, why: `${nos.length} Madrid registration(s) obtained in ${asOfYear}` }]);
    }
    case 'M11/oem-supply': {
      const outputs = (p.oemOutputs ?? []).filter((o) => o.year === asOfYear);
      if (outputs.length === 0) return null;
      return candidates([
        { facts: { outputYear: asOfYear, oemOutputs: outputs.map((o) => ({ oem: o.oem, outputFen: o.outputFen })) }, why: `supply output ${asOfYear} at ${outputs.map((o) => o.oem).join(', ')}` },
      ]);
    }
    case 'M26/fund-investment':
      if (!p.fundInvestments) return null;
      return candidates(
        p.fundInvestments
          .filter((f) => f.year === asOfYear)
          .map((f) => ({ facts: { fund: f.fund, investmentFen: f.investmentFen, investmentYear: f.year }, why: `${f.fund} investment received in ${f.year}` })),
      );
    default:
      return null;
  }
}
