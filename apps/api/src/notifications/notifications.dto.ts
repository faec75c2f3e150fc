import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '@app/common';
import { NotificationKind, NotificationStatus } from '@app/notifications';

const kinds = Object.values(NotificationKind);
const statuses = Object.values(NotificationStatus);
const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class NotificationQuery extends PageQuery {
  @ApiPropertyOptional({ enum: statuses, description: 'pending 待发送 / sent 已发送 / failed 发送失败' })
  @IsOptional()
  @IsIn(statuses)
  status?: NotificationStatus;

  @ApiPropertyOptional({
    enum: kinds,
    description: '通知类型，依次为：提醒、催报、逾期汇总、周汇总、未更新、通知、日汇总、年终考评',
  })
  @IsOptional()
  @IsIn(kinds)
  kind?: NotificationKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  periodId?: string;
}

export class ChaseDto {
  @ApiProperty({ description: '报送期（月度）ID' })
  @IsUUID()
  periodId!: string;

  @ApiPropertyOptional({ type: [String], description: '只催这些单位；不填则催该期所有有未报事项的单位' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  unitIds?: string[];
}

export class InboxQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'true：只看未读' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  unread?: boolean;
}

export class PreferencesDto {
  @ApiProperty({
    enum: ['immediate', 'daily'],
    description: 'immediate：即时邮件；daily：每日汇总一封（报送提醒和逾期催报始终即时发送）',
  })
  @IsIn(['immediate', 'daily'])
  digestMode!: 'immediate' | 'daily';
}
