import { describe, expect, it } from '@jest/globals';
import { contactRecipient, inboxKey, messageIdFor, notificationKey, userRecipient } from './keys.js';

describe('idempotency keys', () => {
  const parts = { kind: 'reminder', periodId: 'p1', unitId: 'u1', recipient: contactRecipient('c1'), offset: 'D-3' };

  it('name period, unit, recipient, kind and offset', () => {
    expect(notificationKey(parts)).toBe('reminder|p1|u1|c:c1|D-3');
    expect(notificationKey({ kind: 'digest', recipient: userRecipient('u9'), offset: '2023-04-10' })).toBe(
      'digest|-|-|u:u9|2023-04-10',
    );
  });

  it.each([
    ['offset', { offset: 'D-1' }],
    ['kind', { kind: 'escalation' }],
    ['recipient', { recipient: contactRecipient('c2') }],
    ['unit', { unitId: 'u2' }],
    ['period', { periodId: 'p2' }],
  ])('differ when the %s differs', (_, change) => {
    expect(notificationKey({ ...parts, ...change })).not.toBe(notificationKey(parts));
  });

  it('give the inbox its own key', () => {
    expect(inboxKey({ ...parts, recipient: userRecipient('x') })).toBe('inbox|reminder|p1|u1|u:x|D-3');
  });

  it('refuse keys over the column width', () => {
    expect(() => notificationKey({ ...parts, offset: 'x'.repeat(300) })).toThrow(RangeError);
  });
});

describe('messageIdFor', () => {
  it('is the SHA-256 of the key, the same every time', () => {
    const id = messageIdFor('reminder|p1|u1|c:c1|D-3');
    expect(id).toMatch(/^<[0-9a-f]{64}@kechuang>$/);
    expect(messageIdFor('reminder|p1|u1|c:c1|D-3')).toBe(id);
    expect(messageIdFor('reminder|p1|u1|c:c1|D-1')).not.toBe(id);
    expect(messageIdFor('abc')).toBe('<ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad@kechuang>');
  });
});
