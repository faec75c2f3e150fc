import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { QueueBoardPass, RefreshToken, User, UserSession } from '@app/identity';
import { one, type Db } from './sql.js';

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
