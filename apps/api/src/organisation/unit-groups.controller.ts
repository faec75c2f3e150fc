import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/common';
import { UnitGroupsService, type UnitGroupView } from '@app/organisation';
import { CurrentActor, Roles } from '../auth/access.decorators.js';
import { IdPipe } from '../http/id.pipe.js';
import { CreateUnitGroupDto, UpdateUnitGroupDto } from './organisation.dto.js';

@ApiTags('单位分组')
@ApiBearerAuth()
@Controller('api/unit-groups')
export class UnitGroupsController {
  constructor(private readonly groups: UnitGroupsService) {}

  @Roles('admin', 'office')
  @Get()
  list(@CurrentActor() actor: Actor): Promise<UnitGroupView[]> {
    return this.groups.list(actor);
  }

  @Roles('admin', 'office')
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<UnitGroupView> {
    return this.groups.get(actor, id);
  }

  @Roles('admin', 'office')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUnitGroupDto): Promise<UnitGroupView> {
    return this.groups.create(actor, dto);
  }

  @Roles('admin', 'office')
  @Patch(':id')
  update(
    @CurrentActor() actor: Actor,
    @Param('id', IdPipe) id: string,
    @Body() dto: UpdateUnitGroupDto,
  ): Promise<UnitGroupView> {
    return this.groups.update(actor, id, dto);
  }

  @Roles('admin', 'office')
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<void> {
    await this.groups.remove(actor, id);
  }
}
