// Filing a 代办 proxy case or a 诉求 appeal: the form is the filing route's body schema.
import { useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Form, Result, Space, Typography } from 'antd';
import { postFiling } from '../api/client';
import { go, useT } from '../app-context';
import { actSchema } from '../components/ActForm';
import { SchemaFields } from '../components/SchemaFields';
import { bodyOf, defaultsOf, fieldsOf, type FormValues } from '../lib/schema-form';
import { useServerForm } from '../components/use-server-form';

export function FileCase({ kind, title }: { kind: 'proxy-cases' | 'appeals'; title: string }) {
  const { t } = useT();
  const fields = useMemo(() => fieldsOf(actSchema(`file:${kind}`, 'file') ?? {}), [kind]);
  const [form] = Form.useForm<FormValues>();
  const { busy, error, fieldErrors, send } = useServerForm(fields);
  const [filed, setFiled] = useState<string>();
  const key = useRef(crypto.randomUUID());
  const submit = (values: FormValues) =>
    send(async () => {
      const { caseId } = await postFiling(kind, bodyOf(fields, values), key.current);
      key.current = crypto.randomUUID();
      setFiled(caseId);
    });
  if (filed) {
    return (
      <Result
        status="success"
        title={`${t('filed')}: ${filed}`}
        extra={[
          <Button type="primary" key="open" onClick={() => go('case', filed)}>
            {t('openCase')}
          </Button>,
          <Button key="again" onClick={() => setFiled(undefined)}>
            {title}
          </Button>,
        ]}
      />
    );
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      <Card size="small" style={{ maxWidth: 760 }}>
        <Form form={form} layout="vertical" initialValues={defaultsOf(fields)} onFinish={(v) => void submit(v)}>
          <SchemaFields fields={fields} serverErrors={fieldErrors} />
          {error ? <Alert type="error" showIcon data-testid="file-error" title={`${error.status} ${error.code}`} description={error.message} style={{ marginBottom: 12 }} /> : null}
          <Button type="primary" htmlType="submit" loading={busy} data-testid="file-submit">
            {t('submit')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
