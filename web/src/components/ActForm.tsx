// One act on a case as a form built from its body's JSON Schema (the OpenAPI document's, bundled
// at build time); the server's 400 issues land on their fields, its message (409 and the rest)
// under the act.
import { useMemo } from 'react';
import { Alert, Button, Form, message } from 'antd';
import actSchemas from '../generated/act-schemas.json';
import { postAct, type CaseKind } from '../api/client';
import { useT } from '../app-context';
import { SchemaFields } from './SchemaFields';
import { useServerForm } from './use-server-form';
import { bodyOf, defaultsOf, fieldsOf, withChoices, type FormValues, type JsonSchema } from '../lib/schema-form';

const SCHEMAS: Record<string, Record<string, JsonSchema>> = actSchemas;

export function actSchema(kind: CaseKind | `file:${CaseKind}`, act: string): JsonSchema | undefined {
  return SCHEMAS[kind]?.[act];
}

export function ActForm({ kind, caseId, act, onDone, hints }: { kind: CaseKind; caseId: string; act: string; onDone(): void; hints?: Record<string, string[]> }) {
  const { t, act: actName } = useT();
  const fields = useMemo(() => withChoices(fieldsOf(actSchema(kind, act) ?? {}), hints ?? {}), [kind, act, hints]);
  const [form] = Form.useForm<FormValues>();
  const { busy, error, fieldErrors, send } = useServerForm(fields);
  const submit = (values: FormValues) =>
    send(async () => {
      await postAct(kind, caseId, act, bodyOf(fields, values));
      void message.success(`${actName(act)} · ${t('actDone')}`);
      form.resetFields();
      onDone();
    });
  return (
    <Form form={form} layout="vertical" initialValues={defaultsOf(fields)} onFinish={(v) => void submit(v)} data-act={act}>
      <SchemaFields fields={fields} serverErrors={fieldErrors} />
      {error ? <Alert type="error" showIcon data-testid="act-error" title={`${error.status} ${error.code}`} description={error.message} style={{ marginBottom: 12 }} /> : null}
      <Button type="primary" htmlType="submit" loading={busy} data-testid={`act-${act}`}>
        {actName(act)}
      </Button>
    </Form>
  );
}
