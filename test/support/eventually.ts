// Waiting for something a worker does in the background (a projection, an escalation row, a
// payment). The one polling helper of the suite: it fails with a message that says what never
// happened and what was seen last, instead of giving up silently and leaving the next assertion
// to fail without a reason.

export interface EventuallyOptions {
  /** How long to keep looking (default 10 s). */
  timeoutMs?: number;
  /** Pause between looks (default 100 ms). */
  intervalMs?: number;
}

/**
 * Calls `probe` until `done(value)` holds, and returns that value; throws after `timeoutMs` with
 * `what` and the last value seen.
 */
export async function eventually<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean = Boolean, o: EventuallyOptions = {}): Promise<T> {
  const deadline = Date.now() + (o.timeoutMs ?? 10_000);
  let last: T = await probe();
  while (!done(last)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen: ${describe(last)}`);
    await new Promise((r) => setTimeout(r, o.intervalMs ?? 100));
    last = await probe();
  }
  return last;
}

function describe(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    return text === undefined ? String(value) : text.length > 500 ? `${text.slice(0, 500)}…` : text;
  } catch {
    return String(value);
  }
}
