import { Alert, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useReportForm, type ReportFormData } from './reportForm';
import { TypedNumberItem } from './TypedNumberItem';

type Row = ReportFormData['indicators'][number];

const operators: Record<string, string> = { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<' };

/** 12.5家, or the text an office wrote (预估2.0以上). */
function figure(value: string | null | undefined, text: string | null | undefined, unit: string) {
  if (value !== null && value !== undefined) return `${value}${unit}`;
  return text || '—';
}

function Target({ row }: { row: Row }) {
  if (!row.target) return <Tag data-testid="target-undivided">未分解</Tag>;
  const { operator, value, textValue } = row.target;
  return <span>{value !== null ? `${operators[operator] ?? operator}${value}${row.unitOfMeasure}` : textValue || '—'}</span>;
}

/**
 * 指标数据: the month's values of the indicators the plan assigns to the county, each with its unit of measure, the
 * county's target for the year (未分解 where the plan sets none) and last month's value. Figures the authoritative
 * department or the office enters are shown read-only with their source. Values are cumulative to the month.
 */
export function IndicatorValuesForm({
  periodId,
  subjectId,
  editable,
}: {
  periodId: string;
  subjectId: string;
  editable: boolean;
}) {
  const { data, error } = useReportForm(periodId, 'indicators', subjectId);
  if (error) return <Alert type="error" showIcon title="指标数据读取失败，请刷新重试" />;
  if (!data) return <Skeleton active />;
  const month = data.period.month;

  const columns: ColumnsType<Row> = [
    { title: '指标', dataIndex: 'name', key: 'name' },
    { title: `${data.period.year}年目标`, key: 'target', width: 140, render: (_, row) => <Target row={row} /> },
    {
      title: month > 1 ? `${month - 1}月累计` : '上月累计',
      key: 'lastMonth',
      width: 120,
      render: (_, row) => figure(row.lastMonth?.value, row.lastMonth?.textValue, row.unitOfMeasure),
    },
    {
      title: `${month}月累计`,
      key: 'thisMonth',
      width: 280,
      render: (_, row) =>
        row.editable && editable ? (
          <TypedNumberItem
            name={['values', row.indicatorId]}
            initialValue={row.thisMonth?.value ?? undefined}
            limits={{ decimals: row.decimals, max: row.maxValue, unit: row.unitOfMeasure }}
            placeholder="本月累计值"
            testId={`indicator-value-${row.name}`}
            style={{ marginBottom: 0 }}
          />
        ) : (
          <Space orientation="vertical" size={0} data-testid={`indicator-readonly-${row.name}`}>
            <span>
              {figure(row.thisMonth?.value, row.thisMonth?.textValue, row.unitOfMeasure)}
              {row.thisMonth?.confirmation === 'confirmed' && (
                <Tag color="success" style={{ marginLeft: 8 }}>
                  已核定
                </Tag>
              )}
            </span>
            <Typography.Text type="secondary">
              {row.enteredBy ?? (row.thisMonth?.source || '本单位填报')}
            </Typography.Text>
          </Space>
        ),
    },
  ];

  return (
    <div style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">
        填写截至{month}月底的累计值；标“未分解”的指标本年未下达到本县（市、区）的目标值。
        {'由主管部门或办公室填报的数据仅供查看。'}
      </Typography.Paragraph>
      <Table<Row>
        size="small"
        rowKey="indicatorId"
        columns={columns}
        dataSource={data.indicators}
        pagination={false}
        scroll={{ x: 700 }}
        data-testid="indicator-values"
      />
    </div>
  );
}
