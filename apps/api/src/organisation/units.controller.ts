import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor, Page } from '@app/common';
import { type Unit, UnitsService } from '@app/organisation';
import { AnyRole, CurrentActor, Roles } from '../auth/access.decorators.js';
import { IdPipe } from '../http/id.pipe.js';
import { CreateUnitDto, UnitQuery, UpdateUnitDto } from './organisation.dto.js';

@ApiTags('组织机构')
@ApiBearerAuth()
@Controller('api/units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @AnyRole()
  @Get()
  list(@CurrentActor() actor: Actor, @Query() query: UnitQuery): Promise<Page<Unit>> {
    return this.units.list(actor, query, query);
  }

  @AnyRole()
  @Get('tree')
  @ApiOkResponse({ description: '按层级排序的全部可见单位' })
  tree(@CurrentActor() actor: Actor): Promise<Unit[]> {
    return this.units.tree(actor);
  }

  @AnyRole()
  @Get(':id')
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Unit> {
    return this.units.get(actor, id);
  }

  @Roles('admin', 'office')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUnitDto): Promise<Unit> {
    return this.units.create(actor, dto);
  }

  @Roles('admin', 'office')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string, @Body() dto: UpdateUnitDto): Promise<Unit> {
    return this.units.update(actor, id, dto);
  }

  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<void> {
    await this.units.remove(actor, id);
  }

  @Roles('admin')
  @Post(':id/restore')
  restore(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: string): Promise<Unit> {
    return this.units.restore(actor, id);
  }
}
