import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EntityManager } from 'typeorm';
import { User } from '@app/identity';
import { Contact, Unit } from '@app/organisation';
import { Assignment, AssignmentLiaison, Plan, Task } from '@app/plans';
import { aUser } from '../../../test/factories/identity.js';
import { aCity, aContact, aUnit } from '../../../test/factories/organisation.js';
import { anAssignment, aNamedLiaison, aPlan, aTask } from '../../../test/factories/plans.js';
import { openTestDataSource, type TestDataSource } from '../../../test/setup/data-source.js';
import { officeUsers, unitContacts, unitNames, usersWithEmail } from './recipients.queries.js';

describe('recipient queries (against PostgreSQL)', () => {
  let source: TestDataSource;
  let m: EntityManager;
  let city: Unit;
  let other: Unit;
  let unit: Unit;

  beforeAll(async () => {
    source = await openTestDataSource([Unit, Contact, User, Plan, Task, Assignment, AssignmentLiaison]);
    m = source.db.manager;
    city = await aCity(m);
    other = await aCity(m);
    unit = await aUnit(m, city);
  });
  afterAll(() => source.close());

  it('finds the reachable contacts of the roles asked in these units, each with the account linked to it', async () => {
    const neighbour = await aUnit(m, city);
    const liaison = await aContact(m, unit, { email: 'l@example.com' });
    const leader = await aContact(m, unit, { role: 'leader', email: 'd@example.com' });
    await aContact(m, unit, { active: false });
    const removed = await aContact(m, unit);
    await m.getRepository(Contact).softDelete(removed.id);
    await aContact(m, neighbour);
    const firstAccount = await aUser(m, unit, { contactId: liaison.id, digestMode: 'daily' });
    await aUser(m, unit, { contactId: liaison.id });
    await aUser(m, unit, { contactId: leader.id, active: false });

    const found = await unitContacts(m, [unit.id], ['liaison', 'leader'], []);
    expect(found.map((c) => c.contactId).sort()).toEqual([liaison.id, leader.id].sort());
    expect(found.find((c) => c.contactId === liaison.id)).toEqual({
      contactId: liaison.id,
      unitId: unit.id,
      role: 'liaison',
      name: liaison.name,
      email: 'l@example.com',
      assignmentId: null,
      userId: firstAccount.id,
      digestMode: 'daily',
    });
    expect(found.find((c) => c.contactId === leader.id)).toMatchObject({ userId: null, digestMode: null });
    expect((await unitContacts(m, [unit.id], ['leader'], [])).map((c) => c.contactId)).toEqual([leader.id]);
    expect(await unitContacts(m, [], ['liaison'], [])).toEqual([]);
  });

  it('counts the liaisons an assignment names for the assignment’s unit, if liaisons are asked for', async () => {
    const county = await aUnit(m, city);
    const elsewhere = await aUnit(m, city);
    const task = await aTask(m, await aPlan(m, city));
    const assignment = await anAssignment(m, task, county);
    const named = await aContact(m, elsewhere, { email: 'named@example.com' });
    const gone = await aContact(m, elsewhere);
    await m.getRepository(Contact).softDelete(gone.id);
    await aNamedLiaison(m, assignment, named);
    await aNamedLiaison(m, assignment, gone);

    const found = await unitContacts(m, [county.id], ['liaison'], [assignment.id]);
    expect(found).toEqual([
      expect.objectContaining({ contactId: named.id, unitId: county.id, role: 'liaison', assignmentId: assignment.id }),
    ]);
    expect(await unitContacts(m, [county.id], ['leader'], [assignment.id])).toEqual([]);
  });

  it('finds the active office users of these cities, by login name, with their contact’s address or else their own', async () => {
    const reachable = await aContact(m, city, { email: 'office-contact@example.com' });
    const inactive = await aContact(m, city, { email: 'gone@example.com', active: false });
    const a = await aUser(m, city, {
      username: 'office-a',
      roles: ['office'],
      contactId: reachable.id,
      email: 'own@a',
    });
    const b = await aUser(m, unit, { username: 'office-b', roles: ['office'], contactId: inactive.id, email: 'own@b' });
    const c = await aUser(m, city, { username: 'office-c', roles: ['office', 'admin'] });
    await aUser(m, city, { roles: ['office'], active: false });
    await aUser(m, city, { roles: ['admin'] });
    await aUser(m, other, { roles: ['office'] });

    const found = await officeUsers(m, [city.id]);
    expect(found.map((u) => [u.userId, u.email, u.contactId, u.cityId])).toEqual([
      [a.id, 'office-contact@example.com', reachable.id, city.id],
      [b.id, 'own@b', null, city.id],
      [c.id, '', null, city.id],
    ]);
    expect(await officeUsers(m, [])).toEqual([]);
  });

  it('finds active users by id with their address, and names units, removed ones included', async () => {
    const contact = await aContact(m, unit, { email: 'c@example.com' });
    const linked = await aUser(m, unit, { contactId: contact.id, email: 'own@example.com', displayName: '甲' });
    const own = await aUser(m, unit, { email: 'own2@example.com' });
    const inactive = await aUser(m, unit, { active: false });
    const found = await usersWithEmail(m, [linked.id, own.id, inactive.id]);
    expect(found.map((u) => [u.userId, u.name, u.email, u.cityId]).sort()).toEqual(
      [
        [linked.id, '甲', 'c@example.com', city.id],
        [own.id, own.displayName, 'own2@example.com', city.id],
      ].sort(),
    );
    expect(await usersWithEmail(m, [])).toEqual([]);

    const removed = await aUnit(m, city);
    await m.getRepository(Unit).softDelete(removed.id);
    const names = await unitNames(m, [unit.id, removed.id]);
    expect(names).toEqual(
      new Map([
        [unit.id, unit.name],
        [removed.id, removed.name],
      ]),
    );
    expect(await unitNames(m, [])).toEqual(new Map());
  });
});
