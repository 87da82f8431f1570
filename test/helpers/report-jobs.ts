import { existsSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { JobQueues } from '../../src/jobs/job-queues';
import { JobWorkers, RunningWorker } from '../../src/jobs/job-workers';
import { startTestApp, TestApp } from './app';

/** The figures and renderers are built separately; tests that need finished reports run once they exist. */
export const reportEngineReady = ['src/reports/figures/compute-report-figures.ts', 'src/reports/render/index.ts'].every((f) => existsSync(join(__dirname, '../..', f)));

export interface ReportTestApp extends TestApp {
  reportsDir: string;
  importsDir: string;
  queues: JobQueues;
  workers: JobWorkers;
  startWorker: (overrides?: Parameters<JobWorkers['createWorker']>[0], queue?: Parameters<JobWorkers['createWorker']>[1]) => RunningWorker;
}

/**
 * The test app with its own queue prefix (never meets the dev server or another test file) and its
 * own reports and imports directories. Workers are started by the test; everything is closed and
 * wiped in close().
 */
export async function startReportTestApp(env: Record<string, string> = {}): Promise<ReportTestApp> {
  process.env.QUEUE_PREFIX = `clausier-test-${process.pid}-${randomBytes(4).toString('hex')}`;
  process.env.REPORT_SCHEDULE_CRON = 'off';
  const reportsDir = mkdtempSync(join(tmpdir(), 'clausier-reports-'));
  const importsDir = mkdtempSync(join(tmpdir(), 'clausier-imports-'));
  const t = await startTestApp({ REPORTS_DIR: reportsDir, IMPORTS_DIR: importsDir, ...env });
  const queues = t.app.get(JobQueues);
  const workers = t.app.get(JobWorkers);
  const started: RunningWorker[] = [];
  return {
    ...t,
    reportsDir,
    importsDir,
    queues,
    workers,
    startWorker: (overrides, queue) => {
      const w = workers.createWorker(overrides, queue);
      started.push(w);
      return w;
    },
    close: async () => {
      for (const w of started) await w.close();
      await wipeQueues(queues);
      await t.close();
      rmSync(reportsDir, { recursive: true, force: true });
      rmSync(importsDir, { recursive: true, force: true });
    },
  };
}

/**
 * Removes every key of the app's queues from Redis: the app's workers make each queue's keys, even
 * those of a queue the test never uses, and Redis outlives the test run. Job schedulers go first: with
 * one left (and its next job waiting), obliterate did not return within the hook's 30 s.
 */
export async function wipeQueues(queues: JobQueues): Promise<void> {
  for (const queue of [queues.reportsQueue, queues.importsQueue]) {
    for (const scheduler of await queue.getJobSchedulers()) await queue.removeJobScheduler(scheduler.key);
    await queue.obliterate({ force: true });
  }
}

/** Polls until `check` returns a value (bounded): jobs run asynchronously. */
export async function eventually<T>(check: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
