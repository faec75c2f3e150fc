import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PlanExportService } from './export.service.js';
import { PlanImportService } from './import/import.service.js';
import { PlanAccess } from './plan-access.js';
import { PlansService } from './plans.service.js';
import { ProjectsService } from './projects.service.js';
import { TargetsService } from './targets.service.js';
import {
  Assignment,
  AssignmentLiaison,
  Indicator,
  IndicatorValue,
  Plan,
  PlanSection,
  Project,
  Target,
  Task,
} from './entities/index.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([
      Plan,
      PlanSection,
      Task,
      Assignment,
      AssignmentLiaison,
      Indicator,
      Target,
      IndicatorValue,
      Project,
    ]),
  ],
  providers: [PlanAccess, PlansService, TargetsService, ProjectsService, PlanImportService, PlanExportService],
  exports: [PlanAccess, PlansService, TargetsService, ProjectsService, PlanImportService, PlanExportService],
})
export class PlansModule {}
