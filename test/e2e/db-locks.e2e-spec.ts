import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { lockRow, releaseLocks } from '../factories/faults.js';
import { unitStamp } from '../factories/organisation.js';
import { startApi, type TestApi } from '../setup/api.js';
import { unitByCode } from '../setup/lookups.js';

/**
 * A row held by another transaction (a long import, a stuck session) must not hang the office's
 * request: past DB_LOCK_TIMEOUT_MS the API answers 503 with Retry-After, changes nothing, and the
 * same request goes through once the lock is gone.
 */
describe('a request behind a database lock', () => {
  let api: TestApi;
  let holder: pg.Client;
  let unitId: string;

  beforeAll(async () => {
    api = await startApi({ env: { DB_LOCK_TIMEOUT_MS: '300' } });
    unitId = (await unitByCode(api.db, 'GZ-KJJ')).id;
    holder = new pg.Client({ connectionString: api.databaseUrl });
    await holder.connect();
  });
  afterAll(async () => {
    await holder.end();
    await api.close();
  });

  it('gets 503 with Retry-After in well under the default wait, and nothing changes', async () => {
    const office = await api.login('office');
    const [before] = await unitStamp(api.db, unitId);
    await lockRow(holder, 'units', unitId);
    try {
      const started = Date.now();
      const res = await api
        .http()
        .patch(`/api/units/${unitId}`)
        .set('Authorization', office)
        .send({ shortName: '科技局' });
      expect({ status: res.status, retryAfter: res.headers['retry-after'], body: res.body }).toEqual({
        status: 503,
        retryAfter: '5',
        body: { statusCode: 503, error: 'Service Unavailable', message: '系统繁忙，请稍后重试', details: [] },
      });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await releaseLocks(holder);
    }
    expect(await unitStamp(api.db, unitId)).toEqual([before]);
    const retried = await api
      .http()
      .patch(`/api/units/${unitId}`)
      .set('Authorization', office)
      .send({ shortName: '科技局' })
      .expect(200);
    expect(retried.body.shortName).toBe('科技局');
  });
});
