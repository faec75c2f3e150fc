import type { EntityManager } from 'typeorm';

/**
 * Refresh tokens expired or revoked before the cutoff can no longer matter; nor can a session
 * ended before it, or one whose last refresh token is gone (it has been dead since), nor a
 * queue-board pass past its lifetime. Counts the refresh tokens and sessions removed.
 * Safe to run any number of times, from any worker.
 */
export async function purgeSessions(m: EntityManager, cutoff: Date): Promise<number> {
  const tokens: [unknown[], number] = await m.query(
    `DELETE FROM refresh_tokens WHERE expires_at < $1 OR revoked_at < $1`,
    [cutoff],
  );
  await m.query(`DELETE FROM queue_board_passes WHERE expires_at < $1`, [cutoff]);
  const sessions: [unknown[], number] = await m.query(
    `DELETE FROM sessions s WHERE s.revoked_at < $1
        OR (s.created_at < $1 AND NOT EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = s.id))`,
    [cutoff],
  );
  return (tokens[1] ?? 0) + (sessions[1] ?? 0);
}
