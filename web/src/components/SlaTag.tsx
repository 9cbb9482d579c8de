import { Tag } from 'antd';
import { useT } from '../app-context';
import { slaColor, type SlaState } from '../lib/sla';

export function SlaTag({ sla, level }: { sla: SlaState | null; level?: number | null }) {
  const { t } = useT();
  const text = sla === 'on_time' ? t('onTime') : sla === 'due_soon' ? t('dueSoon') : sla === 'overdue' ? t('overdueBadge') : sla === 'suspended' ? t('suspendedBadge') : t('closed');
  return (
    <>
      <Tag color={slaColor(sla)} data-sla={sla ?? 'closed'}>
        {text}
      </Tag>
      {level ? <Tag color="volcano">L{level}</Tag> : null}
    </>
  );
}
