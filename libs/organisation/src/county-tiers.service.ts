import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { type Actor, DomainError, inScope } from '@app/common';
import { CountyTier } from './county-tier.entity.js';
import { Unit, UnitKind } from './unit.entity.js';

export interface TierRow {
  unitId: string;
  unitName: string;
  tier: number;
}

/** A year's county categories. Readable by the whole city; set by its office. */
@Injectable()
export class CountyTiersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor, year: number): Promise<TierRow[]> {
    const q = this.dataSource
      .getRepository(CountyTier)
      .createQueryBuilder('t')
      .innerJoin(Unit, 'u', 'u.id = t.unit_id')
      .select(['t.unit_id AS "unitId"', 'u.name AS "unitName"', 't.tier AS tier'])
      .where('t.year = :year', { year })
      .andWhere('(u.path LIKE :scope OR u.city_id = :city)', { scope: `${actor.unitPath}%`, city: actor.cityId })
      .orderBy('t.tier')
      .addOrderBy('u.sort_order')
      .addOrderBy('u.code');
    return q.getRawMany<TierRow>();
  }

  /** Replaces the year's tiers of the counties in the actor's scope with the given list. */
  async replace(actor: Actor, year: number, items: { unitId: string; tier: number }[]): Promise<TierRow[]> {
    const ids = items.map((i) => i.unitId);
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (duplicate)
      throw DomainError.validation('同一单位出现了两次', [{ field: 'items', reason: `重复单位 ${duplicate}` }]);
    await this.dataSource.transaction(async (m) => {
      const units = await m.getRepository(Unit).findBy({ id: In(ids) });
      const byId = new Map(units.map((u) => [u.id, u]));
      if (units.some((u) => !inScope(actor, u))) throw DomainError.forbidden('名单中有单位不在您的管理范围内');
      const problems = items.flatMap((item, i) => {
        const unit = byId.get(item.unitId);
        if (!unit) return [{ field: `items.${i}.unitId`, reason: '单位不存在' }];
        if (unit.kind !== UnitKind.County)
          return [{ field: `items.${i}.unitId`, reason: `${unit.name}不是县（市、区）` }];
        return [];
      });
      if (problems.length > 0) throw DomainError.validation('分类名单有误', problems);
      const repo = m.getRepository(CountyTier);
      const existing = await repo
        .createQueryBuilder('t')
        .innerJoin(Unit, 'u', 'u.id = t.unit_id')
        .where('t.year = :year AND u.path LIKE :scope', { year, scope: `${actor.unitPath}%` })
        .getMany();
      const wanted = new Map(items.map((i) => [i.unitId, i.tier]));
      const stale = existing.filter((t) => !wanted.has(t.unitId));
      if (stale.length > 0) await repo.remove(stale);
      for (const item of items) {
        const row = existing.find((t) => t.unitId === item.unitId);
        if (row && row.tier === item.tier) continue;
        await repo.save(
          row ? Object.assign(row, { tier: item.tier }) : repo.create({ unitId: item.unitId, year, tier: item.tier }),
        );
      }
    });
    return this.list(actor, year);
  }
}
