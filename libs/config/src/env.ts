import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/**
 * SHA-256 of signing keys that were once published with the code (the old development default):
 * anyone can forge tokens with them, so a process refuses to start with one.
 */
const PUBLISHED_JWT_SECRETS = new Set(['4d42f5d21fc114cb6b9747b3a654ab81504a85019bae596f8006075079c95270']);

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Every setting the processes read, validated at start. Defaults suit a developer machine. */
export class AppEnv {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number = 3000;

  /**
   * How many API processes serve PORT (Node's cluster module: one primary forks them). Every
   * process keeps its sessions, lockouts, rate limits and schedules in PostgreSQL or Redis, so
   * any number of them, on one host or several, behave as one.
   */
  @IsInt()
  @Min(1)
  @Max(64)
  API_PROCESSES: number = 1;

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_URL: string = 'postgres://kechuang:kechuang@127.0.0.1:5432/kechuang';

  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// URL' })
  REDIS_URL: string = 'redis://127.0.0.1:6379/0';

  /**
   * How long a request or job waits for a row or table lock before giving up (PostgreSQL's
   * lock_timeout): the API then answers 503 with Retry-After instead of hanging behind it.
   */
  @IsInt()
  @Min(100)
  @Max(600_000)
  DB_LOCK_TIMEOUT_MS: number = 10_000;

  /** Prefix of every BullMQ key, so several deployments (or the test suite) can share one Redis. */
  @IsString()
  @MinLength(1)
  QUEUE_PREFIX: string = 'kc';

  /**
   * Key of the access tokens (HS256). No default: the API refuses to start without it (see
   * requireJwtSecret); the worker and the scripts neither sign nor verify tokens and do not need it.
   */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsInt()
  @Min(60)
  @Max(86400)
  JWT_ACCESS_TTL_SECONDS: number = 900;

  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TTL_DAYS: number = 14;

  @IsInt()
  @Min(1)
  @Max(100)
  LOGIN_MAX_FAILURES: number = 5;

  @IsInt()
  @Min(1)
  @Max(1440)
  LOGIN_LOCK_MINUTES: number = 15;

  @IsString()
  APP_TIMEZONE: string = 'Asia/Shanghai';

  /** Shifts the calendar date (time of day stays real): lets a demo live inside its plan year. */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  APP_TODAY?: string;

  /** Freezes the clock at an instant; used by tests that run the worker as its own process. */
  @IsOptional()
  @IsISO8601({ strict: true })
  APP_NOW?: string;

  @IsString()
  SMTP_HOST: string = '127.0.0.1';

  @IsInt()
  @Min(1)
  @Max(65535)
  SMTP_PORT: number = 1025;

  @IsString()
  MAIL_FROM: string = '科技创新赋能行动调度平台 <noreply@example.com>';

  /**
   * Where evidence bytes live: PostgreSQL (the default, nothing to install), an S3-compatible
   * object store, or one directory every process reaches (EVIDENCE_DIR, single-host setups).
   */
  @IsIn(['postgres', 's3', 'directory'])
  EVIDENCE_STORE: 'postgres' | 's3' | 'directory' = 'postgres';

  @IsString()
  EVIDENCE_DIR: string = './var/evidence';

  /** The object store's URL (MinIO, a cloud's S3-compatible service); required when EVIDENCE_STORE=s3. */
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'must be an http(s) URL' })
  EVIDENCE_S3_ENDPOINT?: string;

  @IsString()
  @MinLength(1)
  EVIDENCE_S3_REGION: string = 'us-east-1';

  @IsOptional()
  @IsString()
  EVIDENCE_S3_BUCKET?: string;

  @IsOptional()
  @IsString()
  EVIDENCE_S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  EVIDENCE_S3_SECRET_ACCESS_KEY?: string;

  /** Put before every key, so one bucket can hold several deployments (e.g. `kechuang/`). */
  @IsOptional()
  @IsString()
  EVIDENCE_S3_PREFIX?: string;

  /** The largest evidence file accepted, in bytes; refused while it streams in, before anything is kept. */
  @IsInt()
  @Min(1)
  @Max(2 * 1024 * 1024 * 1024)
  EVIDENCE_MAX_BYTES: number = 20 * 1024 * 1024;

  /** A TrueType/OpenType font with Chinese glyphs, embedded in PDF bulletins and reports. */
  @IsString()
  PDF_FONT_PATH: string = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

  @IsString()
  @MinLength(8, { message: 'must be at least 8 characters' })
  DEMO_PASSWORD: string = 'Demo@2023';

  /** Seals group-chat webhook URLs and secrets (libs/notifications/src/channels/channel-options.ts checks it). */
  @IsOptional()
  @IsString()
  CHANNEL_SECRET_KEY?: string;

  /** Sends group-chat webhooks to a local listener instead of the services; refused in production. */
  @IsOptional()
  @IsString()
  CHANNEL_WEBHOOK_REDIRECT?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @Matches(/^https?:\/\/.+/, { message: 'must be an http(s) URL' })
  PUBLIC_URL: string = 'http://localhost:3000';

  // Bounds on one uploaded spreadsheet (see libs/spreadsheets/src/limits.ts): the reader
  // stops at the first one passed and the import answers 413 naming it.
  @IsInt()
  @Min(1)
  @Max(10_000)
  SPREADSHEET_MAX_SHEETS: number = 64;

  @IsInt()
  @Min(1)
  @Max(1_048_576)
  SPREADSHEET_MAX_ROWS: number = 100_000;

  @IsInt()
  @Min(1)
  @Max(16_384)
  SPREADSHEET_MAX_COLUMNS: number = 256;

  /** Rows × columns of every sheet's filled area together (the grid is dense), plus merged ranges. */
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  SPREADSHEET_MAX_CELLS: number = 1_000_000;

  @IsInt()
  @Min(1)
  @Max(100_000_000)
  SPREADSHEET_MAX_SHARED_STRINGS: number = 500_000;

  @IsInt()
  @Min(1)
  @Max(10_000_000)
  SPREADSHEET_MAX_TEXT_LENGTH: number = 32_767;

  /** Megabytes inflated from the whole archive, counted while inflating. */
  @IsInt()
  @Min(1)
  @Max(100_000)
  SPREADSHEET_MAX_INFLATED_MB: number = 200;

  @IsInt()
  @Min(1)
  @Max(100_000)
  SPREADSHEET_MAX_ENTRY_INFLATED_MB: number = 100;

  @IsInt()
  @Min(2)
  @Max(100_000)
  SPREADSHEET_MAX_COMPRESSION_RATIO: number = 200;
}

export class InvalidEnvironmentError extends Error {}

const S3_SETTINGS = [
  'EVIDENCE_S3_ENDPOINT',
  'EVIDENCE_S3_BUCKET',
  'EVIDENCE_S3_ACCESS_KEY_ID',
  'EVIDENCE_S3_SECRET_ACCESS_KEY',
] as const;

/** The signing key, for the processes that sign or verify access tokens (the API). */
export function requireJwtSecret(env: AppEnv): string {
  if (!env.JWT_SECRET) {
    throw new InvalidEnvironmentError(
      'Invalid environment:\n  JWT_SECRET: required by the API, at least 32 random characters (`npm run demo` makes one for the demo)',
    );
  }
  return env.JWT_SECRET;
}

/** Parses and validates the environment; the message names every wrong variable. */
export function validateEnv(raw: Record<string, unknown>): AppEnv {
  const known = new AppEnv();
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(known)) {
    const value = raw[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const env = plainToInstance(AppEnv, picked, { enableImplicitConversion: true, exposeDefaultValues: true });
  const problems = validateSync(env, { skipMissingProperties: false }).map(
    (e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`,
  );
  if (!isTimeZone(env.APP_TIMEZONE)) problems.push(`APP_TIMEZONE: unknown time zone "${env.APP_TIMEZONE}"`);
  if (env.JWT_SECRET && PUBLISHED_JWT_SECRETS.has(createHash('sha256').update(env.JWT_SECRET).digest('hex'))) {
    problems.push('JWT_SECRET: is a published example key; generate a random one (at least 32 characters)');
  }
  if (env.EVIDENCE_STORE === 's3') {
    const missing = S3_SETTINGS.filter((key) => !env[key]);
    if (missing.length) problems.push(`${missing.join(', ')}: required when EVIDENCE_STORE=s3`);
  }
  if (problems.length > 0) {
    throw new InvalidEnvironmentError(`Invalid environment:\n  ${problems.join('\n  ')}`);
  }
  return env;
}
