import { Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { FinalFailureAware } from '../../jobs/job-workers';
import { JobHandler, JobProcessor } from '../../jobs/job-handler';
import { JOB_NAMES, ReportJobData } from '../../jobs/job-names';
import { reportEngine } from '../report-engine';
import { ReportRunner } from '../report-runner';

/** A departmental report: figures, then files. */
@Injectable()
@JobProcessor()
export class DepartmentReportJob implements JobHandler<'report.department'>, FinalFailureAware {
  readonly jobName = JOB_NAMES.departmentReport;

  constructor(private readonly runner: ReportRunner) {}

  async handle(job: Job<ReportJobData>): Promise<void> {
    const { reportId, scope, period, dataWatermark } = job.data;
    if (!(await this.runner.open(reportId))) return;
    await this.runner.progress(reportId, 10);
    const figures = await reportEngine.computeReportFigures(this.runner.ds, this.runner.config, scope, period, dataWatermark);
    await this.runner.progress(reportId, 60);
    await this.runner.renderAndComplete(reportId, figures);
  }

  async onFinalFailure(job: Job<ReportJobData>, error: Error): Promise<void> {
    await this.runner.fail(job.data.reportId, `Department ${job.data.scope.code}: ${error.message}`);
  }
}
