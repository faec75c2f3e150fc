import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/common';
import {
  type InboxCounts,
  type InboxPage,
  type InboxRow,
  InboxService,
  type Preferences,
  type ReadAllResult,
} from '@app/notifications';
import { AnyRole, CurrentActor } from '../auth/access.decorators.js';
import { IdPipe } from '../http/id.pipe.js';
import { InboxQuery, PreferencesDto } from './notifications.dto.js';

@ApiTags('我的消息')
@ApiBearerAuth()
@AnyRole()
@Controller('api/inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() q: InboxQuery): Promise<InboxPage> {
    return this.inbox.list(actor, q.unread === true, q);
  }

  @Get('counts')
  counts(@CurrentActor() actor: Actor): Promise<InboxCounts> {
    return this.inbox.counts(actor);
  }

  @Post('read-all')
  @HttpCode(200)
  readAll(@CurrentActor() actor: Actor): Promise<ReadAllResult> {
    return this.inbox.markAllRead(actor);
  }

  @Post(':id/read')
  @HttpCode(200)
  read(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<InboxRow> {
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
  get(@CurrentActor() actor: Actor): Promise<Preferences> {
    return this.inbox.preferences(actor);
  }

  /** 即时邮件或每日汇总（报送提醒和逾期催报始终即时发送）。 */
  @Put()
  update(@CurrentActor() actor: Actor, @Body() dto: PreferencesDto): Promise<Preferences> {
    return this.inbox.updatePreferences(actor, { digestMode: dto.digestMode });
  }
}
