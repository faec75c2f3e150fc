import { Body, Controller, Param, Patch, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/common';
import {
  type Indicator,
  type PlanSection,
  PlansService,
  ProjectsService,
  type Project,
  type Target,
  TargetsService,
  type TaskView,
} from '@app/plans';
import { Get, Post } from '@nestjs/common';
import { AnyRole, CurrentActor, Roles } from '../auth/access.decorators.js';
import { IdPipe } from '../http/id.pipe.js';
import {
  CreateSectionDto,
  CreateTaskDto,
  IndicatorDto,
  SetAssignmentsDto,
  TargetDto,
  UpdateIndicatorDto,
  UpdateProjectDto,
  UpdateSectionDto,
  UpdateTaskDto,
} from './plans.dto.js';

@ApiTags('工作方案')
@ApiBearerAuth()
@Controller('api/tasks')
export class TasksController {
  constructor(private readonly plans: PlansService) {}

  @Roles('admin', 'office')
  @Patch(':id')
  @ApiOkResponse({ description: '修改后的任务' })
  update(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: UpdateTaskDto): Promise<TaskView> {
    return this.plans.updateTask(actor, id, dto);
  }

  @Roles('admin', 'office')
  @Put(':id/assignments')
  @ApiOkResponse({ description: '任务及其新的分工' })
  assignments(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Body() dto: SetAssignmentsDto,
  ): Promise<TaskView> {
    return this.plans.setAssignments(actor, id, dto.items, dto.reason);
  }
}

@ApiTags('工作方案')
@ApiBearerAuth()
@Controller('api')
export class SectionsController {
  constructor(private readonly plans: PlansService) {}

  @Roles('admin', 'office')
  @Post('plans/:id/sections')
  @ApiCreatedResponse({ description: '新增的分组' })
  createSection(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Body() dto: CreateSectionDto,
  ): Promise<PlanSection> {
    return this.plans.createSection(actor, id, dto);
  }

  @Roles('admin', 'office')
  @Patch('sections/:id')
  @ApiOkResponse({ description: '修改后的分组' })
  updateSection(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdateSectionDto,
  ): Promise<PlanSection> {
    return this.plans.updateSection(actor, id, dto);
  }

  @Roles('admin', 'office')
  @Post('plans/:id/tasks')
  @ApiCreatedResponse({ description: '新增的任务（分工另行设置）' })
  createTask(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Body() dto: CreateTaskDto,
  ): Promise<TaskView> {
    return this.plans.createTask(actor, id, dto);
  }
}

@ApiTags('指标与目标')
@ApiBearerAuth()
@Controller('api')
export class IndicatorsController {
  constructor(private readonly targets: TargetsService) {}

  @AnyRole()
  @Get('indicators')
  @ApiOkResponse({ description: '本市指标' })
  list(@CurrentActor() actor: Actor): Promise<Indicator[]> {
    return this.targets.indicators(actor);
  }

  @Roles('admin', 'office')
  @Post('indicators')
  @ApiCreatedResponse({ description: '新建的指标' })
  create(@CurrentActor() actor: Actor, @Body() dto: IndicatorDto): Promise<Indicator> {
    return this.targets.createIndicator(actor, dto);
  }

  @Roles('admin', 'office')
  @Patch('indicators/:id')
  @ApiOkResponse({ description: '修改后的指标' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdateIndicatorDto,
  ): Promise<Indicator> {
    return this.targets.updateIndicator(actor, id, dto);
  }

  @Roles('admin', 'office')
  @Put('targets')
  @ApiOkResponse({ description: '按“指标 × 单位 × 年度 × 期间”新建或替换的目标' })
  upsert(@CurrentActor() actor: Actor, @Body() dto: TargetDto): Promise<Target> {
    return this.targets.upsertTarget(actor, dto);
  }
}

@ApiTags('工作方案')
@ApiBearerAuth()
@Controller('api/projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Roles('admin', 'office')
  @Patch(':id')
  @ApiOkResponse({ description: '修改后的项目' })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdateProjectDto,
  ): Promise<Project> {
    return this.projects.update(actor, id, dto);
  }
}
