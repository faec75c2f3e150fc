import type { EntityManager } from 'typeorm';
import { requestContext } from '@app/common';
import { AuditEntry } from './audit-entry.entity.js';

/** What happened, by whom, to what: an entry without its id and request, which the trail fills in. */
export type AuditRecord = Omit<AuditEntry, 'id' | 'requestId'>;

/**
 * Records a change the subscriber does not see (one made by a plain UPDATE, a resend say) in the
 * caller's transaction, so the entry exists only if the change commits. The request id comes from
 * the request being served, as the subscriber's entries do.
 */
export async function recordAuditEntry(m: EntityManager, entry: AuditRecord): Promise<void> {
  await m.insert(AuditEntry, { ...entry, requestId: requestContext.get()?.requestId ?? null });
}
