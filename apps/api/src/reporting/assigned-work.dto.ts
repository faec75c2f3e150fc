import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { PageQuery } from '@app/common';
import { type AssignedWorkFilter, assignedWorkFilters } from '@app/reporting';

export class CreateAssignedWorkDto {
  @ApiProperty({ example: '报送2023年度科技创新工作总结', description: '事项内容' })
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: '不能只填空白' })
  @MaxLength(2000)
  content!: string;

  @ApiProperty({ type: [String], description: '交办单位（本市一个或多个单位）' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  unitIds!: string[];

  @ApiProperty({ example: '2023-12-15', description: '办理时限（含当日）' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '应为日期（年-月-日）' })
  dueDate!: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: '交办依据 / 备注' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  basis?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: '关联工作方案' })
  @IsOptional()
  @IsUUID()
  planId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, description: '关联任务（须同时选择方案）' })
  @IsOptional()
  @IsUUID()
  taskId?: string | null;
}

export class AssignedWorkQuery extends PageQuery {
  @ApiPropertyOptional({ enum: assignedWorkFilters, description: 'open 办理中 / closed 已办结 / overdue 逾期' })
  @IsOptional()
  @IsIn(assignedWorkFilters)
  status?: AssignedWorkFilter;

  @ApiPropertyOptional() @IsOptional() @IsUUID() unitId?: string;
}

export class AssignedWorkPartParams {
  @ApiProperty() @IsUUID() id!: string;
  @ApiProperty() @IsUUID() unitId!: string;
}

export class AssignedWorkEvidenceParams extends AssignedWorkPartParams {
  @ApiProperty() @Matches(/^[0-9a-f]{64}$/) sha256!: string;
}

export class CloseAssignedWorkDto {
  @ApiProperty({ example: '已按要求完成并报送，详见附件', description: '办结情况说明' })
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: '不能只填空白' })
  @MaxLength(2000)
  note!: string;
}

export class ReturnAssignedWorkDto {
  @ApiProperty({ example: '佐证材料不全，请补充会议纪要', description: '退回原因' })
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: '不能只填空白' })
  @MaxLength(1000)
  reason!: string;
}
