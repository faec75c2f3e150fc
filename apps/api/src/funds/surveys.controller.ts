import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, type Page, PageQuery } from '@app/common';
import { type IssuedToken, type SurveyResultsView, SurveysService, type SurveyView } from '@app/funds';
import { AnyRole, CurrentActor, Roles } from '../auth/access.decorators.js';
import { CreateSurveyDto, IssueTokensDto, SurveyParams, SurveyProjectParams } from './surveys.dto.js';

/** Satisfaction surveys of a budget project. The office of the city manages them; FundAccess scopes who reads. */
@ApiTags('专项资金满意度调查')
@ApiBearerAuth()
@Controller('api/fund-projects/:projectId/surveys')
export class SurveysController {
  constructor(private readonly surveys: SurveysService) {}

  @Roles('admin', 'office')
  @Post()
  @ApiCreatedResponse({ description: '创建满意度调查（问题与选项权重）' })
  create(
    @CurrentActor() actor: Actor,
    @Param() params: SurveyProjectParams,
    @Body() dto: CreateSurveyDto,
  ): Promise<SurveyView> {
    return this.surveys.create(actor, params.projectId, dto);
  }

  @AnyRole()
  @Get()
  @ApiOkResponse({ description: '项目的满意度调查，新建的在前' })
  list(
    @CurrentActor() actor: Actor,
    @Param() params: SurveyProjectParams,
    @Query() query: PageQuery,
  ): Promise<Page<SurveyView>> {
    return this.surveys.list(actor, params.projectId, query);
  }

  @AnyRole()
  @Get(':surveyId')
  get(@CurrentActor() actor: Actor, @Param() params: SurveyParams): Promise<SurveyView> {
    return this.surveys.get(actor, params.projectId, params.surveyId);
  }

  @Roles('admin', 'office')
  @Post(':surveyId/tokens')
  @ApiCreatedResponse({ description: '发放一次性问卷链接；令牌明文仅此一次返回' })
  issueTokens(
    @CurrentActor() actor: Actor,
    @Param() params: SurveyParams,
    @Body() dto: IssueTokensDto,
  ): Promise<IssuedToken[]> {
    return this.surveys.issueTokens(actor, params.projectId, params.surveyId, dto);
  }

  @Roles('admin', 'office')
  @Post(':surveyId/close')
  @HttpCode(200)
  @ApiOkResponse({ description: '结束调查：此后不再接受答卷' })
  close(@CurrentActor() actor: Actor, @Param() params: SurveyParams): Promise<SurveyView> {
    return this.surveys.close(actor, params.projectId, params.surveyId);
  }

  @AnyRole()
  @Get(':surveyId/results')
  @ApiOkResponse({ description: '各问题与总体的选项分布、样本数和满意度' })
  results(@CurrentActor() actor: Actor, @Param() params: SurveyParams): Promise<SurveyResultsView> {
    return this.surveys.results(actor, params.projectId, params.surveyId);
  }
}
