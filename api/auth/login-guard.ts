// Brute-force protection for sign-in, with two counters of failed attempts:
// - per username: `maxFailures` failures within `failureWindowSeconds` lock that username for
//   `lockoutSeconds`; while locked every attempt is refused (429 ACCOUNT_LOCKED) without looking
//   at the password, the right one included. Unknown usernames are counted the same way, so the
//   answers do not tell which names exist.
// - per client address: `addressMaxFailures` failures within `addressWindowSeconds` throttle the
//   address for `addressWindowSeconds` (429 TOO_MANY_ATTEMPTS), whatever username it tries; this
//   stops one client from spraying many usernames.
// A successful sign-in clears the failures of its username (not those of its address). An attempt
// counts as a failure from the moment it starts until it succeeds, so concurrent attempts cannot
// slip past a threshold while their passwords are being hashed.
//
// The state lives in memory, per API process, on the injected clock: with N API processes an
// attacker gets at most N times the attempts, and a restart forgets the counters. That is accepted
// to keep sign-in free of extra database writes; the limits bound the audit log either way.
// Both maps are capped (MAX_TRACKED_KEYS) so a flood of distinct names cannot exhaust memory.

export interface LoginLimits {
  maxFailures: number;
  failureWindowSeconds: number;
  lockoutSeconds: number;
  addressMaxFailures: number;
  addressWindowSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: Readonly<LoginLimits> = {
  maxFailures: 5,
  failureWindowSeconds: 15 * 60,
  lockoutSeconds: 15 * 60,
  addressMaxFailures: 30,
  addressWindowSeconds: 15 * 60,
};

export const MAX_TRACKED_KEYS = 50_000;

export type LoginRefusal =
  | { code: 'ACCOUNT_LOCKED'; retryAfterSeconds: number }
  | { code: 'TOO_MANY_ATTEMPTS'; reason: 'address' | 'in-progress'; retryAfterSeconds: number };

/** A lock that began with the failure just recorded: audited once, when it begins. */
export interface LockStarted {
  failures: number;
  until: Date;
}

export interface LoginAttempt {
  succeeded(): void;
  /** Records the failure; says whether it started a lockout of the username or a throttle of the address. */
  failed(): { usernameLocked: LockStarted | null; addressThrottled: LockStarted | null };
  /** The attempt could not be judged (e.g. the database failed): it counts neither way. */
  abandoned(): void;
}

interface Entry {
  at: number;
  pending: boolean;
}

interface CounterState {
  entries: Entry[];
  lockedUntil: number | null;
}

type Admission = { refused: { retryAfterMs: number; locked: boolean } } | { entry: Entry; state: CounterState };

/** Failures of one kind of key (usernames or addresses): a window, a threshold, a lock. */
class FailureCounter {
  private readonly states = new Map<string, CounterState>();

  get size(): number {
    return this.states.size;
  }

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly lockMs: number,
  ) {}

  /** Refuses while locked or while the threshold is taken by attempts in progress; else reserves a slot. */
  admit(key: string, now: number): Admission {
    const state = this.current(key, now);
    if (state?.lockedUntil != null) return { refused: { retryAfterMs: state.lockedUntil - now, locked: true } };
    if (state && state.entries.length >= this.maxFailures) return { refused: { retryAfterMs: 1000, locked: false } };
    const entry: Entry = { at: now, pending: true };
    const admitted = state ?? this.create(key, now);
    admitted.entries.push(entry);
    return { entry, state: admitted };
  }

  /** Confirms a reserved failure; starts the lock when it reaches the threshold. */
  fail(state: CounterState, entry: Entry, now: number): LockStarted | null {
    entry.pending = false;
    if (!state.entries.includes(entry)) state.entries.push(entry);
    const confirmed = state.entries.filter((e) => !e.pending).length;
    if (state.lockedUntil !== null || confirmed < this.maxFailures) return null;
    state.lockedUntil = now + this.lockMs;
    return { failures: confirmed, until: new Date(state.lockedUntil) };
  }

  /** Drops the confirmed failures and this attempt's reservation, keeping others in progress. */
  clear(state: CounterState, entry: Entry): void {
    state.entries = state.entries.filter((e) => e !== entry && e.pending);
  }

  release(state: CounterState, entry: Entry): void {
    state.entries = state.entries.filter((e) => e !== entry);
  }

  /** The state of a key with expired failures and an ended lock forgotten; undefined when nothing is left. */
  private current(key: string, now: number): CounterState | undefined {
    const state = this.states.get(key);
    if (!state) return undefined;
    if (state.lockedUntil !== null) {
      if (now < state.lockedUntil) return state;
      // The lock is over: the username or address starts afresh.
      state.lockedUntil = null;
      state.entries = state.entries.filter((e) => e.pending);
    }
    // Attempts in progress expire with the window too, so that one never settled cannot pin a key.
    state.entries = state.entries.filter((e) => e.at > now - this.windowMs);
    if (state.entries.length === 0) {
      this.states.delete(key);
      return undefined;
    }
    return state;
  }

  private create(key: string, now: number): CounterState {
    if (this.states.size >= MAX_TRACKED_KEYS) this.evict(now);
    const state: CounterState = { entries: [], lockedUntil: null };
    this.states.set(key, state);
    return state;
  }

  /**
   * Forgets what has expired; when the map is still over 90 % full, the oldest keys (insertion
   * order) go until it is not, so that the sweep runs rarely rather than on every new key. A key
   * that is locked now is never forgotten: a flood of new names must not lift a lockout.
   */
  private evict(now: number): void {
    for (const key of [...this.states.keys()]) this.current(key, now);
    const target = Math.floor(MAX_TRACKED_KEYS * 0.9);
    for (const [key, state] of this.states) {
      if (this.states.size <= target) break;
      if (state.lockedUntil !== null && state.lockedUntil > now) continue;
      this.states.delete(key);
    }
  }
}

export function createLoginGuard(limits: LoginLimits, now: () => Date) {
  const usernames = new FailureCounter(limits.maxFailures, limits.failureWindowSeconds * 1000, limits.lockoutSeconds * 1000);
  const addresses = new FailureCounter(limits.addressMaxFailures, limits.addressWindowSeconds * 1000, limits.addressWindowSeconds * 1000);
  const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

  return {
    limits,
    /** How many usernames and addresses are tracked (bounded by MAX_TRACKED_KEYS each). */
    tracked: () => ({ usernames: usernames.size, addresses: addresses.size }),
    /**
     * Call before anything is awaited for the attempt. Either a refusal (nothing was counted), or
     * an attempt that must be settled with succeeded(), failed() or abandoned().
     */
    begin(username: string, address: string): { refused: LoginRefusal } | { attempt: LoginAttempt } {
      const at = now().getTime();
      const byAddress = addresses.admit(address, at);
      if ('refused' in byAddress) {
        return { refused: { code: 'TOO_MANY_ATTEMPTS', reason: byAddress.refused.locked ? 'address' : 'in-progress', retryAfterSeconds: seconds(byAddress.refused.retryAfterMs) } };
      }
      const byUsername = usernames.admit(username, at);
      if ('refused' in byUsername) {
        addresses.release(byAddress.state, byAddress.entry);
        const { locked, retryAfterMs } = byUsername.refused;
        return {
          refused: locked
            ? { code: 'ACCOUNT_LOCKED', retryAfterSeconds: seconds(retryAfterMs) }
            : { code: 'TOO_MANY_ATTEMPTS', reason: 'in-progress', retryAfterSeconds: seconds(retryAfterMs) },
        };
      }
      return {
        attempt: {
          succeeded() {
            usernames.clear(byUsername.state, byUsername.entry);
            addresses.release(byAddress.state, byAddress.entry);
          },
          failed() {
            const t = now().getTime();
            return {
              usernameLocked: usernames.fail(byUsername.state, byUsername.entry, t),
              addressThrottled: addresses.fail(byAddress.state, byAddress.entry, t),
            };
          },
          abandoned() {
            usernames.release(byUsername.state, byUsername.entry);
            addresses.release(byAddress.state, byAddress.entry);
          },
        },
      };
    },
  };
}
export type LoginGuard = ReturnType<typeof createLoginGuard>;
