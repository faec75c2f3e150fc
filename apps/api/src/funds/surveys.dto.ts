import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
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
import { IsDecimalNumber } from '@app/common';
import { MAX_OPTION_LABEL_LENGTH, MAX_QUESTION_LENGTH, MAX_SURVEY_OPTIONS, MAX_SURVEY_QUESTIONS } from '@app/domain';

/** 32 random bytes in base64url: 43 characters of A–Z, a–z, 0–9, - and _. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export class SurveyProjectParams {
  @ApiProperty({ description: '预算项目 ID' }) @IsUUID() projectId!: string;
}

export class SurveyParams extends SurveyProjectParams {
  @ApiProperty({ description: '满意度调查 ID' }) @IsUUID() surveyId!: string;
}

export class PublicSurveyParams {
  @ApiProperty({ description: '问卷链接中的令牌（43 位）', example: 'q3Jx2mZ0c1b6Yl0-4Xk8T1tq1bG9nR2yH5sWv7uPaLd' })
  @Matches(TOKEN)
  token!: string;
}

export class SurveyOptionInputDto {
  @ApiProperty({ example: '满意', maxLength: MAX_OPTION_LABEL_LENGTH })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_OPTION_LABEL_LENGTH)
  label!: string;
  @ApiProperty({ example: 100, description: '权重（%），0–100，最多两位小数；从最佳选项到最差选项逐项不增' })
  @IsDecimalNumber(2)
  @Min(0)
  @Max(100)
  weight!: number;
}

export class CreateSurveyDto {
  @ApiProperty({ example: '2023年市科技专项资金服务对象满意度调查' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title!: string;
  @ApiPropertyOptional({ description: '问卷说明（显示在问题上方）' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  intro?: string;
  @ApiProperty({
    type: [String],
    example: ['您对资金申报流程是否满意？', '您对资金拨付的及时性是否满意？'],
    description: `问题，按顺序，1–${MAX_SURVEY_QUESTIONS} 个`,
  })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(MAX_SURVEY_QUESTIONS)
  @IsString({ each: true })
  @MaxLength(MAX_QUESTION_LENGTH, { each: true })
  questions!: string[];
  @ApiPropertyOptional({
    type: [SurveyOptionInputDto],
    description: '选项与权重，最佳选项在前；默认 满意/比较满意/一般/不太满意/不满意 = 100/80/60/30/0',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_SURVEY_OPTIONS)
  @ValidateNested({ each: true })
  @Type(() => SurveyOptionInputDto)
  options?: SurveyOptionInputDto[];
  @ApiPropertyOptional({ default: true, description: '是否允许回答“不了解”（不计入样本数）' })
  @IsOptional()
  @IsBoolean()
  allowDontKnow?: boolean;
  @ApiPropertyOptional({
    example: '2023-12-31T17:00:00+08:00',
    description: '截止时间；不填则在办公室结束调查前一直开放',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  closesAt?: string;
}

export class IssueTokensDto {
  @ApiProperty({ example: 50, minimum: 1, maximum: 500, description: '发放的问卷链接数（每个链接只能提交一次）' })
  @IsInt()
  @Min(1)
  @Max(500)
  count!: number;
  @ApiProperty({ example: '2023-12-31T17:00:00+08:00', description: '链接有效期，不晚于调查截止时间，最长一年' })
  @IsISO8601({ strict: true })
  expiresAt!: string;
  @ApiPropertyOptional({ example: '受益企业', description: '发放对象（可选）' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  label?: string;
}

export class AnswerDto {
  @ApiProperty({ description: '问题 ID' }) @IsUUID() questionId!: string;
  @ApiPropertyOptional({
    example: 0,
    nullable: true,
    type: Number,
    description: '所选选项的序号（0 为最佳选项）；回答“不了解”时不填',
  })
  @IsOptional()
  @IsInt()
  optionIndex?: number | null;
  @ApiPropertyOptional({ example: false, description: '回答“不了解”（问卷允许时）' })
  @IsOptional()
  @IsBoolean()
  dontKnow?: boolean;
}

export class SubmitResponseDto {
  @ApiProperty({ type: [AnswerDto], description: '每个问题恰好回答一次' })
  @IsArray()
  @ArrayMaxSize(MAX_SURVEY_QUESTIONS)
  @ValidateNested({ each: true })
  @Type(() => AnswerDto)
  answers!: AnswerDto[];
}
