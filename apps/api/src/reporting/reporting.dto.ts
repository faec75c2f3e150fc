import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsDecimalNumber, PageQuery } from '@app/common';
import {
  indicatorReporters,
  type IndicatorReporter,
  progressStatuses,
  type ProgressStatus,
  reportListOrders,
  type ReportListOrder,
  reportStatuses,
  type ReportStatus,
  subjectTypes,
  type SubjectType,
} from '@app/reporting';

const DECIMAL = /^-?\d{1,14}(\.\d{1,6})?$/;

export class IndicatorValueDto {
  @ApiProperty() @IsUUID() indicatorId!: string;
  @ApiPropertyOptional({ example: '12.5', nullable: true, type: String })
  @IsOptional()
  @Matches(DECIMAL, { message: 'matches' })
  value?: string | null;
  @ApiPropertyOptional({ description: '非数值的表述，如“预估2.0以上”' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  textValue?: string;
  @ApiPropertyOptional({ example: '县统计局' }) @IsOptional() @IsString() @MaxLength(200) source?: string;
}

export class SaveDraftDto {
  @ApiProperty() @IsUUID() periodId!: string;
  @ApiProperty({ enum: subjectTypes, description: 'assignment 任务分工 / indicators 指标数据 / project 重点项目' })
  @IsIn(subjectTypes)
  subjectType!: SubjectType;
  @ApiProperty({ description: '分工 ID、县（市、区）单位 ID 或项目 ID' }) @IsUUID() subjectId!: string;
  @ApiPropertyOptional({ description: '修改已有报告时必填：读取时的版本号' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
  @ApiPropertyOptional({ enum: progressStatuses, nullable: true })
  @IsOptional()
  @IsIn(progressStatuses)
  progressStatus?: ProgressStatus;
  @ApiPropertyOptional({ example: 45, description: '完成进度（%），0–100，最多两位小数' })
  @IsOptional()
  @IsDecimalNumber(2)
  @Min(0)
  @Max(100)
  completionPercent?: number;
  @ApiPropertyOptional({ description: '工作进展' }) @IsOptional() @IsString() @MaxLength(10000) narrative?: string;
  @ApiPropertyOptional({ description: '存在问题' }) @IsOptional() @IsString() @MaxLength(5000) problems?: string;
  @ApiPropertyOptional({ description: '下步计划' }) @IsOptional() @IsString() @MaxLength(5000) nextSteps?: string;
  @ApiPropertyOptional({ example: '1200.50', description: '本年累计完成投资（万元）' })
  @IsOptional()
  @Matches(/^\d{1,12}(\.\d{1,2})?$/)
  investmentToDate?: string;
  @ApiPropertyOptional({ type: [IndicatorValueDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => IndicatorValueDto)
  values?: IndicatorValueDto[];
}

export class ReportFormQuery {
  @ApiProperty() @IsUUID() periodId!: string;
  @ApiProperty({ enum: subjectTypes }) @IsIn(subjectTypes) subjectType!: SubjectType;
  @ApiProperty({ description: '分工 ID、县（市、区）单位 ID 或项目 ID' }) @IsUUID() subjectId!: string;
}

export class VersionDto {
  @ApiProperty({ description: '读取时的版本号' }) @IsInt() @Min(1) version!: number;
}

export class ReasonDto {
  @ApiProperty({ example: '进展描述过于简单，请补充具体数据' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason!: string;
}

export class ReportQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() planId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() periodId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string;
  @ApiPropertyOptional({ enum: reportStatuses }) @IsOptional() @IsIn(reportStatuses) status?: ReportStatus;
  @ApiPropertyOptional({ enum: subjectTypes }) @IsOptional() @IsIn(subjectTypes) subjectType?: SubjectType;
  @ApiPropertyOptional({
    enum: reportListOrders,
    description: 'queue：按提交时间先后（审核队列，默认）；period：按月份由近及远。同一单位内任务按编号排列',
  })
  @IsOptional()
  @IsIn(reportListOrders)
  order?: ReportListOrder;
}

export class ReportVersionDto {
  @ApiProperty() @IsUUID() id!: string;
  @ApiProperty({ description: '读取时的版本号' }) @IsInt() @Min(1) version!: number;
}

export class AcceptReportsDto {
  @ApiProperty({ type: [ReportVersionDto], description: '选中的报告及读取时的版本号（一次最多 200 份）' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ReportVersionDto)
  items!: ReportVersionDto[];
}

export class ExceptionDto {
  @ApiProperty() @IsUUID() unitId!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
  @ApiProperty({ example: '2023-05-20T17:00:00+08:00' }) @IsISO8601({ strict: true }) openUntil!: string;
}

export class YearQuery {
  @ApiProperty({ example: 2023 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year!: number;
}

export class PeriodQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() periodId?: string;
}

export class UnitParams {
  @ApiProperty() @IsUUID() id!: string;
  @ApiProperty() @IsUUID() unitId!: string;
}

export class EvidenceParams {
  @ApiProperty() @IsUUID() id!: string;
  @ApiProperty() @Matches(/^[0-9a-f]{64}$/) sha256!: string;
}

export class DeadlineRuleDto {
  @ApiPropertyOptional({ example: 5, description: '次月几日（1–28）' })
  @IsOptional()
  @IsInt()
  dayOfFollowingMonth?: number;
  @ApiPropertyOptional({ example: '17:00' }) @IsOptional() @IsString() time?: string;
  @ApiPropertyOptional({ example: true, description: '遇节假日顺延至下一个工作日' })
  @IsOptional()
  @IsBoolean()
  moveToNextWorkingDay?: boolean;
  @ApiPropertyOptional({ example: 10, nullable: true, type: Number, description: '截止后几天关闭填报（不填为不关闭）' })
  @IsOptional()
  @IsInt()
  closeAfterDays?: number | null;
}

export class CalendarDto {
  @ApiProperty({ type: [String], example: ['2023-10-02'] })
  @IsArray()
  @ArrayMaxSize(366)
  @IsDateString({ strict: true }, { each: true })
  holidays!: string[];
  @ApiProperty({ type: [String], example: ['2023-10-07'] })
  @IsArray()
  @ArrayMaxSize(366)
  @IsDateString({ strict: true }, { each: true })
  makeUpWorkdays!: string[];
}

export class AssignIndicatorItemDto {
  @ApiProperty() @IsUUID() indicatorId!: string;
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(5000)
  @IsUUID('all', { each: true })
  unitIds!: string[];
  @ApiProperty({ enum: indicatorReporters }) @IsIn(indicatorReporters) reporter!: IndicatorReporter;
}

export class AssignIndicatorsDto {
  @ApiProperty({ type: [AssignIndicatorItemDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AssignIndicatorItemDto)
  items!: AssignIndicatorItemDto[];
}

export class ValueEntryDto {
  @ApiProperty() @IsUUID() indicatorId!: string;
  @ApiProperty() @IsUUID() unitId!: string;
  @ApiProperty({ example: 2023 }) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiProperty({ example: 3, description: '1–12 为截至该月的累计值，0 为年度值' })
  @IsInt()
  @Min(0)
  @Max(12)
  month!: number;
  @ApiPropertyOptional({ example: '2.31', nullable: true, type: String })
  @IsOptional()
  @Matches(DECIMAL, { message: 'matches' })
  value?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) textValue?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) source?: string;
  @ApiPropertyOptional({ description: '同时核定' }) @IsOptional() @IsBoolean() confirm?: boolean;
}

export class ValueEntriesDto {
  @ApiProperty({ type: [ValueEntryDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => ValueEntryDto)
  items!: ValueEntryDto[];

  @ApiPropertyOptional({
    description: '修改原因：已用于审定或公布的年终考评的统计数据，修改时必填，记入审计日志',
    example: '市统计局更正口径',
  })
  @IsOptional()
  @IsString({ message: '修改原因须为文字' })
  @MaxLength(500, { message: '不能超过 500 字' })
  reason?: string;
}

export class LaggingQuery {
  @ApiPropertyOptional({ example: 2023, description: '年度，默认今年（限方案年度）' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ example: 3, description: '数据截至月份，默认上月' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(12)
  month?: number;

  @ApiPropertyOptional({ enum: ['task', 'indicator', 'project'], description: '任务 / 指标 / 项目' })
  @IsOptional()
  @IsIn(['task', 'indicator', 'project'])
  kind?: 'task' | 'indicator' | 'project';

  @ApiPropertyOptional({ description: '单位；县（市、区）含其下属单位' })
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ description: '县区类别 1–3；0 为市直单位' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3)
  tier?: number;

  @ApiPropertyOptional({ enum: ['red', 'yellow'], description: '红灯 / 黄灯' })
  @IsOptional()
  @IsIn(['red', 'yellow'])
  light?: 'red' | 'yellow';
}
