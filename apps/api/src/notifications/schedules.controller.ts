import { Controller, Get, HttpCode, HttpException, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { PlatformPrincipal } from '@app/common';
import { QueueUnavailableError, type QueuedScheduleRun, ScheduleRunner, type ScheduleView } from '@app/notifications';
import { CurrentPlatform, PlatformOnly } from '../auth/access.decorators.js';

/** The deployment's schedules run for every city at once: the platform's to trigger, not a city's. */
@ApiTags('任务队列')
@ApiBearerAuth()
@PlatformOnly()
@Controller('api/admin/schedules')
export class SchedulesController {
  constructor(private readonly runner: ScheduleRunner) {}

  @Get()
  list(): ScheduleView[] {
    return this.runner.list();
  }

  /** 立即执行一次计划任务（与定时触发的任务相同，可重复执行）。Redis 不可用时返回 503。 */
  @Post(':name/run')
  @HttpCode(202)
  @ApiServiceUnavailableResponse({ description: '任务队列（Redis）不可用' })
  async run(@CurrentPlatform() principal: PlatformPrincipal, @Param('name') name: string): Promise<QueuedScheduleRun> {
    try {
      return await this.runner.runNow(principal, name);
    } catch (error) {
      if (error instanceof QueueUnavailableError) {
        throw new HttpException(
          {
            statusCode: 503,
            error: 'Service Unavailable',
            message: error.message,
            details: [{ field: 'redis', reason: '无法连接' }],
          },
          503,
        );
      }
      throw error;
    }
  }
}
