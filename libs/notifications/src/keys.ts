/** Idempotency keys and Message-IDs: the same message always gets the same key and the same id. */
import { createHash } from 'node:crypto';

export interface KeyParts {
  kind: string;
  periodId?: string | null;
  unitId?: string | null;
  /** Who receives it: `contactRecipient(id)`, `userRecipient(id)` or a subject such as a city. */
  recipient: string;
  /** When in the schedule: 'D-3', 'D+1', 'manual-2023-04-10', a date for digests … */
  offset: string;
}

export const contactRecipient = (contactId: string) => `c:${contactId}`;
export const userRecipient = (userId: string) => `u:${userId}`;

/** `kind|period|unit|recipient|offset`, with '-' for a part that does not apply. */
export function notificationKey(parts: KeyParts): string {
  const key = [parts.kind, parts.periodId ?? '-', parts.unitId ?? '-', parts.recipient, parts.offset].join('|');
  if (key.length > 300) throw new RangeError(`idempotency key too long (${key.length})`);
  return key;
}

/** The in-app copy for a user has a key of its own, so the email and the inbox row are claimed separately. */
export function inboxKey(parts: KeyParts): string {
  return `inbox|${notificationKey(parts)}`;
}

/**
 * `<sha256(key)@kechuang>`: a message resent after a crash carries the same Message-ID, so the
 * receiving side (and the tests) can tell a resend from a second message.
 */
export function messageIdFor(key: string, domain = 'kechuang'): string {
  return `<${createHash('sha256').update(key).digest('hex')}@${domain}>`;
}
