import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { requestContext } from '@app/common';
import { openTestDataSource, type TestDataSource } from '../../../test/setup/data-source.js';
import { AuditEntry } from './audit-entry.entity.js';
import { recordAudit } from './audit-record.js';

const entry = {
  at: new Date('2023-04-10T09:00:00+08:00'),
  actorUserId: null,
  actorName: '办公室',
  cityId: null,
  entity: 'imports',
  entityId: 'plan-1',
  action: 'import:tasks',
  before: null,
  after: { rows: 3 },
  reason: '补充任务',
};

describe('recordAudit (against PostgreSQL)', () => {
  let source: TestDataSource;

  beforeAll(async () => {
    source = await openTestDataSource([AuditEntry]);
  });
  afterAll(() => source.close());

  it('keeps the entry with the request it was made in', async () => {
    await requestContext.run({ requestId: 'req-42' }, () => recordAudit(source.db.manager, entry));
    const [stored] = await source.db.getRepository(AuditEntry).find({ where: { entityId: 'plan-1' } });
    expect(stored).toMatchObject({ ...entry, requestId: 'req-42' });
  });

  it('exists exactly when the caller’s transaction commits', async () => {
    await expect(
      source.db.transaction(async (m) => {
        await recordAudit(m, { ...entry, entityId: 'plan-2' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await source.db.getRepository(AuditEntry).countBy({ entityId: 'plan-2' })).toBe(0);
  });
});
