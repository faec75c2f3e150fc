import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { type AuditEntry, AuditService } from '@app/audit';
import { type Actor, type Page, PageQuery } from '@app/common';
import { CurrentActor, Roles } from '../auth/access.decorators.js';

class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'units', description: '表名，如 units / contacts / users' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entity?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  actorUserId?: string;

  @ApiPropertyOptional({ example: '2023-04-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601()
  from?: string;

  @ApiPropertyOptional({ example: '2023-05-01T00:00:00+08:00' })
  @IsOptional()
  @IsISO8601()
  to?: string;

  @ApiPropertyOptional({ example: '领导小组会议', description: '在操作人、修改原因和修改前后的内容中查找' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  text?: string;
}

@ApiTags('审计日志')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Roles('admin')
  @Get()
  search(@CurrentActor() actor: Actor, @Query() q: AuditQuery): Promise<Page<AuditEntry>> {
    return this.audit.search(
      {
        cityId: actor.cityId,
        entity: q.entity,
        entityId: q.entityId,
        actorUserId: q.actorUserId,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        text: q.text,
      },
      q,
    );
  }
}
