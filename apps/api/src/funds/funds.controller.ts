import {
  Body,
  Controller,
  Get,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, DomainError, type Page } from '@app/common';
import {
  type BudgetProjectDetail,
  BudgetProjectsService,
  type BudgetProjectSummary,
  EvaluationReportService,
  type EvaluatorInputs,
  type ExecutionRow,
  ExecutionService,
  FundEvaluationService,
  type FundEvaluationView,
  type FundTodoItem,
  type IndicatorView,
  PerformanceTargetsService,
  type ProjectExecutionSummary,
  TargetImportService,
} from '@app/funds';
import { type ImportReport, MAX_IMPORT_BYTES } from '@app/spreadsheets';
import { AnyRole, CurrentActor, Roles } from '../auth/access.decorators.js';
import {
  ActualDto,
  ActualsImportQuery,
  CreateFundProjectDto,
  EvaluatorInputsDto,
  ExecutionDto,
  ExecutionQuery,
  FileBodyDto,
  FinaliseDto,
  FundProjectIdParams,
  FundProjectQuery,
  IndicatorParams,
  MoveSchemeDto,
  PutSubItemsDto,
  ReportFormatParams,
  ReportNarrativeDto,
  TargetChangeDto,
  TargetExportQuery,
  TargetImportQuery,
  UpdateFundProjectDto,
} from './funds.dto.js';

interface UploadedFileLike {
  buffer: Buffer;
  originalname: string;
}

const upload = FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } });

function required(file: UploadedFileLike | undefined): { buffer: Buffer; filename: string } {
  if (!file) throw DomainError.validation('请上传文件', [{ field: 'file', reason: '必填' }]);
  return { buffer: file.buffer, filename: file.originalname };
}

function download(res: Response, file: { filename: string; mime: string; buffer: Buffer }): void {
  res.setHeader('Content-Type', file.mime);
  res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
  res.send(file.buffer);
}

@ApiTags('专项资金')
@ApiBearerAuth()
@Controller('api/fund-projects')
export class FundsController {
  constructor(
    private readonly projects: BudgetProjectsService,
    private readonly execution: ExecutionService,
    private readonly targets: PerformanceTargetsService,
    private readonly imports: TargetImportService,
    private readonly evaluations: FundEvaluationService,
    private readonly reports: EvaluationReportService,
  ) {}

  @AnyRole()
  @Get()
  @ApiOkResponse({ description: '本市（主管部门：本单位）的专项资金项目' })
  list(@CurrentActor() actor: Actor, @Query() query: FundProjectQuery): Promise<Page<BudgetProjectSummary>> {
    return this.projects.list(actor, { year: query.year }, query);
  }

  @Roles('admin', 'office')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateFundProjectDto): Promise<BudgetProjectDetail> {
    return this.projects.create(actor, {
      kind: 'recurring',
      level: '市级',
      personInCharge: '',
      generalBudget: '0',
      governmentFunds: '0',
      specialAccounts: '0',
      stateCapital: '0',
      socialSecurityFunds: '0',
      carriedOver: '0',
      otherFunds: '0',
      halfYearPlan: '0',
      midLongTermGoal: '',
      annualGoal: '',
      ...dto,
      startYear: dto.startYear ?? dto.year,
      endYear: dto.endYear ?? dto.year,
    });
  }

  @Roles('admin', 'office')
  @Get('imports/targets/template.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: '绩效目标表导入模板（.xlsx）：表头与指标列，数值均空' })
  async targetsTemplate(@CurrentActor() actor: Actor, @Res() res: Response): Promise<void> {
    download(res, await this.imports.targetsTemplate(actor));
  }

  @Roles('admin', 'office')
  @Post('imports/targets')
  @UseInterceptors(upload)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: FileBodyDto })
  @ApiCreatedResponse({
    description:
      '绩效目标表导入（可含多个项目）：预检返回变化与逐行问题，不写入数据；' +
      '正式导入全部成功或全部不写入：有问题时返回 400，details 列出每处问题',
  })
  importTargets(
    @CurrentActor() actor: Actor,
    @Query() query: TargetImportQuery,
    @UploadedFile() file: UploadedFileLike | undefined,
  ): Promise<ImportReport> {
    return this.imports.importTargets(actor, required(file), { dryRun: query.mode !== 'commit', year: query.year });
  }

  @AnyRole()
  @Get('todo')
  @ApiOkResponse({ description: '我的专项资金执行填报待办：本单位主管项目尚未填报的已结束月份，次月10日前填报' })
  todo(@CurrentActor() actor: Actor): Promise<FundTodoItem[]> {
    return this.execution.todo(actor);
  }

  @AnyRole()
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param() params: FundProjectIdParams): Promise<BudgetProjectDetail> {
    return this.projects.get(actor, params.id);
  }

  @Roles('admin', 'office')
  @Patch(':id')
  update(
    @CurrentActor() actor: Actor,
    @Param() params: FundProjectIdParams,
    @Body() dto: UpdateFundProjectDto,
  ): Promise<BudgetProjectDetail> {
    return this.projects.update(actor, params.id, dto);
  }

  @Roles('admin', 'office')
  @Put(':id/sub-items')
  @ApiOkResponse({ description: '按名称整体替换子项（已有执行记录的子项不能删除）' })
  putSubItems(
    @CurrentActor() actor: Actor,
    @Param() params: FundProjectIdParams,
    @Body() dto: PutSubItemsDto,
  ): Promise<BudgetProjectDetail> {
    return this.projects.putSubItems(
      actor,
      params.id,
      dto.items.map((i) => ({ name: i.name, budget: i.budget, halfYearPlan: i.halfYearPlan ?? '0' })),
    );
  }

  @AnyRole()
  @Get(':id/executions')
  executions(@CurrentActor() actor: Actor, @Param() params: FundProjectIdParams): Promise<ExecutionRow[]> {
    return this.execution.list(actor, params.id);
  }

  @Roles('admin', 'office', 'liaison')
  @Post(':id/executions')
  @ApiCreatedResponse({ description: '填报某子项某月的到位与支出（同月再次填报即覆盖）' })
  record(
    @CurrentActor() actor: Actor,
    @Param() params: FundProjectIdParams,
    @Body() dto: ExecutionDto,
  ): Promise<ExecutionRow> {
    return this.execution.record(actor, params.id, dto);
  }

  @AnyRole()
  @Get(':id/execution-summary')
  @ApiOkResponse({ description: '资金到位率、预算执行率与序时进度（按子项与合计）' })
  summary(
    @CurrentActor() actor: Actor,
    @Param() params: FundProjectIdParams,
    @Query() query: ExecutionQuery,
  ): Promise<ProjectExecutionSummary> {
    return this.execution.summary(actor, params.id, query.asOf);
  }

  @AnyRole()
  @Get(':id/indicators')
  @ApiOkResponse({ description: '绩效指标、目标值、实际完成值与是否达标' })
  indicators(@CurrentActor() actor: Actor, @Param() params: FundProjectIdParams): Promise<IndicatorView[]> {
    return this.targets.list(actor, params.id);
  }

  @Roles('admin', 'office')
  @Patch(':id/indicators/:indicatorId')
  changeTargets(
    @CurrentActor() actor: Actor,
    @Param() params: IndicatorParams,
    @Body() dto: TargetChangeDto,
  ): Promise<IndicatorView> {
    return this.targets.updateTargets(actor, params.id, params.indicatorId, dto);
  }

  @Roles('admin', 'office', 'liaison')
  @Put(':id/indicators/:indicatorId/actual')
  putActual(
    @CurrentActor() actor: Actor,
    @Param() params: IndicatorParams,
    @Body() dto: ActualDto,
  ): Promise<IndicatorView> {
    return this.targets.putActual(actor, params.id, params.indicatorId, dto);
  }

  @AnyRole()
  @Get(':id/targets.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async exportTargets(
    @CurrentActor() actor: Actor,
    @Param() params: FundProjectIdParams,
    @Query() query: TargetExportQuery,
    @Res() res: Response,
  ): Promise<void> {
    download(res, await this.imports.exportTargets(actor, params.id, query.layout ?? 'operator-columns'));
  }

  @AnyRole()
  @Get(':id/actuals-template.xlsx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async actualsTemplate(
    @CurrentActor() actor: Actor,
    @Param() params: FundProjectIdParams,
    @Res() res: Response,
  ): Promise<void> {
    download(res, await this.imports.actualsTemplate(actor, params.id));
  }

  @Roles('admin', 'office', 'liaison')
  @Post(':id/imports/actuals')
  @UseInterceptors(upload)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: FileBodyDto })
  importActuals(
    @CurrentActor() actor: Actor,
    @Param() params: FundProjectIdParams,
    @Query() query: ActualsImportQuery,
    @UploadedFile() file: UploadedFileLike | undefined,
  ): Promise<ImportReport> {
    return this.imports.importActuals(actor, params.id, query.period, required(file), {
      dryRun: query.mode !== 'commit',
    });
  }

  @AnyRole()
  @Get(':id/evaluation')
  evaluation(@CurrentActor() actor: Actor, @Param() params: FundProjectIdParams): Promise<FundEvaluationView> {
    return this.evaluations.get(actor, params.id);
  }

  @Roles('admin', 'office')
  @Put(':id/evaluation/narrative')
  @ApiOkResponse({ description: '评价报告中由评价人撰写的部分（评价目的、方法、过程、经验、问题、建议、其他）' })
  putNarrative(
    @CurrentActor() actor: Actor,
    @Param() params: FundProjectIdParams,
    @Body() dto: ReportNarrativeDto,
  ): Promise<FundEvaluationView> {
    return this.evaluations.putNarrative(actor, params.id, dto);
  }

  @Roles('admin', 'office')
  @Put(':id/evaluation/inputs')
  @ApiOkResponse({ description: '评价人填写非平台计算的指标：清单、专家评分、实际值与目标值、实际数与计划数、次数' })
  putInputs(
    @CurrentActor() actor: Actor,
    @Param() params: FundProjectIdParams,
    @Body() dto: EvaluatorInputsDto,
  ): Promise<FundEvaluationView> {
    return this.evaluations.putInputs(actor, params.id, dto.inputs as EvaluatorInputs);
  }

  @Roles('admin', 'office')
  @Post(':id/evaluation/run')
  @ApiCreatedResponse({ description: '按评价方案和平台数据计算得分' })
  evaluate(@CurrentActor() actor: Actor, @Param() params: FundProjectIdParams): Promise<FundEvaluationView> {
    return this.evaluations.evaluate(actor, params.id);
  }

  @Roles('admin', 'office')
  @Post(':id/evaluation/move-scheme')
  @ApiCreatedResponse({
    description: '未定稿的评价更换为评价方案更新的已启用版本，并按新版本重新计算得分（记入审计日志）',
  })
  moveScheme(
    @CurrentActor() actor: Actor,
    @Param() params: FundProjectIdParams,
    @Body() dto: MoveSchemeDto,
  ): Promise<FundEvaluationView> {
    return this.evaluations.moveScheme(actor, params.id, dto.schemeId);
  }

  @Roles('admin', 'office')
  @Post(':id/evaluation/finalise')
  finalise(
    @CurrentActor() actor: Actor,
    @Param() params: FundProjectIdParams,
    @Body() dto: FinaliseDto,
  ): Promise<FundEvaluationView> {
    return this.evaluations.finalise(actor, params.id, dto.final);
  }

  @AnyRole()
  @Get(':id/evaluation/report.:format')
  @ApiProduces(
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  )
  @ApiOkResponse({
    description: '绩效评价报告：Word 与 PDF 按财预〔2020〕10号参考提纲（计算部分由平台生成），xlsx 为得分表',
  })
  async report(@CurrentActor() actor: Actor, @Param() params: ReportFormatParams, @Res() res: Response): Promise<void> {
    download(res, await this.reports.export(actor, params.id, params.format));
  }
}
