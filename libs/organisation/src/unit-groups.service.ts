import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { type Actor, DomainError } from '@app/common';
import { UnitGroup } from './unit-group.entity.js';
import { Unit } from './unit.entity.js';

export interface UnitGroupInput {
  name: string;
  unitIds: string[];
}

export interface UnitGroupView {
  id: string;
  name: string;
  members: { id: string; name: string; shortName: string }[];
}

/**
 * A city's unit groups. Each city keeps its own: an actor reads and changes only its city's, and
 * another city's group answers as missing rather than forbidden, so ids do not leak across cities.
 */
@Injectable()
export class UnitGroupsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor): Promise<UnitGroupView[]> {
    const groups = await this.dataSource
      .getRepository(UnitGroup)
      .find({ where: { cityId: actor.cityId }, order: { name: 'ASC' } });
    return this.views(this.dataSource.manager, groups);
  }

  async get(actor: Actor, id: string): Promise<UnitGroupView> {
    const [view] = await this.views(this.dataSource.manager, [await this.find(this.dataSource.manager, actor, id)]);
    return view!;
  }

  async create(actor: Actor, input: UnitGroupInput): Promise<UnitGroupView> {
    return this.dataSource.transaction(async (m) => {
      await this.checkName(m, actor.cityId, input.name, null);
      const unitIds = await this.checkMembers(m, actor, input.unitIds);
      const repo = m.getRepository(UnitGroup);
      const saved = await repo.save(repo.create({ cityId: actor.cityId, name: input.name.trim(), unitIds }));
      return (await this.views(m, [saved]))[0]!;
    });
  }

  async update(actor: Actor, id: string, change: Partial<UnitGroupInput>): Promise<UnitGroupView> {
    return this.dataSource.transaction(async (m) => {
      const group = await this.find(m, actor, id);
      if (change.name !== undefined) {
        await this.checkName(m, actor.cityId, change.name, group.id);
        group.name = change.name.trim();
      }
      if (change.unitIds !== undefined) group.unitIds = await this.checkMembers(m, actor, change.unitIds);
      const saved = await m.getRepository(UnitGroup).save(group);
      return (await this.views(m, [saved]))[0]!;
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.getRepository(UnitGroup).remove(await this.find(m, actor, id));
    });
  }

  private async find(m: EntityManager, actor: Actor, id: string): Promise<UnitGroup> {
    const group = await m.getRepository(UnitGroup).findOne({ where: { id, cityId: actor.cityId } });
    if (!group) throw DomainError.notFound('单位分组');
    return group;
  }

  private async checkName(m: EntityManager, cityId: string, raw: string, self: string | null): Promise<void> {
    const name = raw.trim();
    if (!name) throw DomainError.validation('分组名称不能为空', [{ field: 'name', reason: '不能为空' }]);
    const clash = await m.getRepository(UnitGroup).findOne({ where: { cityId, name } });
    if (clash && clash.id !== self)
      throw DomainError.conflict(`已有名为“${name}”的分组`, [{ field: 'name', reason: '名称已被使用' }]);
  }

  /** Members are units of the actor's city below its root, each once. */
  private async checkMembers(m: EntityManager, actor: Actor, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    const units = unique.length ? await m.getRepository(Unit).findBy({ id: In(unique) }) : [];
    const byId = new Map(units.map((u) => [u.id, u]));
    const problems = unique.flatMap((id) => {
      const unit = byId.get(id);
      if (!unit || unit.cityId !== actor.cityId) return [{ field: 'unitIds', reason: `单位 ${id} 不存在` }];
      if (unit.id === actor.cityId) return [{ field: 'unitIds', reason: `${unit.name}是城市本身，不能作为成员` }];
      return [];
    });
    if (problems.length > 0) throw DomainError.validation('分组成员有误', problems);
    return unique;
  }

  private async views(m: EntityManager, groups: UnitGroup[]): Promise<UnitGroupView[]> {
    const ids = [...new Set(groups.flatMap((g) => g.unitIds))];
    const units = ids.length ? await m.getRepository(Unit).findBy({ id: In(ids) }) : [];
    const byId = new Map(units.map((u) => [u.id, u]));
    return groups.map((g) => ({
      id: g.id,
      name: g.name,
      members: g.unitIds.flatMap((id) => {
        const u = byId.get(id);
        return u ? [{ id: u.id, name: u.name, shortName: u.shortName }] : [];
      }),
    }));
  }
}
