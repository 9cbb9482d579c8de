// Uploads files to POST /api/v1/documents and holds their ids (the documentIds of a filing or act).
import { useState } from 'react';
import { Button, Upload, message } from 'antd';
import { session, toApiError } from '../api/client';
import { useT } from '../app-context';

export function DocumentUpload({ value, onChange }: { value?: string[]; onChange?: (ids: string[]) => void }) {
  const { lang } = useT();
  const [names, setNames] = useState<Record<string, string>>({});
  const ids = value ?? [];
  return (
    <Upload
      multiple
      showUploadList={false}
      customRequest={({ file, onSuccess, onError }) => {
        const body = new FormData();
        body.append('file', file);
        const token = session.token();
        fetch('/api/v1/documents', { method: 'POST', body, headers: token ? { authorization: `Bearer ${token}` } : {} })
          .then(async (res) => {
            const answer: unknown = await res.json().catch(() => null);
            if (!res.ok) throw toApiError(res.status, answer);
            const id = typeof answer === 'object' && answer !== null && 'documentId' in answer ? String(answer.documentId) : '';
            setNames((n) => ({ ...n, [id]: file instanceof File ? file.name : id }));
            onChange?.([...ids, id]);
            onSuccess?.(answer);
          })
          .catch((e: unknown) => {
            void message.error(e instanceof Error ? e.message : String(e));
            onError?.(e instanceof Error ? e : new Error(String(e)));
          });
      }}
    >
      <Button>{lang === 'zh' ? '上传材料' : 'Upload'}</Button>
      <span style={{ marginLeft: 8 }}>{ids.map((id) => names[id] ?? id.slice(0, 8)).join(', ')}</span>
    </Upload>
  );
}
