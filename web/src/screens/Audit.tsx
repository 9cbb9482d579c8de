// Auditor: find a case, read its timeline, replay it against the current code, download its
// dossier, verify the audit hash chain. Read-only: nothing here changes a case.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Input, Space, Table, Tag, Typography, message } from 'antd';
import { api, download, must, type paths } from '../api/client';
import { statusLabel } from '../lib/i18n';
import { go, useLoad, useT } from '../app-context';
import { CaseTimeline } from '../components/Timeline';
import { columnsOf } from '../components/columns';

type Replay = paths['/api/v1/cases/{caseId}/replay']['post']['responses'][200]['content']['application/json'];
type CaseRow = Exclude<paths['/api/v1/cases']['get']['responses'][200]['content']['application/json'], string>['items'][number];
const col = columnsOf<CaseRow>();
type Verify = paths['/api/v1/audit/verify']['get']['responses'][200]['content']['application/json'];

export default function Audit({ caseId }: { caseId?: string }) {
  const { t, lang } = useT();
  const [q, setQ] = useState<string>();
  const [replay, setReplay] = useState<Replay>();
  const [verify, setVerify] = useState<Verify>();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const cases = useLoad(() => must(api.GET('/api/v1/cases', { params: { query: { ...(q ? { q } : {}), limit: 50 } } })), [q]);
  const run = async (what: string, fn: () => Promise<void>) => {
    setBusy(what);
    setError(undefined);
    try {
      await fn();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('audit')}
      </Typography.Title>
      <Card size="small" title={t('verify')}>
        <Space>
          <Button loading={busy === 'verify'} data-testid="verify-chain" onClick={() => void run('verify', async () => setVerify(await must(api.GET('/api/v1/audit/verify', {}))))}>
            {t('verify')}
          </Button>
          {verify ? (
            <span data-testid="verify-result">
              <Tag color={verify.ok ? 'green' : 'red'}>{verify.ok ? 'OK' : 'BROKEN'}</Tag>
              {`${verify.records} records · last ${verify.lastSeq ?? '—'} · ${verify.lastHash.slice(0, 16)}…`}
              {verify.problem ? ` · ${verify.firstBrokenSeq ?? ''} ${verify.problem}` : ''}
            </span>
          ) : null}
        </Space>
      </Card>
      {error ? <Alert type="error" showIcon title={error} /> : null}
      {caseId ? (
        <Card
          size="small"
          title={`${t('timeline')} · ${caseId}`}
          extra={
            <Space>
              <Button
                loading={busy === 'replay'}
                data-testid="replay"
                onClick={() =>
                  void run('replay', async () => {
                    setReplay(await must(api.POST('/api/v1/cases/{caseId}/replay', { params: { path: { caseId } } })));
                  })
                }
              >
                {t('replay')}
              </Button>
              <Button loading={busy === 'dossier'} onClick={() => void run('dossier', () => download(`/api/v1/cases/${encodeURIComponent(caseId)}/dossier.pdf`, `${caseId}.pdf`).then(() => void message.success('PDF')))}>
                {t('dossier')}
              </Button>
              <Button onClick={() => go('case', caseId)}>{t('open')}</Button>
            </Space>
          }
        >
          {replay && replay.caseId === caseId ? (
            <Descriptions size="small" column={3} style={{ marginBottom: 12 }} data-testid="replay-result">
              <Descriptions.Item label={t('replay')}>
                <Tag color={replay.deterministic ? 'green' : 'red'}>{replay.deterministic ? t('deterministic') : t('notDeterministic')}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label="runs / events">{`${replay.runs} / ${replay.events}`}</Descriptions.Item>
              <Descriptions.Item label="source">{replay.source}</Descriptions.Item>
              {replay.error ? <Descriptions.Item label="error">{`${replay.error.eventType ?? ''} #${replay.error.eventId ?? ''}: ${replay.error.message}`}</Descriptions.Item> : null}
            </Descriptions>
          ) : null}
          <CaseTimeline caseId={caseId} />
        </Card>
      ) : null}
      <Card size="small" title={t('openCase')}>
        <Input.Search allowClear placeholder={t('search')} onSearch={(v) => setQ(v.trim() || undefined)} style={{ width: 320, marginBottom: 12 }} />
        <Table
          size="small"
          rowKey="caseId"
          data-testid="audit-cases"
          loading={cases.loading}
          dataSource={cases.data?.items ?? []}
          onRow={(r) => ({ onClick: () => go('audit', r.caseId), style: { cursor: 'pointer' } })}
          columns={[
            col(t('caseId'), 'caseId'),
            col(t('caseType'), 'caseType'),
            col(t('title'), 'title'),
            col(t('status'), 'status', (v: string | null) => (v ? statusLabel(lang, v) : '—')),
            col(t('department'), 'departmentCode'),
          ]}
        />
      </Card>
    </Space>
  );
}
