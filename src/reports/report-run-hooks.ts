import { Injectable } from '@nestjs/common';

/**
 * Points where a test can hold a run (e.g. to stop a worker mid-job). Empty in the application:
 * nothing sets them outside tests.
 */
@Injectable()
export class ReportRunHooks {
  beforeRender: ((reportId: string) => Promise<void>) | null = null;
}
