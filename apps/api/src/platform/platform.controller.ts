import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { type Page, PageQuery, type PlatformPrincipal } from '@app/common';
import { type CitySummary, type OnboardedCity, PlatformService } from '@app/identity';
import { CurrentPlatform, PlatformOnly } from '../auth/access.decorators.js';
import { IdPipe } from '../http/id.pipe.js';
import { CityStateChangeDto, CreateCityDto } from './platform.dto.js';

@ApiTags('平台管理')
@ApiBearerAuth()
@PlatformOnly()
@Controller('api/platform/cities')
export class PlatformController {
  constructor(private readonly platform: PlatformService) {}

  @Get()
  list(@CurrentPlatform() principal: PlatformPrincipal, @Query() query: PageQuery): Promise<Page<CitySummary>> {
    return this.platform.listCities(principal, query);
  }

  /** 开通城市：创建城市根单位及其第一个系统管理员（同一事务）。 */
  @Post()
  create(@CurrentPlatform() principal: PlatformPrincipal, @Body() dto: CreateCityDto): Promise<OnboardedCity> {
    return this.platform.createCity(principal, dto);
  }

  /** 停用城市：该市用户无法登录、现有会话立即失效、定时任务跳过该市；数据保留。 */
  @Post(':id/disable')
  @HttpCode(200)
  disable(
    @CurrentPlatform() principal: PlatformPrincipal,
    @Param('id', IdPipe) id: string,
    @Body() dto: CityStateChangeDto,
  ): Promise<CitySummary> {
    return this.platform.disableCity(principal, id, dto.reason);
  }

  @Post(':id/enable')
  @HttpCode(200)
  enable(
    @CurrentPlatform() principal: PlatformPrincipal,
    @Param('id', IdPipe) id: string,
    @Body() dto: CityStateChangeDto,
  ): Promise<CitySummary> {
    return this.platform.enableCity(principal, id, dto.reason);
  }
}
