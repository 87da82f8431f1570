import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job, UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { runWithActor } from '../../access/request-context';
import { loadUserActor } from '../../auth/actor-row';
import { JobHandler, JobProcessor } from '../../jobs/job-handler';
import { ImportJobData, JOB_NAMES } from '../../jobs/job-names';
import { FinalFailureAware } from '../../jobs/job-workers';
import { msg } from '../../common/messages';
import { ImportPipeline } from '../import-pipeline';

/** Runs `work` as the user who uploaded the file: their scope, and their name in the audit log. */
async function asUploader(ds: DataSource, job: Job<ImportJobData>, work: () => Promise<void>): Promise<void> {
  const actor = await loadUserActor(ds, job.data.userId);
  if (!actor) throw new UnrecoverableError('The account that uploaded the file is disabled or gone');
  await runWithActor(actor, work);
}

@Injectable()
@JobProcessor()
export class AnalyseImportJob implements JobHandler<'import.analyse'>, FinalFailureAware {
  readonly jobName = JOB_NAMES.importAnalyse;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly pipeline: ImportPipeline,
  ) {}

  handle(job: Job<ImportJobData>): Promise<void> {
    return asUploader(this.ds, job, () => this.pipeline.analyse(job.data.importId));
  }

  async onFinalFailure(job: Job<ImportJobData>, error: Error): Promise<void> {
    await this.pipeline.giveUp(job.data.importId, msg('import.analysis_failed', { detail: error.message.slice(0, 1000) }));
  }
}

@Injectable()
@JobProcessor()
export class ApplyImportJob implements JobHandler<'import.apply'>, FinalFailureAware {
  readonly jobName = JOB_NAMES.importApply;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly pipeline: ImportPipeline,
  ) {}

  handle(job: Job<ImportJobData>): Promise<void> {
    return asUploader(this.ds, job, () => this.pipeline.apply(job.data.importId));
  }

  async onFinalFailure(job: Job<ImportJobData>, error: Error): Promise<void> {
    await this.pipeline.giveUp(job.data.importId, msg('import.apply_failed', { detail: error.message.slice(0, 1000) }));
  }
}
