import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aQueueBoardPass, aRefreshToken, aSession, aUser } from '../../../test/factories/identity.js';
import { openTestDataSource, type TestDataSource } from '../../../test/setup/data-source.js';
import { QueueBoardPass } from './queue-board-pass.entity.js';
import { RefreshToken } from './refresh-token.entity.js';
import { purgeSessions } from './session-purge.js';
import { UserSession } from './user-session.entity.js';
import { User } from './user.entity.js';

const day = 86_400_000;
const cutoff = new Date('2023-06-01T00:00:00+08:00');
const before = new Date(cutoff.getTime() - day);
const after = new Date(cutoff.getTime() + day);

describe('purgeSessions (against PostgreSQL)', () => {
  let source: TestDataSource;

  beforeAll(async () => {
    source = await openTestDataSource([User, UserSession, RefreshToken, QueueBoardPass]);
  });
  afterAll(() => source.close());

  it('removes what is dead since the cutoff and keeps everything still usable; a second run removes nothing', async () => {
    const m = source.db.manager;
    const user = await aUser(m, null);
    const live = await aSession(m, user, { createdAt: before });
    const liveToken = await aRefreshToken(m, live, { expiresAt: after });
    const expiredToken = await aRefreshToken(m, live, { expiresAt: before });
    const revokedToken = await aRefreshToken(m, live, { revokedAt: before });
    const ended = await aSession(m, user, { revokedAt: before, revokedReason: 'logout' });
    const orphan = await aSession(m, user, { createdAt: before });
    const young = await aSession(m, user, { createdAt: after });
    const oldPass = await aQueueBoardPass(m, live, before);
    const pass = await aQueueBoardPass(m, live, after);

    expect(await purgeSessions(m, cutoff)).toBe(4);
    const ids = async (entity: typeof RefreshToken | typeof UserSession | typeof QueueBoardPass) =>
      (await m.getRepository(entity).find()).map((x) => x.id).sort();
    expect(await ids(RefreshToken)).toEqual([liveToken.id]);
    expect(await ids(UserSession)).toEqual([live.id, young.id].sort());
    expect(await ids(QueueBoardPass)).toEqual([pass.id]);
    expect([expiredToken.id, revokedToken.id, ended.id, orphan.id, oldPass.id]).toHaveLength(5);
    expect(await purgeSessions(m, cutoff)).toBe(0);
  });
});
