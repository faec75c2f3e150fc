import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppEnv, Clock } from '@app/config';
import { localDateOf } from '@app/domain';
import { SignedIn } from '../auth/access.decorators.js';

interface PlatformClock {
  now: Date;
  /** The calendar date in the platform's time zone. */
  today: string;
  timeZone: string;
}

/**
 * The platform's clock, which deadlines and lateness are judged by. The browser's own clock may be on another day
 * (a demo or a test runs on a fixed date), so pages that show "now" read it here.
 */
@ApiTags('运行状态')
@ApiBearerAuth()
@Controller('api')
export class ClockController {
  constructor(
    private readonly clock: Clock,
    private readonly env: AppEnv,
  ) {}

  @SignedIn()
  @Get('clock')
  @ApiOkResponse({ description: '平台当前时间（截止、迟报均以此为准）' })
  now(): PlatformClock {
    const now = this.clock.now();
    return { now, today: localDateOf(now, this.env.APP_TIMEZONE), timeZone: this.env.APP_TIMEZONE };
  }
}
