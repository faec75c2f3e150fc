import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aUser } from '../../../test/factories/identity.js';
import { openTestDataSource, type TestDataSource } from '../../../test/setup/data-source.js';
import { digestModeOf, setDigestMode } from './identity.queries.js';
import { User } from './user.entity.js';

const missing = '00000000-0000-4000-8000-000000000000';

describe('identity queries (against PostgreSQL)', () => {
  let source: TestDataSource;

  beforeAll(async () => {
    source = await openTestDataSource([User]);
  });
  afterAll(() => source.close());

  it('reads a user’s digest mode, and none for no such user', async () => {
    const m = source.db.manager;
    const user = await aUser(m, null, { digestMode: 'daily' });
    await aUser(m, null);
    expect(await digestModeOf(m, user.id)).toBe('daily');
    expect(await digestModeOf(m, missing)).toBeNull();
  });

  it('sets the mode of that user only; an unchanged mode writes nothing; no such user is null', async () => {
    const m = source.db.manager;
    const user = await aUser(m, null);
    const other = await aUser(m, null);
    const stored = () => m.getRepository(User).findOneByOrFail({ id: user.id });
    expect(await setDigestMode(m, user.id, 'daily')).toBe('daily');
    const changed = await stored();
    expect(changed.digestMode).toBe('daily');
    expect(changed.updatedAt.getTime()).toBeGreaterThan(user.updatedAt.getTime());
    expect(await digestModeOf(m, other.id)).toBe('immediate');

    expect(await setDigestMode(m, user.id, 'daily')).toBe('daily');
    expect((await stored()).updatedAt).toEqual(changed.updatedAt);
    expect(await setDigestMode(m, missing, 'daily')).toBeNull();
    expect(await digestModeOf(m, other.id)).toBe('immediate');
  });
});
