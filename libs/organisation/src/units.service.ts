import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, IsNull, Not } from 'typeorm';
import {
  type Actor,
  assertInScope,
  DomainError,
  inCity,
  type Page,
  type PageQuery,
  pageOf,
  skipTake,
} from '@app/common';
import { isCityRoot, placeUnit, Unit, UnitKind } from './unit.entity.js';

export interface UnitFilter {
  kind?: UnitKind;
  parentId?: string;
  q?: string;
  includeInactive?: boolean;
}

export interface UnitInput {
  code: string;
  name: string;
  shortName?: string;
  kind: UnitKind;
  parentId?: string | null;
  aliases?: string[];
  sortOrder?: number;
  active?: boolean;
}

export type UnitChange = Partial<UnitInput>;

export interface CityRootInput {
  id: string;
  code: string;
  name: string;
  shortName?: string;
}

const onlyPlatformMakesCities = () => DomainError.forbidden('只有平台管理员可以设立城市');
const onlyPlatformMovesCities = () => DomainError.forbidden('城市的类型和上级单位只能由平台管理员修改');

/** The organisation tree: who exists, under whom, and who may see or change them. */
@Injectable()
export class UnitsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Units the actor may read: their own subtree and every unit of their city. */
  private visible(actor: Actor, alias = 'u') {
    return new Brackets((w) => {
      w.where(`${alias}.path LIKE :scopePath`, { scopePath: `${actor.unitPath}%` });
      w.orWhere(`${alias}.city_id = :actorCity`, { actorCity: actor.cityId });
    });
  }

  async list(actor: Actor, filter: UnitFilter, page: PageQuery): Promise<Page<Unit>> {
    const q = this.dataSource.getRepository(Unit).createQueryBuilder('u').where(this.visible(actor));
    if (filter.kind) q.andWhere('u.kind = :kind', { kind: filter.kind });
    if (filter.parentId) q.andWhere('u.parent_id = :parentId', { parentId: filter.parentId });
    if (!filter.includeInactive) q.andWhere('u.active = true');
    if (filter.q) {
      q.andWhere(
        new Brackets((w) =>
          w
            .where('u.name ILIKE :q', { q: `%${filter.q}%` })
            .orWhere('u.short_name ILIKE :q')
            .orWhere('u.code ILIKE :q')
            .orWhere(':exact = ANY(u.aliases)', { exact: filter.q }),
        ),
      );
    }
    const { skip, take } = skipTake(page);
    const [items, total] = await q.orderBy('u.path').addOrderBy('u.sort_order').skip(skip).take(take).getManyAndCount();
    return pageOf(items, total, page);
  }

  /** Every visible unit, parents before children, for building the tree in one read. */
  async tree(actor: Actor): Promise<Unit[]> {
    return this.dataSource
      .getRepository(Unit)
      .createQueryBuilder('u')
      .where(this.visible(actor))
      .orderBy("length(u.path) - length(replace(u.path, '/', ''))", 'ASC')
      .addOrderBy('u.sort_order')
      .addOrderBy('u.code')
      .getMany();
  }

  async get(actor: Actor, id: string, withDeleted = false): Promise<Unit> {
    const unit = await this.dataSource.getRepository(Unit).findOne({ where: { id }, withDeleted });
    if (!unit || !inCity(actor, unit)) throw DomainError.notFound('单位');
    return unit;
  }

  /** A unit inside the actor's city, under a parent in their scope. Cities are the platform's to create. */
  async create(actor: Actor, input: UnitInput): Promise<Unit> {
    if (input.kind === UnitKind.City) throw onlyPlatformMakesCities();
    return this.dataSource.transaction(async (m) => {
      if (!input.parentId) throw DomainError.validation('必须指定上级单位', [{ field: 'parentId', reason: '必填' }]);
      const parent = await m.getRepository(Unit).findOne({ where: { id: input.parentId } });
      if (!parent) throw DomainError.validation('上级单位不存在', [{ field: 'parentId', reason: '上级单位不存在' }]);
      assertInScope(actor, parent);
      const id = randomUUID();
      const place = placeUnit(id, input.kind, parent);
      await this.assertCodeFree(m, place.cityId, input.code);
      const unit = m.getRepository(Unit).create({
        id,
        code: input.code,
        name: input.name,
        shortName: input.shortName ?? input.name,
        kind: input.kind,
        ...place,
        aliases: input.aliases ?? [],
        sortOrder: input.sortOrder ?? 0,
        active: input.active ?? true,
      });
      return m.getRepository(Unit).save(unit);
    });
  }

  async update(actor: Actor, id: string, change: UnitChange): Promise<Unit> {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(Unit);
      const unit = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!unit || !inCity(actor, unit)) throw DomainError.notFound('单位');
      assertInScope(actor, unit);
      const moving = change.parentId !== undefined && change.parentId !== unit.parentId;
      const rekinding = change.kind !== undefined && change.kind !== unit.kind;
      // A city root's kind and place decide every unit's city: changing them would move a whole
      // city's data out of its scope (or into another's).
      if (isCityRoot(unit) && (moving || rekinding)) throw onlyPlatformMovesCities();
      if (change.kind === UnitKind.City && rekinding) throw onlyPlatformMakesCities();
      if (change.code !== undefined && change.code !== unit.code)
        await this.assertCodeFree(m, unit.cityId, change.code, unit.kind);
      const oldPath = unit.path;
      if (moving) {
        if (!change.parentId) throw DomainError.validation('必须指定上级单位', [{ field: 'parentId', reason: '必填' }]);
        const parent = await repo.findOne({ where: { id: change.parentId } });
        if (!parent) throw DomainError.validation('上级单位不存在', [{ field: 'parentId', reason: '上级单位不存在' }]);
        assertInScope(actor, parent);
        if (parent.path.startsWith(oldPath)) {
          throw DomainError.validation('不能把单位移到它自己或其下级单位之下', [
            { field: 'parentId', reason: '会形成循环' },
          ]);
        }
        unit.parentId = parent.id;
        unit.path = `${parent.path}${unit.id}/`;
      }
      const { parentId: _ignored, ...rest } = change;
      repo.merge(unit, rest);
      const saved = await repo.save(unit);
      if (moving || rekinding) await this.rewriteSubtree(m, oldPath, saved.path);
      return repo.findOneOrFail({ where: { id } });
    });
  }

  /** Re-roots descendants after a move and re-derives every city in the subtree, in two statements. */
  private async rewriteSubtree(m: EntityManager, oldPath: string, newPath: string): Promise<void> {
    await m.query(`UPDATE units SET path = $2 || substring(path FROM length($1) + 1) WHERE path LIKE $1 || '%'`, [
      oldPath,
      newPath,
    ]);
    await m.query(
      `UPDATE units n SET city_id = (
         SELECT c.id FROM units c WHERE c.kind = 'city' AND n.path LIKE c.path || '%'
         ORDER BY length(c.path) DESC LIMIT 1)
       WHERE n.path LIKE $1 || '%'`,
      [newPath],
    );
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(Unit);
      const unit = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!unit || !inCity(actor, unit)) throw DomainError.notFound('单位');
      assertInScope(actor, unit);
      if (unit.path === actor.unitPath) throw DomainError.conflict('不能删除自己所在的单位');
      const children = await repo.count({ where: { parentId: id } });
      if (children > 0) throw DomainError.conflict(`该单位下还有 ${children} 个下级单位，不能删除`);
      const history = await this.referencesTo(m, id);
      if (history.length > 0) {
        throw DomainError.conflict(`该单位已有关联数据（${history.join('、')}），不能删除，可改为停用`);
      }
      await repo.softRemove(unit);
    });
  }

  async restore(actor: Actor, id: string): Promise<Unit> {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(Unit);
      const unit = await repo.findOne({ where: { id, deletedAt: Not(IsNull()) }, withDeleted: true });
      if (!unit || !inCity(actor, unit)) throw DomainError.notFound('已删除的单位');
      assertInScope(actor, unit);
      await this.assertCodeFree(m, unit.cityId, unit.code, unit.kind);
      if (unit.parentId) {
        const parent = await repo.findOne({ where: { id: unit.parentId } });
        if (!parent) throw DomainError.conflict('上级单位已删除，请先恢复上级单位');
      }
      await repo.recover(unit);
      return repo.findOneOrFail({ where: { id } });
    });
  }

  /**
   * A new city root (platform onboarding), in the caller's transaction so that the city and its
   * first administrator exist together or not at all.
   */
  async createCityRoot(m: EntityManager, input: CityRootInput): Promise<Unit> {
    const repo = m.getRepository(Unit);
    await this.assertCodeFree(m, input.id, input.code, UnitKind.City);
    return repo.save(
      repo.create({
        id: input.id,
        code: input.code,
        name: input.name,
        shortName: input.shortName ?? input.name,
        kind: UnitKind.City,
        ...placeUnit(input.id, UnitKind.City, null),
        aliases: [],
        sortOrder: 0,
        active: true,
        disabledAt: null,
      }),
    );
  }

  /** Disables (at an instant) or enables (null) a city; the change is audited like any other. */
  async setCityDisabled(m: EntityManager, cityId: string, at: Date | null): Promise<Unit> {
    const repo = m.getRepository(Unit);
    const city = await repo.findOne({ where: { id: cityId }, lock: { mode: 'pessimistic_write' } });
    if (!city || city.kind !== UnitKind.City || city.cityId !== city.id) throw DomainError.notFound('城市');
    if ((city.disabledAt === null) === (at === null)) return city;
    city.disabledAt = at;
    return repo.save(city);
  }

  /** Codes are unique within a city, and a city root's among all cities (it names the city). */
  private async assertCodeFree(m: EntityManager, cityId: string | null, code: string, kind?: UnitKind): Promise<void> {
    const repo = m.getRepository(Unit);
    const taken =
      (cityId !== null && (await repo.exists({ where: { cityId, code } }))) ||
      (kind === UnitKind.City && (await repo.exists({ where: { kind: UnitKind.City, code } })));
    if (taken) throw DomainError.conflict('单位编码已存在', [{ field: 'code', reason: `编码 ${code} 已被使用` }]);
  }

  /**
   * Tables that point at this unit through a foreign key (any feature's, found in the catalogue,
   * so new features are covered without registering here), with a row for it.
   */
  private async referencesTo(m: EntityManager, id: string): Promise<string[]> {
    const refs: { table: string; column: string }[] = await m.query(`
      SELECT c.conrelid::regclass::text AS table, a.attname AS column
      FROM pg_constraint c
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
      WHERE c.contype = 'f' AND c.confrelid = 'units'::regclass AND c.conrelid <> 'units'::regclass`);
    const found: string[] = [];
    for (const ref of refs) {
      const rows: unknown[] = await m.query(`SELECT 1 FROM ${ref.table} WHERE "${ref.column}" = $1 LIMIT 1`, [id]);
      if (rows.length > 0) found.push(tableLabels[ref.table.replace(/"/g, '')] ?? ref.table);
    }
    return [...new Set(found)];
  }
}

const tableLabels: Record<string, string> = {
  contacts: '联系人',
  users: '用户账号',
  county_tiers: '县区分类',
};
