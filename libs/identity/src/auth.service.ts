import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, LessThanOrEqual } from 'typeorm';
import { AppEnv, Clock } from '@app/config';
import { type Actor, DomainError, ErrorCode, isRole, type Principal } from '@app/common';
import { publishedUnits } from '@app/organisation';
import { ACCESS_TOKEN_ALGORITHM, ACCESS_TOKEN_AUDIENCE, type AccessClaims, readAccessClaims } from './access-token.js';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';
import { QueueBoardPass } from './queue-board-pass.entity.js';
import { RefreshToken } from './refresh-token.entity.js';
import { type SessionEndReason, UserSession } from './user-session.entity.js';
import { User } from './user.entity.js';

export interface Session {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: Principal;
}

/** Who a request is from, and the session (the token's `sid`) it runs in. */
export interface SignedIn {
  principal: Principal;
  sessionId: string;
}

/** A password check that the lockout let through: the row as it was when the attempt was counted. */
interface AdmittedAttempt {
  id: string;
  passwordHash: string;
  active: boolean;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

function unauthorized(message = '登录已失效，请重新登录'): DomainError {
  return new DomainError(ErrorCode.Unauthorized, message);
}

/** Login, sessions, rotating refresh tokens, logout and password changes. */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly env: AppEnv,
    private readonly clock: Clock,
  ) {}

  /**
   * An unknown login, a wrong password and a locked account get the same answer after the same
   * amount of work, so the answer tells nothing about which accounts exist or are locked.
   */
  async login(username: string, password: string): Promise<Session> {
    const attempt = await this.admitAttempt('username', username);
    if (!attempt) {
      await verifyPassword(password, DUMMY_HASH);
      throw this.loginRefused();
    }
    if (!(await verifyPassword(password, attempt.passwordHash))) throw this.loginRefused();
    await this.clearFailures(attempt.id);
    if (!attempt.active) throw unauthorized('账户已停用，请联系管理员');
    return this.openSession(attempt.id);
  }

  private loginRefused(): DomainError {
    const { LOGIN_MAX_FAILURES: max, LOGIN_LOCK_MINUTES: minutes } = this.env;
    return unauthorized(`用户名或密码错误；连续输错 ${max} 次将锁定 ${minutes} 分钟`);
  }

  /**
   * Counts a password attempt before the password is checked, in one statement on the user's row:
   * the row lock serialises attempts from every API process, and once LOGIN_MAX_FAILURES attempts
   * are counted the account is locked and no further password is checked until the lock ends. A
   * correct password gives its attempt back (clearFailures). Null: no such account, or locked.
   */
  private async admitAttempt(by: 'username' | 'id', value: string): Promise<AdmittedAttempt | null> {
    const now = this.clock.now();
    const lockedUntil = new Date(now.getTime() + this.env.LOGIN_LOCK_MINUTES * 60_000);
    // Only columns of the row itself in SET and WHERE: a concurrent update makes PostgreSQL
    // re-check them on the newest row version. An expired lock starts a new count.
    const rows: AdmittedAttempt[] = await this.dataSource.query(
      `WITH admitted AS (
         UPDATE users SET
           failed_logins = CASE WHEN locked_until IS NULL THEN failed_logins + 1 ELSE 1 END,
           locked_until = CASE WHEN (CASE WHEN locked_until IS NULL THEN failed_logins + 1 ELSE 1 END) >= $2
                               THEN $3::timestamptz END
         WHERE ${by === 'id' ? 'id = $1::uuid' : 'username = $1'} AND (locked_until IS NULL OR locked_until <= $4::timestamptz)
         RETURNING id, password_hash AS "passwordHash", active
       ) SELECT * FROM admitted`,
      [value, this.env.LOGIN_MAX_FAILURES, lockedUntil, now],
    );
    return rows[0] ?? null;
  }

  private async clearFailures(userId: string): Promise<void> {
    await this.dataSource.query(`UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1`, [userId]);
  }

  /** Trades a refresh token for a new pair; a replayed token ends its whole session. */
  async refresh(presented: string): Promise<Session> {
    const [id, secret] = presented.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) throw unauthorized();
    const now = this.clock.now();
    const outcome = await this.dataSource.transaction(async (m): Promise<Session | 'replayed'> => {
      const repo = m.getRepository(RefreshToken);
      const token = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!token || token.tokenHash !== sha256(secret)) throw unauthorized();
      if (token.revokedAt) {
        // Committed, not rolled back with the refusal: the session must stay ended.
        await this.endSessions(m, { sessionId: token.familyId }, 'replay');
        return 'replayed';
      }
      if (token.expiresAt <= now) throw unauthorized();
      const session = await m.getRepository(UserSession).findOne({ where: { id: token.familyId } });
      if (!session || session.revokedAt) throw unauthorized();
      const user = await m.getRepository(User).findOne({ where: { id: token.userId } });
      if (!user?.active) throw unauthorized('账户已停用，请联系管理员');
      if (user.tokensValidAfter && token.createdAt < user.tokensValidAfter) throw unauthorized();
      const issued = await this.issue(user.id, token.familyId, m);
      const nextId = issued.refreshToken.split('.')[0]!;
      await repo.update({ id: token.id }, { revokedAt: now, replacedById: nextId });
      return issued;
    });
    if (outcome === 'replayed') throw unauthorized('登录凭证已被使用过，为安全起见已退出所有会话');
    return outcome;
  }

  /** Ends the session the request runs in (and the one of a refresh token presented with it). */
  async logout(sessionId: string, presented: string | undefined, principal: Principal): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.endSessions(m, { sessionId }, 'logout');
      const id = presented?.split('.')[0];
      const token =
        id && /^[0-9a-f-]{36}$/.test(id)
          ? await m.getRepository(RefreshToken).findOne({ where: { id, userId: principal.userId } })
          : null;
      if (token && token.familyId !== sessionId) await this.endSessions(m, { sessionId: token.familyId }, 'logout');
    });
  }

  /**
   * Wrong current passwords count against the same lock as failed logins: a stolen session must not
   * become a way to guess the password without limit.
   */
  async changePassword(principal: Principal, current: string, next: string): Promise<void> {
    const problem = passwordProblem(next, { login: principal.username, current });
    if (problem) throw DomainError.validation(problem, [{ field: 'newPassword', reason: problem }]);
    const attempt = await this.admitAttempt('id', principal.userId);
    if (!attempt) {
      throw new DomainError(
        ErrorCode.Locked,
        `密码输错次数过多，账户已临时锁定（最长 ${this.env.LOGIN_LOCK_MINUTES} 分钟），请稍后再试`,
      );
    }
    if (!(await verifyPassword(current, attempt.passwordHash))) {
      throw DomainError.validation('当前密码不正确', [{ field: 'currentPassword', reason: '当前密码不正确' }]);
    }
    await this.setPassword(principal.userId, next);
  }

  /** Sets a password and ends every session of the user; the lock is lifted. */
  async setPassword(userId: string, plain: string): Promise<void> {
    const now = this.clock.now();
    const passwordHash = await hashPassword(plain);
    await this.dataSource.transaction(async (m) => {
      const user = await m.getRepository(User).findOneOrFail({ where: { id: userId } });
      user.passwordHash = passwordHash;
      user.tokensValidAfter = now;
      user.failedLogins = 0;
      user.lockedUntil = null;
      await m.getRepository(User).save(user);
      await this.endSessions(m, { userId }, 'password');
    });
  }

  /**
   * Ends one session, or every open session of a user, at once: the access tokens, refresh tokens
   * and queue-board passes issued to them stop working with the next request.
   */
  async endSessions(
    manager: EntityManager,
    which: { sessionId: string } | { userId: string },
    reason: SessionEndReason,
  ): Promise<void> {
    const now = this.clock.now();
    const sessions = manager
      .getRepository(UserSession)
      .createQueryBuilder()
      .update()
      .set({ revokedAt: now, revokedReason: reason });
    const tokens = manager.getRepository(RefreshToken).createQueryBuilder().update().set({ revokedAt: now });
    if ('sessionId' in which) {
      await sessions.where('id = :id AND revoked_at IS NULL', { id: which.sessionId }).execute();
      await tokens.where('family_id = :id AND revoked_at IS NULL', { id: which.sessionId }).execute();
    } else {
      await sessions.where('user_id = :userId AND revoked_at IS NULL', { userId: which.userId }).execute();
      await tokens.where('user_id = :userId AND revoked_at IS NULL', { userId: which.userId }).execute();
    }
  }

  /** Verifies an access token and loads the user as they are now (disabled users are refused). */
  async authenticate(accessToken: string): Promise<Principal> {
    return (await this.verifySession(accessToken)).principal;
  }

  /**
   * Verifies an access token (HS256 only; signature, `exp`, `iss` and `aud` required) and that its
   * session is still open in PostgreSQL, then loads the user as they are now.
   */
  async verifySession(accessToken: string): Promise<SignedIn> {
    const claims = await this.verifyAccessToken(accessToken);
    if (!claims) throw unauthorized();
    // The session's check rides on the user's reload: one round trip on every request, and still read from PostgreSQL.
    const principal = await this.loadActor(claims.sub, { issuedAt: claims.iat, openSession: claims.sid });
    if (!principal) throw unauthorized();
    return { principal, sessionId: claims.sid };
  }

  private async verifyAccessToken(token: string): Promise<AccessClaims | null> {
    try {
      const payload: unknown = await this.jwt.verifyAsync(token, {
        algorithms: [ACCESS_TOKEN_ALGORITHM],
        issuer: this.env.PUBLIC_URL,
        audience: ACCESS_TOKEN_AUDIENCE,
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
      return readAccessClaims(payload);
    } catch {
      return null;
    }
  }

  /**
   * A cookie value for the queue board that stands for this session for one access-token
   * lifetime; only its SHA-256 is stored, and it dies with the session.
   */
  async issueQueueBoardPass(sessionId: string): Promise<{ value: string; maxAgeMs: number }> {
    const now = this.clock.now();
    const maxAgeMs = this.env.JWT_ACCESS_TTL_SECONDS * 1000;
    const value = randomBytes(32).toString('base64url');
    const passes = this.dataSource.getRepository(QueueBoardPass);
    await passes.delete({ sessionId, expiresAt: LessThanOrEqual(now) });
    await passes.insert({
      sessionId,
      tokenHash: sha256(value),
      expiresAt: new Date(now.getTime() + maxAgeMs),
      createdAt: now,
    });
    return { value, maxAgeMs };
  }

  async verifyQueueBoardPass(value: string): Promise<SignedIn> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(value)) throw unauthorized();
    const row = await this.dataSource
      .getRepository(QueueBoardPass)
      .createQueryBuilder('pass')
      .innerJoin(UserSession, 'session', 'session.id = pass.session_id')
      .select(['pass.session_id AS "sessionId"', 'session.user_id AS "userId"'])
      .where('pass.token_hash = :hash AND pass.expires_at > :now AND session.revoked_at IS NULL', {
        hash: sha256(value),
        now: this.clock.now(),
      })
      .getRawOne<{ sessionId: string; userId: string }>();
    if (!row) throw unauthorized();
    const principal = await this.loadActor(row.userId);
    if (!principal) throw unauthorized();
    return { principal, sessionId: row.sessionId };
  }

  /**
   * The user as they are now: a platform principal (no unit), or an actor of one enabled city.
   * A user whose unit lies in no city has no scope and is refused, as is everyone of a city the
   * platform has disabled. Given `openSession`, also null unless that session of the user is still open.
   */
  private async loadActor(
    userId: string,
    { issuedAt, openSession }: { issuedAt?: number; openSession?: string } = {},
  ): Promise<Principal | null> {
    const query = this.dataSource
      .getRepository(User)
      .createQueryBuilder('user')
      .leftJoin(publishedUnits, 'unit', 'unit.id = user.unit_id AND unit.deleted_at IS NULL')
      .leftJoin(publishedUnits, 'city', 'city.id = unit.city_id AND city.deleted_at IS NULL')
      .addSelect('unit.path', 'unit_path')
      .addSelect('city.id', 'city_id')
      .addSelect('city.disabled_at', 'city_disabled_at')
      .where('user.id = :userId AND user.active = true', { userId });
    if (openSession !== undefined)
      query.andWhere(
        (q) =>
          `EXISTS ${q
            .subQuery()
            .select('1')
            .from(UserSession, 'session')
            .where('session.id = :openSession AND session.user_id = user.id AND session.revoked_at IS NULL', {
              openSession,
            })
            .getQuery()}`,
      );
    const found = await query.getRawAndEntities<{
      unit_path: string | null;
      city_id: string | null;
      city_disabled_at: Date | null;
    }>();
    const [entity] = found.entities;
    const [raw] = found.raw;
    if (!entity || !raw) return null;
    const user = {
      ...entity,
      unit: entity.unitId && raw.unit_path ? { id: entity.unitId, path: raw.unit_path } : null,
      city: raw.city_id ? { id: raw.city_id, disabledAt: raw.city_disabled_at } : null,
    };
    const validAfter = user.tokensValidAfter ? Math.floor(user.tokensValidAfter.getTime() / 1000) : 0;
    if (issuedAt !== undefined && issuedAt < validAfter) return null;
    const who = { userId: user.id, username: user.username, displayName: user.displayName };
    if (!user.unit) return user.roles.includes('platform') ? { scope: 'platform', ...who, roles: ['platform'] } : null;
    if (!user.city) return null;
    if (user.city.disabledAt) throw unauthorized('所在城市已停用，请联系平台管理员');
    const actor: Actor = {
      scope: 'city',
      ...who,
      roles: user.roles.filter(isRole),
      unitId: user.unit.id,
      unitPath: user.unit.path,
      cityId: user.city.id,
    };
    return actor;
  }

  /** A new session for a user whose password was just checked. */
  private async openSession(userId: string): Promise<Session> {
    return this.dataSource.transaction(async (m) => {
      const session = await m
        .getRepository(UserSession)
        .save({ userId, createdAt: this.clock.now(), revokedAt: null, revokedReason: null });
      return this.issue(userId, session.id, m);
    });
  }

  private async issue(userId: string, sessionId: string, manager = this.dataSource.manager): Promise<Session> {
    const now = this.clock.now();
    const principal = await this.loadActor(userId);
    if (!principal) throw unauthorized();
    const iat = Math.floor(now.getTime() / 1000);
    const accessToken = await this.jwt.signAsync(
      { sub: userId, sid: sessionId, iat },
      {
        algorithm: ACCESS_TOKEN_ALGORITHM,
        expiresIn: this.env.JWT_ACCESS_TTL_SECONDS,
        issuer: this.env.PUBLIC_URL,
        audience: ACCESS_TOKEN_AUDIENCE,
      },
    );
    const secret = randomBytes(32).toString('base64url');
    const token = await manager.getRepository(RefreshToken).save({
      userId,
      familyId: sessionId,
      tokenHash: sha256(secret),
      expiresAt: new Date(now.getTime() + this.env.REFRESH_TTL_DAYS * 86_400_000),
      revokedAt: null,
      replacedById: null,
      createdAt: now,
    });
    return {
      accessToken,
      refreshToken: `${token.id}.${secret}`,
      expiresIn: this.env.JWT_ACCESS_TTL_SECONDS,
      user: principal,
    };
  }
}

/** Compared against when no password is checked (unknown or locked account), so timing reveals neither. */
const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.f9zRGVWQZ1mN0rNvrHdPEVu5BoMa';
