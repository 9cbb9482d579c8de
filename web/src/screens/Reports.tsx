// Reports: on-time rate by department and stage, the appeal figures (三率 and the rest), funds per
// measure, each as a chart with its numbers beside it.
import { useMemo, useState } from 'react';
import { Alert, Card, Col, DatePicker, InputNumber, Row, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, must } from '../api/client';
import { useLoad, useT } from '../app-context';
import { Chart } from '../components/Chart';
import { columnsOf } from '../components/columns';
import type { paths } from '../api/client';

type Sla = Exclude<paths['/api/v1/reports/sla']['get']['responses'][200]['content']['application/json'], string>;
type Appeals = Exclude<paths['/api/v1/reports/appeals']['get']['responses'][200]['content']['application/json'], string>;
type Funds = Exclude<paths['/api/v1/reports/funds']['get']['responses'][200]['content']['application/json'], string>;
const deptCol = columnsOf<Sla['departments'][number]>();
const stageCol = columnsOf<Sla['stages'][number]>();
const figureCol = columnsOf<Appeals['figures'][number]>();
const measureCol = columnsOf<Funds['measures'][number]>();
import { fenToYuan } from '../lib/sla';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** A bar chart of rates (0..1, null: nothing counted) in percent, one bar per label. */
function rateBars(rows: ReadonlyArray<readonly [string, number | null]>, name: string) {
  return {
    tooltip: {},
    grid: { left: 40, right: 10, top: 20, bottom: 30 },
    xAxis: { type: 'category', data: rows.map(([label]) => label) },
    yAxis: { type: 'value', max: 100 },
    series: [{ type: 'bar', name, data: rows.map(([, r]) => (r === null ? 0 : Math.round(r * 1000) / 10)) }],
  };
}

export default function Reports() {
  const { t, lang } = useT();
  const zh = lang === 'zh';
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('year'), dayjs()]);
  const [year, setYear] = useState(dayjs().year());
  const query = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') };
  const sla = useLoad(() => must(api.GET('/api/v1/reports/sla', { params: { query } })), [query.from, query.to]);
  const appeals = useLoad(() => must(api.GET('/api/v1/reports/appeals', { params: { query } })), [query.from, query.to]);
  const funds = useLoad(() => must(api.GET('/api/v1/reports/funds', { params: { query: { year } } })), [year]);
  const deptOption = useMemo(() => rateBars((sla.data?.departments ?? []).map((d) => [d.department, d.onTimeRate]), t('onTimeRate')), [sla.data, t]);
  const stageOption = useMemo(() => rateBars((sla.data?.stages ?? []).map((s) => [s.stage, s.onTimeRate]), t('onTimeRate')), [sla.data, t]);
  const rates = (appeals.data?.figures ?? []).filter((f) => f.denominator !== null);
  const appealOption = useMemo(
    () => ({
      tooltip: {},
      grid: { left: 120, right: 20, top: 10, bottom: 20 },
      yAxis: { type: 'category', data: rates.map((f) => f.labelZh) },
      xAxis: { type: 'value', max: 100 },
      series: [{ type: 'bar', data: rates.map((f) => (f.value === null ? 0 : Math.round(f.value * 1000) / 10)) }],
    }),
    [rates],
  );
  const fundOption = useMemo(
    () => ({
      tooltip: {},
      legend: {},
      grid: { left: 70, right: 10, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: (funds.data?.measures ?? []).map((m) => m.policyCode) },
      yAxis: { type: 'value' },
      series: (['budgetFen', 'committedFen', 'paidFen'] as const).map((k) => ({ type: 'bar', name: t(k), data: (funds.data?.measures ?? []).map((m) => m[k] / 100) })),
    }),
    [funds.data, t],
  );
  const error = sla.error ?? appeals.error ?? funds.error;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('reports')}
      </Typography.Title>
      <Space>
        <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
        <span>{t('year')}</span>
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
      </Space>
      {error ? <Alert type="error" showIcon title={error.message} /> : null}
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title={`${t('onTimeRate')} · ${t('department')}`}>
            <Space size="large" style={{ marginBottom: 8 }}>
              <Statistic title={t('onTimeRate')} value={pct(sla.data?.onTimeRate ?? null)} />
              <Statistic title={zh ? '办结阶段' : 'Finished stages'} value={sla.data?.finishedStages ?? 0} />
              <Statistic title={zh ? '当前超期' : 'Overdue now'} value={sla.data?.overdueNow ?? 0} />
            </Space>
            <Chart option={deptOption} testId="chart-departments" />
            <Table size="small" pagination={false} rowKey="department" dataSource={sla.data?.departments ?? []} columns={[deptCol(t('department'), 'department'), deptCol(zh ? '案件' : 'Cases', 'cases'), deptCol(zh ? '办结' : 'Finished', 'finished'), deptCol(zh ? '按时' : 'On time', 'onTime'), deptCol(t('onTimeRate'), 'onTimeRate', pct), deptCol(t('overdue'), 'overdueNow')]} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={`${t('onTimeRate')} · ${t('stage')}`}>
            <Chart option={stageOption} />
            <Table size="small" pagination={false} rowKey="stage" dataSource={sla.data?.stages ?? []} columns={[stageCol(t('stage'), 'stage'), stageCol(zh ? '办结' : 'Finished', 'finished'), stageCol(zh ? '按时' : 'On time', 'onTime'), stageCol(t('onTimeRate'), 'onTimeRate', pct), stageCol('P50', 'p50'), stageCol('P90', 'p90')]} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('appealFigures')}>
            <Chart option={appealOption} height={Math.max(160, rates.length * 28)} />
            <Table size="small" pagination={false} rowKey="key" dataSource={appeals.data?.figures ?? []} columns={[figureCol(t('name'), 'labelZh'), { title: zh ? '分子/分母' : 'n / d', render: (_, f) => `${f.numerator} / ${f.denominator ?? '—'}` }, { title: t('value'), render: (_, f) => (f.denominator === null ? f.value : pct(f.value)) }, figureCol(zh ? '口径' : 'Formula', 'formula')]} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={`${t('funds')} (${t('yuan')})`}>
            <Chart option={fundOption} />
            <Table size="small" pagination={false} rowKey="policyCode" dataSource={funds.data?.measures ?? []} columns={[{ title: t('policy'), render: (_, m) => `${m.policyCode} ${m.titleZh}` }, measureCol(t('budgetFen'), 'budgetFen', fenToYuan, { align: 'right' }), measureCol(t('committedFen'), 'committedFen', fenToYuan, { align: 'right' }), measureCol(t('paidFen'), 'paidFen', fenToYuan, { align: 'right' }), measureCol(zh ? '按时拨付率' : 'Paid in time', 'paidWithinSlaRate', pct)]} />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
