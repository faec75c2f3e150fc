import { useState } from 'react';
import { Button, Card, Col, Descriptions, Row, Space, Table, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { formatMoney, formatWan } from '../format';
import { FundFormModal } from './FundFormModal';
import { SubItemsDrawer } from './SubItemsDrawer';
import { fundSources, projectKindText, projectTimeText, sumMoney } from './types';
import type { FundDetail, SubItem } from '../api/types';

function Paragraph({ text }: { text: string }) {
  return text ? (
    <div style={{ whiteSpace: 'pre-wrap' }}>{text}</div>
  ) : (
    <Typography.Text type="secondary">未填写</Typography.Text>
  );
}

/**
 * 基本信息: the whole header block of the project's 项目支出绩效目标表 (项目名称 … 年度目标, texts as the
 * office typed them), its sources and budget, and its sub-items; the office edits them.
 */
export function BasicTab({
  fund,
  canManage,
  onChanged,
  onReload,
}: {
  fund: FundDetail;
  canManage: boolean;
  onChanged: (f: FundDetail) => void;
  onReload: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [editingItems, setEditingItems] = useState(false);
  const sources = fundSources.map((s) => ({ key: s.key, label: s.label, amount: fund[s.key] }));
  const itemsTotal = sumMoney(fund.subItems.map((s) => s.budget));
  const itemsHalf = sumMoney(fund.subItems.map((s) => s.halfYearPlan));

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card
        size="small"
        title="项目信息"
        extra={
          canManage && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="edit-fund">
              修改
            </Button>
          )
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          data-testid="fund-header"
          items={[
            { key: 'owner', label: '主管部门', children: fund.ownerUnitName },
            { key: 'implementing', label: '实施单位', children: fund.implementingUnit || '—' },
            { key: 'year', label: '预算年度', children: `${fund.year}年` },
            { key: 'kind', label: '项目类型', children: projectKindText(fund) },
            { key: 'level', label: '项目级次', children: fund.level || '—' },
            { key: 'person', label: '项目负责人', children: fund.personInCharge || '—' },
            { key: 'start', label: '开始时间', children: projectTimeText(fund.startText, fund.startYear) },
            { key: 'end', label: '完成时间', children: projectTimeText(fund.endText, fund.endYear) },
            {
              key: 'budget',
              label: '资金总额',
              children: (
                <Typography.Text strong data-testid="fund-annual-budget">
                  {formatWan(fund.annualBudget)}
                </Typography.Text>
              ),
            },
            { key: 'half', label: '半年计划执行数', children: formatWan(fund.halfYearPlan) },
            {
              key: 'full',
              label: '全年（程）预算数',
              children: fund.fullYearBudget === null ? '未填写' : formatWan(fund.fullYearBudget),
            },
          ]}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card size="small" title="资金来源（万元）" style={{ height: '100%' }}>
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={sources}
              data-testid="fund-sources"
              columns={[
                { title: '来源', dataIndex: 'label' },
                { title: '金额', key: 'amount', align: 'right', render: (_, s) => formatMoney(s.amount) },
              ]}
              summary={() => (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>
                    <strong>资金总额（年度预算）</strong>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    <strong>{formatMoney(fund.annualBudget)}</strong>
                  </Table.Summary.Cell>
                </Table.Summary.Row>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title="绩效目标" style={{ height: '100%' }}>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'mid', label: '中长期目标', children: <Paragraph text={fund.midLongTermGoal} /> },
                { key: 'annual', label: '年度目标', children: <Paragraph text={fund.annualGoal} /> },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title="项目概况">
        <Descriptions
          size="small"
          column={1}
          data-testid="fund-overview"
          items={[
            { key: 'necessity', label: '立项必要性', children: <Paragraph text={fund.necessity} /> },
            { key: 'feasibility', label: '实施可行性', children: <Paragraph text={fund.feasibility} /> },
            { key: 'content', label: '项目实施内容', children: <Paragraph text={fund.implementationContent} /> },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={`子项（${fund.subItems.length}个）`}
        extra={
          canManage && (
            <Button icon={<EditOutlined />} onClick={() => setEditingItems(true)} data-testid="edit-sub-items">
              编辑子项
            </Button>
          )
        }
      >
        <Table<SubItem>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={fund.subItems}
          locale={{ emptyText: '尚未设置子项：执行情况按子项填报，请先添加子项' }}
          data-testid="sub-items"
          columns={[
            { title: '序号', key: 'n', width: 60, render: (_, __, i) => i + 1 },
            { title: '子项名称', dataIndex: 'name' },
            {
              title: '预算（万元）',
              key: 'budget',
              width: 160,
              align: 'right',
              render: (_, s) => formatMoney(s.budget),
            },
            {
              title: '半年计划执行数（万元）',
              key: 'half',
              width: 200,
              align: 'right',
              render: (_, s) => formatMoney(s.halfYearPlan),
            },
          ]}
          summary={() =>
            fund.subItems.length > 0 && (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  <strong>合计</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  <strong>{formatMoney(itemsTotal)}</strong>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  <strong>{formatMoney(itemsHalf)}</strong>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )
          }
        />
      </Card>
      <FundFormModal
        open={editing}
        fund={fund}
        onClose={() => setEditing(false)}
        onReload={onReload}
        onSaved={(f) => {
          setEditing(false);
          onChanged(f);
        }}
      />
      <SubItemsDrawer
        fund={fund}
        open={editingItems}
        onClose={() => setEditingItems(false)}
        onSaved={(f) => {
          setEditingItems(false);
          onChanged(f);
        }}
      />
    </Space>
  );
}
