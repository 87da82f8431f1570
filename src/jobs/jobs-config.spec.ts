import { AppConfig } from '../config/app-config';
import { JobsConfig } from './jobs-config';

describe('JobsConfig.fromEnv', () => {
  const config = Object.assign(new AppConfig(), { NODE_ENV: 'development' as const });

  it('schedules the monthly reports and the hourly housekeeping by default', () => {
    const jobs = JobsConfig.fromEnv(config, {});
    expect(jobs.reportScheduleCron).toBe('0 0 1 * *');
    expect(jobs.housekeepingCron).toBe('17 * * * *');
  });

  it('takes a cron of the operator, and "off" for no schedule', () => {
    const jobs = JobsConfig.fromEnv(config, { HOUSEKEEPING_CRON: '*/10 * * * *', REPORT_SCHEDULE_CRON: 'off' });
    expect(jobs.housekeepingCron).toBe('*/10 * * * *');
    expect(jobs.reportScheduleCron).toBeNull();
    expect(JobsConfig.fromEnv(config, { HOUSEKEEPING_CRON: 'off' }).housekeepingCron).toBeNull();
  });

  it('refuses at start-up what is not a cron expression, naming the variable', () => {
    expect(() => JobsConfig.fromEnv(config, { HOUSEKEEPING_CRON: 'hourly' })).toThrow('HOUSEKEEPING_CRON: a cron expression or "off" (got "hourly")');
  });
});
