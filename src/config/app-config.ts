import 'reflect-metadata';
import { inspect } from 'node:util';
import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { publicDefaultKeys, redacted, Sensitive } from './sensitive';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/**
 * Every environment variable the service reads, validated once at start-up.
 * A bad value stops the process with one line per variable, instead of failing later mid-request.
 * Settings marked @Sensitive() are never printed: the instance redacts itself when logged or serialised.
 */
export class AppConfig {
  /** Runtime mode; `production` refuses the development defaults of secrets. */
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  /** HTTP port of the API. */
  @Transform(toInt) @IsInt() @Min(1) @Max(65535)
  PORT = 3000;

  /** PostgreSQL connection string. Unset: the local server on 127.0.0.1:5432, else an embedded one. */
  @Sensitive() @IsOptional() @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** Redis connection string for the job queues (may carry a password). */
  @Sensitive() @Matches(/^rediss?:\/\//, { message: 'must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Connections per process; API and worker each hold their own pool. */
  @Transform(toInt) @IsInt() @Min(1) @Max(100)
  DB_POOL_SIZE = 10;

  /** Longest a single SQL statement may run before PostgreSQL cancels it. */
  @Transform(toInt) @IsInt() @Min(100)
  DB_STATEMENT_TIMEOUT_MS = 30_000;

  /** `auto`: embedded PostgreSQL only when no server answers; `never`: fail instead. */
  @IsIn(['auto', 'never'])
  EMBEDDED_POSTGRES: 'auto' | 'never' = 'auto';

  /** Load the Île-de-France demo data set when the database is empty. */
  @IsIn(['true', 'false'])
  DEMO_DATA: 'true' | 'false' = 'true';

  /** Reference yearly hours of one full-time equivalent (DOMAIN rule 9). */
  @Transform(toInt) @IsInt() @Min(1)
  FTE_REFERENCE_HOURS = 1607;

  /**
   * Server secret for the beneficiaries' pseudonymous key (HMAC). Changing it splits every person
   * in two, so it is set once per installation.
   */
  @Sensitive({ publicDefault: true }) @IsString() @MinLength(16)
  PSEUDONYM_SECRET = 'development-only-pseudonym-secret';

  /** Directory for files the service writes (embedded database, reports). */
  @IsString()
  DATA_DIR = '.data';

  /** Directory of the rendered report files; empty: `${DATA_DIR}/reports`. */
  @IsString()
  REPORTS_DIR = '';

  /** Directory of uploaded import files while they are processed; empty: `${DATA_DIR}/imports`. */
  @IsString()
  IMPORTS_DIR = '';

  /** Largest file a facilitator may upload for import, in megabytes. */
  @Transform(toInt) @IsInt() @Min(1) @Max(1024)
  IMPORT_MAX_MB = 50;

  /** Days an uploaded file waits for its import to be confirmed; then the housekeeping job deletes it and the import expires. */
  @Transform(toInt) @IsInt() @Min(1) @Max(365)
  IMPORT_RETENTION_DAYS = 7;

  /** Signs the access tokens (HMAC-SHA256); changing it signs everyone out. */
  @Sensitive({ publicDefault: true }) @IsString() @MinLength(32)
  AUTH_TOKEN_SECRET = 'development-only-auth-token-secret-0123456789';

  /** Lifetime of an access token; the refresh token renews it. */
  @Transform(toInt) @IsInt() @Min(30) @Max(86_400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  /** A session not refreshed for this many days ends. */
  @Transform(toInt) @IsInt() @Min(1) @Max(365)
  SESSION_IDLE_DAYS = 30;

  /**
   * How long an Idempotency-Key is remembered: a retry within this many hours returns the first answer;
   * the housekeeping job (HOUSEKEEPING_CRON) deletes older keys, so the table stays the size of a day's writes.
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(8_760)
  IDEMPOTENCY_KEY_RETENTION_HOURS = 24;

  /** Days a session is kept after it ended (signed out, revoked or expired), then deleted by the housekeeping job. */
  @Transform(toInt) @IsInt() @Min(1) @Max(3_650)
  ENDED_SESSION_RETENTION_DAYS = 30;

  /**
   * AES-256-GCM key of the beneficiaries' identity at rest: 32 bytes, base64.
   * Losing it loses every identity (the figures stay: they never need it).
   */
  @Sensitive({ publicDefault: true }) @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be 32 bytes in base64 (openssl rand -base64 32)' })
  IDENTITY_ENCRYPTION_KEY = 'ZGV2ZWxvcG1lbnQtb25seS1pZGVudGl0eS1rZXkhISE=';

  /** Requests per minute per signed-in user (or per address when anonymous), on every route. */
  @Transform(toInt) @IsInt() @Min(1)
  RATE_LIMIT_PER_MINUTE = 1200;

  /** Login attempts per minute per address (failed attempts also lock the account for a while). */
  @Transform(toInt) @IsInt() @Min(1)
  LOGIN_RATE_LIMIT_PER_MINUTE = 20;

  /** Origins allowed to call the API from a browser, comma-separated; empty: CORS closed. */
  @IsString()
  CORS_ORIGINS = '';

  /** The built web application (`npm run build` writes it), served at `/`; relative to the working directory. */
  @IsString()
  WEB_DIR = 'dist/web';

  /** What JSON.stringify prints. */
  toJSON(): Record<string, unknown> {
    return redacted(this);
  }

  /** What console.log, util.inspect and the Nest logger print. */
  [inspect.custom](depth: number, options: object): string {
    return `AppConfig ${inspect(redacted(this), options)}`;
  }
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw = Object.fromEntries(Object.entries(env).filter(([k, v]) => known.includes(k) && v !== undefined));
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  // The reasons are the constraints' messages, which never quote the value (app-config.spec checks it for each sensitive setting).
  const problems = validateSync(config, { skipMissingProperties: false }).flatMap((e) =>
    Object.values(e.constraints ?? {}).map((reason) => `${e.property}: ${reason}`),
  );
  const defaults = new AppConfig();
  for (const key of publicDefaultKeys(config)) {
    const setting = key as keyof AppConfig;
    if (config.NODE_ENV === 'production' && config[setting] === defaults[setting]) problems.push(`${key}: must be set in production (the development default is public)`);
  }
  if (problems.length) {
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return config;
}
