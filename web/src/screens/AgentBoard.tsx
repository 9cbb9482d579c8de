// 代办 agent board: my cases, the next deadline of each, what waits on whom.
import { Alert, Card, Col, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { api, must, type paths } from '../api/client';
import { columnsOf } from '../components/columns';
import { statusLabel } from '../lib/i18n';
import { go, useApp, useLoad, useT } from '../app-context';

type ProxyRow = paths['/api/v1/proxy-cases']['get']['responses'][200]['content']['application/json']['items'][number];
const col = columnsOf<ProxyRow>();
const WAIT_ZH: Record<string, string> = { agent: '代办员', enterprise: '企业', authority: '审批部门', supervisor: '督办' };

export default function AgentBoard() {
  const { t, lang } = useT();
  const { me } = useApp();
  const cases = useLoad(() => must(api.GET('/api/v1/proxy-cases', { params: { query: me.role === 'agent' ? { agentId: me.id } : {} } })), [me.id]);
  const load = useLoad(() => (me.role === 'agent' ? must(api.GET('/api/v1/agents/{id}/workload', { params: { path: { id: me.id } } })) : Promise.resolve(null)), [me.id]);
  const next = new Map((load.data?.nextDeadlines ?? []).map((d) => [d.caseId, d]));
  const error = cases.error ?? load.error;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('agentBoard')}
      </Typography.Title>
      {error ? <Alert type="error" showIcon title={error.message} /> : null}
      {load.data ? (
        <Row gutter={16}>
          <Col span={6}>
            <Card size="small">
              <Statistic title={t('openCases')} value={load.data.openCases} />
            </Card>
          </Col>
          <Col span={6}>
            <Card size="small">
              <Statistic title={t('overdue')} value={load.data.overdueCount} styles={{ content: { color: load.data.overdueCount > 0 ? '#cf1322' : undefined } }} />
            </Card>
          </Col>
          <Col span={6}>
            <Card size="small">
              <Statistic title={lang === 'zh' ? '等待企业' : 'Waiting on the enterprise'} value={load.data.waitingOnEnterprise.count} />
            </Card>
          </Col>
        </Row>
      ) : null}
      <Table
        size="small"
        rowKey="caseId"
        data-testid="agent-cases"
        loading={cases.loading}
        dataSource={cases.data?.items ?? []}
        onRow={(r) => ({ onClick: () => go('case', r.caseId), style: { cursor: 'pointer' } })}
        columns={[
          col(t('caseId'), 'caseId', (v: string) => <a href={`#/case/${v}`}>{v}</a>),
          col(t('title'), 'title'),
          col(t('status'), 'status', (v: string | null) => (v ? statusLabel(lang, v) : '—')),
          col(t('stage'), 'currentStage', (v: string | null) => v ?? '—'),
          col(t('waitingOn'), 'waitingOn', (v: string | null) => (v ? <Tag>{lang === 'zh' ? (WAIT_ZH[v] ?? v) : v}</Tag> : '—')),
          {
            title: t('nextDeadline'),
            render: (_, r) => {
              const n = next.get(r.caseId);
              const at = n?.deadlineAt ?? r.deadlineAt;
              return at ? <Tag color={(n?.overdue ?? r.overdue) ? 'red' : 'blue'}>{`${at.slice(0, 10)}${n ? ` · ${n.clock}` : ''}`}</Tag> : '—';
            },
          },
        ]}
      />
    </Space>
  );
}
