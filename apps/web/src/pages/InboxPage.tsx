import { answer, client } from '../api/client';
import { App, Badge, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { messageOf } from '../api';
import { ErrorPage, Loading } from '../components';
import { formatDateTime } from '../format';
import { keys } from '../queries';

const kindLabels: Record<string, string> = {
  reminder: '报送提醒',
  escalation: '催报',
  office_digest: '办公室日报',
  weekly_digest: '周报',
  nudge: '催办',
  event: '通知',
  digest: '摘要',
  year_end: '年终考评',
};

/** Messages carry the platform's public address; inside the app only the page's path and query count. */
function appPath(link: string): string | null {
  if (!link) return null;
  const url = new URL(link, window.location.origin);
  return `${url.pathname}${url.search}${url.hash}`;
}

export default function InboxPage() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { data, error } = useQuery({
    queryKey: keys.inbox(),
    queryFn: () => answer(client.GET('/api/inbox', { params: { query: { pageSize: 100 } } })),
  });
  if (error) return <ErrorPage error={error} />;
  if (!data) return <Loading />;

  async function act(call: () => Promise<unknown>) {
    try {
      await call();
      await queryClient.invalidateQueries({ queryKey: keys.inbox() });
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  return (
    <Card
      title={
        <Space>
          我的消息 <Badge count={data?.unread ?? 0} />
        </Space>
      }
      extra={
        <Button
          size="small"
          disabled={!data?.unread}
          onClick={() => void act(() => answer(client.POST('/api/inbox/read-all')))}
        >
          全部标为已读
        </Button>
      }
    >
      {(data?.items.length ?? 0) === 0 ? (
        <Empty description="暂无消息" />
      ) : (
        <List
          dataSource={data?.items ?? []}
          renderItem={(m) => (
            <List.Item
              key={m.id}
              actions={[
                ...(appPath(m.link)
                  ? [
                      <Link
                        key="open"
                        to={appPath(m.link)!}
                        data-testid="inbox-open"
                        onClick={() => {
                          // Opening the message reads it; the list is fetched again when the inbox is next shown.
                          if (!m.readAt) void client.POST('/api/inbox/{id}/read', { params: { path: { id: m.id } } });
                        }}
                      >
                        查看详情
                      </Link>,
                    ]
                  : []),
                ...(m.readAt
                  ? []
                  : [
                      <Button
                        key="read"
                        size="small"
                        type="link"
                        onClick={() =>
                          void act(() =>
                            answer(client.POST('/api/inbox/{id}/read', { params: { path: { id: m.id } } })),
                          )
                        }
                      >
                        标为已读
                      </Button>,
                    ]),
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    {!m.readAt && <Badge status="processing" />}
                    <Tag>{kindLabels[m.kind] ?? m.kind}</Tag>
                    <Typography.Text strong={!m.readAt}>{m.title}</Typography.Text>
                  </Space>
                }
                description={
                  <>
                    <div style={{ whiteSpace: 'pre-wrap' }}>{m.body}</div>
                    <Typography.Text type="secondary">{formatDateTime(m.createdAt)}</Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
