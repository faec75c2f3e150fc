import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  type AssessmentRevision,
  AssessmentRevisionsService,
  type RevisionDiff,
  type RevisionSummary,
} from '@app/assessment';
import type { Actor } from '@app/common';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { IdPipe } from '../http/id.pipe.js';
import { RevisionDiffQuery, RevisionParams } from './assessment.dto.js';

@ApiTags('年终考评')
@ApiBearerAuth()
@Controller('api/assessments')
export class AssessmentRevisionsController {
  constructor(private readonly revisions: AssessmentRevisionsService) {}

  @Roles('admin', 'office', 'leader')
  @Get(':id/revisions')
  @ApiOkResponse({ description: '考评结果的各个版本：审定、申诉更正，何人、何时、何故' })
  list(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<RevisionSummary[]> {
    return this.revisions.list(actor, id);
  }

  @Roles('admin', 'office', 'leader')
  @Get(':id/revisions/:revision')
  @ApiOkResponse({ description: '某一版本冻结的全部输入和结果' })
  get(@CurrentActor() actor: Actor, @Param() params: RevisionParams): Promise<AssessmentRevision> {
    return this.revisions.get(actor, params.id, params.revision);
  }

  @Roles('admin', 'office', 'leader')
  @Get(':id/revisions/:revision/diff')
  @ApiOkResponse({ description: '该版本与上一版本（或指定版本）相比的变化：逐单位、逐项，含名次和表扬约谈' })
  diff(
    @CurrentActor() actor: Actor,
    @Param() params: RevisionParams,
    @Query() query: RevisionDiffQuery,
  ): Promise<RevisionDiff> {
    return this.revisions.diff(actor, params.id, params.revision, query.against);
  }
}
