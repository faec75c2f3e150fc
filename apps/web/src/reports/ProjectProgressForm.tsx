import { Alert, Descriptions, Form, Skeleton, Typography } from 'antd';
import { formatMoney } from '../format';
import { useReportForm, type ReportFormData } from './reportForm';
import { parseTypedNumber } from './typed-number';
import { TypedNumberItem } from './TypedNumberItem';

type Figures = NonNullable<ReportFormData['project']>;

/** Hundredths of a 万元 amount, exact, from a plain decimal string. */
function cents(amount: string): bigint {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2));
}

/** a ÷ b as a percentage with two decimals, half-up, without floating point. */
function percentOf(a: string, b: string): string | null {
  const divisor = cents(b);
  if (divisor === 0n) return null;
  const basisPoints = (cents(a) * 20000n + divisor) / (2n * divisor);
  return `${basisPoints / 100n}.${(basisPoints % 100n).toString().padStart(2, '0')}`;
}

/** How the typed investment to date compares with the 序时进度 expectation. */
function Comparison({ figures, typed }: { figures: Figures; typed: string | undefined }) {
  const parsed = parseTypedNumber(typed, { decimals: 2 });
  if (parsed.kind !== 'number') return null;
  const share = percentOf(parsed.value, figures.annualInvestment);
  const expected = figures.expectedInvestmentToDate;
  const gap = expected === null ? null : cents(expected) - cents(parsed.value);
  return (
    <Typography.Paragraph data-testid="project-comparison">
      {share !== null && <>完成年度计划的 {share}%。</>}
      {gap !== null &&
        (gap > 0n ? (
          <Typography.Text type="danger">
            低于序时进度 {formatMoney(`${gap / 100n}.${(gap % 100n).toString().padStart(2, '0')}`)} 万元。
          </Typography.Text>
        ) : (
          <Typography.Text type="success">达到序时进度。</Typography.Text>
        ))}
    </Typography.Paragraph>
  );
}

/**
 * 重点项目: the month's investment to date (本年累计完成投资, 万元) beside the annual plan, last month's figure and the
 * investment expected by 序时进度; the progress itself is written in the report's 工作进展 below.
 */
export function ProjectProgressForm({
  periodId,
  subjectId,
  editable,
}: {
  periodId: string;
  subjectId: string;
  editable: boolean;
}) {
  const { data, error } = useReportForm(periodId, 'project', subjectId);
  const typed = Form.useWatch<string | undefined>('investmentToDate', Form.useFormInstance());
  if (error) return <Alert type="error" showIcon title="项目信息读取失败，请刷新重试" />;
  if (!data?.project) return <Skeleton active />;
  const p = data.project;
  const month = data.period.month;
  return (
    <div style={{ marginBottom: 16 }} data-testid="project-figures">
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="建设周期">
          {p.startMonth} 至 {p.endMonth}
        </Descriptions.Item>
        <Descriptions.Item label="总投资">{formatMoney(p.totalInvestment)} 万元</Descriptions.Item>
        <Descriptions.Item label={`${p.annualYear}年计划投资`}>{formatMoney(p.annualInvestment)} 万元</Descriptions.Item>
        <Descriptions.Item label={month > 1 ? `截至${month - 1}月累计完成投资` : '上月累计完成投资'}>
          {p.lastMonthInvestmentToDate === null ? '—（未报送）' : `${formatMoney(p.lastMonthInvestmentToDate)} 万元`}
        </Descriptions.Item>
        <Descriptions.Item label={`序时进度（截至${month}月底）`}>
          <span data-testid="project-elapsed">
            {p.elapsedPercent === null
              ? '—（年度计划不是本年的）'
              : `${p.elapsedPercent}%，应完成投资 ${formatMoney(p.expectedInvestmentToDate)} 万元`}
          </span>
        </Descriptions.Item>
      </Descriptions>
      {editable ? (
        <TypedNumberItem
          name="investmentToDate"
          label={`截至${month}月底本年累计完成投资`}
          initialValue={data.report?.investmentToDate ?? undefined}
          limits={{ decimals: 2, unit: '万元' }}
          required="请填写本年累计完成投资"
          placeholder="如 1200.50"
          testId="investment-to-date"
        />
      ) : (
        <Typography.Paragraph>
          截至{month}月底本年累计完成投资：{formatMoney(data.report?.investmentToDate)} 万元
        </Typography.Paragraph>
      )}
      <Comparison figures={p} typed={typed ?? data.report?.investmentToDate ?? undefined} />
    </div>
  );
}
