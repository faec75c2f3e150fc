import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
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
import { canSeeContactDetails } from './contact-access.js';
import { Contact, type ContactRole } from './contact.entity.js';
import { Unit } from './unit.entity.js';

export interface ContactInput {
  unitId: string;
  workplaceUnitId?: string | null;
  section?: string;
  name: string;
  phone?: string;
  email?: string;
  role: ContactRole;
  active?: boolean;
}

/** People a unit is reached through. Personal data: readable only inside the reader's scope. */
@Injectable()
export class ContactsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Contacts the actor may see in full (`canSeeContactDetails`, as one prefix query). */
  async list(actor: Actor, filter: { unitId?: string; role?: ContactRole }, page: PageQuery): Promise<Page<Contact>> {
    const q = this.dataSource
      .getRepository(Contact)
      .createQueryBuilder('c')
      .innerJoin(Unit, 'u', 'u.id = c.unit_id')
      .where('u.path LIKE :scope', { scope: `${actor.unitPath}%` });
    if (filter.unitId) q.andWhere('c.unit_id = :unitId', { unitId: filter.unitId });
    if (filter.role) q.andWhere('c.role = :role', { role: filter.role });
    const { skip, take } = skipTake(page);
    const [items, total] = await q
      .orderBy('u.path')
      .addOrderBy('c.role')
      .addOrderBy('c.name')
      .offset(skip)
      .limit(take)
      .getManyAndCount();
    return pageOf(items, total, page);
  }

  async get(actor: Actor, id: string): Promise<Contact> {
    const contact = await this.dataSource.getRepository(Contact).findOne({ where: { id } });
    if (!contact) throw DomainError.notFound('联系人');
    const unit = await this.dataSource
      .getRepository(Unit)
      .findOneOrFail({ where: { id: contact.unitId }, withDeleted: true });
    if (!canSeeContactDetails(actor, unit)) throw DomainError.notFound('联系人');
    return contact;
  }

  async create(actor: Actor, input: ContactInput): Promise<Contact> {
    return this.dataSource.transaction(async (m) => {
      await this.checkUnits(m, actor, input.unitId, input.workplaceUnitId ?? null);
      const repo = m.getRepository(Contact);
      return repo.save(
        repo.create({
          unitId: input.unitId,
          workplaceUnitId: input.workplaceUnitId ?? null,
          section: input.section ?? '',
          name: input.name,
          phone: input.phone ?? '',
          email: input.email ?? '',
          role: input.role,
          active: input.active ?? true,
        }),
      );
    });
  }

  async update(actor: Actor, id: string, change: Partial<ContactInput>): Promise<Contact> {
    return this.dataSource.transaction(async (m) => {
      const repo = m.getRepository(Contact);
      const contact = await this.get(actor, id);
      await this.checkUnits(
        m,
        actor,
        change.unitId ?? contact.unitId,
        change.workplaceUnitId === undefined ? contact.workplaceUnitId : change.workplaceUnitId,
      );
      repo.merge(contact, change);
      return repo.save(contact);
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const contact = await this.get(actor, id);
    await this.dataSource.transaction((m) => m.getRepository(Contact).softRemove(contact));
  }

  /** The served unit must be the actor's to manage; the workplace only has to be in the same city. */
  private async checkUnits(
    m: EntityManager,
    actor: Actor,
    unitId: string,
    workplaceUnitId: string | null,
  ): Promise<void> {
    const units = m.getRepository(Unit);
    const unit = await units.findOne({ where: { id: unitId } });
    if (!unit) throw DomainError.validation('所服务的单位不存在', [{ field: 'unitId', reason: '单位不存在' }]);
    assertInScope(actor, unit);
    if (workplaceUnitId) {
      const workplace = await units.findOne({ where: { id: workplaceUnitId } });
      if (!workplace || !inCity(actor, workplace)) {
        throw DomainError.validation('所在单位不存在', [{ field: 'workplaceUnitId', reason: '单位不存在' }]);
      }
    }
  }
}
