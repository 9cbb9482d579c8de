// 申报: pick a measure and item, fill its facts form (the item's JSON Schema), watch the live quote
// (the calculator's breakdown lines), attach documents and file.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Col, Form, Result, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { api, ApiError, must, toApiError, type paths } from '../api/client';
import { go, useLoad, useT } from '../app-context';
import { DocumentUpload } from '../components/DocumentUpload';
import { SchemaFields } from '../components/SchemaFields';
import { bodyOf, fieldsOf, inOrder, type FormValues, type JsonSchema } from '../lib/schema-form';
import { useServerForm } from '../components/use-server-form';
import { columnsOf } from '../components/columns';
import { fenToYuan } from '../lib/sla';

type Quote = paths['/api/v1/policies/{code}/quote']['post']['responses'][200]['content']['application/json'];

/** initialCode, initialItem: the measure and item to start from (a match notification's). */const lineCol = columnsOf<Quote['breakdown'][number]>();

export default function FileApplication({ initialCode, initialItem }: { initialCode?: string; initialItem?: string }) {
  const { t, lang } = useT();
  const zh = lang === 'zh';
  const [code, setCode] = useState<string | undefined>(initialCode);
  const [itemCode, setItemCode] = useState<string | undefined>(initialItem);
  const [form] = Form.useForm<FormValues>();
  const [quote, setQuote] = useState<Quote>();
  const [quoteError, setQuoteError] = useState<ApiError>();
  const [documentIds, setDocumentIds] = useState<string[]>([]);
  const [filed, setFiled] = useState<{ caseId: string; deadline: string | null }>();
  const policies = useLoad(() => must(api.GET('/api/v1/policies', {})), []);
  const policy = useLoad(() => (code ? must(api.GET('/api/v1/policies/{code}', { params: { path: { code } } })) : Promise.resolve(null)), [code]);
  const item = policy.data?.items.find((i) => i.code === itemCode);
  const fields = useMemo(() => (item ? inOrder(fieldsOf(item.form as JsonSchema), item.fields) : []), [item]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const key = useRef(crypto.randomUUID());

  useEffect(() => {
    setQuote(undefined);
    setQuoteError(undefined);
    form.resetFields();
  }, [code, itemCode, form]);

  const requote = (values: FormValues) => {
    if (!code || !itemCode) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      api
        .POST('/api/v1/policies/{code}/quote', { params: { path: { code } }, body: { item: itemCode, facts: bodyOf(fields, values) } })
        .then(({ data, error, response }) => {
          if (data) {
            setQuote(data);
            setQuoteError(undefined);
          } else {
            setQuote(undefined);
            setQuoteError(toApiError(response.status, error));
          }
        })
        .catch(() => undefined);
    }, 300);
  };

  const { busy, error: fileError, fieldErrors, send } = useServerForm(fields);
  const submit = (values: FormValues) =>
    send(async () => {
      if (!code || !itemCode) return;
      const answer = await must(
        api.POST('/api/v1/applications', { params: { header: { 'idempotency-key': key.current } }, body: { policyCode: code, item: itemCode, facts: bodyOf(fields, values), documentIds } }),
      );
      setFiled({ caseId: answer.caseId, deadline: answer.deadline });
      key.current = crypto.randomUUID();
    });

  if (filed) {
    return (
      <Result
        status="success"
        title={`${t('filed')}: ${filed.caseId}`}
        subTitle={filed.deadline ? `${zh ? '受理期限' : 'Acceptance deadline'} ${filed.deadline.slice(0, 10)}` : undefined}
        extra={[
          <Button type="primary" key="open" onClick={() => go('case', filed.caseId)}>
            {t('openCase')}
          </Button>,
          <Button key="again" onClick={() => setFiled(undefined)}>
            {t('fileApplication')}
          </Button>,
        ]}
      />
    );
  }

  const measures = (policies.data?.items ?? []).filter((p) => p.kind === 'award' || p.kind === 'approval');
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('fileApplication')}
      </Typography.Title>
      <Space wrap>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('policy')}
          style={{ width: 420 }}
          value={code}
          onChange={(v: string) => {
            setCode(v);
            setItemCode(undefined);
          }}
          options={measures.map((p) => ({ value: p.code, label: `${p.code} ${zh ? p.titleZh : p.name}` }))}
          data-testid="policy-select"
        />
        <Select
          placeholder={t('item')}
          style={{ width: 320 }}
          value={itemCode}
          onChange={setItemCode}
          options={(policy.data?.items ?? []).map((i) => ({ value: i.code, label: zh ? i.nameZh : i.name }))}
          data-testid="item-select"
        />
      </Space>
      {item ? (
        <Row gutter={16}>
          <Col xs={24} lg={13}>
            <Card size="small" title={zh ? item.nameZh : item.name}>
              <Typography.Paragraph type="secondary">{item.clause}</Typography.Paragraph>
              <Form form={form} layout="vertical" onValuesChange={(_, all) => requote(all)} onFinish={(v) => void submit(v)}>
                <SchemaFields fields={fields} serverErrors={fieldErrors} />
                <Form.Item label={`${t('documents')}: ${item.requiredDocuments.map((d) => (zh ? d.nameZh : d.name)).join('、')}`}>
                  <DocumentUpload value={documentIds} onChange={setDocumentIds} />
                </Form.Item>
                {fileError ? <Alert type="error" showIcon data-testid="file-error" title={`${fileError.status} ${fileError.code}`} description={fileError.message} style={{ marginBottom: 12 }} /> : null}
                <Button type="primary" htmlType="submit" loading={busy} data-testid="file-submit">
                  {t('submit')}
                </Button>
              </Form>
            </Card>
          </Col>
          <Col xs={24} lg={11}>
            <Card size="small" title={t('quote')} data-testid="quote">
              {quote ? (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Space>
                    <Tag color={quote.eligible ? 'green' : 'red'}>{quote.eligible ? t('eligible') : t('notEligible')}</Tag>
                    <Typography.Text strong data-testid="quote-amount">
                      {fenToYuan(quote.amountFen)} {t('yuan')}
                    </Typography.Text>
                  </Space>
                  <Table
                    size="small"
                    pagination={false}
                    rowKey={(r) => `${r.label}-${r.rule}`}
                    dataSource={quote.breakdown}
                    columns={[
                      { title: zh ? '明细' : 'Line', render: (_, r) => (zh ? r.labelZh : r.label) },
                      lineCol(zh ? '金额(元)' : 'Yuan', 'amountFen', (n: number) => fenToYuan(n), { align: 'right' }),
                    ]}
                  />
                  {quote.reasons.map((r) => (
                    <Alert key={r} type="warning" title={r} />
                  ))}
                  {quote.pending.map((p) => (
                    <Alert key={p.parameter} type="info" title={`${p.label}: ${p.note}`} />
                  ))}
                </Space>
              ) : quoteError ? (
                <Typography.Text type="secondary">{quoteError.message}</Typography.Text>
              ) : (
                <Typography.Text type="secondary">{zh ? '填写表单后自动测算' : 'Fill in the form to see the quote'}</Typography.Text>
              )}
            </Card>
          </Col>
        </Row>
      ) : null}
    </Space>
  );
}
