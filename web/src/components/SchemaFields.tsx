// antd form fields for the fields a JSON Schema asks for (lib/schema-form.ts), with the server's
// messages for a field shown under it.
import { Checkbox, Form, Input, InputNumber, Select, Typography } from 'antd';
import type { Field } from '../lib/schema-form';
import { fenToYuan } from '../lib/sla';
import { DocumentUpload } from './DocumentUpload';

export function SchemaFields({ fields, serverErrors, prefix = [] }: { fields: readonly Field[]; serverErrors: Record<string, string[]>; prefix?: string[] }) {
  return (
    <>
      {fields.map((f) => {
        const name = [...prefix, f.name];
        const errs = serverErrors[f.path];
        const common = {
          key: f.path,
          name,
          label: f.label,
          ...(errs ? { validateStatus: 'error' as const, help: errs.join('; ') } : {}),
          rules: f.required && f.kind !== 'boolean' ? [{ required: true, message: `${f.label} ✱` }] : [],
        };
        switch (f.kind) {
          case 'object':
            return (
              <fieldset key={f.path} style={{ border: '1px solid #e5e7eb', padding: '8px 12px', marginBottom: 12 }}>
                <legend style={{ fontSize: 13, width: 'auto', padding: '0 4px' }}>{f.label}</legend>
                <SchemaFields fields={f.children ?? []} serverErrors={serverErrors} prefix={name} />
              </fieldset>
            );
          case 'integer':
          case 'number':
            return (
              <Form.Item {...common} extra={f.money ? <MoneyHint name={name} /> : undefined}>
                <InputNumber style={{ width: 240 }} min={f.min} max={f.max} precision={f.kind === 'integer' ? 0 : undefined} data-field={f.path} />
              </Form.Item>
            );
          case 'boolean':
            return (
              <Form.Item {...common} valuePropName="checked">
                <Checkbox data-field={f.path} />
              </Form.Item>
            );
          case 'select':
            return (
              <Form.Item {...common}>
                <Select allowClear style={{ width: 320 }} mode={f.max !== undefined ? 'multiple' : undefined} options={(f.options ?? []).map((o) => ({ value: o, label: o }))} data-field={f.path} />
              </Form.Item>
            );
          case 'list':
            return f.name === 'documentIds' ? (
              <Form.Item {...common}>
                <DocumentUpload />
              </Form.Item>
            ) : (
              <Form.Item {...common} extra="a, b, c">
                <Input data-field={f.path} />
              </Form.Item>
            );
          case 'textarea':
            return (
              <Form.Item {...common}>
                <Input.TextArea rows={3} maxLength={f.maxLength} data-field={f.path} />
              </Form.Item>
            );
          case 'json':
            return (
              <Form.Item {...common} extra="JSON">
                <Input.TextArea rows={2} data-field={f.path} />
              </Form.Item>
            );
          default:
            return (
              <Form.Item {...common}>
                <Input maxLength={f.maxLength} data-field={f.path} />
              </Form.Item>
            );
        }
      })}
    </>
  );
}

function MoneyHint({ name }: { name: string[] }) {
  const value: unknown = Form.useWatch(name);
  return <Typography.Text type="secondary">{typeof value === 'number' ? `= ${fenToYuan(value)} 元` : '分 (fen)'}</Typography.Text>;
}
