// One case of any type: status and stages, the SLA clocks as bars, the acts the caller may take
// now (forms from the act schemas), documents and the timeline.
import { useState } from 'react';
import { Alert, Button, Card, Col, Collapse, Descriptions, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import { api, download, must, type CaseKind, type paths } from '../api/client';
import { useApp, useLoad, useT } from '../app-context';
import { ActForm } from '../components/ActForm';
import { ClockBars } from '../components/ClockBars';
import { columnsOf } from '../components/columns';
import { CaseTimeline } from '../components/Timeline';
import { CASE_TYPES_ZH, statusLabel } from '../lib/i18n';
import { fenToYuan } from '../lib/sla';

type Json<P extends keyof paths, M extends 'get'> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never;
type ApplicationView = Json<'/api/v1/applications/{caseId}', 'get'>;
type ProxyView = Json<'/api/v1/proxy-cases/{caseId}', 'get'>;
type AppealView = Json<'/api/v1/appeals/{caseId}', 'get'>;
type Detail = { kind: 'applications'; view: ApplicationView } | { kind: 'proxy-cases'; view: ProxyView } | { kind: 'appeals'; view: AppealView };

const docCol = columnsOf<Json<'/api/v1/cases/{caseId}/documents', 'get'>['items'][number]>();
const lineCol = columnsOf<ApplicationView['quote']['breakdown'][number]>();
const stageCol = columnsOf<ProxyView['stages'][number]>();
const noteCol = columnsOf<ProxyView['notes'][number]>();
const KIND_OF: Record<string, CaseKind> = { application: 'applications', proxy: 'proxy-cases', appeal: 'appeals' };
const SUPERVISOR_ACTS = ['urge', 'extend', 'reassign', 'hold', 'release'];

async function loadDetail(caseType: string, caseId: string): Promise<Detail | null> {
  const path = { params: { path: { caseId } } };
  switch (KIND_OF[caseType]) {
    case 'applications':
      return { kind: 'applications', view: await must(api.GET('/api/v1/applications/{caseId}', path)) };
    case 'proxy-cases':
      return { kind: 'proxy-cases', view: await must(api.GET('/api/v1/proxy-cases/{caseId}', path)) };
    case 'appeals':
      return { kind: 'appeals', view: await must(api.GET('/api/v1/appeals/{caseId}', path)) };
    default:
      return null;
  }
}

export default function CasePage({ caseId }: { caseId: string }) {
  const { t, lang } = useT();
  const { me } = useApp();
  const base = useLoad(() => must(api.GET('/api/v1/cases/{caseId}', { params: { path: { caseId } } })), [caseId]);
  const detail = useLoad(async () => (base.data ? loadDetail(base.data.caseType, caseId) : null), [base.data]);
  const docs = useLoad(() => must(api.GET('/api/v1/cases/{caseId}/documents', { params: { path: { caseId } } })), [caseId, base.data]);
  // Every act reloads the case, its view, documents and timeline.
  const [version, setVersion] = useState(0);
  const reload = () => {
    base.reload();
    setVersion((v) => v + 1);
  };
  if (base.loading && !base.data) return <Spin />;
  if (base.error) return <Alert type="error" showIcon title={base.error.message} />;
  const c = base.data;
  if (!c) return null;
  const d = detail.data;
  const acts = d?.view.actsAvailable ?? [];
  // The proxy acts name an approval item by its key: offered as a choice of the case's items.
  const hints: Record<string, string[]> = d?.kind === 'proxy-cases' ? { item: d.view.stages.flatMap((s) => s.items.map((i) => i.key)) } : {};
  const supervises = (me.role === 'supervisor' || me.role === 'dept_head' || me.role === 'admin') && c.closedAt === null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="case-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {c.caseId} · {c.title}
      </Typography.Title>
      <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('caseType')}>{lang === 'zh' ? (CASE_TYPES_ZH[c.caseType] ?? c.caseType) : c.caseType}</Descriptions.Item>
        <Descriptions.Item label={t('status')}>
          <Tag color="blue" data-testid="case-status" data-status={c.status}>
            {statusLabel(lang, c.status)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('department')}>{c.departmentCode}</Descriptions.Item>
        <Descriptions.Item label={lang === 'zh' ? '受理时间' : 'Opened'}>{c.openedAt.slice(0, 16).replace('T', ' ')}</Descriptions.Item>
        <Descriptions.Item label={lang === 'zh' ? '办结时间' : 'Closed'}>{c.closedAt?.slice(0, 16).replace('T', ' ') ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={lang === 'zh' ? '督办' : 'Escalations'}>
          {c.escalations.length === 0 ? '—' : c.escalations.map((e, i) => <Tag key={i} color={e.closedAt ? 'default' : 'volcano'}>{`L${e.level} ${e.stage} ${e.targetDepartment}`}</Tag>)}
        </Descriptions.Item>
      </Descriptions>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Space orientation="vertical" style={{ width: '100%' }} size="middle">
            <Card size="small" title={t('clocks')}>
              <ClockBars clocks={c.clocks} />
            </Card>
            <Card size="small" title={t('overview')}>
              {detail.error ? <Alert type="warning" showIcon title={detail.error.message} /> : d ? <DetailView detail={d} /> : <Spin />}
            </Card>
            <Card size="small" title={t('documents')}>
              <Table
                size="small"
                rowKey="documentId"
                pagination={false}
                dataSource={docs.data?.items ?? []}
                columns={[
                  docCol(t('name'), 'name'),
                  docCol('act', 'act'),
                  docCol(t('size'), 'size', (n: number) => `${Math.ceil(n / 1024)} KiB`),
                  docCol(t('who'), 'uploadedBy'),
                  docCol('', 'documentId', (id: string, r) => <Button size="small" onClick={() => void download(`/api/v1/documents/${id}`, r.name)}>↓</Button>),
                ]}
              />
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('acts')} data-testid="acts">
            {detail.loading && !d ? <Spin /> : null}
            {d && acts.length === 0 && !supervises ? <Typography.Text type="secondary">{t('noActs')}</Typography.Text> : null}
            <Collapse
              accordion
              items={[
                ...(d ? acts.map((a) => ({ key: `${d.kind}:${a}`, label: <ActLabel act={a} />, children: <ActForm kind={d.kind} caseId={c.caseId} act={a} onDone={reload} hints={hints} /> })) : []),
                ...(supervises ? SUPERVISOR_ACTS.map((a) => ({ key: `cases:${a}`, label: <ActLabel act={a} supervisor />, children: <ActForm kind="cases" caseId={c.caseId} act={a} onDone={reload} /> })) : []),
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('timeline')}>
        <CaseTimeline caseId={c.caseId} key={`${c.status}-${version}`} />
      </Card>
    </Space>
  );
}

function ActLabel({ act, supervisor }: { act: string; supervisor?: boolean }) {
  const { act: name } = useT();
  return (
    <span data-testid={`act-panel-${act}`}>
      {name(act)} {supervisor ? <Tag>督办</Tag> : null}
    </span>
  );
}

function DetailView({ detail }: { detail: Detail }) {
  const { lang } = useT();
  const zh = lang === 'zh';
  switch (detail.kind) {
    case 'applications': {
      const v = detail.view;
      return (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={zh ? '措施/事项' : 'Measure / item'}>{`${v.policyCode} · ${v.item}`}</Descriptions.Item>
            <Descriptions.Item label={zh ? '牵头部门' : 'Lead'}>{[v.leadDepartment, ...v.coDepartments].join(', ')}</Descriptions.Item>
            <Descriptions.Item label={zh ? '测算金额' : 'Quoted'}>{`${fenToYuan(v.quote.amountFen)} 元 ${v.quote.eligible ? '' : zh ? '(不符合)' : '(not eligible)'}`}</Descriptions.Item>
            <Descriptions.Item label={zh ? '公示' : 'Publicity'}>{v.publicity ? `${v.publicity.from.slice(0, 10)} → ${v.publicity.until.slice(0, 10)}` : '—'}</Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            pagination={false}
            rowKey={(r) => r.label}
            dataSource={v.quote.breakdown}
            columns={[
              lineCol(zh ? '测算明细' : 'Breakdown', 'label'),
              lineCol(zh ? '金额(元)' : 'Yuan', 'amountFen', (n: number) => fenToYuan(n), { align: 'right' }),
            ]}
          />
          <Descriptions size="small" column={1} title={zh ? '申报事实' : 'Facts'}>
            {Object.entries(v.facts).map(([k, val]) => (
              <Descriptions.Item key={k} label={k}>
                {typeof val === 'object' ? JSON.stringify(val) : String(val)}
              </Descriptions.Item>
            ))}
          </Descriptions>
        </Space>
      );
    }
    case 'proxy-cases': {
      const v = detail.view;
      return (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={zh ? '项目' : 'Project'}>{`${v.project.name} (${v.project.type}, ${v.project.location})`}</Descriptions.Item>
            <Descriptions.Item label={zh ? '渠道' : 'Channel'}>{v.channel}</Descriptions.Item>
            <Descriptions.Item label={zh ? '当前阶段' : 'Stage'}>{v.currentStage ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={zh ? '等待' : 'Waiting on'}>
              <Tag data-testid="waiting-on">{v.waitingOn ?? '—'}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={zh ? '代办员' : 'Agent'}>{v.agentId ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={zh ? '联系人' : 'Contact'}>{`${v.contact.name} ${v.contact.phone}`}</Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={v.stages}
            columns={[
              { title: zh ? '阶段' : 'Stage', render: (_, s) => (zh ? s.labelZh : s.label) },
              stageCol('key', 'key'),
              stageCol(zh ? '时限(工作日)' : 'Working days', 'workingDays'),
              stageCol(zh ? '状态' : 'Status', 'status', (s: string) => <Tag color={s === 'done' ? 'green' : s === 'running' ? 'blue' : 'default'}>{s}</Tag>),
              {
                title: zh ? '审批事项' : 'Items',
                render: (_, s) => (
                  <Space orientation="vertical" size={2}>
                    {s.items.map((i) => (
                      <span key={i.key} data-testid={`proxy-item-${i.key}`} data-status={i.status}>
                        {`${zh ? i.labelZh : i.label} (${i.key}) · ${i.authority ?? i.plannedAuthority ?? ''} · `}
                        <Tag>{i.status}</Tag>
                        {i.waitingOn ? <Tag color="purple">{i.waitingOn}</Tag> : null}
                        {i.permitNo ? <Tag color="green">{i.permitNo}</Tag> : null}
                      </span>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
          {v.notes.length > 0 ? (
            <Table size="small" pagination={false} rowKey={(n) => `${n.at}-${n.by}`} dataSource={v.notes} columns={[noteCol(zh ? '记录' : 'Note', 'text'), noteCol(zh ? '人' : 'By', 'by'), noteCol(zh ? '时间' : 'At', 'at')]} />
          ) : null}
        </Space>
      );
    }
    case 'appeals': {
      const v = detail.view;
      return (
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={zh ? '类别' : 'Category'}>{v.category}</Descriptions.Item>
          <Descriptions.Item label={zh ? '牵头部门' : 'Lead'}>{v.leadDepartment ?? v.proposal.leadDepartment}</Descriptions.Item>
          <Descriptions.Item label={zh ? '责任方' : 'Responsible'}>{`${v.responsible.party ?? '—'} ${v.responsible.department ?? ''}`}</Descriptions.Item>
          <Descriptions.Item label={zh ? '优先级' : 'Priority'}>{v.priority ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={zh ? '诉求内容' : 'Description'} span={2}>
            {v.description}
          </Descriptions.Item>
          <Descriptions.Item label={zh ? '答复' : 'Replies'} span={2}>
            {v.replies.map((r) => `${r.department}: ${r.text}`).join(' / ') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={zh ? '评价' : 'Ratings'} span={2}>
            {v.ratings.map((r) => r.level).join(', ') || '—'}
          </Descriptions.Item>
        </Descriptions>
      );
    }
  }
}
