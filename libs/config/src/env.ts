import 'reflect-metadata';
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

const DEV_JWT_SECRET = 'local-development-secret-change-me-0123456789';

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

  @IsInt() @Min(1) @Max(65535)
  PORT: number = 3000;

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_URL: string = 'postgres://kechuang:kechuang@127.0.0.1:5432/kechuang';

  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// URL' })
  REDIS_URL: string = 'redis://127.0.0.1:6379/0';

  /** Prefix of every BullMQ key, so several deployments (or the test suite) can share one Redis. */
  @IsString() @MinLength(1)
  QUEUE_PREFIX: string = 'kc';

  @IsString() @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET = DEV_JWT_SECRET;

  @IsInt() @Min(60) @Max(86400)
  JWT_ACCESS_TTL_SECONDS: number = 900;

  @IsInt() @Min(1) @Max(365)
  REFRESH_TTL_DAYS: number = 14;

  @IsInt() @Min(1) @Max(100)
  LOGIN_MAX_FAILURES: number = 5;

  @IsInt() @Min(1) @Max(1440)
  LOGIN_LOCK_MINUTES: number = 15;

  @IsString()
  APP_TIMEZONE: string = 'Asia/Shanghai';

  /** Shifts the calendar date (time of day stays real): lets a demo live inside its plan year. */
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  APP_TODAY?: string;

  /** Freezes the clock at an instant; used by tests that run the worker as its own process. */
  @IsOptional() @IsISO8601({ strict: true })
  APP_NOW?: string;

  @IsString()
  SMTP_HOST: string = '127.0.0.1';

  @IsInt() @Min(1) @Max(65535)
  SMTP_PORT: number = 1025;

  @IsString()
  MAIL_FROM: string = '科技创新赋能行动调度平台 <noreply@example.com>';

  @IsString()
  EVIDENCE_DIR: string = './var/evidence';

  /** A TrueType/OpenType font with Chinese glyphs, embedded in PDF bulletins and reports. */
  @IsString()
  PDF_FONT_PATH: string = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

  @IsString() @MinLength(8, { message: 'must be at least 8 characters' })
  DEMO_PASSWORD: string = 'Demo@2023';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @Matches(/^https?:\/\/.+/, { message: 'must be an http(s) URL' })
  PUBLIC_URL: string = 'http://localhost:3000';
}

export class InvalidEnvironmentError extends Error {}

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
  if (env.NODE_ENV === 'production' && env.JWT_SECRET === DEV_JWT_SECRET) {
    problems.push('JWT_SECRET: must be set in production');
  }
  if (problems.length > 0) {
    throw new InvalidEnvironmentError(`Invalid environment:\n  ${problems.join('\n  ')}`);
  }
  return env;
}
