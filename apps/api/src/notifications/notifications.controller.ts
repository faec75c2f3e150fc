import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor, Page } from '@app/common';
import {
  type ChaseResult,
  type NotificationListRow,
  NotificationsService,
  ReminderPlanner,
  type ResendResult,
} from '@app/notifications';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { IdPipe } from '../http/id.pipe.js';
import { ChaseDto, NotificationQuery } from './notifications.dto.js';

@ApiTags('通知日志')
@ApiBearerAuth()
@Roles('admin', 'office')
@Controller('api/notifications')
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly reminders: ReminderPlanner,
  ) {}

  /** 本市的邮件通知日志：状态、尝试次数、最近一次错误。 */
  @Get()
  list(@CurrentActor() actor: Actor, @Query() q: NotificationQuery): Promise<Page<NotificationListRow>> {
    return this.notifications.list(
      actor,
      { status: q.status, kind: q.kind, unitId: q.unitId, periodId: q.periodId },
      q,
    );
  }

  /** 重发一封发送失败的邮件：回到待发送状态，由 worker 重新投递（记入审计日志）。 */
  @Post(':id/resend')
  @HttpCode(200)
  resend(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<ResendResult> {
    return this.notifications.resend(actor, id);
  }

  /** 手动催报：立即提醒该报送期内仍有未报事项的单位联络员。 */
  @Post('chase')
  chase(@CurrentActor() actor: Actor, @Body() dto: ChaseDto): Promise<ChaseResult> {
    return this.reminders.chase(actor, dto.periodId, dto.unitIds);
  }
}
