/** Who gets what: pure rules over rows the repository has already fetched. */

export type DigestMode = 'immediate' | 'daily';

/** Deadline reminders and escalations always go out at once; everything else follows the user's digest mode. */
export const DIGEST_EXEMPT_KINDS: readonly string[] = ['reminder', 'escalation'];

/** A person a message can reach: a contact (with an email), a user (with an inbox), or both when linked. */
export interface Recipient {
  contactId: string | null;
  userId: string | null;
  name: string;
  /** '' when there is none: then only the inbox is possible. */
  email: string;
  /** The linked user's choice; null for a contact without a user account. */
  digestMode: DigestMode | null;
}

export interface Channels {
  email: boolean;
  inbox: boolean;
}

/**
 * Every user recipient gets an inbox row. An email goes out now when there is an address and the
 * kind is exempt from digests or the user (if any) chose immediate messages; a user in daily mode
 * gets the rest in the next daily digest instead.
 */
export function channelsFor(kind: string, r: Recipient): Channels {
  const hasEmail = r.email.trim() !== '';
  const now = DIGEST_EXEMPT_KINDS.includes(kind) || r.digestMode !== 'daily';
  return { email: hasEmail && now, inbox: r.userId !== null };
}

export interface OutstandingItem {
  periodId: string;
  unitId: string;
  subjectType: string;
  subjectId: string;
  label: string;
  /** The report's status when there is one ('returned' when it came back for changes). */
  status?: string | null;
  /** The lateness stamped at its first submission, kept through returns. */
  firstLate?: boolean | null;
}

export interface UnitContact extends Recipient {
  contactId: string;
  /** The unit the contact serves for this message. */
  unitId: string;
  /** Set when the contact is a named liaison of this assignment (assignment_liaisons) rather than of the unit. */
  assignmentId: string | null;
}

export interface UnitBatch {
  periodId: string;
  unitId: string;
  items: OutstandingItem[];
  recipients: Recipient[];
}

/**
 * One batch per period × unit with something outstanding, with the contacts who should hear about
 * it: the unit's own contacts and the named liaisons of its outstanding assignments. One recipient
 * per email address (the lowest contact id wins); a contact without an email is kept only when a
 * user account is linked (inbox). A unit nobody can be told about still appears, with no recipients.
 */
export function unitBatches(items: readonly OutstandingItem[], contacts: readonly UnitContact[]): UnitBatch[] {
  const batches = new Map<string, UnitBatch>();
  for (const item of items) {
    const key = `${item.periodId}|${item.unitId}`;
    let batch = batches.get(key);
    if (!batch) batches.set(key, (batch = { periodId: item.periodId, unitId: item.unitId, items: [], recipients: [] }));
    batch.items.push(item);
  }
  const byUnit = new Map<string, UnitContact[]>();
  for (const c of [...contacts].sort((a, b) => a.contactId.localeCompare(b.contactId))) {
    const list = byUnit.get(c.unitId) ?? [];
    list.push(c);
    byUnit.set(c.unitId, list);
  }
  for (const batch of batches.values()) {
    const assignments = new Set(batch.items.filter((i) => i.subjectType === 'assignment').map((i) => i.subjectId));
    const seenEmail = new Set<string>();
    const seenContact = new Set<string>();
    for (const c of byUnit.get(batch.unitId) ?? []) {
      if (c.assignmentId !== null && !assignments.has(c.assignmentId)) continue;
      if (seenContact.has(c.contactId)) continue;
      const email = c.email.trim().toLowerCase();
      if (email === '' && c.userId === null) continue;
      if (email !== '' && seenEmail.has(email)) continue;
      seenContact.add(c.contactId);
      if (email !== '') seenEmail.add(email);
      batch.recipients.push({
        contactId: c.contactId,
        userId: c.userId,
        name: c.name,
        email: c.email.trim(),
        digestMode: c.digestMode,
      });
    }
  }
  return [...batches.values()];
}

/** An assignment's named liaisons when it has any who can be reached, otherwise its unit's liaisons. */
export function nudgeRecipients(named: readonly Recipient[], unitLiaisons: readonly Recipient[]): Recipient[] {
  const reachable = (r: Recipient) => r.email.trim() !== '' || r.userId !== null;
  const chosen = named.filter(reachable).length > 0 ? named : unitLiaisons;
  const seen = new Set<string>();
  return chosen.filter((r) => {
    if (!reachable(r)) return false;
    const id = r.email.trim().toLowerCase() || `u:${r.userId}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/** 'D-3' → 3, 'D-0' → 0; anything else (a manual chase) → null. */
export function daysBeforeOf(offset: string): number | null {
  const match = /^D-(\d+)$/.exec(offset);
  return match ? Number(match[1]) : null;
}

/** A city's leadership group office as messages name it. */
export interface CityOffice {
  name: string;
  phone: string | null;
}

/** '请联系赣州市……领导小组办公室（电话：0797-…）。', for recipients who have no account to follow a link with. */
export function officeContactLine(office: CityOffice | undefined): string {
  if (!office) return '请联系本市科技创新工作领导小组办公室。';
  return `请联系${office.name}${office.phone ? `（电话：${office.phone}）` : ''}。`;
}
