// What text and free-form JSON the system accepts, in one place: the API refuses anything else
// at the edge (every route), and case workflows refuse it again in their act validators, so no
// act can carry a value that PostgreSQL will refuse later and lock the case (U+0000 is refused
// in `text` and `jsonb`; an activity writing it fails on every retry).
// Pure and deterministic: workflow code imports it.

/**
 * C0 controls but tab, line feed and carriage return; DEL; C1 controls; lone UTF-16 surrogates
 * (JSON may carry "\ud800", which has no UTF-8 form). Tab and newlines are legal in JSON strings
 * and in multi-line text; single-line fields refuse them with their own schema.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Where free-form JSON (facts, request bodies) stops: deep enough for any form, far from a stack limit. */
export const JSON_LIMITS = { maxDepth: 32, maxArrayLength: 1000, maxKeys: 1000, maxStringLength: 100_000 } as const;
export type JsonLimits = { readonly [K in keyof typeof JSON_LIMITS]: number };

export type TextProblemCode = 'INVALID_TEXT' | 'INPUT_TOO_DEEP' | 'INPUT_TOO_LARGE';

export interface TextProblem {
  code: TextProblemCode;
  /** Dotted path of the offending value, e.g. `body.facts.items.3.name`; `(root)` for the value itself. */
  path: string;
  message: string;
}

/** The first forbidden character of a string, described for a person, or null. */
export function forbiddenCharacter(s: string): string | null {
  const m = FORBIDDEN.exec(s);
  if (!m) return null;
  const code = m[0].charCodeAt(0);
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return code >= 0xd800 && code <= 0xdfff ? `a lone surrogate U+${hex}` : `the control character U+${hex}`;
}

export function isCleanText(s: string): boolean {
  return !FORBIDDEN.test(s);
}

/**
 * Walks a JSON value (iteratively: a body nested 10,000 levels must not overflow the stack) and
 * returns the first problem: a forbidden character in a string or a key, nesting deeper than
 * `maxDepth`, an array or object larger than allowed, or an overlong string.
 */
export function findTextProblem(value: unknown, root = '(root)', limits: JsonLimits = JSON_LIMITS): TextProblem | null {
  const stack: Array<{ v: unknown; path: string; depth: number }> = [{ v: value, path: root, depth: 0 }];
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop() as { v: unknown; path: string; depth: number };
    if (typeof v === 'string') {
      const bad = forbiddenCharacter(v);
      if (bad) return { code: 'INVALID_TEXT', path, message: `${path} contains ${bad}; control characters other than tab and line breaks are not accepted.` };
      if (v.length > limits.maxStringLength) return { code: 'INPUT_TOO_LARGE', path, message: `${path} is longer than ${limits.maxStringLength} characters.` };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limits.maxDepth) return { code: 'INPUT_TOO_DEEP', path, message: `${path} is nested deeper than ${limits.maxDepth} levels.` };
    if (Array.isArray(v)) {
      if (v.length > limits.maxArrayLength) return { code: 'INPUT_TOO_LARGE', path, message: `${path} has ${v.length} items; at most ${limits.maxArrayLength} are accepted.` };
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: `${path}.${i}`, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    if (keys.length > limits.maxKeys) return { code: 'INPUT_TOO_LARGE', path, message: `${path} has ${keys.length} keys; at most ${limits.maxKeys} are accepted.` };
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i] as string;
      const bad = forbiddenCharacter(k);
      if (bad) return { code: 'INVALID_TEXT', path, message: `A key in ${path} contains ${bad}; control characters are not accepted.` };
      stack.push({ v: (v as Record<string, unknown>)[k], path: `${path}.${k}`, depth: depth + 1 });
    }
  }
  return null;
}
