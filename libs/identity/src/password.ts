import { createHash } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { commonPasswords } from './common-passwords.js';

const ROUNDS = 10;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** bcrypt reads at most this many bytes of its input and silently ignores the rest. */
const BCRYPT_MAX_BYTES = 72;

const COMMON = commonPasswords(PASSWORD_MIN_LENGTH);

/**
 * What bcrypt is given: the password itself while it fits in bcrypt's 72 bytes (so every stored
 * hash stays valid), otherwise its SHA-256, so that each of up to 128 characters (Chinese ones
 * take three bytes) still counts.
 */
function bcryptInput(plain: string): string {
  if (Buffer.byteLength(plain, 'utf8') <= BCRYPT_MAX_BYTES) return plain;
  return `sha256:${createHash('sha256').update(plain, 'utf8').digest('base64')}`;
}

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(bcryptInput(plain), ROUNDS);
}

export async function verifyPassword(plain: string, hash: string): Promise<boolean> {
  const input = bcryptInput(plain);
  if (await bcrypt.compare(input, hash)) return true;
  // A long password set before long ones were pre-hashed was stored as bcrypt truncated it.
  return input !== plain && bcrypt.compare(plain, hash);
}

export interface PasswordContext {
  /** The account's login name; a password containing it is refused. */
  login: string;
  /** The password being replaced, as the user typed it (change of one's own password). */
  current?: string;
}

/**
 * NIST SP 800-63B: length and a list of passwords known to be guessed first, no composition rules.
 * Returns the reason (shown to the user) when the password is refused, null when it is acceptable.
 */
export function passwordProblem(plain: string, context: PasswordContext): string | null {
  const length = [...plain].length;
  if (length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位`;
  if (length > PASSWORD_MAX_LENGTH) return `密码不能超过 ${PASSWORD_MAX_LENGTH} 位`;
  const lower = plain.toLowerCase();
  if (context.login && lower.includes(context.login.toLowerCase())) return '密码不能包含用户名';
  if (context.current !== undefined && plain === context.current) return '新密码不能与当前密码相同';
  if (COMMON.has(lower)) return '该密码过于常见，容易被猜中，请换一个';
  return null;
}
