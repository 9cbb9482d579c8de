// The text rule of domain/text.ts, by properties over generated strings and by the cases that
// bricked cases or answered 500 before (issue 17).
import fc from 'fast-check';
import { findTextProblem, forbiddenCharacter, isCleanText, JSON_LIMITS } from '../../domain/text';

const FORBIDDEN_CODES = [
  ...Array.from({ length: 0x20 }, (_, i) => i).filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d),
  ...Array.from({ length: 0xa0 - 0x7f }, (_, i) => 0x7f + i),
];
const forbiddenChar = fc.constantFrom(...FORBIDDEN_CODES.map((c) => String.fromCharCode(c)));
/** Well-formed text of any plane (Chinese, emoji) with tabs and newlines, none of the forbidden characters. */
const FORBIDDEN_SET = new Set(FORBIDDEN_CODES);
const cleanText = fc.string({ unit: 'grapheme' }).map((s) => [...s].filter((ch) => !FORBIDDEN_SET.has(ch.charCodeAt(0))).join(''));

it('accepts every well-formed string without control characters, including tabs, newlines, CJK and astral characters', () => {
  fc.assert(fc.property(cleanText, (s) => isCleanText(s) && findTextProblem(s) === null));
  expect(isCleanText('辽源\t示范\n企业\r\n😀')).toBe(true);
});

it('refuses any string with a forbidden character anywhere, naming the character', () => {
  fc.assert(
    fc.property(cleanText, forbiddenChar, cleanText, (a, bad, b) => {
      const problem = findTextProblem(`${a}${bad}${b}`, 'body.text');
      return problem?.code === 'INVALID_TEXT' && problem.path === 'body.text' && problem.message.includes(`U+${bad.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
    }),
  );
});

it.each([
  ['\ud800', 'a lone surrogate U+D800'],
  ['x\udfff', 'a lone surrogate U+DFFF'],
  ['\u0000', 'the control character U+0000'],
  ['\u007f', 'the control character U+007F'],
])('%j is refused: %s', (s, described) => {
  expect(forbiddenCharacter(s)).toBe(described);
});

it('keeps a surrogate pair (an astral character) intact', () => {
  expect(forbiddenCharacter('\ud83d\ude00')).toBeNull();
});

it('walks nested JSON and names the path of the first bad value or key', () => {
  expect(findTextProblem({ facts: { items: [{ name: 'ok' }, { name: 'x\u0000' }] } }, 'body')).toEqual(
    expect.objectContaining({ code: 'INVALID_TEXT', path: 'body.facts.items.1.name' }),
  );
  expect(findTextProblem({ facts: { 'k\u0001': 1 } }, 'body')).toEqual(expect.objectContaining({ code: 'INVALID_TEXT', path: 'body.facts' }));
  expect(findTextProblem({ n: 1, b: true, z: null, s: '文本' }, 'body')).toBeNull();
});

it('bounds depth, array length, key count and string length, iteratively (100,000 levels do not overflow)', () => {
  let deep: unknown = 'leaf';
  for (let i = 0; i < 100_000; i++) deep = [deep];
  expect(findTextProblem(deep, 'body')?.code).toBe('INPUT_TOO_DEEP');
  let ok: unknown = 'leaf';
  for (let i = 0; i < JSON_LIMITS.maxDepth; i++) ok = { a: ok };
  expect(findTextProblem(ok, 'body')).toBeNull();
  expect(findTextProblem({ a: ok }, 'body')?.code).toBe('INPUT_TOO_DEEP');
  expect(findTextProblem(new Array(JSON_LIMITS.maxArrayLength + 1).fill(0), 'body')?.code).toBe('INPUT_TOO_LARGE');
  expect(findTextProblem(Object.fromEntries(Array.from({ length: JSON_LIMITS.maxKeys + 1 }, (_, i) => [`k${i}`, i])), 'body')?.code).toBe('INPUT_TOO_LARGE');
  expect(findTextProblem('x'.repeat(JSON_LIMITS.maxStringLength + 1), 'body')?.code).toBe('INPUT_TOO_LARGE');
});
