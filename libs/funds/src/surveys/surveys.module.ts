import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FundAccess } from '../fund-access.js';
import { SurveysService } from './surveys.service.js';
import {
  FundSurvey,
  FundSurveyAnswer,
  FundSurveyQuestion,
  FundSurveyResponse,
  FundSurveyToken,
} from './entities/index.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([FundSurvey, FundSurveyQuestion, FundSurveyToken, FundSurveyResponse, FundSurveyAnswer]),
  ],
  providers: [SurveysService, FundAccess],
  exports: [SurveysService],
})
export class SurveysModule {}
