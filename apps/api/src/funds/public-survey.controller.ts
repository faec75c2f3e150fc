import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiGoneResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type PublicQuestionnaire, type SubmittedResponse, SurveysService } from '@app/funds';
import { Public } from '../auth/access.decorators.js';
import { PublicSurveyParams, SubmitResponseDto } from './surveys.dto.js';

/** The questionnaire behind a one-use link: respondents have no account, the link is their only credential. */
@ApiTags('满意度调查（公开问卷）')
@Controller('api/public/surveys')
export class PublicSurveyController {
  constructor(private readonly surveys: SurveysService) {}

  @Public()
  @Get(':token')
  @ApiOkResponse({ description: '问卷（无需登录）' })
  @ApiNotFoundResponse({ description: '链接不存在' })
  @ApiGoneResponse({ description: '链接已使用、已过期或调查已结束' })
  questionnaire(@Param() params: PublicSurveyParams): Promise<PublicQuestionnaire> {
    return this.surveys.questionnaire(params.token);
  }

  @Public()
  @Post(':token/responses')
  @ApiCreatedResponse({ description: '提交答卷；每个链接只能提交一次' })
  @ApiNotFoundResponse({ description: '链接不存在' })
  @ApiGoneResponse({ description: '链接已使用、已过期或调查已结束' })
  submit(@Param() params: PublicSurveyParams, @Body() dto: SubmitResponseDto): Promise<SubmittedResponse> {
    return this.surveys.submit(params.token, dto.answers);
  }
}
