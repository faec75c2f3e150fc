import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  UploadedFile,
  UseInterceptors,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiBody,
  ApiConsumes,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type Actor, DomainError, type Page } from '@app/common';
import {
  type BatchAcceptResult,
  CompletenessService,
  type EntryException,
  evidenceMediaTypes,
  previewableEvidenceTypes,
  type ReportRow,
  ReportEvidenceService,
  type ReportForm,
  ReportFormService,
  type ReportView,
  ReportsService,
  type TodoItem,
} from '@app/reporting';
import { AnyRole, CurrentActor, Roles } from '../auth/access.decorators.js';
import { requestedRange, sendEvidence } from '../http/evidence-download.js';
import { IdPipe } from '../http/id.pipe.js';
import { EvidenceUploadInterceptor, type StagedUpload } from './evidence-upload.interceptor.js';
import {
  AcceptReportsDto,
  EvidenceParams,
  ExceptionDto,
  ReasonDto,
  ReportFormQuery,
  ReportQuery,
  SaveDraftDto,
  VersionDto,
} from './reporting.dto.js';

@ApiTags('月度报送')
@ApiBearerAuth()
@Controller('api')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly completeness: CompletenessService,
    private readonly evidence: ReportEvidenceService,
    private readonly forms: ReportFormService,
  ) {}

  @AnyRole()
  @Get('reporting/todo')
  @ApiOkResponse({ description: '我的待办：未报、被退回的报告及截止日期、剩余天数' })
  todo(@CurrentActor() actor: Actor): Promise<TodoItem[]> {
    return this.completeness.todo(actor);
  }

  @Roles('admin', 'office', 'liaison')
  @Put('reports')
  @ApiOkResponse({ description: '保存草稿（新建或按版本号修改）' })
  save(@CurrentActor() actor: Actor, @Body() dto: SaveDraftDto): Promise<ReportView> {
    return this.reports.saveDraft(actor, dto);
  }

  @AnyRole()
  @Get('reports')
  @ApiOkResponse({ description: '报告列表（审核队列：status=submitted）' })
  list(@CurrentActor() actor: Actor, @Query() query: ReportQuery): Promise<Page<ReportRow>> {
    return this.reports.list(actor, query, query);
  }

  // Before `reports/:id`, which would take "form" for an id.
  @Roles('admin', 'office', 'liaison')
  @Get('reports/form')
  @ApiOkResponse({
    description:
      '填报表单：某单位某事项某月的报告、截止时间、现在提交是否迟报，' +
      '及指标数据（目标值、上月数）或项目投资（年度计划、序时进度）',
  })
  form(@CurrentActor() actor: Actor, @Query() query: ReportFormQuery): Promise<ReportForm> {
    return this.forms.form(actor, query.periodId, query.subjectType, query.subjectId);
  }

  @AnyRole()
  @Get('reports/:id')
  @ApiOkResponse({ description: '报告详情' })
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<ReportView> {
    return this.reports.get(actor, id);
  }

  @Roles('admin', 'office', 'liaison')
  @Post('reports/:id/submit')
  @HttpCode(200)
  @ApiOkResponse({ description: '提交；首次提交时按截止时间判定是否迟报' })
  submit(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: VersionDto): Promise<ReportView> {
    return this.reports.submit(actor, id, dto.version);
  }

  @Roles('admin', 'office')
  @Post('reports/:id/return')
  @HttpCode(200)
  @ApiOkResponse({ description: '退回（须填写原因）' })
  returnReport(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Body() dto: ReasonDto,
  ): Promise<ReportView> {
    return this.reports.returnReport(actor, id, dto.reason);
  }

  @Roles('admin', 'office')
  @Post('reports/accept')
  @HttpCode(200)
  @ApiOkResponse({ description: '批量审核通过：所选报告全部通过或全部不变（任一报告状态或版本已变更则整体不通过）' })
  acceptMany(@CurrentActor() actor: Actor, @Body() dto: AcceptReportsDto): Promise<BatchAcceptResult> {
    return this.reports.acceptMany(actor, dto.items);
  }

  @Roles('admin', 'office')
  @Post('reports/:id/accept')
  @HttpCode(200)
  @ApiOkResponse({ description: '审核通过' })
  accept(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<ReportView> {
    return this.reports.accept(actor, id);
  }

  @Roles('admin', 'office')
  @Post('reports/:id/reopen')
  @HttpCode(200)
  @ApiOkResponse({ description: '重新打开已通过的报告（须填写原因）' })
  reopen(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: ReasonDto): Promise<ReportView> {
    return this.reports.reopen(actor, id, dto.reason);
  }

  @Roles('admin', 'office', 'liaison')
  @Post('reports/:id/evidence')
  @UseInterceptors(EvidenceUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
  })
  @ApiCreatedResponse({ description: '上传佐证材料（pdf、图片、Office 文档，不超过 20 MB）' })
  addEvidence(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @UploadedFile() file: StagedUpload | undefined,
  ): Promise<ReportView> {
    if (!file) throw DomainError.validation('请上传文件', [{ field: 'file', reason: '必填' }]);
    return this.evidence.attach(actor, id, {
      staged: file.staged,
      filename: Buffer.from(file.originalname, 'latin1').toString('utf8'),
    });
  }

  @AnyRole()
  @Get('reports/:id/evidence/:sha256')
  @ApiProduces(...evidenceMediaTypes)
  @ApiOkResponse({ description: '下载佐证材料' })
  async download(
    @CurrentActor() actor: Actor,
    @Param() params: EvidenceParams,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.evidence.open(actor, params.id, params.sha256, requestedRange(req, res));
    await sendEvidence(res, file, 'attachment');
  }

  @AnyRole()
  @Get('reports/:id/evidence/:sha256/preview')
  @ApiProduces(...previewableEvidenceTypes)
  @ApiOkResponse({ description: '在线预览佐证材料（仅 PDF 和图片；其他类型请下载）' })
  async preview(
    @CurrentActor() actor: Actor,
    @Param() params: EvidenceParams,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.evidence.preview(actor, params.id, params.sha256, requestedRange(req, res));
    await sendEvidence(res, file, 'inline');
  }

  @Roles('admin', 'office', 'liaison')
  @Delete('reports/:id/evidence/:sha256')
  @HttpCode(204)
  @ApiNoContentResponse({ description: '从报告中移除佐证材料（仅草稿或被退回的报告；文件在无引用后由定期清理删除）' })
  async removeEvidence(@CurrentActor() actor: Actor, @Param() params: EvidenceParams): Promise<void> {
    await this.evidence.detach(actor, params.id, params.sha256);
  }

  @Roles('admin', 'office')
  @Post('periods/:id/exceptions')
  @ApiCreatedResponse({ description: '为某单位重新开放已截止的月份（须填写原因）' })
  exception(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Body() dto: ExceptionDto,
  ): Promise<EntryException> {
    return this.reports.openException(actor, id, dto.unitId, dto.reason, new Date(dto.openUntil));
  }
}
