import { answer, client } from '../api/client';
import { Alert, Button, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ErrorPage, Loading } from '../components';
import { formatDate, monthLabel, statusColors, statusLabels } from '../format';
import { keys } from '../queries';
import type { TodoItem } from '../api/types';
import { FundTodo } from '../funds/FundTodo';
import { AssignedWorkTodo } from '../assigned-work/AssignedWorkTodo';

function dueTag(item: TodoItem) {
  if (item.daysLeft < 0) return <Tag color="red">已逾期 {-item.daysLeft} 天</Tag>;
  if (item.daysLeft <= 3) return <Tag color="orange">剩余 {item.daysLeft} 天</Tag>;
  return <Tag color="blue">剩余 {item.daysLeft} 天</Tag>;
}

/** The narrowing a link from an email asks for (?period=…&unit=…, ?subject=…): only items matching every given key. */
export function matchesLink(item: TodoItem, params: URLSearchParams): boolean {
  const want = (key: string, value: string) => !params.get(key) || params.get(key) === value;
  return want('period', item.periodId) && want('unit', item.unitId) && want('subject', item.subjectId);
}

export default function TodoPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const narrowed = ['period', 'unit', 'subject'].some((k) => params.get(k));
  const { data, error } = useQuery({ queryKey: keys.todo(), queryFn: () => answer(client.GET('/api/reporting/todo')) });
  if (error) return <ErrorPage error={error} />;
  if (!data) return <Loading />;
  // The server's order: returned first, then by due date, unit and item (tasks by number, 任务2 before 任务10).
  const items = data.filter((i) => matchesLink(i, params));
  const returned = items.filter((i) => i.status === 'returned').length;

  return (
    <Card title="我的待办" extra={<Typography.Text type="secondary">共 {items.length} 项</Typography.Text>}>
      {narrowed && (
        <Alert
          type="info"
          showIcon
          data-testid="todo-narrowed"
          title={
            items.length
              ? `仅显示${items[0] ? monthLabel(items[0].year, items[0].month) : ''}通知所列事项（${items.length} 项）`
              : '通知所列事项均已报送'
          }
          action={
            <Button size="small" onClick={() => setParams({})}>
              查看全部待办
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {returned > 0 && (
        <Alert
          type="error"
          showIcon
          title={`有 ${returned} 份报告被退回，请按退回原因修改后重新提交`}
          style={{ marginBottom: 16 }}
        />
      )}
      <AssignedWorkTodo />
      <FundTodo />
      {items.length === 0 ? (
        <Empty description="暂无待办，所有报告均已报送" />
      ) : (
        <List
          dataSource={items}
          data-testid="todo-list"
          renderItem={(item) => (
            <List.Item
              key={`${item.periodId}-${item.subjectId}`}
              className={item.status === 'returned' ? 'todo-returned' : undefined}
              style={
                item.status === 'returned'
                  ? { background: '#fff1f0', borderLeft: '4px solid #f5222d', paddingLeft: 12 }
                  : undefined
              }
              actions={[
                <Button
                  key="fill"
                  type="primary"
                  onClick={() => navigate(`/reports/${item.periodId}/${item.subjectType}/${item.subjectId}`)}
                >
                  {item.status === 'returned' ? '修改' : '填报'}
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <Tag>{monthLabel(item.year, item.month)}</Tag>
                    <span>{item.label}</span>
                  </Space>
                }
                description={
                  <Space orientation="vertical" size={2}>
                    <Space wrap size={4}>
                      <span>截止：{formatDate(item.dueDate)}</span>
                      {dueTag(item)}
                      {item.status ? (
                        <Tag color={statusColors[item.status]}>{statusLabels[item.status]}</Tag>
                      ) : (
                        <Tag>未填报</Tag>
                      )}
                    </Space>
                    {item.status === 'returned' && item.returnedReason && (
                      <Typography.Text type="danger" data-testid="returned-reason">
                        退回原因：{item.returnedReason}
                      </Typography.Text>
                    )}
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
