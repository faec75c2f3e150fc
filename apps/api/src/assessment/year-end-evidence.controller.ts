import { Controller, Delete, Get, Param, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  type AssessmentEventView,
  type EntryFile,
  EvidencePurpose,
  SelfEvidenceService,
  YearEndEventsService,
} from '@app/assessment';
import { type Actor, DomainError } from '@app/common';
import type { StagedUpload } from '../http/staged-upload.interceptor.js';
import { AnyRole, CurrentActor, Roles } from '../auth/access.decorators.js';
import { IdPipe } from '../http/id.pipe.js';
import { EntryEvidenceParams, SelfEvidenceFileParams, UnitExplanationParams } from './assessment.dto.js';
import {
  AppealEvidenceUploadInterceptor,
  EventEvidenceUploadInterceptor,
  ReviewEvidenceUploadInterceptor,
} from './assessment-evidence-upload.interceptor.js';

const FILE_BODY = {
  schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
};

function uploaded(file: StagedUpload | undefined): { staged: StagedUpload['staged']; filename: string } {
  if (!file) throw DomainError.validation('请上传文件', [{ field: 'file', reason: '必填' }]);
  return { staged: file.staged, filename: Buffer.from(file.originalname, 'latin1').toString('utf8') };
}

/** Year-end evidence beyond the self-assessment's upload: review, event and appeal files, removal, the event list. */
@ApiTags('年终考评')
@ApiBearerAuth()
@Controller('api/assessments')
export class YearEndEvidenceController {
  constructor(
    private readonly evidence: SelfEvidenceService,
    private readonly events: YearEndEventsService,
  ) {}

  @Roles('admin', 'office')
  @Post(':id/units/:unitId/review/:criterionId/evidence')
  @UseInterceptors(ReviewEvidenceUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @ApiCreatedResponse({
    description: '为初审项目上传佐证材料（办公室，初审阶段；pdf、图片、Office 文档，不超过 20 MB）',
  })
  addReviewEvidence(
    @CurrentActor() actor: Actor,
    @Param() params: EntryEvidenceParams,
    @UploadedFile() file: StagedUpload | undefined,
  ): Promise<EntryFile[]> {
    return this.evidence.attach(actor, { ...params, purpose: EvidencePurpose.Review }, uploaded(file));
  }

  @Roles('admin', 'office')
  @Post(':id/units/:unitId/events/evidence')
  @UseInterceptors(EventEvidenceUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @ApiCreatedResponse({ description: '上传加减分、一票否决事项的佐证材料（办公室，审定前），登记事项时引用' })
  addEventEvidence(
    @CurrentActor() actor: Actor,
    @Param() params: UnitExplanationParams,
    @UploadedFile() file: StagedUpload | undefined,
  ): Promise<EntryFile[]> {
    return this.evidence.attach(actor, { ...params, criterionId: '', purpose: EvidencePurpose.Event }, uploaded(file));
  }

  @Roles('admin', 'office', 'liaison')
  @Post(':id/units/:unitId/appeals/evidence')
  @UseInterceptors(AppealEvidenceUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody(FILE_BODY)
  @ApiCreatedResponse({ description: '上传申诉佐证材料（本单位，申诉期内），提出申诉时引用' })
  addAppealEvidence(
    @CurrentActor() actor: Actor,
    @Param() params: UnitExplanationParams,
    @UploadedFile() file: StagedUpload | undefined,
  ): Promise<EntryFile[]> {
    return this.evidence.attach(actor, { ...params, criterionId: '', purpose: EvidencePurpose.Appeal }, uploaded(file));
  }

  @Roles('liaison')
  @Delete(':id/units/:unitId/self/:criterionId/evidence/:sha256')
  @ApiOkResponse({ description: '删除自评佐证材料（本单位联络员，自评提交前；留痕）' })
  removeSelfEvidence(@CurrentActor() actor: Actor, @Param() params: SelfEvidenceFileParams): Promise<EntryFile[]> {
    return this.evidence.remove(actor, params, params.sha256);
  }

  @AnyRole()
  @Get(':id/events')
  @ApiOkResponse({ description: '加减分、一票否决事项（办公室和领导看全部，单位看本单位）' })
  list(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<AssessmentEventView[]> {
    return this.events.list(actor, id);
  }
}
