import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { QueueBoardPass, RefreshToken, User, UserSession } from '@app/identity';
import { count, one, type Db } from './sql.js';

let serial = 0;

/** A user of `unit` (a liaison unless told otherwise); the password hash is never checked here. */
export async function aUser(m: EntityManager, unit: { id: string } | null, fields: Partial<User> = {}): Promise<User> {
  const n = (++serial).toString().padStart(4, '0');
  return m.getRepository(User).save({
    username: `user${n}${randomBytes(2).toString('hex')}`,
    passwordHash: 'not-a-hash',
    displayName: `用户${n}`,
    unitId: unit?.id ?? null,
    roles: unit ? ['liaison'] : ['platform'],
    ...fields,
  });
}

export async function aSession(
  m: EntityManager,
  user: { id: string },
  fields: Partial<UserSession> = {},
): Promise<UserSession> {
  return m
    .getRepository(UserSession)
    .save({ userId: user.id, createdAt: new Date(), revokedAt: null, revokedReason: null, ...fields });
}

export async function aRefreshToken(
  m: EntityManager,
  session: UserSession,
  fields: Partial<RefreshToken> = {},
): Promise<RefreshToken> {
  return m.getRepository(RefreshToken).save({
    userId: session.userId,
    familyId: session.id,
    tokenHash: randomBytes(32).toString('hex'),
    expiresAt: new Date(Date.now() + 86_400_000),
    revokedAt: null,
    replacedById: null,
    createdAt: new Date(),
    ...fields,
  });
}

export async function aQueueBoardPass(
  m: EntityManager,
  session: UserSession,
  expiresAt: Date,
): Promise<QueueBoardPass> {
  return m.getRepository(QueueBoardPass).save({
    sessionId: session.id,
    tokenHash: randomBytes(32).toString('hex'),
    expiresAt,
    createdAt: new Date(),
  });
}

/** A user by login name. */
export async function userByName(db: Db, username: string): Promise<string> {
  const { id } = await one<{ id: string }>(db, `user ${username}`, `SELECT id FROM users WHERE username = $1`, [
    username,
  ]);
  return id;
}

/** The first user by name holding `role`, if any. */
export async function firstUserWithRole(db: Db, role: string): Promise<string | undefined> {
  const found = await db.query<{ username: string }[]>(
    `SELECT username FROM users WHERE $1 = ANY(roles) ORDER BY username LIMIT 1`,
    [role],
  );
  return found[0]?.username;
}

/** The stored password hash of a user by login name. */
export async function passwordHashOf(db: Db, username: string): Promise<string> {
  const { hash } = await one<{ hash: string }>(
    db,
    `user ${username}`,
    `SELECT password_hash AS hash FROM users WHERE username = $1`,
    [username],
  );
  return hash;
}

/** Every stored queue-board pass, as stored. */
export async function queueBoardPasses(db: Db): Promise<{ token_hash: string }[]> {
  return db.query(`SELECT token_hash FROM queue_board_passes`);
}

/** The ids `sessionsDueForPurge` writes, for assertions on what the purge keeps. */
export const PURGE_SCENARIO = {
  userId: '22222222-2222-4222-8222-222222222222',
  liveSessionId: '33333333-3333-4333-8333-333333333333',
  liveTokenHash: 'b'.repeat(64),
} as const;

/**
 * A user (of a city of its own) with, as of April 2023: an expired refresh token, a live one of a
 * live session, a session ended months ago and an old session without any refresh token left.
 */
export async function sessionsDueForPurge(db: Db): Promise<void> {
  await db.query(`
    INSERT INTO units (id, code, name, short_name, kind, path)
      VALUES ('11111111-1111-4111-8111-111111111111', 'T', 'T', 'T', 'city', '/11111111-1111-4111-8111-111111111111/');
    INSERT INTO users (id, username, password_hash, display_name, unit_id, roles)
      VALUES ('22222222-2222-4222-8222-222222222222', 't', 'x', 't', '11111111-1111-4111-8111-111111111111', '{liaison}');
    INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at, created_at)
      VALUES ('22222222-2222-4222-8222-222222222222', gen_random_uuid(), repeat('a', 64), '2023-01-01', '2022-12-01'),
             ('22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333', repeat('b', 64), '2023-05-01', '2023-04-09');
    INSERT INTO sessions (id, user_id, created_at, revoked_at, revoked_reason) VALUES
      ('33333333-3333-4333-8333-333333333333', '22222222-2222-4222-8222-222222222222', '2023-04-09', NULL, NULL),
      ('44444444-4444-4444-8444-444444444444', '22222222-2222-4222-8222-222222222222', '2023-01-01', '2023-01-02', 'logout'),
      ('55555555-5555-4555-8555-555555555555', '22222222-2222-4222-8222-222222222222', '2022-12-01', NULL, NULL);`);
}

/** Every stored refresh token's hash. */
export async function refreshTokenHashes(db: Db): Promise<{ token_hash: string }[]> {
  return db.query(`SELECT token_hash FROM refresh_tokens`);
}

/** The sessions of a user, by id. */
export async function sessionsOf(db: Db, userId: string): Promise<{ id: string }[]> {
  return db.query(`SELECT id FROM sessions WHERE user_id = $1`, [userId]);
}

/** Links a user (by login name) to a contact, whose address their emails then go to. */
export async function linkUserToContact(db: Db, username: string, contactId: string): Promise<void> {
  await db.query(`UPDATE users SET contact_id = $2 WHERE username = $1`, [username, contactId]);
}

/** A user of the unit linked to a contact, bypassing the API (no usable password). */
export async function aLinkedUser(
  db: Db,
  user: { username: string; displayName: string; unitId: string; contactId: string; roles: string[] },
): Promise<void> {
  await db.query(
    `INSERT INTO users (username, password_hash, display_name, unit_id, contact_id, roles) VALUES ($1, 'x', $2, $3, $4, $5)`,
    [user.username, user.displayName, user.unitId, user.contactId, user.roles],
  );
}

/** A user's unit and roles, by login name. */
export async function unitAndRolesOf(db: Db, username: string): Promise<{ unit_id: string | null; roles: string[] }> {
  return one(db, `user ${username}`, `SELECT unit_id, roles FROM users WHERE username = $1`, [username]);
}

/** The city of a user's unit, by login name. */
export async function cityOfUser(db: Db, username: string): Promise<string> {
  const { city_id } = await one<{ city_id: string }>(
    db,
    `city of ${username}`,
    `SELECT u.city_id FROM users x JOIN units u ON u.id = x.unit_id WHERE x.username = $1`,
    [username],
  );
  return city_id;
}

/** Every user row. */
export async function userCount(db: Db): Promise<number> {
  return count(db, `SELECT count(*)::int AS n FROM users`);
}
