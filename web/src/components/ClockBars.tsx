// Each SLA clock of a case as a bar: consumed and remaining working days of the budget, the days
// past the deadline, the suspensions and extensions, the deadline date.
import { Space, Tag, Tooltip, Typography } from 'antd';
import type { ClockView } from '../api/client';
import { useT } from '../app-context';
import { clockBar } from '../lib/sla';

const TONE = { normal: '#1f5fa8', warning: '#d48806', danger: '#cf1322', paused: '#8c8c8c', done: '#389e0d' } as const;

export function ClockBars({ clocks }: { clocks: readonly ClockView[] }) {
  const { t, lang } = useT();
  if (clocks.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {clocks.map((c, i) => {
        const bar = clockBar(c);
        return (
          <div key={`${c.stage}-${i}`} data-testid="clock-bar" data-stage={c.stage}>
            <Space wrap size={4} style={{ marginBottom: 4 }}>
              <Typography.Text strong>{c.stage}</Typography.Text>
              <Tag color={TONE[bar.tone]}>{c.state}</Tag>
              <span>
                {t('consumed')} {c.consumedDays} / {t('budget')} {c.budgetDays} {t('workingDays')}
              </span>
              {bar.extendedDays > 0 ? <Tag>{`${t('extended')} +${bar.extendedDays}`}</Tag> : null}
              {bar.suspendedSpans > 0 ? <Tag color={bar.suspendedNow ? 'orange' : undefined}>{`${t('suspended')} ×${bar.suspendedSpans}${bar.suspendedNow ? ' …' : ''}`}</Tag> : null}
              {c.tracking ? <Tag>{lang === 'zh' ? '跟踪' : 'tracking'}</Tag> : null}
              <span>
                {t('deadline')} {c.deadlineDate ?? '—'}
                {c.provisional ? ' *' : ''}
              </span>
            </Space>
            <Tooltip title={c.suspensions.map((s) => `${s.kind}: ${s.from.slice(0, 10)} → ${s.to?.slice(0, 10) ?? '…'} ${s.reason}`).join('\n') || undefined}>
              <div style={{ position: 'relative', display: 'flex', height: 14, background: '#f0f0f0', borderRadius: 3, overflow: 'hidden' }}>
                <div style={{ width: `${bar.consumedPct}%`, background: TONE[bar.tone] }} />
                <div style={{ width: `${bar.remainingPct}%`, background: '#d6e4ff' }} />
                <div style={{ width: `${bar.overrunPct}%`, background: '#ff7875' }} />
                {bar.overrunPct > 0 ? <div style={{ position: 'absolute', left: `${bar.deadlinePct}%`, top: 0, bottom: 0, width: 2, background: '#000' }} /> : null}
              </div>
            </Tooltip>
          </div>
        );
      })}
    </Space>
  );
}
