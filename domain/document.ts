// What a case document may be: the media types the system keeps (an allow-list: what a reviewer
// can open and an archive can keep), the file name extensions each goes by, and the file names it
// accepts. Pure; the API sniffs the type from the content (infra/documents/sniff.ts) and checks
// it here against the name the client sent.
import { z } from 'zod';
import { forbiddenCharacter } from './text';

export const DOCUMENT_TYPES = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  // OFD (GB/T 33190-2016), the national format of e-invoices and official documents: a ZIP
  // package whose root holds OFD.xml.
  'application/ofd': ['ofd'],
} as const satisfies Record<string, readonly string[]>;

export type DocumentMediaType = keyof typeof DOCUMENT_TYPES;

export function isDocumentMediaType(t: string): t is DocumentMediaType {
  return Object.hasOwn(DOCUMENT_TYPES, t);
}

/** The allowed extensions, for messages. */
export const ALLOWED_EXTENSIONS: readonly string[] = Object.values(DOCUMENT_TYPES).flat();

export const DOCUMENT_NAME_MAX = 200;

/**
 * Why a client's file name is refused, or null. A name is a name, never a path: no `/` or `\`
 * (the client sent a path, or tries to climb out of somewhere), no `.`/`..`, no control
 * characters, no leading or trailing spaces, at most 200 characters, with an extension.
 */
export function documentNameProblem(name: string): string | null {
  if (name.length === 0) return 'the file has no name';
  if (name.length > DOCUMENT_NAME_MAX) return `the file name is longer than ${DOCUMENT_NAME_MAX} characters`;
  const bad = forbiddenCharacter(name) ?? (/[\t\r\n]/.test(name) ? 'a tab or line break' : null);
  if (bad) return `the file name contains ${bad}`;
  if (/[/\\]/.test(name)) return 'the file name contains a path (/ or \\); send the name only';
  if (name === '.' || name === '..') return 'the file name is a path';
  if (name.trim() !== name) return 'the file name begins or ends with a space';
  if (extensionOf(name) === null) return `the file name has no extension (${ALLOWED_EXTENSIONS.join(', ')})`;
  return null;
}

/** The lower-case extension of a file name, or null. */
export function extensionOf(name: string): string | null {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return m?.[1] ? m[1].toLowerCase() : null;
}

/** Whether a name's extension fits the sniffed type (a PDF named .jpg does not). */
export function nameFitsType(name: string, type: DocumentMediaType): boolean {
  const ext = extensionOf(name);
  return ext !== null && (DOCUMENT_TYPES[type] as readonly string[]).includes(ext);
}

/** Documents a request references: ids of the caller's uploads (POST /api/v1/documents). */
export const ZDocumentIds = z.array(z.uuid()).max(100).describe('ids of uploaded documents (POST /api/v1/documents) this act attaches to the case');
