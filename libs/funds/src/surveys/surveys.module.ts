import { Module } from '@nestjs/common';
import { FundAccess } from '../fund-access.js';
import { SurveysService } from './surveys.service.js';

@Module({
  providers: [SurveysService, FundAccess],
  exports: [SurveysService],
})
export class SurveysModule {}
