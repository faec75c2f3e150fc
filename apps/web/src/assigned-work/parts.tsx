import { App, Button, Space, Tag, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { download, messageOf } from '../api';
import type { Schema } from '../api/client';

export type AssignedWorkPart = Schema<'AssignedWorkPart'>;

export const partStatusLabels: Record<AssignedWorkPart['status'], string> = {
  open: '办理中',
  closed: '已办结（待确认）',
  confirmed: '已办结',
};
const partStatusColors: Record<AssignedWorkPart['status'], string> = {
  open: 'processing',
  closed: 'gold',
  confirmed: 'green',
};

/** The part's state, and 逾期 beside it when it was not closed by its due date. */
export function PartStatus({ part }: { part: AssignedWorkPart }) {
  return (
    <Space size={4} wrap data-testid="aw-status-tags">
      <Tag color={partStatusColors[part.status]}>{partStatusLabels[part.status]}</Tag>
      {part.overdue && <Tag color="red">逾期</Tag>}
    </Space>
  );
}

/** How long is left: only for an open part (a closed one is judged by its closing day, shown as 逾期 or not). */
export function DueTag({ part }: { part: AssignedWorkPart }) {
  if (part.status !== 'open') return null;
  if (part.daysLeft < 0) return <Tag color="red">已超期 {-part.daysLeft} 天</Tag>;
  if (part.daysLeft === 0) return <Tag color="orange">今日到期</Tag>;
  return <Tag color={part.daysLeft <= 3 ? 'orange' : 'blue'}>剩余 {part.daysLeft} 天</Tag>;
}

export function PartFiles({ part }: { part: AssignedWorkPart }) {
  const { message } = App.useApp();
  if (part.files.length === 0) return <Typography.Text type="secondary">无佐证材料</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      {part.files.map((f) => (
        <Button
          key={f.sha256}
          type="link"
          size="small"
          icon={<PaperClipOutlined />}
          style={{ paddingInline: 0, height: 'auto' }}
          onClick={() =>
            void download(
              `/api/assigned-work/${part.itemId}/units/${part.unitId}/evidence/${f.sha256}`,
              f.filename,
            ).catch((e: unknown) => message.error(messageOf(e)))
          }
          data-testid="aw-file"
        >
          {f.filename}
        </Button>
      ))}
    </Space>
  );
}
