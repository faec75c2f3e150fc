import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { NotMeasurableService, type NotMeasurableView } from '@app/assessment';
import type { Actor } from '@app/common';
import { AnyRole, CurrentActor, Roles } from '../auth/access.decorators.js';
import { IdPipe } from '../http/id.pipe.js';
import { NotMeasurableDto, NotMeasurableParams } from './assessment.dto.js';

@ApiTags('年终考评')
@ApiBearerAuth()
@Controller('api/assessments')
export class NotMeasurableController {
  constructor(private readonly marks: NotMeasurableService) {}

  @AnyRole()
  @Get(':id/not-measurable')
  @ApiOkResponse({ description: '标记为不可单独统计的指标：办公室和领导小组看全部，各单位只看本单位' })
  list(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<NotMeasurableView[]> {
    return this.marks.list(actor, id);
  }

  @Roles('admin', 'office')
  @Put(':id/not-measurable')
  @ApiOkResponse({ description: '办公室标记某单位某项指标不可单独统计（须说明原因），按同档平均分计；审定前可改' })
  mark(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Body() dto: NotMeasurableDto,
  ): Promise<NotMeasurableView> {
    return this.marks.mark(actor, id, dto);
  }

  @Roles('admin', 'office')
  @Delete(':id/not-measurable/:markId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: '撤销不可单独统计的标记（审定前）' })
  async unmark(@CurrentActor() actor: Actor, @Param() params: NotMeasurableParams): Promise<void> {
    await this.marks.unmark(actor, params.id, params.markId);
  }
}
