import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
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
    {
      provide: ReportStorage,
      useFactory: (config: AppConfig) => new LocalDiskStorage(config.REPORTS_DIR || join(config.DATA_DIR, 'reports')),
      inject: [AppConfig],
    },
    ReportRunHooks,
    ReportRunner,
    ReportsService,
    ...HANDLERS,
  ],
  exports: [ReportsService, ReportRunHooks, ReportStorage],
})
export class ReportsModule {}
