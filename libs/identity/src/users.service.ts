import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager } from 'typeorm';
import { Clock } from '@app/config';
import {
  type Actor,
  assertInScope,
  DomainError,
  inScope,
  type Page,
  type PageQuery,
  pageOf,
  type Role,
  skipTake,
} from '@app/common';
import { findContact, findUnit, publishedUnits } from '@app/organisation';
import { AuthService } from './auth.service.js';
import { hashPassword, passwordProblem } from './password.js';
import { User } from './user.entity.js';

export interface UserInput {
  username: string;
  password: string;
  displayName: string;
  unitId: string;
  contactId?: string | null;
  email?: string;
  roles: Role[];
  active?: boolean;
}

export type UserChange = Partial<Omit<UserInput, 'username' | 'password'>>;

type CityUser = User & { unitId: string };

function isCityUser(user: User): user is CityUser {
  return user.unitId !== null;
}

/** Account administration inside the administrator's own subtree. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auth: AuthService,
    private readonly clock: Clock,
  ) {}

  async list(actor: Actor, filter: { unitId?: string; role?: Role; q?: string }, page: PageQuery): Promise<Page<User>> {
    const q = this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .innerJoin(publishedUnits, 'unit', 'unit.id = u.unit_id AND unit.deleted_at IS NULL')
      .where('unit.path LIKE :scope', { scope: `${actor.unitPath}%` });
    if (filter.unitId) q.andWhere('u.unit_id = :unitId', { unitId: filter.unitId });
    if (filter.role) q.andWhere(':role = ANY(u.roles)', { role: filter.role });
    if (filter.q)
      q.andWhere(
        new Brackets((w) => w.where('u.username ILIKE :q', { q: `%${filter.q}%` }).orWhere('u.display_name ILIKE :q')),
      );
    const { skip, take } = skipTake(page);
    const [items, total] = await q
      .orderBy('unit.path')
      .addOrderBy('u.username')
      .offset(skip)
      .limit(take)
      .getManyAndCount();
    return pageOf(items, total, page);
  }

  async get(actor: Actor, id: string): Promise<CityUser> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { id } });
    // Platform accounts have no unit: no city administrator manages them.
    if (!user || !isCityUser(user)) throw DomainError.notFound('用户');
    const unit = await findUnit(this.dataSource.manager, user.unitId, { withDeleted: true });
    if (!unit || !inScope(actor, unit)) throw DomainError.notFound('用户');
    return user;
  }

  async create(actor: Actor, input: UserInput): Promise<User> {
    const problem = passwordProblem(input.password, { login: input.username });
    if (problem) throw DomainError.validation(problem, [{ field: 'password', reason: problem }]);
    const passwordHash = await hashPassword(input.password);
    return this.dataSource.transaction(async (m) => {
      await this.checkPlacement(m, actor, input.unitId, input.contactId ?? null);
      const repo = m.getRepository(User);
      if (await repo.exists({ where: { username: input.username } })) {
        throw DomainError.conflict('用户名已存在', [
          { field: 'username', reason: `用户名 ${input.username} 已被使用` },
        ]);
      }
      const saved = await repo.save(
        repo.create({
          username: input.username,
          passwordHash,
          displayName: input.displayName,
          unitId: input.unitId,
          contactId: input.contactId ?? null,
          email: input.email ?? '',
          roles: [...new Set(input.roles)],
          active: input.active ?? true,
        }),
      );
      return repo.findOneOrFail({ where: { id: saved.id } });
    });
  }

  async update(actor: Actor, id: string, change: UserChange): Promise<User> {
    const user = await this.get(actor, id);
    if (id === actor.userId && (change.active === false || (change.roles && !change.roles.includes('admin')))) {
      throw DomainError.conflict('不能停用自己或取消自己的管理员角色');
    }
    return this.dataSource.transaction(async (m) => {
      await this.checkPlacement(
        m,
        actor,
        change.unitId ?? user.unitId,
        change.contactId === undefined ? user.contactId : change.contactId,
      );
      const deactivating = change.active === false && user.active;
      m.getRepository(User).merge(user, { ...change, roles: change.roles && [...new Set(change.roles)] });
      if (deactivating) user.tokensValidAfter = this.clock.now();
      await m.getRepository(User).save(user);
      if (deactivating) await this.auth.endSessions(m, { userId: id }, 'disabled');
      return m.getRepository(User).findOneOrFail({ where: { id } });
    });
  }

  async resetPassword(actor: Actor, id: string, password: string): Promise<void> {
    const user = await this.get(actor, id);
    // Not compared with the user's current password: that would let an administrator test guesses of it.
    const problem = passwordProblem(password, { login: user.username });
    if (problem) throw DomainError.validation(problem, [{ field: 'password', reason: problem }]);
    await this.auth.setPassword(id, password);
  }

  private async checkPlacement(
    m: EntityManager,
    actor: Actor,
    unitId: string,
    contactId: string | null,
  ): Promise<void> {
    const unit = await findUnit(m, unitId);
    if (!unit) throw DomainError.validation('单位不存在', [{ field: 'unitId', reason: '单位不存在' }]);
    assertInScope(actor, unit);
    if (unit.cityId !== actor.cityId) throw DomainError.forbidden('该单位不在您的管理范围内');
    if (contactId) {
      const contact = await findContact(m, contactId);
      if (!contact || contact.unitId !== unitId) {
        throw DomainError.validation('联系人不属于该单位', [{ field: 'contactId', reason: '联系人不属于该单位' }]);
      }
    }
  }
}
