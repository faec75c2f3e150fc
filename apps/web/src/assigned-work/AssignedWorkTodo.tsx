import { Button, Card, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { answer, client } from '../api/client';
import { formatDate } from '../format';
import { keys } from '../queries';
import { DueTag } from './parts';

/**
 * 交办事项 in the to-do list: the unit's open items, soonest due first, each opening the assigned-work
 * page (and closures waiting for the office's confirmation, for the office). Renders nothing when empty.
 */
export function AssignedWorkTodo() {
  const navigate = useNavigate();
  const { data } = useQuery({
    queryKey: keys.assignedWorkTodo(),
    queryFn: () => answer(client.GET('/api/assigned-work/todo')),
  });
  if (!data?.length) return null;
  return (
    <Card
      title="交办事项"
      size="small"
      style={{ marginBottom: 16 }}
      extra={<Typography.Text type="secondary">共 {data.length} 项</Typography.Text>}
      data-testid="aw-todo"
    >
      <List
        dataSource={data}
        renderItem={(part) => (
          <List.Item
            key={`${part.itemId}-${part.unitId}`}
            data-testid="aw-todo-item"
            actions={[
              <Button
                key="open"
                type="primary"
                onClick={() => navigate(`/assigned-work?item=${part.itemId}`)}
                data-testid="aw-todo-open"
              >
                {part.canConfirm ? '确认' : '办理'}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={part.content}
              description={
                <Space wrap size={4}>
                  <span>办理时限：{formatDate(part.dueDate)}</span>
                  <DueTag part={part} />
                  <Tag>{part.unitName}</Tag>
                  {part.canConfirm && <Tag color="gold">待确认办结</Tag>}
                  {part.returnReason && part.status === 'open' && (
                    <Typography.Text type="danger">退回原因：{part.returnReason}</Typography.Text>
                  )}
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
