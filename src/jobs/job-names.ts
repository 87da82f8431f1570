/** Every queue and job of the service, named once. Payloads carry what a handler needs to run alone. */
export const REPORTS_QUEUE = 'reports';

export const JOB_NAMES = {
  /** Figures and files of one departmental report. */
  departmentReport: 'report.department',
  /** Child of a regional flow: the figures of one department of the region, returned to the parent. */
  regionDepartmentFigures: 'report.region.department',
  /** Parent of a regional flow: consolidates its children's figures and renders the files. */
  regionReport: 'report.region',
  /** Scheduled: requests last month's reports for every scope that has contracts. */
  monthlyReports: 'report.monthly',
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

export interface JobPayloads {
  'report.department': ReportJobData;
  'report.region.department': RegionDepartmentJobData;
  'report.region': ReportJobData;
  'report.monthly': Record<string, never>;
}

/**
 * Deterministic ids: adding a job that already exists is a no-op, so a repeated request never duplicates
 * work. `run` changes only when a failed report is requested again. (BullMQ refuses ':' in custom ids.)
 */
export const jobIds = {
  report: (reportId: string, run: number) => `report.${reportId}.run.${run}`,
  regionDepartment: (reportId: string, run: number, departmentCode: string) => `report.${reportId}.run.${run}.dept.${departmentCode}`,
  monthlyScheduler: 'report-monthly-scheduler',
};
