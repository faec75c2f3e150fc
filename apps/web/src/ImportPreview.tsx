// The preview (预检) of a spreadsheet import: every problem by sheet, row and column, then the changes.
import type { ReactNode } from 'react';
import { Alert, Button, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { ApiError } from './api';
import { fieldLabel } from './field-labels';
import { TextDiff } from './TextDiff';
import type { ImportChange, ImportProblem, ImportReport } from './api/types';

const actionLabels: Record<string, { text: string; color: string }> = {
  create: { text: '新增', color: 'green' },
  update: { text: '修改', color: 'blue' },
  unchanged: { text: '不变', color: 'default' },
  remove: { text: '删除', color: 'red' },
};

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '（空）';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** `任务清单!任务要求:12`, as a refused commit names a cell. */
const CELL = /^(.*)!(.+?)(?::(\d+))?$/;

/** A refused upload (400 with field details) as rows of the problem table, added to the last report. */
export function withRefusal(report: ImportReport | null, error: unknown): ImportReport | null {
  if (!report || !(error instanceof ApiError) || error.details.length === 0) return report;
  const problems: ImportProblem[] = error.details.map((d) => {
    const cell = CELL.exec(d.field);
    if (cell) return { sheet: cell[1] ?? '', row: Number(cell[3] ?? 0), column: cell[2] ?? '', message: d.reason };
    return { sheet: '', row: 0, column: fieldLabel(d.field) ?? '', message: d.reason };
  });
  return { ...report, problems: [...report.problems, ...problems] };
}

/**
 * The answer of a preview (预检) or commit: a banner, the counts, every problem, the changes, and the
 * commit button. `children` go between the tables and the button (e.g. the reason a published plan needs).
 */
export function ImportPreview({
  report,
  committed,
  busy,
  canCommit,
  onCommit,
  children,
}: {
  report: ImportReport;
  committed: boolean;
  busy: boolean;
  canCommit: boolean;
  onCommit: () => void;
  children?: ReactNode;
}) {
  const problemRows = new Set(report.problems.map((p) => p.row));
  const warnings = report.warnings.map((w) => (typeof w === 'string' ? w : JSON.stringify(w)));
  return (
    <>
      <Alert
        type={report.problems.length ? 'error' : committed ? 'success' : 'info'}
        showIcon
        style={{ marginBottom: 16 }}
        title={
          committed
            ? '已导入'
            : report.problems.length
              ? `发现 ${report.problems.length} 个问题，修正后重新上传；有问题时不会写入任何数据`
              : '预检通过：以下为将要发生的变化（尚未写入），确认无误后点击“确认导入”'
        }
      />
      {warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="提示"
          description={warnings.map((w) => (
            <div key={w}>{w}</div>
          ))}
        />
      )}
      <Descriptions
        size="small"
        bordered
        column={{ xs: 2, md: 4 }}
        style={{ marginBottom: 16 }}
        data-testid="import-summary"
      >
        <Descriptions.Item label="新增">{report.summary.create}</Descriptions.Item>
        <Descriptions.Item label="修改">{report.summary.update}</Descriptions.Item>
        <Descriptions.Item label="不变">{report.summary.unchanged}</Descriptions.Item>
        <Descriptions.Item label="删除">{report.summary.remove}</Descriptions.Item>
        <Descriptions.Item label="问题">{report.problems.length}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>问题（{report.problems.length}）</Typography.Title>
      <Table<ImportProblem>
        rowKey={(p) => `${p.sheet}-${p.row}-${p.column}-${p.message}`}
        size="small"
        dataSource={report.problems}
        pagination={false}
        locale={{ emptyText: '没有发现问题' }}
        rowClassName={() => 'import-problem-row'}
        onRow={() => ({ style: { background: '#fff1f0' } })}
        data-testid="import-problems"
        columns={[
          { title: '工作表', dataIndex: 'sheet', width: 140 },
          { title: '行', dataIndex: 'row', width: 70, render: (row: number) => (row ? row : '—') },
          { title: '列', dataIndex: 'column', width: 120 },
          { title: '问题', dataIndex: 'message' },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        变更预览（{report.changes.length}）
      </Typography.Title>
      <Table<ImportChange>
        rowKey="key"
        size="small"
        dataSource={report.changes}
        pagination={{ pageSize: 20 }}
        locale={{ emptyText: `没有变化（${report.summary.unchanged} 项不变）` }}
        onRow={(c) => ({ style: problemRows.has(Number(c.key)) ? { background: '#fff1f0' } : undefined })}
        data-testid="import-changes"
        columns={[
          {
            title: '操作',
            key: 'a',
            width: 80,
            render: (_, c) => (
              <Tag color={actionLabels[c.action]?.color}>{actionLabels[c.action]?.text ?? c.action}</Tag>
            ),
          },
          { title: '对象', dataIndex: 'label', width: 260 },
          {
            title: '变化',
            key: 'c',
            render: (_, c) =>
              c.changes.map((f) => (
                <div key={f.field} data-testid="import-field-change">
                  <Typography.Text strong>{fieldLabel(f.field) ?? '其他'}</Typography.Text>：
                  {c.action === 'update' ? <TextDiff before={show(f.before)} after={show(f.after)} /> : show(f.after)}
                </div>
              )),
          },
        ]}
      />
      {children}
      <Space style={{ marginTop: 16 }}>
        <Button
          type="primary"
          icon={<CheckOutlined />}
          disabled={!canCommit}
          loading={busy}
          onClick={onCommit}
          data-testid="import-commit"
        >
          确认导入
        </Button>
        {committed && <Typography.Text type="success">导入已完成</Typography.Text>}
      </Space>
    </>
  );
}
