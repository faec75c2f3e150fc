import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { AppEnv, Clock } from '@app/config';
import { type Actor, DomainError, ErrorCode } from '@app/common';
import { Unit } from '@app/organisation';
import { hashPassword, passwordWeakness, verifyPassword } from './password.js';
import { RefreshToken } from './refresh-token.entity.js';
import { User } from './user.entity.js';

export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: Actor;
}

interface AccessClaims {
  sub: string;
  iat: number;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

function unauthorized(message = '登录已失效，请重新登录'): DomainError {
  return new DomainError(ErrorCode.Unauthorized, message);
}

/** Login, rotating refresh tokens, logout and password changes. */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly env: AppEnv,
    private readonly clock: Clock,
  ) {}

  async login(username: string, password: string): Promise<Session> {
    const users = this.dataSource.getRepository(User);
    const user = await users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.username = :username', { username }).getOne();
    const now = this.clock.now();
    if (user?.lockedUntil && user.lockedUntil > now) {
      throw new DomainError(ErrorCode.Locked, `登录失败次数过多，账户已锁定，请在 ${this.minutesLeft(user.lockedUntil, now)} 分钟后再试`);
    }
    const ok = user ? await verifyPassword(password, user.passwordHash) : await verifyPassword(password, DUMMY_HASH);
    if (!user || !ok) {
      if (user) await this.recordFailure(user.id, now);
      throw unauthorized('用户名或密码错误');
    }
    if (!user.active) throw unauthorized('账户已停用，请联系管理员');
    if (user.failedLogins > 0 || user.lockedUntil) {
      await users.update({ id: user.id }, { failedLogins: 0, lockedUntil: null });
    }
    return this.issue(user.id, randomUUID());
  }

  /** Counts a failure atomically, so parallel guesses on several API processes all count. */
  private async recordFailure(userId: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE users SET failed_logins = failed_logins + 1,
         locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3::timestamptz ELSE locked_until END
       WHERE id = $1`,
      [userId, this.env.LOGIN_MAX_FAILURES, new Date(now.getTime() + this.env.LOGIN_LOCK_MINUTES * 60_000)],
    );
    await this.dataSource.query(
      `UPDATE users SET failed_logins = 0 WHERE id = $1 AND failed_logins >= $2`,
      [userId, this.env.LOGIN_MAX_FAILURES],
    );
  }

  private minutesLeft(until: Date, now: Date): number {
    return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  }

  /** Trades a refresh token for a new pair; a replayed token revokes its whole family. */
  async refresh(presented: string): Promise<Session> {
    const [id, secret] = presented.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) throw unauthorized();
    const now = this.clock.now();
    const outcome = await this.dataSource.transaction(async (m): Promise<Session | 'replayed'> => {
      const repo = m.getRepository(RefreshToken);
      const token = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!token || token.tokenHash !== sha256(secret)) throw unauthorized();
      if (token.revokedAt) {
        // Committed, not rolled back with the refusal: the family must stay revoked.
        await repo.update({ familyId: token.familyId, revokedAt: IsNull() }, { revokedAt: now });
        return 'replayed';
      }
      if (token.expiresAt <= now) throw unauthorized();
      const user = await m.getRepository(User).findOne({ where: { id: token.userId } });
      if (!user?.active) throw unauthorized('账户已停用，请联系管理员');
      if (user.tokensValidAfter && token.createdAt < user.tokensValidAfter) throw unauthorized();
      const session = await this.issue(user.id, token.familyId, m);
      const nextId = session.refreshToken.split('.')[0]!;
      await repo.update({ id: token.id }, { revokedAt: now, replacedById: nextId });
      return session;
    });
    if (outcome === 'replayed') throw unauthorized('登录凭证已被使用过，为安全起见已退出所有会话');
    return outcome;
  }

  async logout(presented: string | undefined, actor: Actor): Promise<void> {
    const id = presented?.split('.')[0];
    const repo = this.dataSource.getRepository(RefreshToken);
    const token = id && /^[0-9a-f-]{36}$/.test(id) ? await repo.findOne({ where: { id, userId: actor.userId } }) : null;
    if (token) await repo.update({ familyId: token.familyId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  async changePassword(actor: Actor, current: string, next: string): Promise<void> {
    const weak = passwordWeakness(next);
    if (weak) throw DomainError.validation(weak, [{ field: 'newPassword', reason: weak }]);
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: actor.userId })
      .getOneOrFail();
    if (!(await verifyPassword(current, user.passwordHash))) {
      throw DomainError.validation('当前密码不正确', [{ field: 'currentPassword', reason: '当前密码不正确' }]);
    }
    await this.setPassword(user.id, next);
  }

  /** Sets a password and voids every session issued before it. */
  async setPassword(userId: string, plain: string): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (m) => {
      const user = await m.getRepository(User).findOneOrFail({ where: { id: userId } });
      user.passwordHash = await hashPassword(plain);
      user.tokensValidAfter = now;
      user.failedLogins = 0;
      user.lockedUntil = null;
      await m.getRepository(User).save(user);
      await m.getRepository(RefreshToken).update({ userId, revokedAt: IsNull() }, { revokedAt: now });
    });
  }

  /** Verifies an access token and loads the user as they are now (disabled users are refused). */
  async authenticate(accessToken: string): Promise<Actor> {
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(accessToken, { clockTimestamp: Math.floor(this.clock.now().getTime() / 1000) });
    } catch {
      throw unauthorized();
    }
    const actor = await this.loadActor(claims.sub, claims.iat);
    if (!actor) throw unauthorized();
    return actor;
  }

  private async loadActor(userId: string, issuedAt?: number): Promise<Actor | null> {
    const user = (await this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .innerJoinAndMapOne('user.unit', Unit, 'unit', 'unit.id = user.unit_id')
      .where('user.id = :userId AND user.active = true', { userId })
      .getOne()) as (User & { unit: Unit }) | null;
    if (!user) return null;
    const row = { user, unit: user.unit };
    const validAfter = row.user.tokensValidAfter ? Math.floor(row.user.tokensValidAfter.getTime() / 1000) : 0;
    if (issuedAt !== undefined && issuedAt < validAfter) return null;
    return {
      userId: row.user.id,
      username: row.user.username,
      displayName: row.user.displayName,
      roles: row.user.roles,
      unitId: row.unit.id,
      unitPath: row.unit.path,
      cityId: row.unit.cityId,
    };
  }

  private async issue(userId: string, familyId: string, manager = this.dataSource.manager): Promise<Session> {
    const now = this.clock.now();
    const actor = await this.loadActor(userId);
    if (!actor) throw unauthorized();
    const iat = Math.floor(now.getTime() / 1000);
    const accessToken = await this.jwt.signAsync({ sub: userId, iat }, { expiresIn: this.env.JWT_ACCESS_TTL_SECONDS });
    const secret = randomBytes(32).toString('base64url');
    const token = await manager.getRepository(RefreshToken).save({
      userId,
      familyId,
      tokenHash: sha256(secret),
      expiresAt: new Date(now.getTime() + this.env.REFRESH_TTL_DAYS * 86_400_000),
      revokedAt: null,
      replacedById: null,
      createdAt: now,
    });
    return { accessToken, refreshToken: `${token.id}.${secret}`, expiresIn: this.env.JWT_ACCESS_TTL_SECONDS, user: actor };
  }
}

/** Compared against when the user does not exist, so timing does not reveal valid usernames. */
const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.f9zRGVWQZ1mN0rNvrHdPEVu5BoMa';
