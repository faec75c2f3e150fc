import { describe, expect, it } from '@jest/globals';
import {
  channelsFor,
  daysBeforeOf,
  nudgeRecipients,
  type OutstandingItem,
  type Recipient,
  type UnitContact,
  unitBatches,
} from './recipients.js';

const contact = (id: string, unitId: string, email: string, extra: Partial<UnitContact> = {}): UnitContact => ({
  contactId: id,
  unitId,
  name: `联络员${id}`,
  email,
  userId: null,
  digestMode: null,
  assignmentId: null,
  ...extra,
});
const item = (unitId: string, subjectId: string, subjectType = 'assignment', periodId = 'p'): OutstandingItem => ({
  periodId,
  unitId,
  subjectType,
  subjectId,
  label: subjectId,
});

describe('channelsFor', () => {
  const person = (over: Partial<Recipient>): Recipient => ({
    contactId: 'c',
    userId: 'u',
    name: 'n',
    email: 'a@example.com',
    digestMode: 'immediate',
    ...over,
  });
  it.each([
    ['reminder', person({ digestMode: 'daily' }), { email: true, inbox: true }],
    ['escalation', person({ digestMode: 'daily' }), { email: true, inbox: true }],
    ['nudge', person({ digestMode: 'daily' }), { email: false, inbox: true }],
    ['weekly_digest', person({ digestMode: 'daily' }), { email: false, inbox: true }],
    ['nudge', person({ digestMode: 'immediate' }), { email: true, inbox: true }],
    ['nudge', person({ userId: null, digestMode: null }), { email: true, inbox: false }],
    ['office_digest', person({ email: ' ' }), { email: false, inbox: true }],
  ])('%s to %j', (kind, r, expected) => {
    expect(channelsFor(kind, r)).toEqual(expected);
  });
});

describe('unitBatches', () => {
  it('groups outstanding items per period and unit and pairs them with that unit’s contacts', () => {
    const batches = unitBatches(
      [item('u1', 'a1'), item('u1', 'a2'), item('u2', 'a3'), item('u1', 'a9', 'assignment', 'q')],
      [contact('c1', 'u1', 'one@example.com'), contact('c2', 'u2', 'two@example.com')],
    );
    expect(
      batches.map((b) => [b.periodId, b.unitId, b.items.map((i) => i.subjectId), b.recipients.map((r) => r.contactId)]),
    ).toEqual([
      ['p', 'u1', ['a1', 'a2'], ['c1']],
      ['p', 'u2', ['a3'], ['c2']],
      ['q', 'u1', ['a9'], ['c1']],
    ]);
  });

  it('one message per address, contacts without email only when a user can read the inbox', () => {
    const [batch] = unitBatches(
      [item('u1', 'a1')],
      [
        contact('c3', 'u1', 'SAME@example.com'),
        contact('c1', 'u1', 'same@example.com'),
        contact('c4', 'u1', ''),
        contact('c5', 'u1', '', { userId: 'user5' }),
      ],
    );
    expect(batch!.recipients.map((r) => r.contactId)).toEqual(['c1', 'c5']);
  });

  it('adds the named liaisons of outstanding assignments only', () => {
    const [batch] = unitBatches(
      [item('u1', 'a1')],
      [
        contact('c7', 'u1', 'named@example.com', { assignmentId: 'a1' }),
        contact('c8', 'u1', 'other@example.com', { assignmentId: 'a2' }),
      ],
    );
    expect(batch!.recipients.map((r) => r.contactId)).toEqual(['c7']);
  });

  it('keeps a unit nobody can be told about, with no recipients', () => {
    expect(unitBatches([item('u1', 'a1')], [])[0]!.recipients).toEqual([]);
  });
});

describe('nudgeRecipients', () => {
  const r = (id: string, email: string, userId: string | null = null): Recipient => ({
    contactId: id,
    userId,
    name: id,
    email,
    digestMode: null,
  });
  it('prefers the assignment’s named liaisons', () => {
    expect(nudgeRecipients([r('n1', 'n@example.com')], [r('u1', 'u@example.com')]).map((x) => x.contactId)).toEqual([
      'n1',
    ]);
  });
  it('falls back to the unit’s liaisons when none of the named can be reached', () => {
    expect(
      nudgeRecipients([r('n1', '')], [r('u1', 'u@example.com'), r('u2', 'U@example.com')]).map((x) => x.contactId),
    ).toEqual(['u1']);
  });
});

describe('daysBeforeOf', () => {
  it.each([
    ['D-3', 3],
    ['D-0', 0],
    ['D+1', null],
    ['manual-2023-04-10', null],
  ])('%s → %s', (offset, days) => expect(daysBeforeOf(offset)).toBe(days));
});
