import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
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
import { schemeKinds, type SchemeKind, type LeafSource } from '@app/assessment';

export class SchemeQuery {
  @ApiPropertyOptional({ enum: schemeKinds }) @IsOptional() @IsIn(schemeKinds) kind?: SchemeKind;
  @ApiPropertyOptional({ example: 2023 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class CreateSchemeDto {
  @ApiProperty({ example: 'county-2024' }) @IsString() @Matches(/^[a-z0-9-]{2,64}$/) code!: string;
  @ApiProperty({ example: '2024年县（市、区）考评方案' }) @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @ApiProperty({ enum: schemeKinds }) @IsIn(schemeKinds) kind!: SchemeKind;
  @ApiProperty({ example: 2024 }) @IsInt() @Min(2000) @Max(2100) year!: number;
  @ApiProperty({ description: '考评指标体系（见 README：评分规则与方案 JSON）', type: Object })
  @IsObject()
  definition!: Record<string, unknown>;
  @ApiPropertyOptional({ description: '末级指标 → 数据来源', type: Object })
  @IsOptional()
  @IsObject()
  inputMap?: Record<string, LeafSource>;
}

export class UpdateSchemeDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional({ type: Object }) @IsOptional() @IsObject() definition?: Record<string, unknown>;
  @ApiPropertyOptional({ type: Object }) @IsOptional() @IsObject() inputMap?: Record<string, LeafSource>;
}

export class CloneSchemeDto {
  @ApiPropertyOptional({ example: 2024, description: '复制到新年度；不填则为同一方案的新版本' })
  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class PublishBulletinDto {
  @ApiProperty({ example: '2023-Q1' }) @Matches(/^\d{4}-Q[1-4]$/) quarter!: string;
  @ApiPropertyOptional({ description: '更正已发布的通报时必填：生成新的修订版' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  correctionReason?: string;
}

export class ExportParams {
  @ApiProperty() @IsUUID() id!: string;
  @ApiProperty({ enum: ['xlsx', 'pdf', 'docx'] })
  @IsIn(['xlsx', 'pdf', 'docx'], { message: '格式只能是 xlsx、pdf 或 docx' })
  format!: 'xlsx' | 'pdf' | 'docx';
}

export class UnitExplanationParams {
  @ApiProperty() @IsUUID() id!: string;
  @ApiProperty() @IsUUID() unitId!: string;
}

export class CreateAssessmentDto {
  @ApiProperty() @IsUUID() planId!: string;
  @ApiProperty({ description: '已启用的县区或市直单位考评方案' }) @IsUUID() schemeId!: string;
}

export class EntryDto {
  @ApiProperty({ example: 'd1.3' }) @IsString() @MaxLength(64) criterionId!: string;
  @ApiProperty({
    type: Object,
    example: { score: 4.5, reason: '按时完成年度调度任务' },
    description: '该项评分规则所需的输入',
  })
  @IsObject()
  input!: Record<string, unknown>;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) reason?: string;
  @ApiPropertyOptional({ type: [String], description: '佐证材料（文件 SHA-256）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[0-9a-f]{64}$/, { each: true })
  evidence?: string[];
}

export class EntriesDto {
  @ApiProperty({ type: [EntryDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => EntryDto)
  entries!: EntryDto[];
}

export class ReviewDto {
  @ApiPropertyOptional({ description: '认可该单位的全部自评' }) @IsOptional() @IsBoolean() acceptSelf?: boolean;
  @ApiPropertyOptional({ type: [EntryDto], description: '调整的项目（须说明理由）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => EntryDto)
  entries?: EntryDto[];
}

export class EventDto {
  @ApiProperty() @IsUUID() unitId!: string;
  @ApiProperty({ enum: ['bonus', 'penalty', 'veto'] }) @IsIn(['bonus', 'penalty', 'veto']) kind!:
    'bonus' | 'penalty' | 'veto';
  @ApiProperty({ example: 'b.unicorn' }) @IsString() @MaxLength(64) itemId!: string;
  @ApiPropertyOptional({ example: 1 }) @IsOptional() @IsInt() @Min(1) @Max(1000) count?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) note?: string;
  @ApiProperty({ type: [String], description: '佐证材料（文件 SHA-256），至少一项' })
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[0-9a-f]{64}$/, { each: true })
  evidence!: string[];
}

export class ReopenDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(500) reason!: string;
}

export class AppealDto {
  @ApiProperty() @IsUUID() unitId!: string;
  @ApiProperty({ example: 'd2' }) @IsString() @MaxLength(64) criterionId!: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(2000) reason!: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[0-9a-f]{64}$/, { each: true })
  evidence?: string[];
}

export class AppealDecisionDto {
  @ApiProperty({ description: 'true 支持（须给出更正后的数值），false 驳回' }) @IsBoolean() uphold!: boolean;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
  @ApiPropertyOptional({ type: Object }) @IsOptional() @IsObject() input?: Record<string, unknown>;
}

export class RevisionParams {
  @ApiProperty() @IsUUID() id!: string;
  @ApiProperty({ description: '版本号', example: 2 })
  @Type(() => Number)
  @IsInt({ message: '版本号须为正整数' })
  @Min(1, { message: '版本号须为正整数' })
  @Max(100000, { message: '版本号过大' })
  revision!: number;
}

export class RevisionDiffQuery {
  @ApiPropertyOptional({ description: '与哪个版本比较；不填则与上一版本比较' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '版本号须为正整数' })
  @Min(1, { message: '版本号须为正整数' })
  @Max(100000, { message: '版本号过大' })
  against?: number;
}

export class EntryEvidenceParams {
  @ApiProperty() @IsUUID() id!: string;
  @ApiProperty() @IsUUID() unitId!: string;
  @ApiProperty({ example: 'd1.3' }) @Matches(/^[A-Za-z0-9._-]{1,64}$/) criterionId!: string;
}

export class UnitEvidenceParams {
  @ApiProperty() @IsUUID() id!: string;
  @ApiProperty() @IsUUID() unitId!: string;
  @ApiProperty() @Matches(/^[0-9a-f]{64}$/) sha256!: string;
}

export class SelfEvidenceFileParams extends EntryEvidenceParams {
  @ApiProperty() @Matches(/^[0-9a-f]{64}$/) sha256!: string;
}

export class ReturnSelfDto {
  @ApiProperty({ description: '退回原因' }) @IsString() @IsNotEmpty() @MaxLength(1000) reason!: string;
}

export class NotMeasurableDto {
  @ApiProperty() @IsUUID() unitId!: string;
  @ApiProperty({ example: 'c1.2' }) @IsString() @MaxLength(64) criterionId!: string;
  @ApiProperty({ description: '不可单独统计的原因' })
  @IsString({ message: '请说明原因' })
  @IsNotEmpty({ message: '请说明原因' })
  @MaxLength(500, { message: '不能超过 500 字' })
  reason!: string;
}

export class NotMeasurableParams {
  @ApiProperty() @IsUUID() id!: string;
  @ApiProperty() @IsUUID() markId!: string;
}
