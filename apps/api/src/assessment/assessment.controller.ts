import { Body, Controller, Get, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  type BulletinExplanation,
  BulletinExportService,
  type BulletinSummary,
  QuarterlyRankingService,
  type Scheme,
  SchemesService,
  type StoredBulletin,
} from '@app/assessment';
import type { Actor } from '@app/common';
import { AnyRole, CurrentActor, Roles } from '../auth/access.decorators.js';
import { IdPipe } from '../http/id.pipe.js';
import {
  CloneSchemeDto,
  CreateSchemeDto,
  ExportParams,
  PublishBulletinDto,
  SchemeQuery,
  UnitExplanationParams,
  UpdateSchemeDto,
} from './assessment.dto.js';

@ApiTags('考评')
@ApiBearerAuth()
@Controller('api')
export class AssessmentController {
  constructor(
    private readonly schemes: SchemesService,
    private readonly rankings: QuarterlyRankingService,
    private readonly exports: BulletinExportService,
  ) {}

  @AnyRole()
  @Get('schemes')
  @ApiOkResponse({ description: '本市考评方案（各版本）' })
  list(@CurrentActor() actor: Actor, @Query() query: SchemeQuery): Promise<Scheme[]> {
    return this.schemes.list(actor, query);
  }

  @AnyRole()
  @Get('schemes/:id')
  @ApiOkResponse({ description: '考评方案' })
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Scheme> {
    return this.schemes.get(actor, id);
  }

  @Roles('admin', 'office')
  @Post('schemes')
  @ApiCreatedResponse({ description: '新建方案草稿（校验分值合计、评分规则与参数）' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateSchemeDto): Promise<Scheme> {
    return this.schemes.create(actor, dto);
  }

  @Roles('admin', 'office')
  @Patch('schemes/:id')
  @ApiOkResponse({ description: '修改方案草稿' })
  update(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: UpdateSchemeDto): Promise<Scheme> {
    return this.schemes.update(actor, id, dto);
  }

  @Roles('admin', 'office')
  @Post('schemes/:id/activate')
  @ApiCreatedResponse({ description: '启用方案' })
  activate(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Scheme> {
    return this.schemes.activate(actor, id);
  }

  @Roles('admin', 'office')
  @Post('schemes/:id/clone')
  @ApiCreatedResponse({ description: '复制为新版本或新年度的草稿' })
  clone(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: CloneSchemeDto): Promise<Scheme> {
    return this.schemes.clone(actor, id, dto.year);
  }

  @AnyRole()
  @Get('plans/:id/bulletins')
  @ApiOkResponse({ description: '已发布的季度通报（含各修订版）' })
  bulletins(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<BulletinSummary[]> {
    return this.rankings.list(actor, id);
  }

  @Roles('admin', 'office')
  @Post('plans/:id/bulletins')
  @ApiCreatedResponse({ description: '计算并发布季度排名通报；已发布的季度原样返回，更正须填写原因并生成新修订版' })
  publish(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Body() dto: PublishBulletinDto,
  ): Promise<StoredBulletin> {
    return this.rankings.publishFor(actor, id, dto.quarter, dto.correctionReason);
  }

  @AnyRole()
  @Get('bulletins/:id')
  @ApiOkResponse({ description: '通报：排名、得分构成、滞后任务、迟报单位及全部输入' })
  bulletin(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<StoredBulletin> {
    return this.rankings.get(actor, id);
  }

  @AnyRole()
  @Get('bulletins/:id/units/:unitId/explanation')
  @ApiOkResponse({ description: '单位得分逐项说明：每项的计算过程、类别平均分、最高分和该项名次' })
  explanation(@CurrentActor() actor: Actor, @Param() params: UnitExplanationParams): Promise<BulletinExplanation> {
    return this.rankings.explain(actor, params.id, params.unitId);
  }

  @AnyRole()
  @Get('bulletins/:id/export/:format')
  @ApiProduces(
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  )
  @ApiOkResponse({ description: '下载通报（xlsx、PDF，或按党政机关公文格式排版、可编辑的 Word 文档）' })
  async export(@CurrentActor() actor: Actor, @Param() params: ExportParams, @Res() res: Response): Promise<void> {
    const file = await this.exports.export(actor, params.id, params.format);
    res.setHeader('Content-Type', file.mime);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
    res.send(file.buffer);
  }
}
