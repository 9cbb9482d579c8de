// 我的待办 / 已办: the caller's cases across types, soonest deadline first, with SLA badges.
import { useState } from 'react';
import { Alert, Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { api, must, type InboxItem, type paths } from '../api/client';
import { go, useLoad, useT } from '../app-context';
import { CASE_TYPES_ZH, statusLabel } from '../lib/i18n';
import { daysLeftText, slaColor, type SlaState } from '../lib/sla';
import { SlaTag } from '../components/SlaTag';
import { columnsOf } from '../components/columns';

type DoneItem = paths['/api/v1/inbox/done']['get']['responses'][200]['content']['application/json']['items'][number];
const todoCol = columnsOf<InboxItem>();
const doneCol = columnsOf<DoneItem>();

type CaseType = 'application' | 'proxy' | 'appeal';

export default function Inbox({ done }: { done: boolean }) {
  const { t, lang } = useT();
  const [type, setType] = useState<CaseType>();
  const [sla, setSla] = useState<SlaState>();
  const [q, setQ] = useState<string>();
  const query = { ...(type ? { type } : {}), ...(sla ? { sla } : {}), ...(q ? { q } : {}), limit: 200 };
  const todo = useLoad(() => (done ? Promise.resolve(null) : must(api.GET('/api/v1/inbox', { params: { query } }))), [done, type, sla, q]);
  const doneList = useLoad(() => (done ? must(api.GET('/api/v1/inbox/done', { params: { query: { ...(type ? { type } : {}), ...(q ? { q } : {}), limit: 200 } } })) : Promise.resolve(null)), [done, type, q]);
  const typeName = (c: string | null) => (c ? (lang === 'zh' ? (CASE_TYPES_ZH[c] ?? c) : c) : '—');
  const error = todo.error ?? doneList.error;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {done ? t('done') : t('inbox')}
      </Typography.Title>
      <Space wrap>
        <Select<CaseType> allowClear placeholder={t('caseType')} style={{ width: 140 }} value={type} onChange={setType} options={(['application', 'proxy', 'appeal'] as const).map((v) => ({ value: v, label: typeName(v) }))} data-testid="filter-type" />
        {done ? null : (
          <Select<SlaState>
            allowClear
            placeholder={t('sla')}
            style={{ width: 140 }}
            value={sla}
            onChange={setSla}
            options={(['on_time', 'due_soon', 'overdue', 'suspended'] as const).map((v) => ({ value: v, label: <Tag color={slaColor(v)}>{v}</Tag> }))}
          />
        )}
        <Input.Search allowClear placeholder={t('search')} onSearch={(v) => setQ(v.trim() === '' ? undefined : v.trim())} style={{ width: 260 }} />
        <Button onClick={done ? doneList.reload : todo.reload}>{t('refresh')}</Button>
      </Space>
      {error ? <Alert type="error" showIcon title={error.message} /> : null}
      {done ? (
        <Table
          rowKey="seq"
          size="small"
          loading={doneList.loading}
          dataSource={doneList.data?.items ?? []}
          onRow={(r) => ({ onClick: () => go('case', r.caseId), style: { cursor: 'pointer' } })}
          columns={[
            doneCol(t('time'), 'at', (v: string) => new Date(v).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en')),
            doneCol(t('caseId'), 'caseId'),
            doneCol(t('caseType'), 'caseType', typeName),
            doneCol(t('title'), 'title'),
            doneCol(t('event'), 'action'),
            doneCol(t('status'), 'status', (v: string | null) => (v ? statusLabel(lang, v) : '—')),
          ]}
        />
      ) : (
        <Table<InboxItem>
          rowKey="caseId"
          size="small"
          data-testid="inbox-table"
          loading={todo.loading}
          dataSource={todo.data?.items ?? []}
          onRow={(r) => ({ onClick: () => go('case', r.caseId), style: { cursor: 'pointer' } })}
          columns={[
            todoCol(t('caseId'), 'caseId', (v: string) => <a href={`#/case/${v}`}>{v}</a>),
            todoCol(t('caseType'), 'caseType', typeName),
            todoCol(t('title'), 'title'),
            todoCol(t('enterprise'), 'enterpriseName', (v: string | null) => v ?? '—'),
            todoCol(t('status'), 'status', (v: string | null) => (v ? statusLabel(lang, v) : '—')),
            todoCol(t('expectedAct'), 'expectedAct', (v: InboxItem['expectedAct']) => (v ? (lang === 'zh' ? v.zh : v.en) : '—')),
            todoCol(t('sla'), 'sla', (v: InboxItem['sla'], r) => <SlaTag sla={v} level={r.escalationLevel} />),
            todoCol(t('daysLeft'), 'workingDaysLeft', (v) =>
              daysLeftText(v, lang === 'zh' ? { today: '今日到期', overdue: (n) => `超期 ${n} 天`, left: (n) => `${n} 天` } : { today: 'due today', overdue: (n) => `${n} overdue`, left: (n) => `${n}` }),
            ),
            todoCol(t('deadline'), 'deadlineAt', (v: string | null, r) => (v ? `${v.slice(0, 10)}${r.deadlineProvisional ? ' *' : ''}` : '—')),
          ]}
        />
      )}
    </Space>
  );
}
