import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor, Page } from '@app/common';
import { type ChannelPostResend, type ChannelPostRow, ChannelsService, type ChannelView } from '@app/notifications';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { IdPipe } from '../http/id.pipe.js';
import { ChannelDto, ChannelPostQuery } from './channels.dto.js';

@ApiTags('群通知渠道')
@ApiBearerAuth()
@Roles('admin', 'office')
@Controller('api/channels')
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  /** 本市的企业微信 / 钉钉群机器人（地址与密钥只显示末四位）。 */
  @Get()
  list(@CurrentActor() actor: Actor): Promise<ChannelView[]> {
    return this.channels.list(actor);
  }

  /** 新增群机器人：地址必须是企业微信或钉钉的 https Webhook，否则 400 并说明原因。 */
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: ChannelDto): Promise<ChannelView> {
    return this.channels.create(actor, dto);
  }

  /** 修改群机器人；不填地址或密钥则保留原值。 */
  @Put(':id')
  update(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: ChannelDto): Promise<ChannelView> {
    return this.channels.update(actor, id, dto);
  }

  /** 群消息日志：已发送、发送失败、结果未知（worker 中断时正在发送）的消息。 */
  @Get('posts')
  posts(@CurrentActor() actor: Actor, @Query() q: ChannelPostQuery): Promise<Page<ChannelPostRow>> {
    return this.channels.posts(actor, q.status, q);
  }

  /** 重发一条失败或结果未知的群消息（结果未知的消息可能已在群里，请先核对；记入审计日志）。 */
  @Post('posts/:id/resend')
  @HttpCode(200)
  resend(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<ChannelPostResend> {
    return this.channels.resend(actor, id);
  }
}
