// The typed API client: openapi-fetch over the paths openapi-typescript generated from the API's
// own OpenAPI document (scripts/web-build.ts), so a changed route or answer breaks `tsc -p web`.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from '../generated/openapi';
import type { ServerIssue } from '../lib/schema-form';

export type { paths, components };

const TOKEN_KEY = 'liaoyuan.token';

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** Told when the server refuses the token (expired): the app shows the sign-in again. */
let onSignedOut: () => void = () => undefined;
export function whenSignedOut(fn: () => void): void {
  onSignedOut = fn;
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = session.token();
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && !request.url.endsWith('/auth/login')) {
      session.clear();
      onSignedOut();
    }
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '' });
api.use(auth);

/** The server's error answer ({ code, message, issues }) as an exception the screens show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ServerIssue[] = [],
  ) {
    super(message);
  }
}

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  issues?: unknown;
}

export function toApiError(status: number, body: unknown): ApiError {
  const e: ErrorLike = typeof body === 'object' && body !== null ? body : {};
  const issues = Array.isArray(e.issues) ? e.issues.filter((i): i is ServerIssue => typeof i === 'object' && i !== null && 'path' in i && 'message' in i) : [];
  return new ApiError(status, typeof e.code === 'string' ? e.code : `HTTP_${status}`, typeof e.message === 'string' ? e.message : `HTTP ${status}`, issues);
}

/**
 * The JSON data of an openapi-fetch answer, or its error thrown as an ApiError. Routes that also
 * answer CSV (Accept: text/csv) type their data as JSON-or-string; the console asks for JSON.
 */
export async function must<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<Exclude<T, string>> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) throw toApiError(response.status, error);
  if (data === undefined || typeof data === 'string') throw new ApiError(response.status, 'UNEXPECTED', 'the answer is not JSON');
  return data as Exclude<T, string>;
}

export type CaseKind = 'applications' | 'proxy-cases' | 'appeals' | 'cases';

/**
 * An act on a case: POST /api/v1/<kind>/:caseId/<act>. The act is chosen at run time from the
 * ones the case offers, so this one call is typed by the act schemas rather than per path.
 */
export async function postAct(kind: CaseKind, caseId: string, act: string, body: Record<string, unknown>): Promise<unknown> {
  const token = session.token();
  const res = await fetch(`/api/v1/${kind}/${encodeURIComponent(caseId)}/${act}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID(), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const answer: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    if (res.status === 401) {
      session.clear();
      onSignedOut();
    }
    throw toApiError(res.status, answer);
  }
  return answer;
}

/** A file answer (the dossier PDF, a document) saved through the browser. */
export async function download(url: string, filename: string): Promise<void> {
  const token = session.token();
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw toApiError(res.status, await res.json().catch(() => null));
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export type Me = paths['/api/v1/me']['get']['responses'][200]['content']['application/json'];
export type InboxItem = paths['/api/v1/inbox']['get']['responses'][200]['content']['application/json']['items'][number];
export type CaseView = paths['/api/v1/cases/{caseId}']['get']['responses'][200]['content']['application/json'];
export type ClockView = CaseView['clocks'][number];
export type TimelineItem = paths['/api/v1/cases/{caseId}/timeline']['get']['responses'][200]['content']['application/json']['items'][number];

/** Files a case of a kind whose form is built from its schema: POST /api/v1/<kind> with an Idempotency-Key. */
export async function postFiling(kind: 'proxy-cases' | 'appeals', body: Record<string, unknown>, idempotencyKey: string): Promise<{ caseId: string }> {
  const token = session.token();
  const res = await fetch(`/api/v1/${kind}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const answer: unknown = await res.json().catch(() => null);
  if (!res.ok) throw toApiError(res.status, answer);
  if (typeof answer !== 'object' || answer === null || !('caseId' in answer) || typeof answer.caseId !== 'string') throw new ApiError(res.status, 'UNEXPECTED', 'the answer names no case');
  return { caseId: answer.caseId };
}
