import { SetMetadata } from '@nestjs/common';
import { Job } from 'bullmq';
import { ALL_JOB_NAMES, JobName, JobPayloads } from './job-names';

/** One class per job; the worker dispatches to it by job name. */
export interface JobHandler<N extends JobName = JobName> {
  readonly jobName: N;
  handle(job: Job<JobPayloads[N]>): Promise<unknown>;
}

export const JOB_PROCESSOR = 'clausier:job-processor';

/** Marks a provider as the handler of a job: the workers find it at start-up, wherever its module is. */
export const JobProcessor = () => SetMetadata(JOB_PROCESSOR, true);

/**
 * Indexes the handlers by job name; refuses to start unless every job name has exactly one handler,
 * so a job can never sit in the queue with nobody to run it, nor be run by the wrong one.
 */
export function indexHandlers(handlers: readonly JobHandler[]): Map<JobName, JobHandler> {
  const problems: string[] = [];
  const byName = new Map<JobName, JobHandler>();
  for (const h of handlers) {
    if (!ALL_JOB_NAMES.includes(h.jobName)) problems.push(`handler ${h.constructor.name} for unknown job "${h.jobName}"`);
    else if (byName.has(h.jobName)) problems.push(`job "${h.jobName}" has two handlers: ${byName.get(h.jobName)!.constructor.name} and ${h.constructor.name}`);
    else byName.set(h.jobName, h);
  }
  for (const name of ALL_JOB_NAMES) if (!byName.has(name)) problems.push(`job "${name}" has no handler`);
  if (problems.length) throw new Error(`Job handlers: ${problems.join('; ')}`);
  return byName;
}
