import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { isRole } from '../access/actor';
import { actorIdentity, currentActor } from '../access/request-context';
import { named } from '../access/sql-binder';
import { reportVisibleSql } from '../access/visibility.sql';
import { BadInputError, ForbiddenError, NotFoundError, RuleViolationError, ServiceUnavailableError } from '../common/errors/domain-errors';
import { Page } from '../common/pagination/page';
import { inTransaction } from '../database/transaction';
import { ReportJobData, ReportScope } from '../jobs/job-names';
import { JobQueues } from '../jobs/job-queues';
import { dataWatermark } from './data-watermark';
import { ListReportsQuery } from './dto/list-reports.query';
import { PeriodInput, resolvePeriod } from './report-period';
import { Report, REPORT_FORMATS, ReportFormat } from './report.entity';
import { ReportStorage } from './storage/report-storage';

export interface RequestedReport {
  report: Report;
  /** false when the same scope and period on unchanged data already had a report. */
  created: boolean;
}

@Injectable()
export class ReportsService {
  private readonly logger = new Logger('ReportsService');

  constructor(
    @InjectDataSource() readonly ds: DataSource,
    private readonly queues: JobQueues,
    private readonly storage: ReportStorage,
  ) {}

  /** The departments a scope covers; 422 when the scope does not exist. */
  async departmentsOf(scope: ReportScope): Promise<string[]> {
    const rows = (await this.ds.query(
      scope.kind === 'department' ? `SELECT code FROM departments WHERE code = $1` : `SELECT code FROM departments WHERE region_code = $1 ORDER BY code`,
      [scope.code],
    )) as { code: string }[];
    if (!rows.length) {
      const rule = scope.kind === 'department' ? 'unknown_department' : 'unknown_region';
      throw new RuleViolationError(rule, `No ${scope.kind} with INSEE code ${scope.code}`, [{ field: 'scope.code', reason: `unknown ${scope.kind}` }]);
    }
    return rows.map((r) => r.code);
  }

  /**
   * Finds the report of this scope and period on the current data, or creates the next version and
   * queues its generation. Serialised per scope and period, so concurrent requests agree on one row.
   */
  async request(scope: ReportScope, periodInput: PeriodInput): Promise<RequestedReport> {
    const period = resolvePeriod(periodInput);
    // An unknown territory is a 422 naming it (territories are public); a known one outside the caller's is a 403.
    const departments = await this.departmentsOf(scope);
    checkRequester(scope);
    const { report, enqueue } = await inTransaction(this.ds, actorIdentity(), async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`report:${scope.kind}:${scope.code}:${period.from}:${period.to}`]);
      const watermark = await dataWatermark(m);
      const repo = m.getRepository(Report);
      const key = { scopeKind: scope.kind, scopeCode: scope.code, periodFrom: period.from, periodTo: period.to };
      const existing = await repo.findOneBy({ ...key, dataWatermark: watermark });
      if (existing && existing.status !== 'failed') return { report: existing, enqueue: false };
      // A new run needs the job queue: without Redis, 503 before anything is written (rolled back).
      await this.queues.ensureAvailable();
      if (existing) {
        // A failed report is worth another run on the same data: same row, a new run of its jobs.
        await repo.update(existing.id, { status: 'queued', progress: 0, error: null, requestedAt: () => 'now()' } as never);
        return { report: await repo.findOneByOrFail({ id: existing.id }), enqueue: true };
      }
      const [{ last }] = (await m.query(
        `SELECT coalesce(max(version), 0)::int AS last FROM reports WHERE scope_kind = $1 AND scope_code = $2 AND period_from = $3 AND period_to = $4`,
        [scope.kind, scope.code, period.from, period.to],
      )) as { last: number }[];
      return { report: await repo.save(repo.create({ ...key, dataWatermark: watermark, version: last + 1 })), enqueue: true };
    });
    if (enqueue) await this.enqueue(report, departments);
    return { report, created: enqueue };
  }

  private async enqueue(report: Report, departments: string[]): Promise<void> {
    const data: ReportJobData = {
      reportId: report.id,
      scope: { kind: report.scopeKind, code: report.scopeCode },
      period: { from: report.periodFrom, to: report.periodTo },
      dataWatermark: report.dataWatermark,
    };
    const run = report.requestedAt.getTime();
    try {
      if (report.scopeKind === 'department') await this.queues.enqueueDepartmentReport(data, run);
      else await this.queues.enqueueRegionReport(data, run, departments);
    } catch (e) {
      this.logger.error(`Queueing report ${report.id}: ${(e as Error).message}`);
      await this.ds.getRepository(Report).update(report.id, { status: 'failed', error: 'The job queue did not answer; request the report again' });
      throw new ServiceUnavailableError('queue_unavailable', 'The job queue (Redis) did not answer: request the report again in a moment');
    }
  }

  /** A report the caller may see, or 404. */
  async get(id: string): Promise<Report> {
    const report = await this.visible().andWhere('r.id = :id', { id }).getOne();
    if (!report) throw new NotFoundError('Report', id);
    return report;
  }

  async list(q: ListReportsQuery): Promise<Page<Report>> {
    const qb = this.visible();
    if (q.scopeKind) qb.andWhere('r.scope_kind = :kind', { kind: q.scopeKind });
    if (q.scopeCode) qb.andWhere('r.scope_code = :code', { code: q.scopeCode });
    if (q.status) qb.andWhere('r.status = :status', { status: q.status });
    const [items, total] = await qb.orderBy('r.requested_at', 'DESC').addOrderBy('r.id', 'ASC').skip(q.offset).take(q.pageSize).getManyAndCount();
    return Page.of(items, total, q);
  }

  private visible() {
    const qb = this.ds.getRepository(Report).createQueryBuilder('r');
    return qb.where(reportVisibleSql(currentActor(), 'r', named(qb)));
  }

  /** The file of a completed report; 404 before completion or for a format it lacks. */
  async file(id: string, format: string): Promise<{ report: Report; format: ReportFormat; stream: Readable }> {
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
      throw new BadInputError('bad_format', `Unknown format ${format}`, [{ field: 'format', reason: `must be one of ${REPORT_FORMATS.join(', ')}` }]);
    }
    const report = await this.get(id);
    const key = report.status === 'completed' ? report.files[format as ReportFormat] : undefined;
    const stream = key ? await this.storage.open(key) : null;
    if (!stream) throw new NotFoundError('Report file', `${id}/${format}`);
    return { report, format: format as ReportFormat, stream };
  }
}

/** Regional staff request reports of their region and its departments; facilitators of their departments. */
function checkRequester(scope: ReportScope): void {
  const actor = currentActor();
  if (actor.kind === 'system') return;
  const ownDepartment = scope.kind === 'department' && actor.departmentCodes.includes(scope.code);
  if (isRole(actor, 'regional_staff') && ((scope.kind === 'region' && scope.code === actor.regionCode) || ownDepartment)) return;
  if (isRole(actor, 'facilitator') && ownDepartment) return;
  const yours = actor.role === 'regional_staff' ? `region ${actor.regionCode} and its departments` : `departments (${actor.departmentCodes.join(', ')})`;
  throw new ForbiddenError(`You may request reports for your ${yours} only`, [{ field: 'scope', reason: `must be your ${yours}` }]);
}
