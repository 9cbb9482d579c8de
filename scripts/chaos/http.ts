// The chaos run's HTTP client: a real client's manners (a 503, a network error or a timeout is
// retried with exponential backoff and jitter, honouring Retry-After; the same Idempotency-Key on
// every attempt), and every answer recorded with its time so the checks can tell when each 503
// came and whether any 5xx other than 503 did.
import { z, type ZodType } from 'zod';

export type Outcome = number | 'network' | 'timeout';

export interface Attempt {
  /** What the user was doing (e.g. 'file', 'accept'). */
  op: string;
  route: string;
  /** Seconds since the run started. */
  sentAt: number;
  answeredAt: number;
  outcome: Outcome;
  /** The error body's code and, for 503, the dependency it names. */
  code: string | null;
  dependency: string | null;
  /** 1 for the first try of a request. */
  attempt: number;
}

export interface ApiRequest<T> {
  op: string;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  /** The path with ids replaced, for the tables. */
  route: string;
  token?: string;
  body?: unknown;
  idempotencyKey?: string;
  /** Statuses that answer the request; their bodies are parsed with `schema`. */
  expect: readonly number[];
  schema: ZodType<T>;
  /** Keep asking while the answer is 404 (a case the workflow has not projected yet), up to this long. */
  notFoundForMs?: number;
}

const ZErrorAnswer = z.object({ code: z.string(), message: z.string(), details: z.object({ dependency: z.string().optional() }).partial().optional() });
/** GET /health's own 503 names the parts that are down in `down`. */
const ZHealthAnswer = z.object({ status: z.string(), down: z.array(z.string()) });

export class ApiError extends Error {
  constructor(
    readonly status: Outcome,
    readonly body: string,
    request: string,
    /** Attempts that failed for a transient reason before this answer: a conflict after one may be the first attempt's success. */
    readonly transientFailures: number,
  ) {
    super(`${request} answered ${String(status)}: ${body.slice(0, 500)}`);
  }
}

const REQUEST_TIMEOUT_MS = 120_000; // an act can wait on an activity of a killed worker (30 s start-to-close) and its retry
const GIVE_UP_AFTER_MS = 240_000;

export class ApiClient {
  readonly attempts: Attempt[] = [];
  /** Requests sent and not yet answered, by op. */
  readonly inFlight = new Map<string, number>();
  retries = 0;

  constructor(
    readonly base: string,
    private readonly secondsNow: () => number,
  ) {}

  async call<T>(r: ApiRequest<T>): Promise<{ status: number; body: T }> {
    const label = `${r.method} ${r.route}`;
    const started = Date.now();
    let transientFailures = 0;
    this.inFlight.set(r.op, (this.inFlight.get(r.op) ?? 0) + 1);
    try {
      for (let attempt = 1; ; attempt++) {
        const sentAt = this.secondsNow();
        const answer = await this.once(r);
        const failed = typeof answer.status === 'number' && answer.status >= 400;
        const parsedError = failed ? ZErrorAnswer.safeParse(safeJson(answer.text)) : null;
        const err = parsedError?.success ? parsedError.data : null;
        const health = failed && !err ? ZHealthAnswer.safeParse(safeJson(answer.text)) : null;
        this.attempts.push({
          op: r.op,
          route: label,
          sentAt,
          answeredAt: this.secondsNow(),
          outcome: answer.status,
          code: err?.code ?? (health?.success ? health.data.status : null),
          dependency: err ? (err.details?.dependency ?? dependencyNamedIn(err.message)) : health?.success ? health.data.down.join('+') : null,
          attempt,
        });
        if (typeof answer.status === 'number' && r.expect.includes(answer.status)) {
          return { status: answer.status, body: r.schema.parse(safeJson(answer.text)) };
        }
        const transient = answer.status === 503 || answer.status === 'network' || answer.status === 'timeout';
        const notYet = answer.status === 404 && r.notFoundForMs !== undefined && Date.now() - started < r.notFoundForMs;
        if (!(transient || notYet) || Date.now() - started > GIVE_UP_AFTER_MS) throw new ApiError(answer.status, answer.text, label, transientFailures);
        if (transient) {
          this.retries++;
          transientFailures++;
        }
        // Exponential backoff with jitter, at least what Retry-After asks for.
        const backoff = notYet ? 250 : Math.min(8000, 250 * 2 ** (attempt - 1)) * (0.5 + Math.random());
        await sleep(Math.max(backoff, (answer.retryAfterSeconds ?? 0) * 1000));
      }
    } finally {
      this.inFlight.set(r.op, (this.inFlight.get(r.op) ?? 1) - 1);
    }
  }

  private async once<T>(r: ApiRequest<T>): Promise<{ status: Outcome; text: string; retryAfterSeconds: number | null }> {
    const headers: Record<string, string> = {};
    if (r.body !== undefined) headers['content-type'] = 'application/json';
    if (r.token) headers.authorization = `Bearer ${r.token}`;
    if (r.idempotencyKey) headers['idempotency-key'] = r.idempotencyKey;
    try {
      const res = await fetch(`${this.base}${r.path}`, {
        method: r.method,
        headers,
        ...(r.body !== undefined ? { body: JSON.stringify(r.body) } : {}),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const retryAfter = Number(res.headers.get('retry-after'));
      return { status: res.status, text: await res.text(), retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null };
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      return { status: timedOut ? 'timeout' : 'network', text: err instanceof Error ? `${err.message} ${String(err.cause ?? '')}` : String(err), retryAfterSeconds: null };
    }
  }
}

/** The part a 503 names in its message when its body carries no details.dependency (e.g. an act rolled back by the workflow). */
function dependencyNamedIn(message: string): string | null {
  if (/\bdatabase\b/i.test(message)) return 'database';
  if (/\bTemporal\b|workflow service/i.test(message)) return 'temporal';
  return null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
