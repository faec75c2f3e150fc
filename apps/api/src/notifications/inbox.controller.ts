import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/common';
import { InboxService } from '@app/notifications';
import { AnyRole, CurrentActor } from '../auth/access.decorators.js';
import { IdPipe } from '../http/id.pipe.js';
import {
  InboxCountsDto,
  InboxMessageDto,
  InboxPageDto,
  InboxQuery,
  PreferencesDto,
  ReadAllResultDto,
} from './notifications.dto.js';

@ApiTags('我的消息')
@ApiBearerAuth()
@AnyRole()
@Controller('api/inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOkResponse({ type: InboxPageDto })
  list(@CurrentActor() actor: Actor, @Query() q: InboxQuery): Promise<InboxPageDto> {
    return this.inbox.list(actor, q.unread === true, q);
  }

  @Get('counts')
  @ApiOkResponse({ type: InboxCountsDto })
  counts(@CurrentActor() actor: Actor): Promise<InboxCountsDto> {
    return this.inbox.counts(actor);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOkResponse({ type: ReadAllResultDto })
  readAll(@CurrentActor() actor: Actor): Promise<ReadAllResultDto> {
    return this.inbox.markAllRead(actor);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: InboxMessageDto })
  read(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<InboxMessageDto> {
    return this.inbox.markRead(actor, id);
  }
}

@ApiTags('我的消息')
@ApiBearerAuth()
@AnyRole()
@Controller('api/me/preferences')
export class PreferencesController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOkResponse({ type: PreferencesDto })
  get(@CurrentActor() actor: Actor): Promise<PreferencesDto> {
    return this.inbox.preferences(actor);
  }

  /** 即时邮件或每日汇总（报送提醒和逾期催报始终即时发送）。 */
  @Put()
  @ApiOkResponse({ type: PreferencesDto })
  update(@CurrentActor() actor: Actor, @Body() dto: PreferencesDto): Promise<PreferencesDto> {
    return this.inbox.updatePreferences(actor, { digestMode: dto.digestMode });
  }
}
