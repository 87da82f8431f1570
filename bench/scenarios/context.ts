import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { ApiUser } from '../runner/api';
import type { ServiceProcess } from '../runner/service';

/** What every scenario gets: the service started on one data set, its users, and a plain connection for the references. */
export interface BenchContext {
  scale: number;
  /** The date the figures are asked at: the generator's calibration date, so every status is present. */
  at: string;
  pg: Pool;
  /** The service's own data source, for the report engine and for the writes that set data up. */
  ds: DataSource;
  baseUrl: string;
  regional: ApiUser;
  admin: ApiUser;
  facilitators: Map<string, ApiUser>;
  api: ServiceProcess;
  worker: ServiceProcess;
  /** Restarts the worker (a fresh process, so its peak memory belongs to the next job alone). */
  restartWorker(): Promise<ServiceProcess>;
  log(line: string): void;
}
