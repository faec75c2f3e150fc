import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '@app/common';
import {
  actualPeriods,
  type ActualPeriod,
  budgetProjectKinds,
  type BudgetProjectKind,
  type TargetTableLayout,
} from '@app/funds';
import { IsEvaluatorInputs } from './evaluator-inputs.validator.js';

const MONEY = /^\d{1,12}(\.\d{1,2})?$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const money = (example: string, description: string) =>
  ApiPropertyOptional({ example, description: `${description}（万元，两位小数）` });

export class FundProjectQuery extends PageQuery {
  @ApiPropertyOptional({ example: 2023 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class FundProjectIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id!: string;
}

export class IndicatorParams extends FundProjectIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  indicatorId!: string;
}

class FundProjectFields {
  @money('58600.00', '一般公共预算') @IsOptional() @Matches(MONEY) generalBudget?: string;
  @money('0', '政府性基金预算') @IsOptional() @Matches(MONEY) governmentFunds?: string;
  @money('0', '财政专户管理资金') @IsOptional() @Matches(MONEY) specialAccounts?: string;
  @money('0', '国有资本经营预算') @IsOptional() @Matches(MONEY) stateCapital?: string;
  @money('0', '社会保障基金') @IsOptional() @Matches(MONEY) socialSecurityFunds?: string;
  @money('0', '上年结转资金') @IsOptional() @Matches(MONEY) carriedOver?: string;
  @money('0', '其他资金') @IsOptional() @Matches(MONEY) otherFunds?: string;
  @money('29300.00', '半年计划执行数') @IsOptional() @Matches(MONEY) halfYearPlan?: string;

  @ApiPropertyOptional({
    type: String,
    example: '58600.00',
    nullable: true,
    description: '全年（程）预算数（万元，两位小数）；null 为未填',
  })
  @IsOptional()
  @Matches(MONEY)
  fullYearBudget?: string | null;

  @ApiPropertyOptional({ example: '常年安排项目', description: '项目类型（按绩效目标表填写的文字）' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  kindText?: string;

  @ApiPropertyOptional({ example: '南昌市科技局', description: '实施单位' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  implementingUnit?: string;

  @ApiPropertyOptional({ description: '立项必要性' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  necessity?: string;

  @ApiPropertyOptional({ description: '实施可行性' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  feasibility?: string;

  @ApiPropertyOptional({ description: '项目实施内容' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  implementationContent?: string;

  @ApiPropertyOptional({ enum: budgetProjectKinds, description: 'recurring 经常性 / one_off 一次性' })
  @IsOptional()
  @IsIn(budgetProjectKinds)
  kind?: BudgetProjectKind;

  @ApiPropertyOptional({ example: '市级' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  level?: string;

  @ApiPropertyOptional({ example: '张主任' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  personInCharge?: string;

  @ApiPropertyOptional({ description: '中长期目标' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  midLongTermGoal?: string;

  @ApiPropertyOptional({ description: '年度目标' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  annualGoal?: string;
}

export class CreateFundProjectDto extends FundProjectFields {
  @ApiProperty({ example: '市级科技发展专项资金' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name!: string;

  @ApiProperty({ format: 'uuid', description: '主管部门' })
  @IsUUID()
  ownerUnitId!: string;

  @ApiProperty({ example: 2023 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiPropertyOptional({ example: 2023 })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  startYear?: number;

  @ApiPropertyOptional({ example: 2023 })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  endYear?: number;
}

export class UpdateFundProjectDto extends FundProjectFields {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  name?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ownerUnitId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  startYear?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  endYear?: number;

  @ApiProperty({ description: '读取时的版本号（并发修改检查）' })
  @IsInt()
  @Min(1)
  version!: number;
}

export class SubItemDto {
  @ApiProperty({ example: '科技重大专项' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ example: '12000.00', description: '万元' })
  @Matches(MONEY)
  budget!: string;

  @ApiPropertyOptional({ example: '6000.00', description: '半年计划执行数（万元）' })
  @IsOptional()
  @Matches(MONEY)
  halfYearPlan?: string;
}

export class PutSubItemsDto {
  @ApiProperty({ type: [SubItemDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => SubItemDto)
  items!: SubItemDto[];
}

export class ExecutionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  subItemId!: string;

  @ApiProperty({ example: '2023-03' })
  @Matches(MONTH)
  month!: string;

  @ApiProperty({ example: '1200.00', description: '本月到位资金（万元）' })
  @Matches(MONEY)
  received!: string;

  @ApiProperty({ example: '800.00', description: '本月支出（万元）' })
  @Matches(MONEY)
  spent!: string;

  @ApiPropertyOptional({ description: '累计支出超过到位资金时必填（垫付说明）' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  advanceReason?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class ExecutionQuery {
  @ApiPropertyOptional({ example: '2023-06', description: '统计截至月份（默认本月）' })
  @IsOptional()
  @Matches(MONTH)
  asOf?: string;
}

export class TargetChangeDto {
  @ApiPropertyOptional({ example: '≥180项', nullable: true, type: String, description: '半年目标值；空或 null 清除' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  halfYear?: string | null;

  @ApiPropertyOptional({ example: '≥360项' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  fullYear?: string;
}

export class ActualDto {
  @ApiProperty({ enum: actualPeriods, description: 'half 半年 / full 全年' })
  @IsIn(actualPeriods)
  period!: ActualPeriod;

  @ApiProperty({ example: '380项', description: '实际完成值（与目标值同一单位）' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  text!: string;

  @ApiPropertyOptional({ description: '偏离原因' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  deviationReason?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;

  @ApiPropertyOptional({ type: [String], description: '佐证材料（证明文件编号）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  evidence?: string[];
}

export class TargetImportQuery {
  @ApiPropertyOptional({
    enum: ['dry-run', 'commit'],
    default: 'dry-run',
    description: 'dry-run：预检（逐行检查并列出将发生的变化，不写入数据）；commit：正式导入',
  })
  @IsOptional()
  @IsIn(['dry-run', 'commit'])
  mode?: 'dry-run' | 'commit';

  @ApiPropertyOptional({ example: 2023, description: '表内未注明年度时使用' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class ActualsImportQuery {
  @ApiPropertyOptional({
    enum: ['dry-run', 'commit'],
    default: 'dry-run',
    description: 'dry-run：预检（逐行检查并列出将发生的变化，不写入数据）；commit：正式导入',
  })
  @IsOptional()
  @IsIn(['dry-run', 'commit'])
  mode?: 'dry-run' | 'commit';

  @ApiProperty({ enum: actualPeriods })
  @IsIn(actualPeriods)
  period!: ActualPeriod;
}

const layouts: TargetTableLayout[] = ['operator-columns', 'half-and-full'];
export class TargetExportQuery {
  @ApiPropertyOptional({
    enum: layouts,
    default: 'operator-columns',
    description: 'operator-columns 计算符号/目标值/单位分列；half-and-full 半年与全年指标值',
  })
  @IsOptional()
  @IsIn(layouts)
  layout?: TargetTableLayout;
}

export class FileBodyDto {
  @ApiProperty({ type: 'string', format: 'binary', description: '.xlsx 或 .csv 文件' })
  file!: unknown;
}

export class EvaluatorInputsDto {
  @ApiProperty({
    type: Object,
    description:
      '末级指标 → { satisfied: [条目编号] }（清单类）、{ score, reason }（专家评分）、' +
      '{ value, target? }（达标、扣分、比值类：实际值与目标值，目标值缺省取评价方案的）、' +
      '{ actual, planned }（比率类）或 { count }（按次计分）；数字可为数字或数字文本',
    example: {
      D1a: { satisfied: ['D1a1', 'D1a2'] },
      D3a: { score: '3', reason: '预算编制经过专家论证' },
      X1: { value: '92', target: '95' },
    },
  })
  @IsObject()
  @IsEvaluatorInputs()
  inputs!: Record<string, unknown>;
}

export class MoveSchemeDto {
  @ApiProperty({ description: '本评价方案更新的已启用版本' })
  @IsUUID()
  schemeId!: string;
}

export class FinaliseDto {
  @ApiProperty({ description: 'true 定稿；false 撤销定稿' })
  @Type(() => Boolean)
  @IsIn([true, false])
  final!: boolean;
}

export class ReportFormatParams extends FundProjectIdParams {
  @ApiProperty({ enum: ['xlsx', 'pdf', 'docx'] })
  @IsIn(['xlsx', 'pdf', 'docx'], { message: '格式只能是 xlsx、pdf 或 docx' })
  format!: 'xlsx' | 'pdf' | 'docx';
}

const NARRATIVE_MAX = 5000;
const narrative = (description: string) =>
  ApiPropertyOptional({ description: `${description}（不超过${NARRATIVE_MAX}字；空文本表示清空）` });

/** The evaluation report's written sections; a field left out keeps what was written before. */
export class ReportNarrativeDto {
  @narrative('评价目的、对象和范围') @IsOptional() @IsString() @MaxLength(NARRATIVE_MAX) purpose?: string;
  @narrative('评价原则、评价方法、评价标准') @IsOptional() @IsString() @MaxLength(NARRATIVE_MAX) method?: string;
  @narrative('评价工作过程') @IsOptional() @IsString() @MaxLength(NARRATIVE_MAX) process?: string;
  @narrative('主要经验及做法') @IsOptional() @IsString() @MaxLength(NARRATIVE_MAX) experience?: string;
  @narrative('存在的问题及原因分析') @IsOptional() @IsString() @MaxLength(NARRATIVE_MAX) problems?: string;
  @narrative('有关建议') @IsOptional() @IsString() @MaxLength(NARRATIVE_MAX) suggestions?: string;
  @narrative('其他需要说明的问题') @IsOptional() @IsString() @MaxLength(NARRATIVE_MAX) other?: string;
}
