import { isUUID } from 'class-validator';

/**
 * The access token's contract: HS256 only, and every claim below required. `iss` is the
 * deployment's PUBLIC_URL and `aud` names this API, so a token minted for another service or
 * deployment that happens to share the key is still refused.
 */
export const ACCESS_TOKEN_ALGORITHM = 'HS256';
export const ACCESS_TOKEN_AUDIENCE = 'kechuang-api';

export interface AccessClaims {
  /** The user. */
  sub: string;
  /** The session (see UserSession), checked against PostgreSQL on every request. */
  sid: string;
  iat: number;
  exp: number;
}

/**
 * The claims of a token whose signature, `iss`, `aud` and `exp` were verified, when it carries
 * every claim we rely on; null otherwise (a signed token without `exp` would never expire).
 */
export function readAccessClaims(payload: unknown): AccessClaims | null {
  if (!payload || typeof payload !== 'object') return null;
  const { sub, sid, iat, exp } = payload as Record<string, unknown>;
  if (typeof sub !== 'string' || !isUUID(sub, 'loose')) return null;
  if (typeof sid !== 'string' || !isUUID(sid, 'loose')) return null;
  if (typeof iat !== 'number' || typeof exp !== 'number' || !Number.isFinite(exp) || exp <= iat) return null;
  return { sub, sid, iat, exp };
}
