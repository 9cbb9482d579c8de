// Supervisor: escalations by level and department, with urge / extend / reassign / hold.
import { useState } from 'react';
import { Alert, Button, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { api, must, type paths } from '../api/client';
import { go, useLoad, useT } from '../app-context';
import { ActForm } from '../components/ActForm';
import { columnsOf } from '../components/columns';

type Escalation = paths['/api/v1/escalations']['get']['responses'][200]['content']['application/json']['items'][number];
type Department = NonNullable<NonNullable<paths['/api/v1/escalations']['get']['parameters']['query']>['department']>;
const col = columnsOf<Escalation>();
const DEPARTMENTS: Department[] = ['GXJ', 'CZJ', 'SCJ', 'KJJ', 'RSJ', 'JYJ', 'JRJ', 'RMYH', 'ZRZYJ', 'NYJ', 'ZJJ', 'FGW', 'SLJ', 'GXQ', 'JFJT', 'SFJ', 'SWJ', 'FY'];

export default function Escalations() {
  const { t, act } = useT();
  const [level, setLevel] = useState<number>();
  const [department, setDepartment] = useState<Department>();
  const [openOnly, setOpenOnly] = useState(true);
  const [acting, setActing] = useState<{ caseId: string; act: string; stage: string }>();
  const list = useLoad(
    () => must(api.GET('/api/v1/escalations', { params: { query: { ...(level ? { level } : {}), ...(department ? { department } : {}), ...(openOnly ? { open: 'true' as const } : {}), limit: 200 } } })),
    [level, department, openOnly],
  );
  const items = list.data?.items ?? [];
  const byLevel = [1, 2, 3].map((l) => items.filter((e) => e.level === l && e.closedAt === null).length);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('escalations')}
      </Typography.Title>
      <Space wrap>
        {byLevel.map((n, i) => (
          <Tag key={i} color={['gold', 'orange', 'red'][i]}>{`L${i + 1}: ${n}`}</Tag>
        ))}
        <Select<number> allowClear placeholder={t('level')} style={{ width: 100 }} value={level} onChange={setLevel} options={[1, 2, 3].map((l) => ({ value: l, label: `L${l}` }))} />
        <Select<Department> allowClear placeholder={t('department')} style={{ width: 140 }} value={department} onChange={setDepartment} options={DEPARTMENTS.map((d) => ({ value: d, label: d }))} />
        <Switch checked={openOnly} onChange={setOpenOnly} checkedChildren="open" unCheckedChildren="all" />
        <Button onClick={list.reload}>{t('refresh')}</Button>
      </Space>
      {list.error ? <Alert type="error" showIcon title={list.error.message} /> : null}
      <Table<Escalation>
        size="small"
        rowKey="id"
        data-testid="escalations"
        loading={list.loading}
        dataSource={items}
        columns={[
          col(t('level'), 'level', (l: number) => <Tag color={['gold', 'orange', 'red'][l - 1]}>{`L${l}`}</Tag>),
          col(t('caseId'), 'caseId', (v: string) => <a href={`#/case/${v}`}>{v}</a>),
          col(t('title'), 'caseTitle'),
          { title: t('department'), render: (_, e) => `${e.caseDepartment} → ${e.targetDepartment} (${e.targetRole})` },
          col(t('stage'), 'stage'),
          col(t('overdueDays'), 'overdueWorkingDays'),
          col(t('firedAt'), 'firedAt', (v: string) => v.slice(0, 16).replace('T', ' ')),
          {
            title: '',
            render: (_, e) =>
              e.closedAt ? (
                <Tag>{e.closedReason ?? 'closed'}</Tag>
              ) : (
                <Space size={4}>
                  {['urge', 'extend', 'reassign', 'hold'].map((a) => (
                    <Button key={a} size="small" onClick={() => setActing({ caseId: e.caseId, act: a, stage: e.stage })} data-testid={`esc-${a}`}>
                      {act(a)}
                    </Button>
                  ))}
                  <Button size="small" type="link" onClick={() => go('case', e.caseId)}>
                    {t('open')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <Modal open={acting !== undefined} title={acting ? `${act(acting.act)} · ${acting.caseId}` : ''} footer={null} onCancel={() => setActing(undefined)} destroyOnHidden>
        {acting ? (
          <ActForm
            kind="cases"
            caseId={acting.caseId}
            act={acting.act}
            onDone={() => {
              setActing(undefined);
              list.reload();
            }}
          />
        ) : null}
      </Modal>
    </Space>
  );
}
