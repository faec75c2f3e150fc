import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { type Page, type PageQuery, pageOf, skipTake } from '@app/common';
import { AuditEntry } from './audit-entry.entity.js';

export interface AuditFilter {
  /** Always one city: no filter value reads the whole deployment. */
  cityId: string;
  entity?: string;
  entityId?: string;
  actorUserId?: string;
  from?: Date;
  to?: Date;
  /** Found in the actor's name, the reason, or the values before or after. */
  text?: string;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  /** The city's entries, newest first. */
  async search(filter: AuditFilter, page: PageQuery): Promise<Page<AuditEntry>> {
    const q = this.entries.createQueryBuilder('a').orderBy('a.at', 'DESC').addOrderBy('a.id', 'DESC');
    q.where('a.city_id = :cityId', { cityId: filter.cityId });
    if (filter.entity) q.andWhere('a.entity = :entity', { entity: filter.entity });
    if (filter.entityId) q.andWhere('a.entity_id = :entityId', { entityId: filter.entityId });
    if (filter.actorUserId) q.andWhere('a.actor_user_id = :actor', { actor: filter.actorUserId });
    if (filter.from) q.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) q.andWhere('a.at < :to', { to: filter.to });
    if (filter.text?.trim()) {
      // Words a user remembers: who did it, why, or a value before or after the change.
      const like = `%${filter.text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q.andWhere(
        '(a.actor_name ILIKE :like OR a.reason ILIKE :like OR a.before::text ILIKE :like OR a.after::text ILIKE :like)',
        { like },
      );
    }
    const { skip, take } = skipTake(page);
    const [items, total] = await q.skip(skip).take(take).getManyAndCount();
    return pageOf(items, total, page);
  }
}
