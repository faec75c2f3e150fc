import type { EntityManager } from 'typeorm';
import { requestContext } from '@app/common';
import { AuditEntry } from './audit-entry.entity.js';

/** What the caller knows of an action the entity subscriber cannot see (an import, a resend). */
export type AuditRecord = Omit<AuditEntry, 'id' | 'requestId'>;

/**
 * Writes one audit entry in the caller's transaction, so the entry exists exactly when the action
 * does; the request id comes from the request being served. The audit library owns its table:
 * other areas record through this, never by inserting rows themselves.
 */
export async function recordAudit(m: EntityManager, entry: AuditRecord): Promise<void> {
  await m.getRepository(AuditEntry).insert({ ...entry, requestId: requestContext.get()?.requestId ?? null });
}
