// The SLA bar arithmetic of the web console (web/src/lib/sla.ts).
import { clockBar, daysLeftText, fenToYuan, slaColor, type ClockLike } from '../../web/src/lib/sla';

const clock = (over: Partial<ClockLike> = {}): ClockLike => ({
  stage: 'review',
  state: 'running',
  budgetDays: 10,
  consumedDays: 4,
  remainingDays: 6,
  deadlineDate: '2026-12-20',
  provisional: false,
  suspensions: [],
  extensions: [],
  tracking: false,
  ...over,
});

describe('clockBar', () => {
  it('splits the budget into consumed and remaining', () => {
    expect(clockBar(clock())).toEqual({ consumedPct: 40, remainingPct: 60, overrunPct: 0, deadlinePct: 100, overrunDays: 0, extendedDays: 0, suspendedSpans: 0, suspendedNow: false, tone: 'normal' });
  });

  it('warns at two working days or fewer left', () => {
    expect(clockBar(clock({ consumedDays: 8 })).tone).toBe('warning');
    expect(clockBar(clock({ consumedDays: 7 })).tone).toBe('normal');
    expect(clockBar(clock({ consumedDays: 10 })).tone).toBe('warning');
  });

  it('past the deadline: the bar widens to the days consumed, the deadline mark inside it', () => {
    const bar = clockBar(clock({ consumedDays: 15, state: 'overdue' }));
    expect(bar).toMatchObject({ consumedPct: 66.7, remainingPct: 0, overrunPct: 33.3, deadlinePct: 66.7, overrunDays: 5, tone: 'danger' });
    expect(bar.consumedPct + bar.remainingPct + bar.overrunPct).toBeCloseTo(100, 0);
  });

  it('counts extensions and suspensions, an open one pauses the bar', () => {
    const bar = clockBar(
      clock({
        budgetDays: 15,
        extensions: [{ workingDays: 3 }, { workingDays: 2 }],
        suspensions: [
          { kind: 'supplement', reason: '补正', from: '2026-12-01', to: '2026-12-03' },
          { kind: 'supervisor_hold', reason: 'hold', from: '2026-12-05', to: null },
        ],
      }),
    );
    expect(bar).toMatchObject({ extendedDays: 5, suspendedSpans: 2, suspendedNow: true, tone: 'paused' });
    expect(clockBar(clock({ state: 'suspended' })).tone).toBe('paused');
    expect(clockBar(clock({ state: 'stopped', consumedDays: 12 })).tone).toBe('done');
  });

  it('a zero budget with nothing consumed is an empty bar, not NaN', () => {
    expect(clockBar(clock({ budgetDays: 0, consumedDays: 0 }))).toMatchObject({ consumedPct: 0, remainingPct: 0, overrunPct: 0 });
  });
});

describe('badges and words', () => {
  it('colours the inbox SLA states', () => {
    expect([slaColor('on_time'), slaColor('due_soon'), slaColor('overdue'), slaColor('suspended'), slaColor(null)]).toEqual(['green', 'orange', 'red', 'default', 'blue']);
  });

  it('says the working days left', () => {
    const words = { today: 'today', overdue: (n: number) => `${n} overdue`, left: (n: number) => `${n} left` };
    expect([daysLeftText(3, words), daysLeftText(0, words), daysLeftText(-2, words), daysLeftText(null, words)]).toEqual(['3 left', 'today', '2 overdue', '—']);
  });

  it('shows fen as yuan', () => {
    expect([fenToYuan(300_000), fenToYuan(123_456_789), fenToYuan(5), fenToYuan(0), fenToYuan(-1050)]).toEqual(['3,000.00', '1,234,567.89', '0.05', '0.00', '-10.50']);
  });
});
