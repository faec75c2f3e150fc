import { describe, expect, it } from '@jest/globals';
import bcrypt from 'bcryptjs';
import { hashPassword, passwordProblem, verifyPassword } from './password.js';

describe('password rule', () => {
  const login = 'gz-kjj';

  const long = (n: number) => 'kqzvbwtrplm'.repeat(12).slice(0, n);

  it.each([
    ['Demo@2023', null],
    ['correct horse battery', null],
    // No composition rules: letters alone, digits alone or Chinese are fine when long and uncommon.
    ['kqzvbwtrplm', null],
    ['73915824601', null],
    ['科技创新赋能行动加油', null],
    [long(128), null],
    ['Short1!', '密码至少 8 位'],
    ['科技创新赋能行', '密码至少 8 位'],
    [long(129), '密码不能超过 128 位'],
    ['password1', '该密码过于常见，容易被猜中，请换一个'],
    ['PASSWORD1', '该密码过于常见，容易被猜中，请换一个'],
    ['12345678', '该密码过于常见，容易被猜中，请换一个'],
    ['Qwerty123', '该密码过于常见，容易被猜中，请换一个'],
    ['1qaz2wsx', '该密码过于常见，容易被猜中，请换一个'],
    ['woaini1314', '该密码过于常见，容易被猜中，请换一个'],
    ['gz-kjj', '密码至少 8 位'],
    ['gz-kjj2023', '密码不能包含用户名'],
    ['My-GZ-KJJ-pass', '密码不能包含用户名'],
  ])('judges %#: %s', (plain, reason) => {
    expect(passwordProblem(plain, { login })).toBe(reason);
  });

  it('refuses the current password as the new one', () => {
    expect(passwordProblem('Tracker#Spring', { login, current: 'Tracker#Spring' })).toBe('新密码不能与当前密码相同');
    expect(passwordProblem('Tracker#Summer', { login, current: 'Tracker#Spring' })).toBeNull();
  });

  it('counts characters, not bytes', () => {
    expect(passwordProblem('密'.repeat(128), { login })).toBeNull();
    expect(passwordProblem('密'.repeat(129), { login })).toBe('密码不能超过 128 位');
  });
});

describe('password hashing', () => {
  it('verifies what it hashed and nothing else', async () => {
    const hash = await hashPassword('Demo@2023');
    expect(await verifyPassword('Demo@2023', hash)).toBe(true);
    expect(await verifyPassword('demo@2023', hash)).toBe(false);
  });

  it('lets every character of a long password count (bcrypt alone reads 72 bytes)', async () => {
    const prefix = '科'.repeat(30); // 90 bytes
    const hash = await hashPassword(`${prefix}甲`);
    expect(await verifyPassword(`${prefix}甲`, hash)).toBe(true);
    expect(await verifyPassword(`${prefix}乙`, hash)).toBe(false);
  });

  it('still accepts a long password stored before long ones were pre-hashed', async () => {
    const plain = '科'.repeat(30);
    const legacy = await bcrypt.hash(plain, 4);
    expect(await verifyPassword(plain, legacy)).toBe(true);
  });
});
