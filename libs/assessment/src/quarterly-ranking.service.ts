import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, DomainError, requestContext } from '@app/common';
import { AppEnv, Clock } from '@app/config';
import {
  evaluateScheme,
  fullMarksForUnmeasuredTiers,
  localDateOf,
  parseQuarterKey,
  previousQuarter,
  quarterEnd,
  quarterKey,
  quarterMonths,
  type Scheme as ScoringScheme,
  type UnitInput,
  type UnitResult,
} from '@app/domain';
import { ChannelPlanner } from '@app/notifications';
import { getUnit } from '@app/organisation';
import { getPlan, type Plan, PlanAccess } from '@app/plans';
import { Bulletin } from './entities/bulletin.entity.js';
import { Scheme, SchemeStatus } from './entities/scheme.entity.js';
import {
  furthestBehindFirst,
  quarterInputs,
  quarterLeafInput,
  type CountyQuarterFigures,
  type CountyQuarterInputs,
} from './quarterly-inputs.js';
import { type Explanation, explain } from './explanation.js';
import { BULLETIN_SNAPSHOT_FORMAT, type BulletinSnapshot, type TrafficLight } from './render/bulletin.types.js';
import { packBulletinSnapshot, type PackedSnapshot, readBulletinSnapshot } from './bulletin-snapshot-store.js';
import { SchemesService } from './schemes.service.js';
import { bulletinAnnouncement } from './bulletin-announcement.js';

const tierLabels: Record<number, string> = { 1: '一类县（市、区）', 2: '二类县（市、区）', 3: '三类县（市、区）' };
const quarterNames = ['', '第一季度', '第二季度', '第三季度', '第四季度'];

/** A bulletin as listed: everything but its snapshot. */
export type BulletinSummary = Omit<Bulletin, 'snapshot'>;

/** A bulletin the quarterly run published, or found published already. */
export interface QuarterlyRunBulletin {
  planId: string;
  bulletinId: string;
  revision: number;
}

/** What one quarterly run did for each plan it considered. */
export interface QuarterlyRunResult {
  quarterKey: string;
  /** Published by this run. */
  published: QuarterlyRunBulletin[];
  /** Already published before this run: left as it was (a correction is the office's to make). */
  alreadyPublished: QuarterlyRunBulletin[];
  /** Not published, with the reason (no quarterly scheme, no county tiers, no reporting periods …). */
  skipped: { planId: string; reason: string }[];
}

/** A unit's explanation in a published bulletin. */
export type BulletinExplanation = Explanation & { unitName: string; quarterKey: string; revision: number };

/** What a snapshot holds besides its presentation part: every input and result behind the ranking. */
interface SnapshotRecord {
  inputs: Record<string, CountyQuarterInputs>;
  results: UnitResult[];
  scheme: ScoringScheme;
}

export interface StoredBulletin extends Bulletin {
  snapshot: BulletinSnapshot & SnapshotRecord & Record<string, unknown>;
}

/**
 * A bulletin row as read, its snapshot in the current layout: published snapshots are immutable,
 * so one stored in an earlier layout is upgraded on reading, never rewritten.
 */
function readBulletin(bulletin: Bulletin): StoredBulletin {
  return {
    ...bulletin,
    snapshot: readBulletinSnapshot(bulletin.snapshot as PackedSnapshot) as StoredBulletin['snapshot'],
  };
}

/**
 * The quarterly ranking: progress scores of the counties from platform data, ranked within their
 * tier, published as an immutable bulletin. Publishing a quarter again returns what was published;
 * a correction is a new revision with a reason.
 */
@Injectable()
export class QuarterlyRankingService {
  private readonly logger = new Logger(QuarterlyRankingService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly schemes: SchemesService,
    private readonly access: PlanAccess,
    private readonly env: AppEnv,
    private readonly clock: Clock,
    private readonly channels: ChannelPlanner,
  ) {}

  async list(actor: Actor, planId: string): Promise<BulletinSummary[]> {
    await this.access.readable(actor, planId);
    return this.dataSource.getRepository(Bulletin).find({
      where: { planId },
      order: { quarterKey: 'DESC', revision: 'DESC' },
      select: {
        id: true,
        cityId: true,
        planId: true,
        schemeId: true,
        quarterKey: true,
        revision: true,
        reason: true,
        publishedAt: true,
        publishedByUserId: true,
      },
    });
  }

  /** Published material: every user of the plan's city reads it. */
  async get(actor: Actor, id: string): Promise<StoredBulletin> {
    const bulletin = await this.dataSource.getRepository(Bulletin).findOne({ where: { id } });
    if (!bulletin) throw DomainError.notFound('通报');
    await this.access.readable(actor, bulletin.planId);
    return readBulletin(bulletin);
  }

  /**
   * The worker's quarterly run: the quarter before today, for every published plan of an enabled city
   * that covers its year. Says per plan what it did: published a bulletin, found one already
   * published (returned as it was), or skipped it and why. Safe to run any number of times.
   */
  async publishDue(): Promise<QuarterlyRunResult> {
    const today = localDateOf(this.clock.now(), this.env.APP_TIMEZONE);
    const [year, month] = today.split('-').map(Number) as [number, number];
    const previous = previousQuarter(year, (Math.floor((month - 1) / 3) + 1) as 1 | 2 | 3 | 4);
    const key = quarterKey(previous.year, previous.quarter);
    const plans: { id: string; hasScheme: boolean; hasTiers: boolean; hasPeriods: boolean }[] =
      await this.dataSource.query(
        `SELECT p.id,
              EXISTS (SELECT 1 FROM schemes s
                      WHERE s.city_id = p.city_id AND s.kind = 'quarterly' AND s.year = $1 AND s.status <> 'draft') AS "hasScheme",
              EXISTS (SELECT 1 FROM organisation.county_tiers t JOIN organisation.units u ON u.id = t.unit_id
                      WHERE t.year = $1 AND u.city_id = p.city_id) AS "hasTiers",
              EXISTS (SELECT 1 FROM reporting.reporting_periods rp WHERE rp.plan_id = p.id AND rp.year = $1) AS "hasPeriods"
       FROM plans.plans p JOIN organisation.units city ON city.id = p.city_id AND city.disabled_at IS NULL
       WHERE p.status = 'published' AND p.deleted_at IS NULL AND $1 BETWEEN p.start_year AND p.end_year
       ORDER BY p.id`,
        [previous.year],
      );
    const result: QuarterlyRunResult = { quarterKey: key, published: [], alreadyPublished: [], skipped: [] };
    for (const plan of plans) {
      const missing = !plan.hasScheme
        ? `没有启用的 ${previous.year} 年季度评分方案`
        : !plan.hasTiers
          ? `${previous.year} 年还没有县（市、区）分类`
          : !plan.hasPeriods
            ? `${previous.year} 年没有报送期`
            : null;
      if (missing) {
        result.skipped.push({ planId: plan.id, reason: missing });
        continue;
      }
      try {
        const { bulletin, created } = await this.publishQuarter(plan.id, key);
        const entry = { planId: plan.id, bulletinId: bulletin.id, revision: bulletin.revision };
        (created ? result.published : result.alreadyPublished).push(entry);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        this.logger.warn(`bulletin ${key} for plan ${plan.id} not published: ${error.message}`);
        result.skipped.push({ planId: plan.id, reason: error.message });
      }
    }
    return result;
  }

  /** One county's bulletin result point by point, against its tier (published: readable by the city). */
  async explain(actor: Actor, id: string, unitId: string): Promise<BulletinExplanation> {
    const bulletin = await this.get(actor, id);
    const explanation = explain(bulletin.snapshot.results as UnitResult[], unitId);
    if (!explanation) throw DomainError.notFound('该单位的排名结果');
    const unit = await getUnit(this.dataSource.manager, unitId);
    return { ...explanation, unitName: unit.shortName, quarterKey: bulletin.quarterKey, revision: bulletin.revision };
  }

  /** For an office request: checks the actor may run it for the plan. */
  async publishFor(actor: Actor, planId: string, key: string, correctionReason?: string): Promise<StoredBulletin> {
    await this.dataSource.transaction((m) => this.access.editable(actor, planId, m));
    return requestContext.withReason(correctionReason, () =>
      this.publish(planId, key, { correctionReason, userId: actor.userId }),
    );
  }

  /** Idempotent: a quarter already published is returned as it is, unless a correction is asked for. */
  async publish(
    planId: string,
    key: string,
    options: { correctionReason?: string; userId?: string } = {},
  ): Promise<StoredBulletin> {
    return (await this.publishQuarter(planId, key, options)).bulletin;
  }

  /** publish(), telling a bulletin published now (created) from one that was already there. */
  private async publishQuarter(
    planId: string,
    key: string,
    options: { correctionReason?: string; userId?: string } = {},
  ): Promise<{ bulletin: StoredBulletin; created: boolean }> {
    const quarter = parseQuarterKey(key);
    if (!quarter) throw DomainError.validation('季度格式应为 2023-Q1', [{ field: 'quarter', reason: '格式不正确' }]);
    return this.dataSource.transaction(async (m) => {
      // One publisher per plan and quarter at a time, across every API and worker process.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`bulletin:${planId}:${key}`]);
      // Only the revision number: the snapshot of a large city runs to megabytes.
      const latest = await m.getRepository(Bulletin).findOne({
        where: { planId, quarterKey: key },
        order: { revision: 'DESC' },
        select: { id: true, revision: true },
      });
      if (latest && !options.correctionReason)
        return {
          bulletin: readBulletin(await m.getRepository(Bulletin).findOneOrFail({ where: { id: latest.id } })),
          created: false,
        };
      // Tens of thousands of rows sort in memory, not in temporary files. The schedule's statements are key
      // lookups, each item's its own: compiling them (jit) or caching lookups that never repeat (memoize) only
      // adds to them (about a fifth of the schedule statement on the ranking benchmark).
      await m.query(`SET LOCAL work_mem = '64MB'`);
      await m.query(`SET LOCAL jit = off`);
      await m.query(`SET LOCAL enable_memoize = off`);
      const plan = await getPlan(m, planId);
      const end = quarterEnd(quarter.year, quarter.quarter);
      const now = this.clock.now();
      if (localDateOf(now, this.env.APP_TIMEZONE) <= end)
        throw DomainError.conflict(`${quarter.year}年${quarterNames[quarter.quarter]}尚未结束`);
      const scheme = await this.schemes.current(plan.cityId, 'quarterly', quarter.year);
      if (!scheme) throw DomainError.conflict(`没有启用的 ${quarter.year} 年季度评分方案`);
      const snapshot = await this.compute(m, plan, scheme, quarter.year, quarter.quarter, now);
      snapshot.revision = (latest?.revision ?? 0) + 1;
      snapshot.correctionReason = options.correctionReason ?? null;
      const row = {
        cityId: plan.cityId,
        planId,
        schemeId: scheme.id,
        quarterKey: key,
        revision: snapshot.revision,
        reason: options.correctionReason ?? null,
        snapshot: snapshot as object,
        publishedAt: now,
        publishedByUserId: options.userId ?? null,
      };
      // A plain INSERT with the snapshot packed and serialised once: the repository's insert walks the megabytes of it
      // through its column transformers before serialising them.
      const [{ id }]: [{ id: string }] = await m.query(
        `INSERT INTO bulletins (city_id, plan_id, scheme_id, quarter_key, revision, reason, snapshot, published_at, published_by_user_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          row.cityId,
          row.planId,
          row.schemeId,
          row.quarterKey,
          row.revision,
          row.reason,
          JSON.stringify(packBulletinSnapshot(snapshot)),
          row.publishedAt,
          row.publishedByUserId,
        ],
      );
      const saved: Bulletin = { ...row, id };
      if (scheme.status !== SchemeStatus.Frozen)
        await m.getRepository(Scheme).update({ id: scheme.id }, { status: SchemeStatus.Frozen });
      await this.channels.planBulletin(m, bulletinAnnouncement(saved.id, planId, plan.title, snapshot), now);
      this.logger.log(`bulletin ${key} revision ${saved.revision} published for plan ${planId}`);
      return { bulletin: saved as StoredBulletin, created: true };
    });
  }

  private async compute(m: EntityManager, plan: Plan, scheme: Scheme, year: number, quarter: 1 | 2 | 3 | 4, now: Date) {
    const tiers: { unitId: string; unitName: string; tier: number }[] = await m.query(
      `SELECT t.unit_id AS "unitId", u.short_name AS "unitName", t.tier FROM organisation.county_tiers t JOIN organisation.units u ON u.id = t.unit_id
       WHERE t.year = $1 AND u.city_id = $2 AND u.active AND u.deleted_at IS NULL ORDER BY t.tier, u.sort_order`,
      [year, plan.cityId],
    );
    if (tiers.length === 0) throw DomainError.conflict(`${year} 年还没有县（市、区）分类，无法排名`);
    const lastMonth = quarterMonths(quarter)[2];
    const gathered = await quarterInputs(
      m,
      plan.id,
      tiers.map((t) => t.unitId),
      year,
      lastMonth,
      now,
    );
    const units: UnitInput[] = tiers.map((t) => {
      const inputs = gathered.counties.get(t.unitId)!;
      const figures = gathered.figures.get(t.unitId)!;
      const leaves = Object.fromEntries(
        Object.entries(scheme.inputMap).map(([leafId, source]) => [leafId, quarterLeafInput(source, inputs, figures)]),
      );
      return { unitId: t.unitId, tier: String(t.tier), leaves };
    });
    const evaluation = evaluateScheme(scheme.definition, fullMarksForUnmeasuredTiers(units), { commendation: false });
    const before = previousQuarter(year, quarter);
    const previousKey = quarterKey(before.year, before.quarter);
    const previousRows: { unitName: string; rank: number }[] = await m.query(
      `SELECT r->>'unitName' AS "unitName", (r->>'rank')::int AS rank
       FROM (SELECT snapshot FROM bulletins WHERE plan_id = $1 AND quarter_key = $2 ORDER BY revision DESC LIMIT 1) b,
            json_array_elements(b.snapshot::json->'tiers') t, json_array_elements(t->'rows') r`,
      [plan.id, previousKey],
    );
    const previousRanks = new Map(previousRows.filter((r) => r.rank > 0).map((r) => [r.unitName, r.rank]));

    const lateByUnit = new Map(gathered.lateness.map((l) => [l.unitId, l]));
    const unitNames = new Map(tiers.map((t) => [t.unitId, t.unitName]));
    const leafIds = scheme.definition.criteria.map((c) => c.id);
    const columns = scheme.definition.criteria.map((c) => `${c.name}（${c.points}分）`);
    const rowLight = (unitId: string, figures: CountyQuarterFigures): TrafficLight => {
      const late = lateByUnit.get(unitId);
      if ((late?.missing ?? 0) > 0 || figures.redIndicator) return 'red';
      if ((late?.late ?? 0) > 0 || figures.taskBehind) return 'yellow';
      return 'green';
    };
    const snapshot: BulletinSnapshot & {
      inputs: Record<string, CountyQuarterInputs>;
      results: unknown[];
      scheme: Record<string, unknown>;
      errors: unknown[];
    } = {
      format: BULLETIN_SNAPSHOT_FORMAT,
      title: `${year}年${quarterNames[quarter]}科技创新赋能行动县（市、区）推进情况通报`,
      cityName: (await getUnit(m, plan.cityId)).name,
      issuer: `${plan.issuingBody || '领导小组'}办公室`,
      quarterKey: quarterKey(year, quarter),
      revision: 1,
      correctionReason: null,
      publishedAt: now.toISOString(),
      schemeName: scheme.name,
      schemeVersion: scheme.version,
      columns,
      tiers: [...new Set(tiers.map((t) => t.tier))].map((tier) => ({
        tier,
        label: tierLabels[tier] ?? `${tier}类`,
        rows: evaluation.results
          .filter((r) => r.tier === String(tier))
          .sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999) || Number(b.total) - Number(a.total))
          .map((r) => {
            const unitName = unitNames.get(r.unitId)!;
            return {
              rank: r.rank ?? 0,
              unitName,
              total: r.total,
              previousRank: previousRanks.get(unitName) ?? null,
              subtotals: leafIds.map(
                (id) =>
                  r.subtotals.find((s) => s.criterionId === id)?.score ??
                  r.leaves.find((l) => l.criterionId === id)?.score ??
                  '0.00',
              ),
              light: rowLight(r.unitId, gathered.figures.get(r.unitId)!),
            };
          }),
      })),
      lagging: furthestBehindFirst(gathered.lags).map((l) => ({
        kind: l.kind,
        label: l.label,
        unitName: l.unitName,
        actual: { value: l.actual, unit: l.unit, decimals: l.decimals },
        expected: { value: l.expected, unit: l.unit, decimals: l.decimals },
        light: l.light,
      })),
      lateUnits: gathered.lateness
        .sort((a, b) => b.missing - a.missing || b.late - a.late)
        .map((l) => ({
          unitName: l.unitName,
          late: l.late,
          missing: l.missing,
          light: l.missing > 0 ? ('red' as const) : ('yellow' as const),
        })),
      inputs: Object.fromEntries(gathered.counties),
      results: evaluation.results as unknown[],
      errors: evaluation.errors as unknown[],
      scheme: {
        id: scheme.id,
        code: scheme.code,
        version: scheme.version,
        definition: scheme.definition,
        inputMap: scheme.inputMap,
      },
    };
    return snapshot;
  }
}
