// 我的消息: the caller's notifications (the policy matches of measure 1 among them), marked read
// when opened; a match offers its item's filing form.
import { Alert, Badge, Button, List, Space, Switch, Tag, Typography } from 'antd';
import { api, must } from '../api/client';
import { go, useLoad, useT } from '../app-context';
import { fenToYuan } from '../lib/sla';

/** What a match's payload names (the rest of a payload is shown as it is). */
function matchOf(payload: unknown): { policyCode: string; item: string; estimatedAmountFen: number | null } | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p: Record<string, unknown> = { ...payload };
  if (typeof p.policyCode !== 'string' || typeof p.item !== 'string') return null;
  return { policyCode: p.policyCode, item: p.item, estimatedAmountFen: typeof p.estimatedAmountFen === 'number' ? p.estimatedAmountFen : null };
}

export default function Notifications({ unreadOnly, setUnreadOnly }: { unreadOnly: boolean; setUnreadOnly(v: boolean): void }) {
  const { t, lang } = useT();
  const zh = lang === 'zh';
  const list = useLoad(() => must(api.GET('/api/v1/notifications', { params: { query: { limit: 100, unread: unreadOnly ? 'true' : 'false' } } })), [unreadOnly]);
  const read = async (id: string) => {
    await must(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }));
    list.reload();
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('notifications')}
      </Typography.Title>
      <Space>
        <Switch checked={unreadOnly} onChange={setUnreadOnly} />
        <span>{zh ? '只看未读' : 'Unread only'}</span>
        <Button onClick={list.reload}>{t('refresh')}</Button>
      </Space>
      {list.error ? <Alert type="error" showIcon title={list.error.message} /> : null}
      <List
        bordered
        loading={list.loading}
        data-testid="notifications"
        dataSource={list.data?.items ?? []}
        renderItem={(n) => {
          const match = matchOf(n.payload);
          return (
            <List.Item
              data-testid={`notification-${n.id}`}
              actions={[
                ...(match
                  ? [
                      <Button key="file" type="primary" size="small" data-testid="notification-file" onClick={() => go('file-application', match.policyCode, match.item)}>
                        {zh ? '去申报' : 'File it'}
                      </Button>,
                    ]
                  : []),
                n.readAt ? (
                  <Tag key="read">{zh ? '已读' : 'read'}</Tag>
                ) : (
                  <Button key="read" size="small" data-testid="notification-read" onClick={() => void read(n.id)}>
                    {zh ? '标为已读' : 'Mark read'}
                  </Button>
                ),
              ]}
            >
              <List.Item.Meta
                title={
                  <Space>
                    {n.readAt ? null : <Badge status="processing" />}
                    <span>{n.title}</span>
                    {match?.estimatedAmountFen ? <Tag color="green">{`≈ ${fenToYuan(match.estimatedAmountFen)} ${t('yuan')}`}</Tag> : null}
                  </Space>
                }
                description={`${n.createdAt.slice(0, 16).replace('T', ' ')} · ${n.body}`}
              />
            </List.Item>
          );
        }}
      />
    </Space>
  );
}
