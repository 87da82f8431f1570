import { Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { FinalFailureAware } from '../../jobs/job-workers';
import { JobHandler, JobProcessor } from '../../jobs/job-handler';
import { JOB_NAMES, ReportJobData } from '../../jobs/job-names';
import { ReportFiguresData, reportEngine } from '../report-engine';
import { ReportRunner } from '../report-runner';

/** Parent of a regional flow: runs once every department child has returned its figures. */
@Injectable()
@JobProcessor()
export class RegionReportJob implements JobHandler<'report.region'>, FinalFailureAware {
  readonly jobName = JOB_NAMES.regionReport;

  constructor(private readonly runner: ReportRunner) {}

  async handle(job: Job<ReportJobData>): Promise<void> {
    const { reportId, scope, period, dataWatermark } = job.data;
    if (!(await this.runner.open(reportId))) return;
    const values = (await job.getChildrenValues()) as Record<string, ReportFiguresData | null>;
    // Children's keys end with their department code: sort so the consolidation sees departments in order.
    const departmentResults = Object.keys(values).sort().map((k) => values[k]).filter((v): v is ReportFiguresData => v !== null);
    const figures = await reportEngine.consolidateRegion(this.runner.ds, this.runner.config, scope.code, period, departmentResults, dataWatermark);
    await this.runner.progress(reportId, 92);
    await this.runner.renderAndComplete(reportId, figures);
  }

  async onFinalFailure(job: Job<ReportJobData>, error: Error): Promise<void> {
    await this.runner.fail(job.data.reportId, `Regional report ${job.data.scope.code}: ${error.message}`);
  }
}

