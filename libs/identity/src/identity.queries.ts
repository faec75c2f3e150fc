import type { EntityManager } from 'typeorm';
import { User } from './user.entity.js';

/*
 * The identity library's reads and the one write other areas need on users. Set-based reads
 * (recipients of a reminder, say) join the published view `identity.users`, which leaves the
 * secrets out; the rest goes through these, inside the caller's transaction.
 */

/** A user's choice of immediate emails or a daily digest; null when there is no such user. */
export async function digestModeOf(m: EntityManager, userId: string): Promise<User['digestMode'] | null> {
  const user = await m.getRepository(User).findOne({ where: { id: userId }, select: { id: true, digestMode: true } });
  return user?.digestMode ?? null;
}

/**
 * Sets a user's own digest mode, saved through the entity so the audit trail records it (an
 * unchanged mode writes nothing). Returns the mode now in force, or null when there is no such user.
 */
export async function setDigestMode(
  m: EntityManager,
  userId: string,
  mode: User['digestMode'],
): Promise<User['digestMode'] | null> {
  const repo = m.getRepository(User);
  const user = await repo.findOne({ where: { id: userId } });
  if (!user) return null;
  if (user.digestMode !== mode) {
    user.digestMode = mode;
    await repo.save(user);
  }
  return user.digestMode;
}
