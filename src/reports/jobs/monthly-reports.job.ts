import { Injectable, Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobHandler, JobProcessor } from '../../jobs/job-handler';
import { JOB_NAMES } from '../../jobs/job-names';
import { previousMonth } from '../report-period';
import { ReportsService } from '../reports.service';

/** Scheduled on the 1st of each month (UTC): last month's report for every department and region with contracts. */
@Injectable()
@JobProcessor()
export class MonthlyReportsJob implements JobHandler<'report.monthly'> {
  readonly jobName = JOB_NAMES.monthlyReports;
  private readonly logger = new Logger('MonthlyReportsJob');

  constructor(private readonly reports: ReportsService) {}

  async handle(job: Job<Record<string, never>>): Promise<{ month: string; requested: number }> {
    const month = previousMonth(new Date(job.timestamp));
    const scopes = (await this.reports.ds.query(
      `SELECT DISTINCT 'department' AS kind, d.code FROM contracts c JOIN departments d ON d.code = c.execution_department_code
       UNION SELECT DISTINCT 'region', d.region_code FROM contracts c JOIN departments d ON d.code = c.execution_department_code WHERE d.region_code IS NOT NULL
       ORDER BY 1, 2`,
    )) as { kind: 'department' | 'region'; code: string }[];
    // Requesting is idempotent (same data → same report), so a re-run of this job adds nothing.
    for (const scope of scopes) await this.reports.request(scope, { month });
    this.logger.log(`Requested ${scopes.length} reports for ${month}`);
    return { month, requested: scopes.length };
  }
}
