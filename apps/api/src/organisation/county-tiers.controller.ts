import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/common';
import { CountyTiersService, type TierRow } from '@app/organisation';
import { AnyRole, CurrentActor, Roles } from '../auth/access.decorators.js';
import { ReplaceTiersDto, YearParam } from './organisation.dto.js';

@ApiTags('县区分类')
@ApiBearerAuth()
@Controller('api/county-tiers')
export class CountyTiersController {
  constructor(private readonly tiers: CountyTiersService) {}

  @AnyRole()
  @Get(':year')
  list(@CurrentActor() actor: Actor, @Param() params: YearParam): Promise<TierRow[]> {
    return this.tiers.list(actor, params.year);
  }

  @Roles('admin', 'office')
  @Put(':year')
  replace(@CurrentActor() actor: Actor, @Param() params: YearParam, @Body() dto: ReplaceTiersDto): Promise<TierRow[]> {
    return this.tiers.replace(actor, params.year, dto.items);
  }
}
