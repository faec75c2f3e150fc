import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor, DomainError, hasRole } from '@app/common';
import { leafCriteria, type Scheme as ScoringScheme, validateScheme } from '@app/domain';
import { type LeafSource, Scheme, type SchemeKind, SchemeStatus } from './entities/scheme.entity.js';

export interface SchemeInput {
  code: string;
  name: string;
  kind: SchemeKind;
  year: number;
  /** As sent: checked by the scoring library before it is stored. */
  definition: Record<string, unknown> | ScoringScheme;
  inputMap?: Record<string, LeafSource>;
}

/** Schemes as data: validated on every write, edited only as drafts, frozen once used. */
@Injectable()
export class SchemesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(actor: Actor, filter: { kind?: SchemeKind; year?: number }): Promise<Scheme[]> {
    const q = this.dataSource
      .getRepository(Scheme)
      .createQueryBuilder('s')
      .where('s.city_id = :city', { city: actor.cityId });
    if (filter.kind) q.andWhere('s.kind = :kind', { kind: filter.kind });
    if (filter.year) q.andWhere('s.year = :year', { year: filter.year });
    return q.orderBy('s.year', 'DESC').addOrderBy('s.code').addOrderBy('s.version', 'DESC').getMany();
  }

  async get(actor: Actor, id: string): Promise<Scheme> {
    const scheme = await this.dataSource.getRepository(Scheme).findOne({ where: { id } });
    if (!scheme || scheme.cityId !== actor.cityId) throw DomainError.notFound('考评方案');
    return scheme;
  }

  /** The newest active (or frozen) version of a scheme, as rankings use it. */
  async current(cityId: string, kind: SchemeKind, year: number): Promise<Scheme | null> {
    return this.dataSource
      .getRepository(Scheme)
      .createQueryBuilder('s')
      .where("s.city_id = :cityId AND s.kind = :kind AND s.year = :year AND s.status <> 'draft'", {
        cityId,
        kind,
        year,
      })
      .orderBy('s.version', 'DESC')
      .getOne();
  }

  async create(actor: Actor, input: SchemeInput): Promise<Scheme> {
    this.assertOffice(actor);
    const definition = this.check(input.definition, input.inputMap ?? {});
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(Scheme);
      const latest = await repo.findOne({
        where: { cityId: actor.cityId, code: input.code },
        order: { version: 'DESC' },
      });
      return repo.save(
        repo.create({
          ...input,
          definition,
          inputMap: input.inputMap ?? {},
          cityId: actor.cityId,
          version: (latest?.version ?? 0) + 1,
          status: SchemeStatus.Draft,
        }),
      );
    });
  }

  async update(
    actor: Actor,
    id: string,
    change: Partial<Pick<SchemeInput, 'name' | 'definition' | 'inputMap'>>,
  ): Promise<Scheme> {
    this.assertOffice(actor);
    return this.dataSource.transaction(async (m) => {
      const scheme = await this.get(actor, id);
      if (scheme.status !== SchemeStatus.Draft) throw DomainError.conflict('只有草稿可以修改；请复制为新版本后修改');
      const inputMap = change.inputMap ?? scheme.inputMap;
      const definition = this.check(change.definition ?? scheme.definition, inputMap);
      return m
        .getRepository(Scheme)
        .save(Object.assign(scheme, { name: change.name ?? scheme.name, definition, inputMap }));
    });
  }

  async activate(actor: Actor, id: string): Promise<Scheme> {
    this.assertOffice(actor);
    const scheme = await this.get(actor, id);
    if (scheme.status !== SchemeStatus.Draft) throw DomainError.conflict('该方案已启用');
    scheme.status = SchemeStatus.Active;
    return this.dataSource.getRepository(Scheme).save(scheme);
  }

  /** A new draft version (same code), or a copy for another year. */
  async clone(actor: Actor, id: string, year?: number): Promise<Scheme> {
    const scheme = await this.get(actor, id);
    return this.create(actor, {
      code: year && year !== scheme.year ? scheme.code.replace(/\d{4}/, String(year)) : scheme.code,
      name: year ? scheme.name.replace(/\d{4}/, String(year)) : scheme.name,
      kind: scheme.kind,
      year: year ?? scheme.year,
      definition: scheme.definition,
      inputMap: scheme.inputMap,
    });
  }

  /** The scoring library's validation, plus: every input source names a leaf of the scheme. */
  check(definition: unknown, inputMap: Record<string, LeafSource>): ScoringScheme {
    const checked = validateScheme(definition);
    if (!checked.ok)
      throw DomainError.validation(
        '考评方案有误',
        checked.errors.map((e) => ({ field: `definition.${e.path}`, reason: e.reason })),
      );
    const leaves = new Set(leafCriteria(checked.scheme.criteria).map((c) => c.id));
    const unknown = Object.keys(inputMap).filter((id) => !leaves.has(id));
    if (unknown.length)
      throw DomainError.validation(
        '数据来源指向了不存在的末级指标',
        unknown.map((id) => ({ field: `inputMap.${id}`, reason: '不是该方案的末级指标' })),
      );
    return checked.scheme;
  }

  private assertOffice(actor: Actor): void {
    if (!hasRole(actor, 'admin', 'office')) throw DomainError.forbidden('只有办公室可以维护考评方案');
  }
}
