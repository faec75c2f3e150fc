import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppEnv, Clock } from '@app/config';
import { type Actor, isRole, platformRoleLabel, requestContext } from '@app/common';
import { Plan, PlanImportService, PlansService } from '@app/plans';
import { PeriodsService } from '@app/reporting';
import { DemoReporting } from './demo-reporting.js';
import { DemoAssessment } from './demo-assessment.js';
import { DemoFunds } from './demo-funds.js';
import { demoPlans } from './data/demo-plans.js';
import { fixturesDir } from './fixtures-dir.js';
import { defaultDemoTimeouts, DemoSteps, type DemoTimeouts } from './demo-timeouts.js';
import { hashPassword, User } from '@app/identity';
import { Contact, CountyTier, placeUnit, Unit, UnitGroup } from '@app/organisation';
import { ganzhouCity, ganzhouTaskLiaisons, ganzhouUnits, type DemoUnit } from './data/ganzhou-organisation.js';
import { nanchangCity, nanchangUnitGroups, nanchangUnits } from './data/nanchang-organisation.js';

const allUnits: DemoUnit[] = [...ganzhouUnits, ...nanchangUnits];

/** City-level demo accounts: Ganzhou's keep the short names the README lists first. */
const cityAccounts = [
  { city: ganzhouCity, prefix: '', label: '赣州市' },
  { city: nanchangCity, prefix: 'nc-', label: '南昌市' },
];

export interface DemoLogin {
  username: string;
  displayName: string;
  roles: string[];
  unit: string;
}

export interface DemoLoadOptions extends Partial<DemoTimeouts> {
  /** Empty every table first. */
  reset: boolean;
}

export interface DemoSummary {
  created: Record<string, number>;
  logins: DemoLogin[];
}

const liaisonKinds = new Set(['department', 'institution', 'enterprise', 'county', 'sub_unit']);

/**
 * Loads the demo organisation. Idempotent: whatever already exists (by natural key: unit code,
 * contact unit + role + section, username, unit + year) is left as it is. Every step runs under
 * the timeouts (`demo-timeouts.ts`): a lock another connection holds fails the load with a
 * DemoLoadError naming the step, instead of hanging it.
 */
@Injectable()
export class DemoLoader {
  private readonly logger = new Logger(DemoLoader.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly env: AppEnv,
    private readonly plans: PlansService,
    private readonly imports: PlanImportService,
    private readonly periods: PeriodsService,
    private readonly reporting: DemoReporting,
    private readonly assessment: DemoAssessment,
    private readonly funds: DemoFunds,
    private readonly clock: Clock,
  ) {}

  async load(options: DemoLoadOptions): Promise<DemoSummary> {
    const limits: DemoTimeouts = {
      timeoutMs: options.timeoutMs ?? defaultDemoTimeouts.timeoutMs,
      lockTimeoutMs: options.lockTimeoutMs ?? defaultDemoTimeouts.lockTimeoutMs,
      statementTimeoutMs: options.statementTimeoutMs ?? defaultDemoTimeouts.statementTimeoutMs,
    };
    return requestContext.run({ actorName: '演示数据加载' }, () =>
      DemoSteps.run(this.dataSource, limits, async (steps) => {
        if (options.reset) await steps.step('清空数据库 reset', () => this.reset());
        const created: Record<string, number> = { units: 0, groups: 0, contacts: 0, users: 0, tiers: 0, plans: 0 };
        const logins = await steps.step('组织机构与账号 organisation (units, tiers, groups, contacts, users)', () =>
          this.dataSource.transaction(async (m) => {
            const units = await this.loadUnits(m, created);
            await this.loadTiers(m, units, created);
            await this.loadGroups(m, units, created);
            const liaisonOf = await this.loadContacts(m, units, created);
            return this.loadUsers(m, units, liaisonOf, created);
          }),
        );
        await this.loadPlans(steps, created);
        this.logger.log(`demo loaded: ${JSON.stringify(created)}`);
        return { created, logins };
      }),
    );
  }

  /**
   * Creates each demo plan once, imports its spreadsheets through the import service (as the
   * city's office) and publishes it. A plan that exists is left alone.
   */
  private async loadPlans(steps: DemoSteps, created: Record<string, number>): Promise<void> {
    const dir = fixturesDir();
    await steps.step('报送日历 reporting calendars', () => this.reporting.calendars());
    for (const demo of demoPlans) {
      const { office, exists } = await steps.step(`方案 ${demo.docNumber}：查找 plan lookup`, async () => {
        const office = await this.officeActor(demo.city);
        return {
          office,
          exists: await this.dataSource
            .getRepository(Plan)
            .exists({ where: { cityId: office.cityId, docNumber: demo.docNumber } }),
        };
      });
      if (exists) continue;
      const plan = await steps.step(`方案 ${demo.docNumber}：创建 create plan`, () => this.plans.create(office, demo));
      for (const step of demo.imports) {
        const buffer = await readFile(path.join(dir, step.file));
        const report = await steps.step(`方案 ${demo.docNumber}：导入 import ${step.kind} (${step.file})`, () =>
          this.imports.run(office, plan.id, step.kind, { buffer, filename: step.file }, { dryRun: false }),
        );
        this.logger.log(`${demo.docNumber} ${step.kind}: ${JSON.stringify(report.summary)}`);
      }
      if (demo.city === 'GZ')
        await steps.step(`方案 ${demo.docNumber}：指标 indicator values`, () => this.reporting.indicators(plan));
      await steps.step(`方案 ${demo.docNumber}：发布 publish`, () => this.periods.publish(office, plan.id));
      if (demo.city === 'GZ') {
        created.reports = await steps.step(`方案 ${demo.docNumber}：进展报送 reports`, () =>
          this.reporting.reports(plan, this.clock.now()),
        );
        await steps.step(`方案 ${demo.docNumber}：考评方案 assessment schemes`, () =>
          this.assessment.schemes(plan.cityId),
        );
        created.bulletins = await steps.step(`方案 ${demo.docNumber}：通报 bulletins`, () =>
          this.assessment.bulletins(plan, this.clock.now()),
        );
        created.assessments = await steps.step(`方案 ${demo.docNumber}：年终考评 year-end assessment`, () =>
          this.assessment.yearEnd(plan, office, this.clock.now(), this.env.APP_TIMEZONE),
        );
      }
      created.plans!++;
    }
    created.funds = await steps.step('专项资金 funds', async () =>
      this.funds.load(
        await this.officeActor('NC'),
        await this.liaisonActor('nc-kjj'),
        this.clock.now(),
        this.env.APP_TIMEZONE,
      ),
    );
  }

  private async liaisonActor(username: string): Promise<Actor> {
    const user = await this.dataSource.getRepository(User).findOneOrFail({ where: { username } });
    if (!user.unitId) throw new Error(`demo user ${username} has no unit`);
    const unit = await this.dataSource.getRepository(Unit).findOneOrFail({ where: { id: user.unitId } });
    if (!unit.cityId) throw new Error(`demo user ${username} is in no city`);
    return {
      scope: 'city',
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles.filter(isRole),
      unitId: unit.id,
      unitPath: unit.path,
      cityId: unit.cityId,
    };
  }

  private async officeActor(cityCode: string): Promise<Actor> {
    const city = await this.dataSource.getRepository(Unit).findOneOrFail({ where: { code: cityCode, kind: 'city' } });
    const account = cityAccounts.find((a) => a.city === cityCode)!;
    const user = await this.dataSource
      .getRepository(User)
      .findOneOrFail({ where: { username: `${account.prefix}office` } });
    return {
      scope: 'city',
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles.filter(isRole),
      unitId: city.id,
      unitPath: city.path,
      cityId: city.id,
    };
  }

  /** Empties every table except the migration history. */
  private async reset(): Promise<void> {
    const tables: { name: string }[] = await this.dataSource.query(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`,
    );
    if (tables.length > 0)
      await this.dataSource.query(`TRUNCATE ${tables.map((t) => `"${t.name}"`).join(', ')} CASCADE`);
    this.logger.warn('demo data reset');
  }

  private async loadUnits(m: EntityManager, created: Record<string, number>): Promise<Map<string, Unit>> {
    const repo = m.getRepository(Unit);
    const byCode = new Map((await repo.find({ withDeleted: true })).map((u) => [u.code, u]));
    for (const [index, demo] of allUnits.entries()) {
      const existing = byCode.get(demo.code);
      if (existing) {
        // A newer demo may know more names for a unit (an import matches on them); add, never remove.
        const missing = (demo.aliases ?? []).filter((a) => !existing.aliases.includes(a));
        if (missing.length) await repo.save(Object.assign(existing, { aliases: [...existing.aliases, ...missing] }));
        continue;
      }
      const parent = demo.parent ? byCode.get(demo.parent) : undefined;
      byCode.set(demo.code, await this.createUnit(m, demo, parent, index));
      created.units!++;
    }
    return byCode;
  }

  private async createUnit(
    m: EntityManager,
    demo: DemoUnit,
    parent: Unit | undefined,
    sortOrder: number,
  ): Promise<Unit> {
    const repo = m.getRepository(Unit);
    const id = crypto.randomUUID();
    return repo.save(
      repo.create({
        id,
        code: demo.code,
        name: demo.name,
        shortName: demo.shortName,
        kind: demo.kind,
        ...placeUnit(id, demo.kind, parent),
        aliases: demo.aliases ?? [],
        sortOrder,
        active: true,
      }),
    );
  }

  /** The task list's unit groups; a group the office already keeps under that name is left as it is. */
  private async loadGroups(m: EntityManager, units: Map<string, Unit>, created: Record<string, number>): Promise<void> {
    const repo = m.getRepository(UnitGroup);
    const city = units.get(nanchangCity)!;
    for (const group of nanchangUnitGroups) {
      if (await repo.exists({ where: { cityId: city.id, name: group.name } })) continue;
      await repo.save(
        repo.create({ cityId: city.id, name: group.name, unitIds: group.members.map((code) => units.get(code)!.id) }),
      );
      created.groups!++;
    }
  }

  private async loadTiers(m: EntityManager, units: Map<string, Unit>, created: Record<string, number>): Promise<void> {
    const repo = m.getRepository(CountyTier);
    for (const demo of allUnits) {
      if (!demo.tier2023) continue;
      const unit = units.get(demo.code)!;
      if (await repo.exists({ where: { unitId: unit.id, year: 2023 } })) continue;
      await repo.save(repo.create({ unitId: unit.id, year: 2023, tier: demo.tier2023 }));
      created.tiers!++;
    }
  }

  /** Returns each unit's first liaison contact, which its demo account is linked to. */
  private async loadContacts(
    m: EntityManager,
    units: Map<string, Unit>,
    created: Record<string, number>,
  ): Promise<Map<string, Contact>> {
    const repo = m.getRepository(Contact);
    const existing = await repo.find();
    const key = (unitId: string, role: string, section: string) => `${unitId}|${role}|${section}`;
    const have = new Map(existing.map((c) => [key(c.unitId, c.role, c.section), c]));
    const wanted = [...ganzhouTaskLiaisons];
    for (const demo of allUnits) {
      if (!liaisonKinds.has(demo.kind)) continue;
      if (!wanted.some((c) => c.unit === demo.code)) wanted.push({ unit: demo.code, section: '', role: 'liaison' });
      wanted.push({ unit: demo.code, section: '', role: 'leader' });
    }
    const perUnitCount = new Map<string, number>();
    const liaisonOf = new Map<string, Contact>();
    for (const demo of wanted) {
      const unit = units.get(demo.unit)!;
      const n = (perUnitCount.get(`${demo.unit}|${demo.role}`) ?? 0) + 1;
      perUnitCount.set(`${demo.unit}|${demo.role}`, n);
      let contact = have.get(key(unit.id, demo.role, demo.section));
      if (!contact) {
        const label = demo.role === 'liaison' ? '联络员' : '分管领导';
        // No spaces in placeholder names: 附件1 separates unit, section and name with spaces.
        const where = demo.workplace ? units.get(demo.workplace)!.shortName : unit.shortName;
        const local = `${unit.code.toLowerCase()}.${demo.role}${n > 1 ? n : ''}`;
        contact = await repo.save(
          repo.create({
            unitId: unit.id,
            workplaceUnitId: demo.workplace ? units.get(demo.workplace)!.id : null,
            section: demo.section,
            name: `${label}（${where}）`,
            phone: '0797-0000000',
            email: `${local}@example.com`,
            role: demo.role,
            active: true,
          }),
        );
        created.contacts!++;
      }
      if (demo.role === 'liaison' && !liaisonOf.has(demo.unit)) liaisonOf.set(demo.unit, contact);
    }
    return liaisonOf;
  }

  private async loadUsers(
    m: EntityManager,
    units: Map<string, Unit>,
    liaisonOf: Map<string, Contact>,
    created: Record<string, number>,
  ): Promise<DemoLogin[]> {
    // The deployment's operator: no unit, onboards and disables cities.
    const logins: (DemoLogin & { unitId: string | null; contactId: string | null })[] = [
      {
        username: 'platform',
        displayName: platformRoleLabel,
        roles: ['platform'],
        unit: '—（平台，不属于任何城市）',
        unitId: null,
        contactId: null,
      },
    ];
    for (const account of cityAccounts) {
      const city = units.get(account.city)!;
      logins.push(
        {
          username: `${account.prefix}admin`,
          displayName: `系统管理员（${account.label}）`,
          roles: ['admin'],
          unit: city.name,
          unitId: city.id,
          contactId: null,
        },
        {
          username: `${account.prefix}office`,
          displayName: `领导小组办公室（${account.label}）`,
          roles: ['office'],
          unit: city.name,
          unitId: city.id,
          contactId: null,
        },
        {
          username: `${account.prefix}leader`,
          displayName: `领导小组（${account.label}）`,
          roles: ['leader'],
          unit: city.name,
          unitId: city.id,
          contactId: null,
        },
      );
    }
    for (const demo of allUnits) {
      if (!liaisonKinds.has(demo.kind)) continue;
      const unit = units.get(demo.code)!;
      logins.push({
        username: demo.code.toLowerCase(),
        displayName: `联络员（${unit.shortName}）`,
        roles: ['liaison'],
        unit: unit.shortName,
        unitId: unit.id,
        contactId: liaisonOf.get(demo.code)?.id ?? null,
      });
    }
    const repo = m.getRepository(User);
    const taken = new Set((await repo.find({ select: { username: true } })).map((u) => u.username));
    const passwordHash = await hashPassword(this.env.DEMO_PASSWORD);
    for (const login of logins) {
      if (taken.has(login.username)) continue;
      await repo.save(
        repo.create({
          username: login.username,
          passwordHash,
          displayName: login.displayName,
          unitId: login.unitId,
          contactId: login.contactId,
          email: login.contactId ? '' : `${login.username}@example.com`,
          roles: login.roles as User['roles'],
          active: true,
        }),
      );
      created.users!++;
    }
    return logins.map(({ username, displayName, roles, unit }) => ({ username, displayName, roles, unit }));
  }
}
