// 统一社会信用代码 (unified social credit code), GB 32100-2015.
// 18 characters from a 31-character alphabet (no I, O, S, V, Z). The 18th character is a
// check character: weights 3^(i) mod 31 over the first 17, check = 31 - (sum mod 31), 31 → 0.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export type CreditCodeCheck =
  | { valid: true; code: string }
  | { valid: false; code: string; problem: string };

/** The check character the first 17 characters call for, or null when they are not valid characters. */
export function expectedCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return ALPHABET.charAt(check);
}

/** Checks a code as typed by a person: surrounding spaces are ignored, lower case is accepted. */
export function checkCreditCode(input: string): CreditCodeCheck {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) {
    return { valid: false, code, problem: `must be 18 characters, got ${code.length}` };
  }
  for (let i = 0; i < 18; i++) {
    const ch = code.charAt(i);
    if (!ALPHABET.includes(ch)) {
      return { valid: false, code, problem: `character ${i + 1} ('${ch}') is not allowed (I, O, S, V and Z are never used)` };
    }
  }
  // Characters 3-8 are the administrative division code (行政区划代码): digits only.
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return { valid: false, code, problem: 'characters 3-8 must be the 6-digit administrative division code' };
  }
  const expected = expectedCheckCharacter(code.slice(0, 17));
  if (expected !== code.charAt(17)) {
    return { valid: false, code, problem: `check character is '${code.charAt(17)}' but GB 32100-2015 requires '${expected}'` };
  }
  return { valid: true, code };
}
