import { Injectable } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { FinalFailureAware } from '../../jobs/job-workers';
import { JobHandler, JobProcessor } from '../../jobs/job-handler';
import { JOB_NAMES, RegionDepartmentJobData } from '../../jobs/job-names';
import { ReportFiguresData, reportEngine } from '../report-engine';
import { ReportRunner } from '../report-runner';

/** Child of a regional flow: one department's figures, handed to the parent as this job's return value. */
@Injectable()
@JobProcessor()
export class RegionDepartmentFiguresJob implements JobHandler<'report.region.department'>, FinalFailureAware {
  readonly jobName = JOB_NAMES.regionDepartmentFigures;

  constructor(private readonly runner: ReportRunner) {}

  async handle(job: Job<RegionDepartmentJobData>): Promise<ReportFiguresData | null> {
    const { reportId, scope, period, dataWatermark, departmentCode } = job.data;
    if (!(await this.runner.open(reportId))) return null;
    const [{ departments, inRegion }] = (await this.runner.ds.query(
      `SELECT count(*)::int AS departments, bool_or(code = $2) AS "inRegion" FROM departments WHERE region_code = $1`,
      [scope.code, departmentCode],
    )) as { departments: number; inRegion: boolean | null }[];
    if (!inRegion) throw new UnrecoverableError(`department ${departmentCode} is not a department of region ${scope.code}`);
    const figures = await reportEngine.computeReportFigures(this.runner.ds, this.runner.config, { kind: 'department', code: departmentCode }, period, dataWatermark);
    await this.runner.addProgress(reportId, Math.ceil(80 / departments));
    return figures;
  }

  /** The parent fails with this child (failParentOnFailure); the report says which department and why. */
  async onFinalFailure(job: Job<RegionDepartmentJobData>, error: Error): Promise<void> {
    await this.runner.fail(job.data.reportId, `Regional report ${job.data.scope.code} failed: department ${job.data.departmentCode}: ${error.message}`);
  }
}
