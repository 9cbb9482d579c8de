// SLA arithmetic the console shows: a clock as a bar (budget, consumed, overrun, the suspended
// spans), the inbox's badge, and money in fen as yuan. Pure (test/unit/web-sla.test.ts).

export interface ClockLike {
  stage: string;
  state: 'running' | 'suspended' | 'overdue' | 'stopped';
  budgetDays: number;
  consumedDays: number;
  remainingDays: number;
  deadlineDate: string | null;
  provisional: boolean;
  suspensions: ReadonlyArray<{ kind: string; reason: string; from: string; to: string | null }>;
  extensions: ReadonlyArray<{ workingDays: number }>;
  tracking: boolean;
}

export interface ClockBar {
  /** Percent of the bar's width: consumed within the budget, left of the budget, past it. */
  consumedPct: number;
  remainingPct: number;
  overrunPct: number;
  /** Where the deadline (the end of the budget) sits on the bar, percent. */
  deadlinePct: number;
  overrunDays: number;
  extendedDays: number;
  /** Suspensions of the clock: closed ones and the one open now. */
  suspendedSpans: number;
  suspendedNow: boolean;
  tone: 'normal' | 'warning' | 'danger' | 'paused' | 'done';
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The bar of one clock: the width is the budget, or the days consumed when they run past it. */
export function clockBar(c: ClockLike, dueSoonDays = 2): ClockBar {
  const budget = Math.max(0, c.budgetDays);
  const consumed = Math.max(0, c.consumedDays);
  const width = Math.max(budget, consumed, 1e-9);
  const within = Math.min(consumed, budget);
  const overrun = Math.max(0, consumed - budget);
  const suspendedNow = c.suspensions.some((s) => s.to === null);
  const left = budget - consumed;
  const tone: ClockBar['tone'] =
    c.state === 'stopped' ? 'done' : c.state === 'suspended' || suspendedNow ? 'paused' : c.state === 'overdue' || left < 0 ? 'danger' : left <= dueSoonDays ? 'warning' : 'normal';
  return {
    consumedPct: round1((within / width) * 100),
    remainingPct: round1((Math.max(0, left) / width) * 100),
    overrunPct: round1((overrun / width) * 100),
    deadlinePct: round1((budget / width) * 100),
    overrunDays: overrun,
    extendedDays: c.extensions.reduce((n, e) => n + e.workingDays, 0),
    suspendedSpans: c.suspensions.length,
    suspendedNow,
    tone,
  };
}

export type SlaState = 'on_time' | 'due_soon' | 'overdue' | 'suspended';

/** The inbox badge's colour (antd Tag colours) for a case's SLA state. */
export function slaColor(s: SlaState | null): string {
  switch (s) {
    case 'on_time':
      return 'green';
    case 'due_soon':
      return 'orange';
    case 'overdue':
      return 'red';
    case 'suspended':
      return 'default';
    default:
      return 'blue';
  }
}

/** Working days left in words: "3", "today", "2 overdue" (the language's words are passed in). */
export function daysLeftText(days: number | null, words: { today: string; overdue: (n: number) => string; left: (n: number) => string }): string {
  if (days === null) return '—';
  if (days === 0) return words.today;
  return days < 0 ? words.overdue(-days) : words.left(days);
}

/** Integer fen as yuan with two decimals and thousands separators: 123456 → "1,234.56". */
export function fenToYuan(fen: number): string {
  const negative = fen < 0;
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${negative ? '-' : ''}${yuan}.${cents}`;
}
