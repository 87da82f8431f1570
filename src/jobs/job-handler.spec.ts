import { indexHandlers, JobHandler } from './job-handler';
import { ALL_JOB_NAMES, JobName } from './job-names';

const handler = (jobName: string): JobHandler => ({ jobName: jobName as JobName, handle: async () => undefined });

describe('indexHandlers (start-up check)', () => {
  it('accepts exactly one handler per job name', () => {
    expect([...indexHandlers(ALL_JOB_NAMES.map(handler)).keys()].sort()).toEqual([...ALL_JOB_NAMES].sort());
  });
  it('refuses a job name without a handler', () => {
    expect(() => indexHandlers(ALL_JOB_NAMES.slice(1).map(handler))).toThrow(`job "${ALL_JOB_NAMES[0]}" has no handler`);
  });
  it('refuses two handlers for one job name', () => {
    expect(() => indexHandlers([...ALL_JOB_NAMES.map(handler), handler(ALL_JOB_NAMES[0])])).toThrow('has two handlers');
  });
  it('refuses a handler for a job nobody enqueues', () => {
    expect(() => indexHandlers([...ALL_JOB_NAMES.map(handler), handler('report.typo')])).toThrow('unknown job "report.typo"');
  });
});
