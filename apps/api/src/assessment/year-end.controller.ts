import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Put,
  UploadedFile,
  UseInterceptors,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import {
  type Appeal,
  type AppealView,
  type Assessment,
  type AssessmentEntries,
  type AssessmentEntry,
  type AssessmentEvent,
  type AssessmentResults,
  type AssessmentSummary,
  type AssessmentUnit,
  type EntryFile,
  type Explanation,
  type ScoringRun,
  type SelfAssessmentProgress,
  SelfEvidenceService,
  type SubmissionView,
  YearEndService,
} from '@app/assessment';
import type { Request, Response } from 'express';
import { type Actor, DomainError } from '@app/common';
import { evidenceMediaTypes } from '@app/reporting';
import type { StagedUpload } from '../http/staged-upload.interceptor.js';
import { AnyRole, CurrentActor, Roles } from '../auth/access.decorators.js';
import { requestedRange, sendEvidence } from '../http/evidence-download.js';
import { IdPipe } from '../http/id.pipe.js';
import {
  AppealDecisionDto,
  AppealDto,
  CreateAssessmentDto,
  EntriesDto,
  EntryEvidenceParams,
  EventDto,
  ReopenDto,
  ReturnSelfDto,
  ReviewDto,
  UnitEvidenceParams,
  UnitExplanationParams,
} from './assessment.dto.js';
import { SelfEvidenceUploadInterceptor } from './self-evidence-upload.interceptor.js';

@ApiTags('年终考评')
@ApiBearerAuth()
@Controller('api/assessments')
export class YearEndController {
  constructor(
    private readonly yearEnd: YearEndService,
    private readonly evidence: SelfEvidenceService,
  ) {}

  @Roles('admin', 'office')
  @Post()
  @ApiCreatedResponse({ description: '创建年终考评（自评阶段）' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAssessmentDto): Promise<Assessment> {
    return this.yearEnd.create(actor, dto.planId, dto.schemeId);
  }

  @AnyRole()
  @Get('of-plan/:id')
  @ApiOkResponse({ description: '方案的年终考评' })
  list(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<AssessmentSummary[]> {
    return this.yearEnd.list(actor, id);
  }

  @AnyRole()
  @Get(':id/units')
  @ApiOkResponse({ description: '考评范围内的单位（办公室和领导看全部，单位看本单位）' })
  units(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<AssessmentUnit[]> {
    return this.yearEnd.unitsOf(actor, id);
  }

  @Roles('admin', 'office', 'liaison')
  @Put(':id/units/:unitId/self')
  @ApiOkResponse({ description: '单位自评（逐项填写数值与佐证）' })
  self(
    @CurrentActor() actor: Actor,
    @Param() params: UnitExplanationParams,
    @Body() dto: EntriesDto,
  ): Promise<AssessmentEntry[]> {
    return this.yearEnd.selfAssess(actor, params.id, params.unitId, dto.entries);
  }

  @Roles('admin', 'office', 'liaison')
  @Post(':id/units/:unitId/self/submit')
  @HttpCode(200)
  @ApiOkResponse({ description: '提交本单位自评（各填报项均须填写；提交后不能修改，除非办公室退回）' })
  submitSelf(@CurrentActor() actor: Actor, @Param() params: UnitExplanationParams): Promise<SubmissionView> {
    return this.yearEnd.submitSelf(actor, params.id, params.unitId);
  }

  @Roles('admin', 'office')
  @Post(':id/units/:unitId/self/return')
  @HttpCode(200)
  @ApiOkResponse({ description: '退回单位已提交的自评（须说明原因）' })
  returnSelf(
    @CurrentActor() actor: Actor,
    @Param() params: UnitExplanationParams,
    @Body() dto: ReturnSelfDto,
  ): Promise<SubmissionView> {
    return this.yearEnd.returnSelf(actor, params.id, params.unitId, dto.reason);
  }

  @Roles('admin', 'office', 'leader')
  @Get(':id/progress')
  @ApiOkResponse({ description: '各单位自评状态、自评得分与初审得分（办公室和领导小组）' })
  progress(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<SelfAssessmentProgress[]> {
    return this.yearEnd.progress(actor, id);
  }

  @Roles('liaison')
  @Post(':id/units/:unitId/self/:criterionId/evidence')
  @UseInterceptors(SelfEvidenceUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
  })
  @ApiCreatedResponse({
    description: '为自评项目上传佐证材料（本单位联络员，自评提交前；pdf、图片、Office 文档，不超过 20 MB）',
  })
  addEvidence(
    @CurrentActor() actor: Actor,
    @Param() params: EntryEvidenceParams,
    @UploadedFile() file: StagedUpload | undefined,
  ): Promise<EntryFile[]> {
    if (!file) throw DomainError.validation('请上传文件', [{ field: 'file', reason: '必填' }]);
    return this.evidence.attach(actor, params, {
      staged: file.staged,
      filename: Buffer.from(file.originalname, 'latin1').toString('utf8'),
    });
  }

  @AnyRole()
  @Get(':id/units/:unitId/evidence/:sha256')
  @ApiProduces(...evidenceMediaTypes)
  @ApiOkResponse({ description: '下载自评佐证材料' })
  async download(
    @CurrentActor() actor: Actor,
    @Param() params: UnitEvidenceParams,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.evidence.open(actor, params.id, params.unitId, params.sha256, requestedRange(req, res));
    await sendEvidence(res, file, 'attachment');
  }

  @AnyRole()
  @Get(':id/units/:unitId/entries')
  @ApiOkResponse({ description: '单位自评、初审意见与加减分事项' })
  entries(@CurrentActor() actor: Actor, @Param() params: UnitExplanationParams): Promise<AssessmentEntries> {
    return this.yearEnd.entries(actor, params.id, params.unitId);
  }

  @Roles('admin', 'office')
  @Post(':id/review')
  @HttpCode(200)
  @ApiOkResponse({ description: '结束自评，转入初审' })
  startReview(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Assessment> {
    return this.yearEnd.startReview(actor, id);
  }

  @Roles('admin', 'office')
  @Put(':id/units/:unitId/review')
  @ApiOkResponse({ description: '初审：认可自评或逐项调整（须说明理由）' })
  review(
    @CurrentActor() actor: Actor,
    @Param() params: UnitExplanationParams,
    @Body() dto: ReviewDto,
  ): Promise<AssessmentEntry[]> {
    return this.yearEnd.review(actor, params.id, params.unitId, dto);
  }

  @Roles('admin', 'office')
  @Post(':id/events')
  @ApiCreatedResponse({ description: '登记加分、扣分或一票否决事项（须附佐证）' })
  event(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Body() dto: EventDto,
  ): Promise<AssessmentEvent> {
    return this.yearEnd.recordEvent(actor, id, dto);
  }

  @Roles('admin', 'leader')
  @Post(':id/approve')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: '领导小组审定：结果由后台计算（审定计算中），计算完成即锁定' })
  approve(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Assessment> {
    return this.yearEnd.approve(actor, id);
  }

  @Roles('admin', 'office')
  @Post(':id/publish')
  @HttpCode(200)
  @ApiOkResponse({ description: '公布结果（排名、表扬、约谈），开放 5 个工作日申诉期' })
  publish(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Assessment> {
    return this.yearEnd.publish(actor, id);
  }

  @Roles('admin')
  @Post(':id/reopen')
  @HttpCode(200)
  @ApiOkResponse({ description: '系统管理员重新打开已审定的考评（须说明理由，生成新修订）' })
  reopen(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: ReopenDto): Promise<Assessment> {
    return this.yearEnd.reopen(actor, id, dto.reason);
  }

  @Roles('admin', 'office', 'leader')
  @Get(':id/scoring')
  @ApiOkResponse({ description: '最近一次考评计算：排队、计算中、完成或失败（及原因）' })
  scoring(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<ScoringRun | null> {
    return this.yearEnd.latestRun(actor, id);
  }

  @AnyRole()
  @Get(':id/results')
  @ApiOkResponse({ description: '考评结果：办公室和领导随时可看，公布后全市可看' })
  results(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<AssessmentResults> {
    return this.yearEnd.results(actor, id);
  }

  @AnyRole()
  @Get(':id/units/:unitId/explanation')
  @ApiOkResponse({ description: '单位得分逐项说明及与同类别比较' })
  explanation(@CurrentActor() actor: Actor, @Param() params: UnitExplanationParams): Promise<Explanation> {
    return this.yearEnd.explain(actor, params.id, params.unitId);
  }

  @Roles('admin', 'office', 'liaison')
  @Post(':id/appeals')
  @ApiCreatedResponse({ description: '申诉期内对某一项结果提出申诉' })
  appeal(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: AppealDto): Promise<Appeal> {
    return this.yearEnd.appeal(actor, id, dto);
  }

  @AnyRole()
  @Get(':id/appeals')
  @ApiOkResponse({ description: '申诉（办公室看全部，单位看本单位）' })
  appeals(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<AppealView[]> {
    return this.yearEnd.appeals(actor, id);
  }

  @Roles('admin', 'office')
  @Post('appeals/:id/decision')
  @HttpCode(200)
  @ApiOkResponse({ description: '处理申诉：支持（更正并重新排名，生成新修订）或驳回（须说明理由）' })
  decide(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Body() dto: AppealDecisionDto,
  ): Promise<Appeal> {
    return this.yearEnd.decideAppeal(actor, id, dto);
  }
}
