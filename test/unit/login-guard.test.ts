// The in-memory sign-in guard on its own: counting, in-progress attempts, lock ends, the memory cap.
import { createLoginGuard, MAX_TRACKED_KEYS, type LoginAttempt, type LoginLimits } from '../../api/auth/login-guard';

const LIMITS: LoginLimits = { maxFailures: 3, failureWindowSeconds: 60, lockoutSeconds: 120, addressMaxFailures: 5, addressWindowSeconds: 300 };

function setup(limits: LoginLimits = LIMITS) {
  const clock = { now: new Date('2026-03-02T01:00:00Z') };
  const guard = createLoginGuard(limits, () => clock.now);
  const begin = (username: string, address = '10.1.1.1'): LoginAttempt => {
    const gate = guard.begin(username, address);
    if ('refused' in gate) throw new Error(`refused: ${gate.refused.code}`);
    return gate.attempt;
  };
  const refusal = (username: string, address = '10.1.1.1') => {
    const gate = guard.begin(username, address);
    return 'refused' in gate ? gate.refused : null;
  };
  const advance = (seconds: number) => {
    clock.now = new Date(clock.now.getTime() + seconds * 1000);
  };
  return { guard, begin, refusal, advance };
}

describe('createLoginGuard', () => {
  it('reports the lock once, when the threshold is reached, and refuses until it ends', () => {
    const { begin, refusal, advance } = setup();
    expect(begin('a').failed().usernameLocked).toBeNull();
    expect(begin('a').failed().usernameLocked).toBeNull();
    const third = begin('a').failed();
    expect(third.usernameLocked).toEqual({ failures: 3, until: new Date('2026-03-02T01:02:00Z') });
    expect(refusal('a')).toEqual({ code: 'ACCOUNT_LOCKED', retryAfterSeconds: 120 });
    advance(119.5);
    expect(refusal('a')).toEqual({ code: 'ACCOUNT_LOCKED', retryAfterSeconds: 1 });
    advance(0.5);
    // A fresh start: three more failures before the next lock.
    expect(begin('a').failed().usernameLocked).toBeNull();
  });

  it('counts attempts in progress, so a burst cannot pass the threshold', () => {
    const { begin, refusal } = setup();
    const inFlight = [begin('b'), begin('b'), begin('b')];
    expect(refusal('b')).toEqual({ code: 'TOO_MANY_ATTEMPTS', reason: 'in-progress', retryAfterSeconds: 1 });
    inFlight[0]?.succeeded();
    // The success cleared the confirmed failures, not the two attempts still in progress.
    expect(refusal('b')).toBeNull();
  });

  it('an abandoned attempt counts neither way', () => {
    const { begin } = setup();
    for (let i = 0; i < 10; i++) begin('c').abandoned();
    expect(begin('c').failed().usernameLocked).toBeNull();
  });

  it('throttles an address after its failures, whatever username it tries, and reports it once', () => {
    const { begin, refusal } = setup();
    const reports = Array.from({ length: 5 }, (_, i) => begin(`user-${i}`, '10.9.9.9').failed().addressThrottled);
    expect(reports.slice(0, 4)).toEqual([null, null, null, null]);
    expect(reports[4]).toEqual({ failures: 5, until: new Date('2026-03-02T01:05:00Z') });
    expect(refusal('someone-else', '10.9.9.9')).toEqual({ code: 'TOO_MANY_ATTEMPTS', reason: 'address', retryAfterSeconds: 300 });
    expect(refusal('someone-else', '10.9.9.8')).toBeNull();
  });

  it('keeps memory bounded under a flood of distinct usernames and addresses', () => {
    const { guard, begin } = setup({ ...LIMITS, failureWindowSeconds: 86_400, addressWindowSeconds: 86_400 });
    for (let i = 0; i < MAX_TRACKED_KEYS + 5_000; i++) begin(`flood-${i}`, `addr-${i}`).failed();
    const { usernames, addresses } = guard.tracked();
    expect(usernames).toBeLessThanOrEqual(MAX_TRACKED_KEYS);
    expect(addresses).toBeLessThanOrEqual(MAX_TRACKED_KEYS);
    expect(usernames).toBeGreaterThan(MAX_TRACKED_KEYS / 2);
  });
});
