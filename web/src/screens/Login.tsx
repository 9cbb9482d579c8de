import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { api, must, session, type Me } from '../api/client';
import { word, type Lang } from '../lib/i18n';

export function Login({ lang, setLang, onSignedIn }: { lang: Lang; setLang(l: Lang): void; onSignedIn(me: Me): void }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const t = (k: Parameters<typeof word>[1]) => word(lang, k);
  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await must(api.POST('/api/v1/auth/login', { body: v }));
      session.set(answer.token);
      onSignedIn(answer.user);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ display: 'flex', justifyContent: 'center', paddingTop: 120, minHeight: '100vh', background: '#eef2f7' }}>
      <Card style={{ width: 380, height: 'fit-content' }} title={t('appTitle')} extra={<Button type="link" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>{t('language')}</Button>}>
        <Form layout="vertical" onFinish={(v: { username: string; password: string }) => void submit(v)}>
          <Form.Item label={t('username')} name="username" rules={[{ required: true }]}>
            <Input autoComplete="username" id="username" />
          </Form.Item>
          <Form.Item label={t('password')} name="password" rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" id="password" />
          </Form.Item>
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('signIn')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
          {lang === 'zh' ? '企业、审核员、代办员、督办与审计人员共用此入口。' : 'One sign-in for enterprises, reviewers, agents, supervisors and auditors.'}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
