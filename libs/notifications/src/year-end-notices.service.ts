import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppEnv, Clock } from '@app/config';
import type { UnitResult } from '@app/domain';
import { InboxRepository } from './inbox.repository.js';
import { Outbox } from './messages.js';
import { NotificationsRepository } from './notifications.repository.js';
import { cityOffices, officeUsers, unitContacts, unitNames } from './recipients.queries.js';
import { officeContactLine, type Recipient } from './recipients.js';
import {
  appealDecidedNotices,
  appealFiledNotices,
  approvedNotices,
  distinctUsers,
  outcomesOf,
  publishedNotices,
  resultChangedNotices,
  selfOpenedNotices,
  selfReturnedNotices,
  selfSubmittedNotices,
  type UnitAudience,
  unitLiaisons,
  type YearEndRef,
  type YearEndSettings,
} from './year-end-notices.js';

/** Active leadership users of a city, with their linked contact's email or else their own. */
async function leaderUsers(m: EntityManager, cityId: string): Promise<Recipient[]> {
  return m.query(
    `SELECT usr.id AS "userId", usr.display_name AS name, usr.digest_mode AS "digestMode",
            c.id AS "contactId", COALESCE(NULLIF(c.email, ''), NULLIF(usr.email, ''), '') AS email
     FROM identity.users usr
     JOIN organisation.units un ON un.id = usr.unit_id
     LEFT JOIN organisation.contacts c ON c.id = usr.contact_id AND c.active AND c.deleted_at IS NULL
     WHERE usr.active AND 'leader' = ANY(usr.roles) AND un.city_id = $1
     ORDER BY usr.username`,
    [cityId],
  );
}

/**
 * Writes the year-end cycle's notices into the outbox and the inbox. Each method takes the step's transaction, so
 * a step that rolls back leaves no notice behind, and the worker's dispatcher sends what committed, once.
 */
@Injectable()
export class YearEndNoticesService {
  constructor(
    private readonly repo: NotificationsRepository,
    private readonly inboxes: InboxRepository,
    private readonly clock: Clock,
    private readonly env: AppEnv,
  ) {}

  /** The assessment is open for self-assessment: every assessed unit's liaisons. */
  async selfOpened(m: EntityManager, a: YearEndRef, unitIds: string[], dueAt: Date | null): Promise<void> {
    const settings = await this.settings(m, a);
    const outbox = new Outbox();
    selfOpenedNotices(outbox, a, await this.audiences(m, unitIds), dueAt, settings);
    await this.write(m, outbox);
  }

  async selfReturned(m: EntityManager, a: YearEndRef, unitId: string, reason: string, at: Date): Promise<void> {
    const settings = await this.settings(m, a);
    const outbox = new Outbox();
    const [unit] = await this.audiences(m, [unitId]);
    selfReturnedNotices(outbox, a, unit!, reason, at, settings);
    await this.write(m, outbox);
  }

  async selfSubmitted(m: EntityManager, a: YearEndRef, unitId: string, at: Date): Promise<void> {
    const settings = await this.settings(m, a);
    const outbox = new Outbox();
    const names = await unitNames(m, [unitId]);
    const office = await officeUsers(m, [a.cityId]);
    selfSubmittedNotices(outbox, a, { unitId, unitName: names.get(unitId) ?? '' }, at, office, settings);
    await this.write(m, outbox);
  }

  async approved(m: EntityManager, a: YearEndRef, revision: number, unitCount: number): Promise<void> {
    const settings = await this.settings(m, a);
    const outbox = new Outbox();
    const recipients = distinctUsers(await leaderUsers(m, a.cityId), await officeUsers(m, [a.cityId]));
    approvedNotices(outbox, a, revision, unitCount, recipients, settings);
    await this.write(m, outbox);
  }

  async published(
    m: EntityManager,
    a: YearEndRef,
    revision: number,
    results: readonly UnitResult[],
    appealUntil: Date,
  ): Promise<void> {
    const settings = await this.settings(m, a);
    const outbox = new Outbox();
    const units = await this.audiences(
      m,
      results.map((r) => r.unitId),
    );
    publishedNotices(outbox, a, revision, outcomesOf(results), units, appealUntil, settings);
    await this.write(m, outbox);
  }

  async appealFiled(
    m: EntityManager,
    a: YearEndRef,
    appeal: { id: string; unitId: string; criterionName: string; reason: string },
  ): Promise<void> {
    const settings = await this.settings(m, a);
    const outbox = new Outbox();
    const names = await unitNames(m, [appeal.unitId]);
    const office = await officeUsers(m, [a.cityId]);
    appealFiledNotices(outbox, a, { ...appeal, unitName: names.get(appeal.unitId) ?? '' }, office, settings);
    await this.write(m, outbox);
  }

  /**
   * The appealing unit hears the decision; when it was upheld, every other unit whose result the new revision
   * changed hears what changed.
   */
  async appealDecided(
    m: EntityManager,
    a: YearEndRef,
    appeal: { id: string; unitId: string; criterionName: string; upheld: boolean; reason: string },
    revised: { revision: number; before: readonly UnitResult[]; after: readonly UnitResult[] } | null,
  ): Promise<void> {
    const settings = await this.settings(m, a);
    const outbox = new Outbox();
    const after = revised ? outcomesOf(revised.after) : [];
    const unitIds = revised ? revised.after.map((r) => r.unitId) : [appeal.unitId];
    const units = await this.audiences(m, unitIds);
    const unit = units.find((u) => u.unitId === appeal.unitId)!;
    const own = after.find((o) => o.unitId === appeal.unitId);
    appealDecidedNotices(
      outbox,
      a,
      appeal,
      unit,
      revised && own ? { revision: revised.revision, outcome: own } : null,
      settings,
    );
    if (revised)
      resultChangedNotices(outbox, a, revised.revision, outcomesOf(revised.before), after, unit, units, settings);
    await this.write(m, outbox);
  }

  private async audiences(m: EntityManager, unitIds: string[]): Promise<UnitAudience[]> {
    const names = await unitNames(m, unitIds);
    const contacts = await unitContacts(m, unitIds, ['liaison'], []);
    return unitIds.map((unitId) => ({
      unitId,
      unitName: names.get(unitId) ?? '',
      recipients: unitLiaisons(contacts, unitId),
    }));
  }

  private async settings(m: EntityManager, a: YearEndRef): Promise<YearEndSettings> {
    const offices = await cityOffices(m, [a.cityId]);
    return {
      publicUrl: this.env.PUBLIC_URL,
      timeZone: this.env.APP_TIMEZONE,
      officeContact: officeContactLine(offices.get(a.cityId)),
    };
  }

  private async write(m: EntityManager, outbox: Outbox): Promise<void> {
    const now = this.clock.now();
    await this.repo.insertNotifications(m, outbox.notifications, now);
    await this.inboxes.insert(m, outbox.inbox, now);
  }
}
