import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString } from 'class-validator';
import type { Actor } from '@app/common';
import { type ReminderRule, ReminderRuleService } from '@app/notifications';
import { AnyRole, CurrentActor, Roles } from '../auth/access.decorators.js';
import { IdPipe } from '../http/id.pipe.js';

class ReminderRuleDto {
  @ApiPropertyOptional({ type: [Number], example: [3, 1], description: '截止前几天提醒' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  beforeDays?: number[];
  @ApiPropertyOptional({ example: '09:00', description: '提醒发送时间' }) @IsOptional() @IsString() sendTime?: string;
  @ApiPropertyOptional({ example: 0, description: '截止后几小时催报（0：次日发送时间）' })
  @IsOptional()
  @IsInt()
  escalateAfterHours?: number;
  @ApiPropertyOptional({ example: 30, description: '任务多少天无更新时提醒（0 关闭）' })
  @IsOptional()
  @IsInt()
  nudgeAfterDays?: number;
}

@ApiTags('提醒与催报')
@ApiBearerAuth()
@Controller('api/plans')
export class ReminderRuleController {
  constructor(private readonly rules: ReminderRuleService) {}

  @AnyRole()
  @Get(':id/reminder-rule')
  @ApiOkResponse({ description: '方案的提醒规则（未设置时为默认值）' })
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<ReminderRule> {
    return this.rules.get(actor, id);
  }

  @Roles('admin', 'office')
  @Put(':id/reminder-rule')
  @ApiOkResponse({ description: '设定提醒规则：提前天数、发送时间、催报时机、无更新提醒' })
  set(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Body() dto: ReminderRuleDto,
  ): Promise<ReminderRule> {
    return this.rules.set(actor, id, dto);
  }
}
