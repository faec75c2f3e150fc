import type { HTMLAttributes } from 'react';
import { Button, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { formatDate } from '../format';
import { assignmentRoleLabels } from './types';
import type { AssignmentView, TaskView } from '../api/types';

function unitsOf(task: TaskView, role: string): string {
  return (
    task.assignments
      .filter((a) => a.role === role)
      .map((a) => a.unitName)
      .join('、') || '—'
  );
}

function Assignments({ task }: { task: TaskView }) {
  return (
    <Table<AssignmentView>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={task.assignments}
      locale={{ emptyText: '尚未分工' }}
      columns={[
        { title: '单位', dataIndex: 'unitName', width: 200 },
        {
          title: '分工',
          key: 'role',
          width: 100,
          render: (_, a) => (
            <Tag color={a.role === 'lead' ? 'blue' : 'default'}>{assignmentRoleLabels[a.role] ?? a.role}</Tag>
          ),
        },
        {
          title: '联络员',
          key: 'liaisons',
          render: (_, a) =>
            a.liaisons.length === 0 ? (
              <Typography.Text type="secondary">未指定</Typography.Text>
            ) : (
              <Space orientation="vertical" size={0}>
                {a.liaisons.map((l) => (
                  <span key={l.contactId}>
                    {l.name}
                    {l.section && `（${l.section}）`} {l.phone} {l.email}
                    {l.workplaceUnitName && (
                      <Typography.Text type="secondary"> 工作单位：{l.workplaceUnitName}</Typography.Text>
                    )}
                  </span>
                ))}
              </Space>
            ),
        },
      ]}
    />
  );
}

function TaskDetail({ task }: { task: TaskView }) {
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={`task-detail-${task.number}`}>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'req', label: '任务要求', children: <div style={{ whiteSpace: 'pre-wrap' }}>{task.requirement}</div> },
          {
            key: 'ms',
            label: '节点目标',
            children: task.milestones.length
              ? task.milestones
                  .map((m) => `${formatDate(m.dueDate)}前：${m.description}（应完成${m.expectedPercent}%）`)
                  .join('；')
              : '—',
          },
        ]}
      />
      <Assignments task={task} />
    </Space>
  );
}

/** A section's tasks: lead and responsible units at a glance, details (requirement, liaisons) on expanding. */
export function TaskTable({
  tasks,
  canEdit,
  onEditTask,
  onEditAssignments,
}: {
  tasks: TaskView[];
  canEdit: boolean;
  onEditTask: (t: TaskView) => void;
  onEditAssignments: (t: TaskView) => void;
}) {
  return (
    <Table<TaskView>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={tasks}
      scroll={{ x: 900 }}
      expandable={{ expandedRowRender: (t) => <TaskDetail task={t} /> }}
      onRow={(t) => ({ 'data-task': t.number }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: '序号', dataIndex: 'number', width: 60 },
        {
          title: '任务',
          dataIndex: 'title',
          render: (title: string) => <span data-testid="task-title-cell">{title}</span>,
        },
        { title: '牵头单位', key: 'lead', width: 200, render: (_, t) => unitsOf(t, 'lead') },
        { title: '责任单位', key: 'resp', width: 220, ellipsis: true, render: (_, t) => unitsOf(t, 'responsible') },
        { title: '完成时限', key: 'due', width: 130, render: (_, t) => formatDate(t.dueDate) },
        ...(canEdit
          ? [
              {
                title: '操作',
                key: 'op',
                width: 150,
                fixed: 'right' as const,
                render: (_: unknown, t: TaskView) => (
                  <Space size={4}>
                    <Button size="small" onClick={() => onEditTask(t)} data-testid={`edit-task-${t.number}`}>
                      修改
                    </Button>
                    <Button
                      size="small"
                      onClick={() => onEditAssignments(t)}
                      data-testid={`edit-assignments-${t.number}`}
                    >
                      分工
                    </Button>
                  </Space>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
