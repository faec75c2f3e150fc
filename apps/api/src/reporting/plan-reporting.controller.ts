import { Body, Controller, Get, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '@app/common';
import type { IndicatorValue, Plan } from '@app/plans';
import {
  type AssignedIndicator,
  CalendarService,
  type CalendarYear,
  type CompletenessMatrix,
  CompletenessService,
  type ExpectedReport,
  IndicatorValuesService,
  type LaggingReport,
  LaggingService,
  PeriodsService,
  type ReportingPeriod,
} from '@app/reporting';
import { AnyRole, CurrentActor, Roles } from '../auth/access.decorators.js';
import { IdPipe } from '../http/id.pipe.js';
import { YearParam } from '../organisation/organisation.dto.js';
import {
  AssignIndicatorsDto,
  CalendarDto,
  DeadlineRuleDto,
  LaggingQuery,
  PeriodQuery,
  UnitParams,
  ValueEntriesDto,
  YearQuery,
} from './reporting.dto.js';

@ApiTags('月度报送')
@ApiBearerAuth()
@Controller('api')
export class PlanReportingController {
  constructor(
    private readonly periods: PeriodsService,
    private readonly completeness: CompletenessService,
    private readonly laggingList: LaggingService,
    private readonly calendar: CalendarService,
    private readonly values: IndicatorValuesService,
  ) {}

  @Roles('admin', 'office')
  @Post('plans/:id/publish')
  @ApiCreatedResponse({ description: '发布方案并生成各月报送期' })
  publish(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Plan> {
    return this.periods.publish(actor, id);
  }

  @AnyRole()
  @Get('plans/:id/periods')
  @ApiOkResponse({ description: '各月报送期及截止时间' })
  list(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<ReportingPeriod[]> {
    return this.periods.list(actor, id);
  }

  @Roles('admin', 'office')
  @Put('plans/:id/deadline-rule')
  @ApiOkResponse({ description: '设定报送时限规则，并重算尚未到期的截止时间' })
  deadlineRule(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Body() dto: DeadlineRuleDto,
  ): Promise<ReportingPeriod[]> {
    return this.periods.setDeadlineRule(actor, id, dto);
  }

  @AnyRole()
  @Get('plans/:id/completeness')
  @ApiOkResponse({ description: '报送情况矩阵（单位 × 月份：按时 / 迟报 / 未报）及按时率' })
  matrix(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Query() query: YearQuery,
  ): Promise<CompletenessMatrix> {
    return this.completeness.matrix(actor, id, query.year);
  }

  @AnyRole()
  @Get('plans/:id/completeness/export')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: '导出报送情况矩阵（.xlsx），范围与页面相同' })
  async exportMatrix(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Query() query: YearQuery,
  ): Promise<StreamableFile> {
    const { filename, buffer } = await this.completeness.matrixWorkbook(actor, id, query.year);
    return new StreamableFile(buffer, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      length: buffer.length,
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
    });
  }

  @AnyRole()
  @Get('plans/:id/outstanding')
  @ApiOkResponse({ description: '未报清单' })
  outstanding(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Query() query: PeriodQuery,
  ): Promise<ExpectedReport[]> {
    return this.completeness.outstanding(actor, id, query.periodId);
  }

  @Roles('admin', 'office', 'leader')
  @Get('plans/:id/lagging')
  @ApiOkResponse({ description: '滞后清单：落后于序时进度的任务、指标和重点项目（按单位、差距），及任务推进状态' })
  lagging(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Query() query: LaggingQuery,
  ): Promise<LaggingReport> {
    return this.laggingList.report(actor, id, query);
  }

  @Roles('admin', 'office', 'leader')
  @Get('plans/:id/lagging.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: '滞后清单 .xlsx（与页面筛选一致）' })
  async laggingExport(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Query() query: LaggingQuery,
    @Res() res: Response,
  ): Promise<void> {
    const { filename, buffer } = await this.laggingList.export(actor, id, query);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
    res.send(buffer);
  }

  @AnyRole()
  @Get('plans/:id/units/:unitId/history')
  @ApiOkResponse({ description: '单位逐月报送记录' })
  history(@CurrentActor() actor: Actor, @Param() params: UnitParams): Promise<ExpectedReport[]> {
    return this.completeness.history(actor, params.id, params.unitId);
  }

  @AnyRole()
  @Get('plans/:id/indicator-assignments')
  @ApiOkResponse({ description: '方案跟踪的县区指标及填报主体' })
  assigned(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<AssignedIndicator[]> {
    return this.values.assigned(actor, id);
  }

  @Roles('admin', 'office')
  @Put('plans/:id/indicator-assignments')
  @ApiOkResponse({ description: '分配县区指标（可无目标值），并指定由县区、主管部门或办公室填报' })
  async assign(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Body() dto: AssignIndicatorsDto,
  ): Promise<{ assigned: number }> {
    return { assigned: await this.values.assign(actor, id, dto.items) };
  }

  @Roles('admin', 'office', 'liaison')
  @Put('indicator-values')
  @ApiOkResponse({ description: '主管部门或办公室录入（并核定）指标数据；已用于审定考评的数据须说明修改原因' })
  enter(@CurrentActor() actor: Actor, @Body() dto: ValueEntriesDto): Promise<IndicatorValue[]> {
    return this.values.enter(actor, dto.items, dto.reason);
  }

  @AnyRole()
  @Get('calendar/:year')
  @ApiOkResponse({ description: '本市工作日历：节假日与调休上班日' })
  calendarYear(@CurrentActor() actor: Actor, @Param() params: YearParam): Promise<CalendarYear> {
    return this.calendar.year(actor, params.year);
  }

  @Roles('admin', 'office')
  @Put('calendar/:year')
  @ApiOkResponse({ description: '设定本市某年的节假日与调休上班日' })
  setCalendar(
    @CurrentActor() actor: Actor,
    @Param() params: YearParam,
    @Body() dto: CalendarDto,
  ): Promise<CalendarYear> {
    return this.calendar.replaceYear(actor, { year: params.year, ...dto });
  }
}
