import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery, pageDtoOf } from '@app/common';
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
    description:
      'reminder 报送提醒 / escalation 逾期催报 / office_digest 逾期汇总 / weekly_digest 每周汇总 / ' +
      'nudge 未更新提醒 / event 平台通知 / digest 每日汇总',
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

export class NotificationDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: kinds }) kind!: string;
  @ApiProperty({ enum: statuses }) status!: string;
  @ApiProperty({ nullable: true, type: String }) periodId!: string | null;
  @ApiProperty({ nullable: true, type: String }) unitId!: string | null;
  @ApiProperty({ nullable: true, type: String }) unitName!: string | null;
  @ApiProperty({ nullable: true, type: String }) recipientContactId!: string | null;
  @ApiProperty({ nullable: true, type: String }) recipientUserId!: string | null;
  @ApiProperty() recipientEmail!: string;
  @ApiProperty() subject!: string;
  @ApiProperty({ description: '由幂等键派生，重发时不变' }) messageId!: string;
  @ApiProperty({ description: '已尝试发送次数' }) attempts!: number;
  @ApiProperty({ nullable: true, type: String, description: '最近一次失败原因（邮件服务器的答复）' }) lastError!:
    string | null;
  @ApiProperty({ nullable: true, type: Date }) enqueuedAt!: Date | null;
  @ApiProperty({ nullable: true, type: Date }) sentAt!: Date | null;
  @ApiProperty() createdAt!: Date;
}

export const NotificationPageDto = pageDtoOf(NotificationDto, 'NotificationPageDto');

export class ResendResultDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['pending'] }) status!: string;
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

export class ChaseResultDto {
  @ApiProperty() periodId!: string;
  @ApiProperty({ example: 'manual-2023-04-10', description: '同一单位、同一联系人每天最多手动催报一次' })
  offset!: string;
  @ApiProperty({ description: '新建的邮件数（已催过的不重复）' }) notifications!: number;
  @ApiProperty({ description: '新建的站内消息数' }) inbox!: number;
  @ApiProperty({ type: [String], description: '有未报事项但没有可联系的联络员的单位' }) unreachableUnits!: string[];
}

export class InboxQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'true：只看未读' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  unread?: boolean;
}

export class InboxMessageDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: kinds }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty() link!: string;
  @ApiProperty({ nullable: true, type: Date }) readAt!: Date | null;
  @ApiProperty() createdAt!: Date;
}

export class InboxPageDto {
  @ApiProperty({ type: [InboxMessageDto] }) items!: InboxMessageDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ description: '未读总数' }) unread!: number;
}

export class InboxCountsDto {
  @ApiProperty() total!: number;
  @ApiProperty() unread!: number;
  @ApiProperty() read!: number;
}

export class ReadAllResultDto {
  @ApiProperty() updated!: number;
}

export class PreferencesDto {
  @ApiProperty({
    enum: ['immediate', 'daily'],
    description: 'immediate：即时邮件；daily：每日汇总一封（报送提醒和逾期催报始终即时发送）',
  })
  @IsIn(['immediate', 'daily'])
  digestMode!: 'immediate' | 'daily';
}

export class ScheduleDto {
  @ApiProperty({ example: 'reminders-tick' }) name!: string;
  @ApiProperty() queue!: string;
  @ApiProperty() job!: string;
  @ApiProperty({ description: '{ pattern } 按 APP_TIMEZONE 解释的 cron（含秒），或 { everyMs }' }) repeat!: object;
  @ApiProperty() label!: string;
}

export class ScheduleRunDto {
  @ApiProperty() name!: string;
  @ApiProperty() queue!: string;
  @ApiProperty() job!: string;
  @ApiProperty() jobId!: string;
}
