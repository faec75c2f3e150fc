import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumberString,
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
  aggregations,
  type Aggregation,
  assignmentRoles,
  type AssignmentRole,
  type Direction,
  directions,
  exportKinds,
  type ExportKind,
  importKinds,
  type ImportKind,
  type Operator,
  operators,
  planStatuses,
  type PlanStatus,
  projectStages,
  type ProjectStage,
  type TargetKind,
  targetKinds,
  type TargetPeriod,
  targetPeriods,
} from '@app/plans';

export class PlanQuery extends PageQuery {
  @ApiPropertyOptional({ enum: planStatuses })
  @IsOptional()
  @IsIn(planStatuses)
  status?: PlanStatus;

  @ApiPropertyOptional({ example: 2023 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class CreatePlanDto {
  @ApiProperty({ example: '2023年赣州市科技创新赋能行动工作方案' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title!: string;

  @ApiPropertyOptional({ example: '赣州市科技创新赋能行动领导小组' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  issuingBody?: string;

  @ApiPropertyOptional({ example: '赣市科赋字〔2023〕1号' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  docNumber?: string;

  @ApiPropertyOptional({ example: '2023-03-20' })
  @IsOptional()
  @IsDateString({ strict: true })
  issueDate?: string;

  @ApiProperty({ example: 2023 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  startYear!: number;

  @ApiProperty({ example: 2023 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  endYear!: number;
}

export class UpdatePlanDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(300) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) issuingBody?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) docNumber?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }) issueDate?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(2000) @Max(2100) startYear?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(2000) @Max(2100) endYear?: number;

  @ApiProperty({ description: '读取时的版本号；与当前版本不一致时返回 409' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiPropertyOptional({ description: '修改已发布方案时必填' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ImportParams {
  @ApiProperty() @IsUUID() id!: string;
  @ApiProperty({ enum: importKinds }) @IsIn(importKinds) kind!: ImportKind;
}

export class ExportParams {
  @ApiProperty() @IsUUID() id!: string;
  @ApiProperty({ enum: exportKinds }) @IsIn(exportKinds) kind!: ExportKind;
}

export class ImportQuery {
  @ApiPropertyOptional({
    enum: ['dry-run', 'commit'],
    default: 'dry-run',
    description: 'dry-run：预检（逐行检查并列出将发生的变化，不写入数据）；commit：正式导入',
  })
  @IsOptional()
  @IsIn(['dry-run', 'commit'])
  mode?: 'dry-run' | 'commit';
}

export class ImportBodyDto {
  @ApiProperty({ type: 'string', format: 'binary', description: '.xlsx 或 .csv 文件' })
  file!: unknown;

  @ApiPropertyOptional({ description: '已发布方案的导入修改须填写原因' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class MilestoneDto {
  @ApiProperty({ example: '2023-06-30' }) @IsDateString({ strict: true }) dueDate!: string;
  @ApiProperty() @IsString() @MaxLength(300) description!: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) @IsInt() @Min(0) @Max(100) expectedPercent!: number;
}

export class CreateSectionDto {
  @ApiProperty({ example: '六' }) @IsString() @IsNotEmpty() @MaxLength(10) number!: string;
  @ApiProperty({ example: '强化科技人才支撑' }) @IsString() @IsNotEmpty() @MaxLength(300) title!: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10000) sortOrder?: number;
  @ApiPropertyOptional({ description: '修改已发布方案时必填' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class UpdateSectionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(10) number?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(300) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(10000) sortOrder?: number;
  @ApiPropertyOptional({ description: '修改已发布方案时必填' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class CreateTaskDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) @IsOptional() @IsUUID() sectionId?:
    string | null;
  @ApiPropertyOptional({ description: '默认接在最后一个任务之后' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  number?: number;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(300) title!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(20000) requirement!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsDateString({ strict: true }) dueDate?:
    string | null;
  @ApiPropertyOptional({ description: '修改已发布方案时必填' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class UpdateTaskDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(300) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(20000) requirement?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsDateString({ strict: true }) dueDate?:
    string | null;
  @ApiPropertyOptional({ type: [MilestoneDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(24)
  @ValidateNested({ each: true })
  @Type(() => MilestoneDto)
  milestones?: MilestoneDto[];
  @ApiPropertyOptional({ description: '修改已发布方案时必填' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class AssignmentItemDto {
  @ApiProperty() @IsUUID() unitId!: string;
  @ApiProperty({ enum: assignmentRoles }) @IsIn(assignmentRoles) role!: AssignmentRole;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  liaisonContactIds?: string[];
}

export class SetAssignmentsDto {
  @ApiProperty({ type: [AssignmentItemDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AssignmentItemDto)
  items!: AssignmentItemDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

export class IndicatorDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiPropertyOptional({ example: '家' }) @IsOptional() @IsString() @MaxLength(20) unitOfMeasure?: string;
  @ApiPropertyOptional({ enum: directions }) @IsOptional() @IsIn(directions) direction?: Direction;
  @ApiPropertyOptional({ enum: aggregations }) @IsOptional() @IsIn(aggregations) aggregation?: Aggregation;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(6) decimals?: number;
  @ApiPropertyOptional({ nullable: true, type: String, example: '100' }) @IsOptional() @IsNumberString() maxValue?:
    string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsUUID() authorityUnitId?: string | null;
}

export class UpdateIndicatorDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) unitOfMeasure?: string;
  @ApiPropertyOptional({ enum: directions }) @IsOptional() @IsIn(directions) direction?: Direction;
  @ApiPropertyOptional({ enum: aggregations }) @IsOptional() @IsIn(aggregations) aggregation?: Aggregation;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(6) decimals?: number;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsNumberString() maxValue?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsUUID() authorityUnitId?: string | null;
}

export class TargetDto {
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsUUID() planId?: string | null;
  @ApiProperty() @IsUUID() indicatorId!: string;
  @ApiProperty() @IsUUID() unitId!: string;
  @ApiProperty({ example: 2023 }) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiPropertyOptional({ enum: targetPeriods, default: 'year' })
  @IsOptional()
  @IsIn(targetPeriods)
  period?: TargetPeriod;
  @ApiProperty({ enum: targetKinds }) @IsIn(targetKinds) kind!: TargetKind;
  @ApiPropertyOptional({ enum: operators }) @IsOptional() @IsIn(operators) operator?: Operator;
  @ApiPropertyOptional({ example: '1750' }) @IsOptional() @Matches(/^-?\d{1,14}(\.\d{1,6})?$/) value?: string;
  @ApiPropertyOptional({ example: '完成' }) @IsOptional() @IsString() @MaxLength(100) textValue?: string;
  @ApiPropertyOptional({ example: '2023-12-31' }) @IsOptional() @IsDateString({ strict: true }) dateValue?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class UpdateProjectDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(300) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) category?: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(64) code?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) content?: string;
  @ApiPropertyOptional({ example: '2023-01' }) @IsOptional() @Matches(/^\d{4}-(0[1-9]|1[0-2])$/) startMonth?: string;
  @ApiPropertyOptional({ example: '2023-12' }) @IsOptional() @Matches(/^\d{4}-(0[1-9]|1[0-2])$/) endMonth?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) builder?: string;
  @ApiPropertyOptional({ example: '2000.00', description: '万元' })
  @IsOptional()
  @Matches(/^\d{1,12}(\.\d{1,2})?$/)
  totalInvestment?: string;
  @ApiPropertyOptional({ example: '2000.00', description: '万元' })
  @IsOptional()
  @Matches(/^\d{1,12}(\.\d{1,2})?$/)
  annualInvestment?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) responsibleLeader?: string;
  @ApiPropertyOptional({ enum: projectStages }) @IsOptional() @IsIn(projectStages) stage?: ProjectStage;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) reason?: string;
}
