import { describe, expect, it } from '@jest/globals';
import { hashPassword, passwordWeakness, verifyPassword } from './password.js';

describe('password', () => {
  it.each([
    ['short1', '密码至少 8 位'],
    ['onlyletters', '密码须同时包含字母和数字'],
    ['12345678', '密码须同时包含字母和数字'],
    ['Good@2023', null],
  ])('judges %s', (plain, reason) => {
    expect(passwordWeakness(plain)).toBe(reason);
  });

  it('verifies what it hashed and nothing else', async () => {
    const hash = await hashPassword('Demo@2023');
    expect(await verifyPassword('Demo@2023', hash)).toBe(true);
    expect(await verifyPassword('demo@2023', hash)).toBe(false);
  });
});
