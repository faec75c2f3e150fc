import { useState } from 'react';
import { Button, Card, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { allPages, answer, client } from '../api/client';
import { actionLabel, changesOf, entityLabels, show, type AuditEntry, type FieldChange } from '../audit/diff';
import { ErrorPage } from '../components';
import { dayStartIso, formatDateTime } from '../format';
import { keys } from '../queries';

const PAGE_SIZE = 50;
const actionColors: Record<string, string> = {
  create: 'green',
  update: 'blue',
  delete: 'red',
  purge: 'red',
  restore: 'gold',
};

interface Filters {
  entity?: string;
  text?: string;
  actorUserId?: string;
  range?: [Dayjs, Dayjs] | null;
}

function Diff({ entry }: { entry: AuditEntry }) {
  const changes = changesOf(entry);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {entry.reason && (
        <Typography.Text>
          <Typography.Text strong>修改原因：</Typography.Text>
          {entry.reason}
        </Typography.Text>
      )}
      <Table<FieldChange>
        rowKey="field"
        size="small"
        pagination={false}
        dataSource={changes}
        locale={{ emptyText: '无字段变化' }}
        data-testid={`audit-diff-${entry.id}`}
        columns={[
          {
            title: '字段',
            key: 'label',
            width: 140,
            render: (_, c) => `${c.label}${c.label !== c.field ? `（${c.field}）` : ''}`,
          },
          {
            title: '修改前',
            key: 'before',
            render: (_, c) => (
              <Typography.Text
                delete={entry.action === 'update'}
                style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
              >
                {show(c.before)}
              </Typography.Text>
            ),
          },
          {
            title: '修改后',
            key: 'after',
            render: (_, c) => (
              <Typography.Text style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                {show(c.after)}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Space>
  );
}

/** The API's query for the chosen conditions: whole days in the platform's time zone. */
function queryOf(filters: Filters, page: number) {
  return {
    entity: filters.entity,
    actorUserId: filters.actorUserId,
    text: filters.text?.trim() || undefined,
    from: filters.range ? dayStartIso(filters.range[0].format('YYYY-MM-DD')) : undefined,
    to: filters.range ? dayStartIso(filters.range[1].add(1, 'day').format('YYYY-MM-DD')) : undefined,
    page,
    pageSize: PAGE_SIZE,
  };
}

/** 审计日志 (admin): every change in the city, filtered by record type, user and dates, with its reason and what changed. */
export default function AuditPage() {
  const [draft, setDraft] = useState<Filters>({});
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const users = useQuery({
    queryKey: keys.allUsers(),
    queryFn: () =>
      allPages((page, pageSize) => answer(client.GET('/api/users', { params: { query: { page, pageSize } } }))),
  });
  const query = queryOf(filters, page);
  const list = useQuery({
    queryKey: keys.audit(query),
    queryFn: () => answer(client.GET('/api/audit', { params: { query } })),
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.items ?? [];

  if (list.error) return <ErrorPage error={list.error} />;

  function search() {
    // Searching again for the same conditions reads the log again: changes keep being recorded.
    if (JSON.stringify(queryOf(draft, 1)) === JSON.stringify(query)) void list.refetch();
    setFilters(draft);
    setPage(1);
  }

  return (
    <Card title="审计日志">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="数据类型"
          value={draft.entity}
          onChange={(entity) => setDraft({ ...draft, entity })}
          style={{ width: 160 }}
          options={Object.entries(entityLabels).map(([value, label]) => ({ value, label }))}
          data-testid="audit-entity"
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="操作人"
          value={draft.actorUserId}
          loading={users.isFetching}
          onChange={(actorUserId) => setDraft({ ...draft, actorUserId })}
          style={{ width: 200 }}
          options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
          data-testid="audit-actor"
        />
        <Input
          allowClear
          placeholder="关键词（原因、修改内容、操作人）"
          value={draft.text}
          onChange={(e) => setDraft({ ...draft, text: e.target.value })}
          onPressEnter={search}
          style={{ width: 260 }}
          data-testid="audit-text"
        />
        <DatePicker.RangePicker
          format="YYYY年M月D日"
          value={draft.range ?? null}
          onChange={(range) =>
            setDraft({ ...draft, range: range && range[0] && range[1] ? [range[0], range[1]] : null })
          }
        />
        <Button type="primary" onClick={search} data-testid="audit-search">
          查询
        </Button>
      </Space>
      <Table<AuditEntry>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={rows}
        scroll={{ x: 1000 }}
        data-testid="audit-list"
        expandable={{ expandedRowRender: (e) => <Diff entry={e} />, expandRowByClick: true }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
          showTotal: (t) => `共 ${t} 条`,
        }}
        columns={[
          { title: '时间', key: 'at', width: 160, render: (_, e) => formatDateTime(e.at) },
          { title: '操作人', dataIndex: 'actorName', width: 140, render: (v: string) => v || '系统' },
          { title: '数据', key: 'entity', width: 130, render: (_, e) => entityLabels[e.entity] ?? e.entity },
          {
            title: '操作',
            key: 'action',
            width: 100,
            render: (_, e) => <Tag color={actionColors[e.action]}>{actionLabel(e.action)}</Tag>,
          },
          { title: '原因', key: 'reason', width: 220, ellipsis: true, render: (_, e) => e.reason || '—' },
          {
            title: '变更内容',
            key: 'changes',
            ellipsis: true,
            render: (_, e) =>
              changesOf(e)
                .slice(0, 4)
                .map((c) => c.label)
                .join('、') || '—',
          },
        ]}
      />
    </Card>
  );
}
