import bcrypt from 'bcryptjs';

const ROUNDS = 10;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, ROUNDS);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}

/** At least 8 characters with a letter and a digit; returns the reason when it is too weak. */
export function passwordWeakness(plain: string): string | null {
  if (plain.length < 8) return '密码至少 8 位';
  if (plain.length > 72) return '密码不能超过 72 位';
  if (!/[A-Za-z]/.test(plain) || !/\d/.test(plain)) return '密码须同时包含字母和数字';
  return null;
}
