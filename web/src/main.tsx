// The console's shell: sign-in, the menu of the caller's role, the language switch, and the
// screens, each its own chunk (loaded when first opened).
import { lazy, StrictMode, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Result, Space, Spin, Tag, Typography } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { api, must, session, whenSignedOut, type Me } from './api/client';
import { AppContext, go, useRoute } from './app-context';
import { ROLES_ZH, word, type Lang, type WordKey } from './lib/i18n';
import { Login } from './screens/Login';

const Inbox = lazy(() => import('./screens/Inbox'));
const CasePage = lazy(() => import('./screens/CasePage'));
const FileApplication = lazy(() => import('./screens/FileApplication'));
const FileProxy = lazy(() => import('./screens/FileProxy'));
const FileAppeal = lazy(() => import('./screens/FileAppeal'));
const AgentBoard = lazy(() => import('./screens/AgentBoard'));
const Escalations = lazy(() => import('./screens/Escalations'));
const Audit = lazy(() => import('./screens/Audit'));
const Reports = lazy(() => import('./screens/Reports'));
const Notifications = lazy(() => import('./screens/Notifications'));

type Role = Me['role'];
const MENUS: Record<Role, WordKey[]> = {
  enterprise: ['inbox', 'done', 'notifications', 'fileApplication', 'fileProxy', 'fileAppeal'],
  reviewer: ['inbox', 'done', 'notifications'],
  dept_head: ['inbox', 'done', 'escalations', 'reports'],
  agent: ['agentBoard', 'inbox', 'done', 'notifications'],
  supervisor: ['escalations', 'inbox', 'done', 'reports'],
  auditor: ['audit', 'reports'],
  admin: ['inbox', 'escalations', 'audit', 'reports'],
  // Buyers (M10) read the product catalogue through the API; the console has no catalogue screen yet.
  buyer: ['notifications'],
};
const ROUTE_OF: Partial<Record<WordKey, string>> = {
  inbox: 'inbox',
  done: 'done',
  notifications: 'notifications',
  fileApplication: 'file-application',
  fileProxy: 'file-proxy',
  fileAppeal: 'file-appeal',
  agentBoard: 'agent',
  escalations: 'escalations',
  audit: 'audit',
  reports: 'reports',
};

function Screen({ parts, me }: { parts: string[]; me: Me }): ReactNode {
  const [head, arg] = parts;
  const route = head ?? ROUTE_OF[MENUS[me.role][0] ?? 'inbox'];
  switch (route) {
    case 'inbox':
      return <Inbox done={false} />;
    case 'done':
      return <Inbox done />;
    case 'case':
      return arg ? <CasePage caseId={arg} /> : null;
    case 'file-application':
      return <FileApplication initialCode={arg} initialItem={parts[2]} key={`${arg ?? ''}/${parts[2] ?? ''}`} />;
    case 'notifications':
      return <Notifications unreadOnly={arg === 'unread'} setUnreadOnly={(v) => go('notifications', ...(v ? ['unread'] : []))} />;
    case 'file-proxy':
      return <FileProxy />;
    case 'file-appeal':
      return <FileAppeal />;
    case 'agent':
      return <AgentBoard />;
    case 'escalations':
      return <Escalations />;
    case 'audit':
      return <Audit caseId={arg} />;
    case 'reports':
      return <Reports />;
    default:
      return <Result status="404" title="404" />;
  }
}

function Console() {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem('liaoyuan.lang') === 'en' ? 'en' : 'zh'));
  const [me, setMe] = useState<Me | null>(null);
  const [checking, setChecking] = useState(session.token() !== null);
  const parts = useRoute();
  const setLang = (l: Lang) => {
    localStorage.setItem('liaoyuan.lang', l);
    document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
    setLangState(l);
  };
  useEffect(() => {
    whenSignedOut(() => setMe(null));
    if (!session.token()) return;
    must(api.GET('/api/v1/me'))
      .then(setMe)
      .catch(() => session.clear())
      .finally(() => setChecking(false));
  }, []);
  const signOut = () => {
    session.clear();
    setMe(null);
    go();
  };
  const state = useMemo(() => (me ? { me, lang, setLang, signOut } : null), [me, lang]);
  const t = (k: WordKey) => word(lang, k);
  let body: ReactNode;
  if (checking) body = <Spin style={{ margin: 80 }} />;
  else if (!state || !me) body = <Login lang={lang} setLang={setLang} onSignedIn={setMe} />;
  else {
    const selected = parts[0] ?? ROUTE_OF[MENUS[me.role][0] ?? 'inbox'] ?? 'inbox';
    body = (
      <AppContext.Provider value={state}>
        <Layout style={{ minHeight: '100vh' }}>
          <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, background: '#1f3a60' }}>
            <Typography.Text strong style={{ color: '#fff', fontSize: 16, whiteSpace: 'nowrap' }}>
              {t('appTitle')}
            </Typography.Text>
            <Menu
              theme="dark"
              mode="horizontal"
              style={{ flex: 1, background: 'transparent' }}
              selectedKeys={[selected]}
              items={MENUS[me.role].map((k) => ({ key: ROUTE_OF[k] ?? k, label: <a href={`#/${ROUTE_OF[k] ?? k}`}>{t(k)}</a> }))}
            />
            <Space data-testid="whoami" style={{ color: '#fff' }}>
              <span>{me.displayName}</span>
              <Tag color="gold">{lang === 'zh' ? (ROLES_ZH[me.role] ?? me.role) : me.role}</Tag>
              {me.departmentCode ? <Tag>{me.departmentCode}</Tag> : null}
              <Button size="small" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}>
                {t('language')}
              </Button>
              <Button size="small" onClick={signOut}>
                {t('signOut')}
              </Button>
            </Space>
          </Layout.Header>
          <Layout.Content style={{ padding: 24 }}>
            <Suspense fallback={<Spin />}>
              <Screen parts={parts} me={me} />
            </Suspense>
          </Layout.Content>
        </Layout>
      </AppContext.Provider>
    );
  }
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={{ token: { colorPrimary: '#1f5fa8', borderRadius: 4 } }}>
      <AntApp>{body}</AntApp>
    </ConfigProvider>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Console />
    </StrictMode>,
  );
}
