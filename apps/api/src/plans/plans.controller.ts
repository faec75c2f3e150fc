import { Body, Controller, Get, Param, Patch, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
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
  type BreakdownMatrix,
  type GoalRow,
  type Plan,
  PlanExportService,
  PlanImportService,
  PlansService,
  type PlanStructure,
  type ProjectList,
  ProjectsService,
  TargetsService,
  type TaskView,
} from '@app/plans';
import { type ImportReport, MAX_IMPORT_BYTES } from '@app/spreadsheets';
import { AnyRole, CurrentActor, Roles } from '../auth/access.decorators.js';
import { IdPipe } from '../http/id.pipe.js';
import {
  CreatePlanDto,
  ExportParams,
  ImportBodyDto,
  ImportParams,
  ImportQuery,
  PlanQuery,
  UpdatePlanDto,
} from './plans.dto.js';

interface UploadedFileLike {
  buffer: Buffer;
  originalname: string;
  size: number;
}

@ApiTags('工作方案')
@ApiBearerAuth()
@Controller('api/plans')
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly targets: TargetsService,
    private readonly projects: ProjectsService,
    private readonly imports: PlanImportService,
    private readonly exports: PlanExportService,
  ) {}

  @AnyRole()
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: PlanQuery): Promise<Page<Plan>> {
    return this.plans.list(actor, query, query);
  }

  @Roles('admin', 'office')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePlanDto): Promise<Plan> {
    return this.plans.create(actor, dto);
  }

  @AnyRole()
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Plan> {
    return this.plans.get(actor, id);
  }

  @Roles('admin', 'office')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: UpdatePlanDto): Promise<Plan> {
    return this.plans.update(actor, id, dto);
  }

  @Roles('admin', 'office')
  @Post(':id/archive')
  archive(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Plan> {
    return this.plans.archive(actor, id);
  }

  @AnyRole()
  @Get(':id/structure')
  @ApiOkResponse({ description: '分组、任务、分工与联络员' })
  structure(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<PlanStructure> {
    return this.plans.structure(actor, id);
  }

  @AnyRole()
  @Get(':id/mine')
  @ApiOkResponse({ description: '本单位（含下级单位）承担的任务' })
  mine(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<TaskView[]> {
    return this.plans.mine(actor, id);
  }

  @AnyRole()
  @Get(':id/goals')
  @ApiOkResponse({ description: '主要目标：指标、基期值与各年度目标' })
  goals(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<GoalRow[]> {
    return this.targets.goals(actor, id);
  }

  @AnyRole()
  @Get(':id/breakdown')
  @ApiOkResponse({ description: '任务分解矩阵（单位 × 指标 × 年度）及合计不符的提示' })
  breakdown(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<BreakdownMatrix> {
    return this.targets.breakdown(actor, id);
  }

  @AnyRole()
  @Get(':id/projects')
  @ApiOkResponse({ description: '项目清单与按阶段的合计' })
  projectList(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<ProjectList> {
    return this.projects.list(actor, id);
  }

  @Roles('admin', 'office')
  @Post(':id/imports/:kind')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportBodyDto })
  @ApiCreatedResponse({
    description:
      '预检（mode=dry-run）返回将发生的变化与逐行问题，不写入数据；正式导入（mode=commit）全部成功或全部不写入',
  })
  async import(
    @CurrentActor() actor: Actor,
    @Param() params: ImportParams,
    @Query() query: ImportQuery,
    @UploadedFile() file: UploadedFileLike | undefined,
    @Body() body: Omit<ImportBodyDto, 'file'>,
  ): Promise<ImportReport> {
    if (!file) throw DomainError.validation('请上传文件', [{ field: 'file', reason: '必填' }]);
    const reason = typeof body?.reason === 'string' ? body.reason.slice(0, 500) : undefined;
    return this.imports.run(
      actor,
      params.id,
      params.kind,
      { buffer: file.buffer, filename: file.originalname },
      { dryRun: query.mode !== 'commit', reason },
    );
  }

  @Roles('admin', 'office')
  @Get(':id/import-templates/:kind')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: '导入模板（.xlsx）：该类导入的表头，数值均空，填写后即可预检、导入' })
  async importTemplate(
    @CurrentActor() actor: Actor,
    @Param() params: ImportParams,
    @Res() res: Response,
  ): Promise<void> {
    const { filename, buffer } = await this.exports.template(actor, params.id, params.kind);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
    res.send(buffer);
  }

  @AnyRole()
  @Get(':id/exports/:kind')
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: '.xlsx 文件，版式与导入一致' })
  async export(@CurrentActor() actor: Actor, @Param() params: ExportParams, @Res() res: Response): Promise<void> {
    const { filename, buffer } = await this.exports.export(actor, params.id, params.kind);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
    res.send(buffer);
  }
}
