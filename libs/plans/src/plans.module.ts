import { Module } from '@nestjs/common';
import { PlanExportService } from './export.service.js';
import { PlanImportService } from './import/import.service.js';
import { PlanAccess } from './plan-access.js';
import { PlansService } from './plans.service.js';
import { ProjectsService } from './projects.service.js';
import { TargetsService } from './targets.service.js';

@Module({
  providers: [PlanAccess, PlansService, TargetsService, ProjectsService, PlanImportService, PlanExportService],
  exports: [PlanAccess, PlansService, TargetsService, ProjectsService, PlanImportService, PlanExportService],
})
export class PlansModule {}
