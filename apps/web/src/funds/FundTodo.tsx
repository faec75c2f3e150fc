import { Button, Card, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { answer, client, type Schema } from '../api/client';
import { formatDate, monthLabel } from '../format';
import { keys } from '../queries';

type FundTodoItem = Schema<'FundTodoItem'>;

function dueTag(item: FundTodoItem) {
  if (item.overdue) return <Tag color="red">已逾期 {-item.daysLeft} 天</Tag>;
  if (item.daysLeft === 0) return <Tag color="orange">今日截止</Tag>;
  return <Tag color={item.daysLeft <= 3 ? 'orange' : 'blue'}>剩余 {item.daysLeft} 天</Tag>;
}

/**
 * 专项资金执行填报: each ended month of a fund the user's unit owns that still lacks execution figures
 * (due by the 10th of the following month); each opens the fund's execution tab. Shown above the
 * monthly reports, which can run to a hundred rows; renders nothing when there is nothing to enter.
 */
export function FundTodo() {
  const navigate = useNavigate();
  const { data } = useQuery({
    queryKey: keys.fundTodo(),
    queryFn: () => answer(client.GET('/api/fund-projects/todo')),
  });
  if (!data?.length) return null;
  return (
    <Card
      title="专项资金执行填报"
      size="small"
      style={{ marginBottom: 16 }}
      extra={<Typography.Text type="secondary">共 {data.length} 项</Typography.Text>}
      data-testid="fund-todo"
    >
      <List
        dataSource={data}
        renderItem={(item) => (
          <List.Item
            key={`${item.projectId}-${item.month}`}
            data-testid="fund-todo-item"
            actions={[
              <Button
                key="fill"
                type="primary"
                onClick={() => navigate(`/funds/${item.projectId}?tab=execution`)}
                data-testid="fund-todo-fill"
              >
                填报
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
                <Space wrap size={4}>
                  <span>截止：{formatDate(item.dueDate)}</span>
                  {dueTag(item)}
                  <Tag>{item.unitName}</Tag>
                  <span>尚有 {item.missingSubItems} 个子项未填报</span>
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
