import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { JOB_HANDLERS, JobHandler } from '../jobs/job-handler';
import { JobQueues } from '../jobs/job-queues';
import { JobWorkers } from '../jobs/job-workers';
import { JobsConfig } from '../jobs/jobs-config';
import { DepartmentReportJob } from './jobs/department-report.job';
import { MonthlyReportsJob } from './jobs/monthly-reports.job';
import { RegionDepartmentFiguresJob } from './jobs/region-department-figures.job';
import { RegionReportJob } from './jobs/region-report.job';
import { ReportRunHooks } from './report-run-hooks';
import { ReportRunner } from './report-runner';
import { Report } from './report.entity';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { LocalDiskStorage } from './storage/local-disk-storage';
import { ReportStorage } from './storage/report-storage';

const HANDLERS = [DepartmentReportJob, RegionDepartmentFiguresJob, RegionReportJob, MonthlyReportsJob];

/**
 * Reports: the API to request and download them, and the jobs producing them. The same module runs in
 * the API (workers in-process unless RUN_WORKER_IN_API=false) and in the worker process (src/worker.ts).
 */
@Module({
  imports: [TypeOrmModule.forFeature([Report])],
  controllers: [ReportsController],
  providers: [
    { provide: JobsConfig, useFactory: (config: AppConfig) => JobsConfig.fromEnv(config), inject: [AppConfig] },
    {
      provide: ReportStorage,
      useFactory: (config: AppConfig) => new LocalDiskStorage(config.REPORTS_DIR || join(config.DATA_DIR, 'reports')),
      inject: [AppConfig],
    },
    JobQueues,
    JobWorkers,
    ReportRunHooks,
    ReportRunner,
    ReportsService,
    ...HANDLERS,
    { provide: JOB_HANDLERS, useFactory: (...handlers: JobHandler[]) => handlers, inject: HANDLERS },
  ],
  exports: [JobWorkers, JobQueues, ReportsService, ReportRunHooks, ReportStorage],
})
export class ReportsModule {}
