import { AppConfig } from '../config/app-config';

/**
 * Settings of the job system, read from the environment:
 * - QUEUE_PREFIX (default `clausier`): Redis key prefix; tests use their own so they never meet the dev server.
 * - REPORT_SCHEDULE_CRON (default `0 0 1 * *`, UTC): when last month's reports are requested; `off` disables it.
 * - HOUSEKEEPING_CRON (default `17 * * * *`, UTC, hourly): when expired idempotency keys and ended sessions
 *   are deleted (src/housekeeping); `off` disables it.
 * - RUN_WORKER_IN_API (default `true`): the API process also runs the workers (the single-machine default of
 *   `npm start`); set `false` when `npm run start:worker` runs them in their own process. Never in NODE_ENV=test,
 *   where tests start the workers they need themselves.
 */
export class JobsConfig {
  constructor(
    readonly queuePrefix: string,
    readonly reportScheduleCron: string | null,
    readonly runWorkersInApi: boolean,
    readonly housekeepingCron: string | null,
  ) {}

  static fromEnv(config: AppConfig, env: NodeJS.ProcessEnv = process.env): JobsConfig {
    const prefix = env.QUEUE_PREFIX?.trim() || 'clausier';
    if (!/^[\w.-]+$/.test(prefix)) throw new Error(`QUEUE_PREFIX: letters, digits, . _ - only (got "${prefix}")`);
    const runInApi = env.RUN_WORKER_IN_API !== 'false' && config.NODE_ENV !== 'test';
    return new JobsConfig(prefix, cronSetting(env, 'REPORT_SCHEDULE_CRON', '0 0 1 * *'), runInApi, cronSetting(env, 'HOUSEKEEPING_CRON', '17 * * * *'));
  }
}

/** A cron expression from the environment, its default when unset, null for `off`. */
function cronSetting(env: NodeJS.ProcessEnv, name: string, fallback: string): string | null {
  const cron = env[name]?.trim() || fallback;
  if (cron === 'off') return null;
  if (cron.split(/\s+/).length < 5) throw new Error(`${name}: a cron expression or "off" (got "${cron}")`);
  return cron;
}
