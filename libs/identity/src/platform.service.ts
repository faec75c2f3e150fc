import { randomInt, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  DomainError,
  type Page,
  type PageQuery,
  pageOf,
  type PlatformPrincipal,
  requestContext,
  skipTake,
} from '@app/common';
import { Clock } from '@app/config';
import { UnitsService } from '@app/organisation';
import { hashPassword, passwordProblem } from './password.js';
import { User } from './user.entity.js';

export interface NewCityInput {
  code: string;
  name: string;
  shortName?: string;
  admin: {
    username: string;
    displayName: string;
    email?: string;
    /** When left out, a one-time password is generated and returned once. */
    password?: string;
  };
}

export interface CitySummary {
  id: string;
  code: string;
  name: string;
  shortName: string;
  /** When the platform disabled the city; null while it is enabled. */
  disabledAt: Date | null;
  createdAt: Date;
  units: number;
  users: number;
}

export interface OnboardedCity {
  city: CitySummary;
  admin: { id: string; username: string; displayName: string };
  /** The generated initial password, shown this once (only its hash is kept); null when one was given. */
  initialPassword: string | null;
}

/** Unambiguous characters (no 0/O, 1/l/I) for passwords read off a screen and typed in. */
const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** 4 groups of 4 (about 93 bits), e.g. `Xk7p-Q2mz-9WcR-h4Tn`. */
export function oneTimePassword(): string {
  const group = () => Array.from({ length: 4 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

/**
 * The platform's work on cities: onboarding one with its first administrator, listing them, and
 * disabling or enabling one. Every method takes the platform principal: only the guard's platform
 * branch can produce one, so a city user's request cannot reach these. Audit entries of a change
 * are filed under the city concerned, so its administrators find them in their own log.
 */
@Injectable()
export class PlatformService {
  private readonly logger = new Logger(PlatformService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly units: UnitsService,
    private readonly clock: Clock,
  ) {}

  async listCities(_platform: PlatformPrincipal, page: PageQuery): Promise<Page<CitySummary>> {
    const { skip, take } = skipTake(page);
    const rows = await this.summaries(this.dataSource.manager, null, take, skip);
    return pageOf(
      rows.map(({ total: _, ...city }) => city),
      rows[0]?.total ?? (await this.countCities()),
      page,
    );
  }

  /** The city root and its administrator in one transaction: a city nobody can manage never exists. */
  async createCity(platform: PlatformPrincipal, input: NewCityInput): Promise<OnboardedCity> {
    const given = input.admin.password;
    const password = given ?? this.generatePassword(input.admin.username);
    const problem = passwordProblem(password, { login: input.admin.username });
    if (problem) throw DomainError.validation(problem, [{ field: 'admin.password', reason: problem }]);
    const passwordHash = await hashPassword(password);
    const cityId = randomUUID();
    return requestContext.withCity(cityId, () =>
      this.dataSource.transaction(async (m) => {
        const users = m.getRepository(User);
        if (await users.exists({ where: { username: input.admin.username } })) {
          throw DomainError.conflict('用户名已存在', [
            { field: 'admin.username', reason: `用户名 ${input.admin.username} 已被使用` },
          ]);
        }
        await this.units.createCityRoot(m, {
          id: cityId,
          code: input.code,
          name: input.name,
          shortName: input.shortName,
        });
        const admin = await users.save(
          users.create({
            username: input.admin.username,
            passwordHash,
            displayName: input.admin.displayName,
            unitId: cityId,
            contactId: null,
            email: input.admin.email ?? '',
            roles: ['admin'],
            active: true,
          }),
        );
        this.logger.log(`${platform.username} onboarded city ${input.code} with administrator ${admin.username}`);
        return {
          city: await this.summary(m, cityId),
          admin: { id: admin.id, username: admin.username, displayName: admin.displayName },
          initialPassword: given === undefined ? password : null,
        };
      }),
    );
  }

  /**
   * The city's users can no longer sign in (or refresh), and what they hold is void at once:
   * tokens issued before now are refused and refresh tokens revoked. Its data stays, and the
   * worker's schedules skip the city while it is disabled.
   */
  async disableCity(platform: PlatformPrincipal, cityId: string, reason?: string): Promise<CitySummary> {
    return this.setDisabled(platform, cityId, true, reason);
  }

  /** Signs-in work again; sessions voided when the city was disabled stay void. */
  async enableCity(platform: PlatformPrincipal, cityId: string, reason?: string): Promise<CitySummary> {
    return this.setDisabled(platform, cityId, false, reason);
  }

  private async setDisabled(
    platform: PlatformPrincipal,
    cityId: string,
    disabled: boolean,
    reason: string | undefined,
  ): Promise<CitySummary> {
    const now = this.clock.now();
    return requestContext.withCity(cityId, () =>
      requestContext.withReason(reason, () =>
        this.dataSource.transaction(async (m) => {
          await this.units.setCityDisabled(m, cityId, disabled ? now : null);
          if (disabled) await this.voidSessions(m, cityId, now);
          this.logger.log(`${platform.username} ${disabled ? 'disabled' : 'enabled'} city ${cityId}`);
          return this.summary(m, cityId);
        }),
      ),
    );
  }

  /**
   * Ends the open sessions of every user of the city (in any of its units, deleted ones included),
   * as AuthService.endSessions does for one user, in three set-based statements.
   */
  private async voidSessions(m: EntityManager, cityId: string, now: Date): Promise<void> {
    const ofCity = `SELECT usr.id FROM users usr JOIN organisation.units u ON u.id = usr.unit_id WHERE u.city_id = $1`;
    await m.query(`UPDATE users SET tokens_valid_after = $2 WHERE id IN (${ofCity})`, [cityId, now]);
    await m.query(
      `UPDATE sessions SET revoked_at = $2, revoked_reason = 'disabled' WHERE revoked_at IS NULL AND user_id IN (${ofCity})`,
      [cityId, now],
    );
    await m.query(`UPDATE refresh_tokens SET revoked_at = $2 WHERE revoked_at IS NULL AND user_id IN (${ofCity})`, [
      cityId,
      now,
    ]);
  }

  private async summary(m: EntityManager, cityId: string): Promise<CitySummary> {
    const [row] = await this.summaries(m, cityId, 1, 0);
    if (!row) throw DomainError.notFound('城市');
    const { total: _, ...city } = row;
    return city;
  }

  /** City roots with their counts, in one statement. */
  private summaries(
    m: EntityManager,
    cityId: string | null,
    limit: number,
    offset: number,
  ): Promise<(CitySummary & { total: number })[]> {
    return m.query(
      `SELECT c.id, c.code, c.name, c.short_name AS "shortName", c.disabled_at AS "disabledAt", c.created_at AS "createdAt",
              (SELECT count(*) FROM organisation.units u WHERE u.city_id = c.id AND u.deleted_at IS NULL)::int AS units,
              (SELECT count(*) FROM users usr JOIN organisation.units u ON u.id = usr.unit_id WHERE u.city_id = c.id)::int AS users,
              count(*) OVER ()::int AS total
       FROM organisation.units c
       WHERE c.kind = 'city' AND c.city_id = c.id AND c.deleted_at IS NULL AND ($1::uuid IS NULL OR c.id = $1)
       ORDER BY c.created_at, c.code LIMIT $2 OFFSET $3`,
      [cityId, limit, offset],
    );
  }

  private async countCities(): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM organisation.units WHERE kind = 'city' AND city_id = id AND deleted_at IS NULL`,
    );
    return (row as { n: number }).n;
  }

  private generatePassword(login: string): string {
    for (let attempt = 0; attempt < 10; attempt++) {
      const candidate = oneTimePassword();
      if (!passwordProblem(candidate, { login })) return candidate;
    }
    throw new Error('could not generate an initial password that passes the password policy');
  }
}
