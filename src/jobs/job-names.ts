/** Every queue and job of the service, named once. Payloads carry what a handler needs to run alone. */
export const REPORTS_QUEUE = 'reports';
/** Bulk imports: long, database-heavy, one at a time per worker. */
export const IMPORTS_QUEUE = 'imports';
export const QUEUES = [REPORTS_QUEUE, IMPORTS_QUEUE] as const;
export type QueueName = (typeof QUEUES)[number];

export const JOB_NAMES = {
  /** Figures and files of one departmental report. */
  departmentReport: 'report.department',
  /** Child of a regional flow: the figures of one department of the region, returned to the parent. */
  regionDepartmentFigures: 'report.region.department',
  /** Parent of a regional flow: consolidates its children's figures and renders the files. */
  regionReport: 'report.region',
  /** Scheduled: requests last month's reports for every scope that has contracts. */
  monthlyReports: 'report.monthly',
  /** Dry run of an uploaded file: what would be created, changed, refused. Writes nothing. */
  importAnalyse: 'import.analyse',
  /** The confirmed import: checks every row again and writes, in one transaction. */
  importApply: 'import.apply',
  /** Scheduled: forgets what the service keeps only for a while (idempotency keys, ended sessions). */
  housekeeping: 'housekeeping.purge',
} as const;
export type JobName = (typeof JOB_NAMES)[keyof typeof JOB_NAMES];
export const ALL_JOB_NAMES: readonly JobName[] = Object.values(JOB_NAMES);

export interface ReportScope {
  kind: 'department' | 'region';
  code: string;
}
/** ISO dates, both included. */
export interface ReportPeriod {
  from: string;
  to: string;
}

export interface ReportJobData {
  reportId: string;
  scope: ReportScope;
  period: ReportPeriod;
  dataWatermark: string;
}

export interface RegionDepartmentJobData extends ReportJobData {
  /** The department computed by this child; `scope` is the region of the parent report. */
  departmentCode: string;
}

/** An import acts for the user who uploaded it (the tenant): the job reloads their scope when it runs. */
export interface ImportJobData {
  importId: string;
  userId: string;
  /** Which confirmation this application answers (a refused import may be confirmed again). */
  run: string;
}

export interface JobPayloads {
  'report.department': ReportJobData;
  'report.region.department': RegionDepartmentJobData;
  'report.region': ReportJobData;
  'report.monthly': Record<string, never>;
  'import.analyse': ImportJobData;
  'import.apply': ImportJobData;
  'housekeeping.purge': Record<string, never>;
}

/** The queue each job runs on. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  'report.department': REPORTS_QUEUE,
  'report.region.department': REPORTS_QUEUE,
  'report.region': REPORTS_QUEUE,
  'report.monthly': REPORTS_QUEUE,
  'import.analyse': IMPORTS_QUEUE,
  'import.apply': IMPORTS_QUEUE,
  // A few short deletes: not worth a queue (and a Redis connection per worker) of its own.
  'housekeeping.purge': REPORTS_QUEUE,
};

/**
 * Deterministic ids: adding a job that already exists is a no-op, so a repeated request never duplicates
 * work. `run` changes only when a failed report is requested again. (BullMQ refuses ':' in custom ids.)
 */
export const jobIds = {
  report: (reportId: string, run: number) => `report.${reportId}.run.${run}`,
  regionDepartment: (reportId: string, run: number, departmentCode: string) => `report.${reportId}.run.${run}.dept.${departmentCode}`,
  monthlyScheduler: 'report-monthly-scheduler',
  housekeepingScheduler: 'housekeeping-scheduler',
  /** One analysis and one application per import: a repeated confirm adds nothing. */
  importAnalyse: (importId: string) => `import.${importId}.analyse`,
  importApply: (importId: string, run: string) => `import.${importId}.apply.${run}`,
};
