import { Descriptions, Space, Table, Tag, Typography } from 'antd';
import { describeRule, describeSource, levelLabel } from './describe';
import type { Criterion, SchemeDefinition, SchemeRecord } from '../api/types';

interface Row extends Criterion {
  depth: number;
  children?: Row[];
}

function withDepth(nodes: Criterion[], depth = 0): Row[] {
  return nodes.map((n) => ({
    ...n,
    depth,
    children: n.children?.length ? withDepth(n.children, depth + 1) : undefined,
  }));
}

function allIds(rows: Row[]): string[] {
  return rows.flatMap((r) => [r.id, ...allIds(r.children ?? [])]);
}

/** Bonus, penalty, veto items and grade bands: what sits outside the criteria tree. */
function Extras({ d }: { d: SchemeDefinition }) {
  const items = [
    d.bonus?.items.length && {
      key: 'bonus',
      label: `加分项${d.bonus.cap !== undefined ? `（上限 ${d.bonus.cap} 分）` : ''}`,
      children: d.bonus.items.map((i) => `${i.name} ${i.points}分/次`).join('；'),
    },
    d.penalties?.items.length && {
      key: 'pen',
      label: `扣分项${d.penalties.cap !== undefined ? `（上限 ${d.penalties.cap} 分）` : ''}`,
      children: d.penalties.items.map((i) => `${i.name} ${i.points}分/次`).join('；'),
    },
    d.vetoItems?.length && { key: 'veto', label: '一票否决', children: d.vetoItems.map((i) => i.name).join('；') },
    d.grades?.length && {
      key: 'grades',
      label: '等次',
      children:
        d.grades.map((g) => (g.min !== undefined ? `${g.label} ≥ ${g.min}` : `${g.label}（其余）`)).join('，') +
        (d.gradeIncludesBonus === false ? '（不含加分）' : ''),
    },
  ].filter((x): x is { key: string; label: string; children: string } => !!x);
  if (!items.length) return null;
  return <Descriptions size="small" column={1} bordered items={items} style={{ marginTop: 12 }} />;
}

/** The criteria tree (一级/二级/三级指标) with points, each leaf's rule in words and where its input comes from. */
export function SchemeTree({
  definition,
  inputMap = {},
}: {
  definition: SchemeDefinition;
  inputMap?: SchemeRecord['inputMap'];
}) {
  const rows = withDepth(Array.isArray(definition.criteria) ? definition.criteria : []);
  return (
    <>
      <Table<Row>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        expandable={{ defaultExpandedRowKeys: allIds(rows) }}
        scroll={{ x: 900 }}
        data-testid="scheme-tree"
        columns={[
          {
            title: '指标',
            key: 'name',
            width: 320,
            render: (_, r) => (
              <Space size={4} align="start">
                <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                  {r.id}
                </Typography.Text>
                <span data-criterion={r.id}>{r.name}</span>
              </Space>
            ),
          },
          { title: '层级', key: 'level', width: 90, render: (_, r) => <Tag>{levelLabel(r.depth)}</Tag> },
          { title: '分值', dataIndex: 'points', width: 70, align: 'right' },
          {
            title: '评分规则',
            key: 'rule',
            render: (_, r) =>
              r.children ? null : (
                <Space orientation="vertical" size={0}>
                  <span>{describeRule(r.rule)}</span>
                  {r.note && <Typography.Text type="secondary">{r.note}</Typography.Text>}
                </Space>
              ),
          },
          {
            title: '数据来源',
            key: 'source',
            width: 180,
            render: (_, r) => (r.children ? null : describeSource(inputMap[r.id])),
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}>
              合计
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              {String(definition.total ?? '—')}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} colSpan={2} />
          </Table.Summary.Row>
        )}
      />
      <Extras d={definition} />
    </>
  );
}
