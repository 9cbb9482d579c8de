// A case's timeline (GET /api/v1/cases/:caseId/timeline): every event in plain words.
import { Alert, Table, Tag } from 'antd';
import { api, must, type TimelineItem } from '../api/client';
import { useLoad, useT } from '../app-context';
import { columnsOf } from './columns';

const col = columnsOf<TimelineItem>();

export function CaseTimeline({ caseId }: { caseId: string }) {
  const { t, lang } = useT();
  const tl = useLoad(() => must(api.GET('/api/v1/cases/{caseId}/timeline', { params: { path: { caseId } } })), [caseId]);
  if (tl.error) return <Alert type="warning" showIcon title={tl.error.message} />;
  return (
    <Table<TimelineItem>
      size="small"
      data-testid="timeline"
      loading={tl.loading}
      rowKey={(r) => `${r.at}-${r.source}-${r.eventId ?? ''}-${r.code}-${r.auditHash ?? ''}`}
      dataSource={tl.data?.items ?? []}
      pagination={{ pageSize: 50 }}
      footer={() => (tl.data ? `source: ${tl.data.source} · sha256 ${tl.data.historySha256.slice(0, 16)}…` : null)}
      columns={[
        col(t('time'), 'at', (v: string) => new Date(v).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en'), { width: 180 }),
        { title: t('event'), render: (_, r) => (lang === 'zh' ? r.termZh : r.termEn) },
        col(t('who'), 'by', (b: TimelineItem['by']) => (b ? [b.name ?? b.username, b.role, b.department].filter(Boolean).join(' · ') : '—')),
        col(t('outcome'), 'outcome', (o: string) => <Tag color={o === 'ok' ? 'green' : 'red'}>{o === 'ok' ? t('ok') : t('refused')}</Tag>),
        col('source', 'source', undefined, { width: 90 }),
      ]}
    />
  );
}
