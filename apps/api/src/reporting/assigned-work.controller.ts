import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type Actor, DomainError, type Page } from '@app/common';
import {
  type AssignedWorkItemView,
  type AssignedWorkPart,
  AssignedWorkService,
  evidenceMediaTypes,
} from '@app/reporting';
import { AnyRole, CurrentActor, Roles } from '../auth/access.decorators.js';
import { requestedRange, sendEvidence } from '../http/evidence-download.js';
import { IdPipe } from '../http/id.pipe.js';
import type { StagedUpload } from '../http/staged-upload.interceptor.js';
import { AssignedWorkUploadInterceptor } from './assigned-work-upload.interceptor.js';
import {
  AssignedWorkEvidenceParams,
  AssignedWorkPartParams,
  AssignedWorkQuery,
  CloseAssignedWorkDto,
  CreateAssignedWorkDto,
  ReturnAssignedWorkDto,
} from './assigned-work.dto.js';

@ApiTags('交办事项')
@ApiBearerAuth()
@Controller('api/assigned-work')
export class AssignedWorkController {
  constructor(private readonly work: AssignedWorkService) {}

  @Roles('admin', 'office')
  @Post()
  @ApiCreatedResponse({ description: '交办事项（办公室；一个或多个本市单位，办理时限不早于今天）' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAssignedWorkDto): Promise<AssignedWorkItemView> {
    return this.work.create(actor, dto);
  }

  @AnyRole()
  @Get()
  @ApiOkResponse({ description: '交办事项列表（办公室和领导看本市全部，单位只看交办给本单位的）' })
  list(@CurrentActor() actor: Actor, @Query() query: AssignedWorkQuery): Promise<Page<AssignedWorkPart>> {
    return this.work.list(actor, query, query);
  }

  // Before `:id`, which would take "todo" for an id.
  @AnyRole()
  @Get('todo')
  @ApiOkResponse({ description: '我的待办交办事项：联络员看本单位办理中的，办公室看待确认的办结' })
  todo(@CurrentActor() actor: Actor): Promise<AssignedWorkPart[]> {
    return this.work.todo(actor);
  }

  @AnyRole()
  @Get(':id')
  @ApiOkResponse({ description: '交办事项详情' })
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<AssignedWorkItemView> {
    return this.work.get(actor, id);
  }

  @Roles('liaison')
  @Post(':id/units/:unitId/close')
  @HttpCode(200)
  @ApiOkResponse({ description: '办结（承办单位，填写办结情况；办结日期晚于办理时限的计为逾期）' })
  close(
    @CurrentActor() actor: Actor,
    @Param() params: AssignedWorkPartParams,
    @Body() dto: CloseAssignedWorkDto,
  ): Promise<AssignedWorkItemView> {
    return this.work.close(actor, params.id, params.unitId, dto.note);
  }

  @Roles('admin', 'office')
  @Post(':id/units/:unitId/confirm')
  @HttpCode(200)
  @ApiOkResponse({ description: '确认办结（办公室）' })
  confirm(@CurrentActor() actor: Actor, @Param() params: AssignedWorkPartParams): Promise<AssignedWorkItemView> {
    return this.work.confirm(actor, params.id, params.unitId);
  }

  @Roles('admin', 'office')
  @Post(':id/units/:unitId/return')
  @HttpCode(200)
  @ApiOkResponse({ description: '退回办结（办公室，须填写原因；退回后重新办理）' })
  returnClosure(
    @CurrentActor() actor: Actor,
    @Param() params: AssignedWorkPartParams,
    @Body() dto: ReturnAssignedWorkDto,
  ): Promise<AssignedWorkItemView> {
    return this.work.returnClosure(actor, params.id, params.unitId, dto.reason);
  }

  @Roles('liaison')
  @Post(':id/units/:unitId/evidence')
  @UseInterceptors(AssignedWorkUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
  })
  @ApiCreatedResponse({ description: '上传办结佐证材料（承办单位，办结前；pdf、图片、Office 文档，不超过 20 MB）' })
  addEvidence(
    @CurrentActor() actor: Actor,
    @Param() params: AssignedWorkPartParams,
    @UploadedFile() file: StagedUpload | undefined,
  ): Promise<AssignedWorkItemView> {
    if (!file) throw DomainError.validation('请上传文件', [{ field: 'file', reason: '必填' }]);
    return this.work.attach(
      actor,
      { id: params.id, unitId: params.unitId },
      { staged: file.staged, filename: Buffer.from(file.originalname, 'latin1').toString('utf8') },
    );
  }

  @AnyRole()
  @Get(':id/units/:unitId/evidence/:sha256')
  @ApiProduces(...evidenceMediaTypes)
  @ApiOkResponse({ description: '下载办结佐证材料' })
  async download(
    @CurrentActor() actor: Actor,
    @Param() params: AssignedWorkEvidenceParams,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.work.open(actor, params.id, params.unitId, params.sha256, requestedRange(req, res));
    await sendEvidence(res, file, 'attachment');
  }

  @Roles('liaison')
  @Delete(':id/units/:unitId/evidence/:sha256')
  @HttpCode(204)
  @ApiNoContentResponse({ description: '移除办结佐证材料（办结前）' })
  async removeEvidence(@CurrentActor() actor: Actor, @Param() params: AssignedWorkEvidenceParams): Promise<void> {
    await this.work.detach(actor, params.id, params.unitId, params.sha256);
  }
}
