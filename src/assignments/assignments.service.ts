import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { actorIdentity, currentActor } from '../access/request-context';
import { positional } from '../access/sql-binder';
import { assignmentVisibleSql, beneficiaryVisibleSql, contractVisibleSql } from '../access/visibility.sql';
import { BadInputError, NotFoundError, RuleViolationError } from '../common/errors/domain-errors';
import { refuseHoursOutsideNewDates } from '../hours-statements/hours-within-dates';
import { Page } from '../common/pagination/page';
import { hoursToX100 } from '../common/units/hours';
import { inTransaction } from '../database/transaction';
import { Organisation } from '../organisations/organisation.entity';
import { Assignment } from './assignment.entity';
import { AssignmentRow, AssignmentView } from './assignment.view';
import { CreateAssignmentDto } from './dto/create-assignment.dto';
import { ListAssignmentsQuery } from './dto/list-assignments.query';
import { OutcomeDto } from './dto/outcome.dto';
import { UpdateAssignmentDto } from './dto/update-assignment.dto';
import { eligibleAssignmentSql, eligibleCriteriaSql } from './eligibility.sql';

// Dates as text: node-pg would turn a date into a local-midnight Date and shift it by the server's zone.
const ASSIGNMENT_SELECT = `
  SELECT a.id, a.beneficiary_id, a.contract_id, a.employer_id, a.modality, a.start_date::text AS start_date, a.end_date::text AS end_date,
         a.rome_code, a.planned_weekly_hours_x100, a.exit_outcome, a.outcome_after_six_months, a.created_at,
         ${eligibleAssignmentSql('a')} AS eligible, ${eligibleCriteriaSql('a')} AS eligible_criteria
  FROM assignments a`;

const weeklyX100 = (v: number | string | null | undefined) => (v === undefined ? undefined : v === null ? null : hoursToX100(v));
const unknownRef = (field: string, what: string, id: string) =>
  new RuleViolationError('unknown_reference', `${what} ${id} does not exist`, [{ field, reason: `no such ${what}` }]);

@Injectable()
export class AssignmentsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Accepted even when the person has no valid criterion: the assignment is then flagged, not refused (rule 5). */
  async create(dto: CreateAssignmentDto): Promise<AssignmentView> {
    const actor = currentActor();
    const id = await inTransaction(this.ds, actorIdentity(), async (m) => {
      // The person and the contract must be ones the caller sees; others are reported as unknown, never confirmed.
      const bp: unknown[] = [dto.beneficiaryId];
      const [person] = await m.query(`SELECT 1 FROM beneficiaries b WHERE b.id = $1 AND ${beneficiaryVisibleSql(actor, 'b', positional(bp))}`, bp);
      if (!person) throw unknownRef('beneficiaryId', 'beneficiary', dto.beneficiaryId);
      // Share-lock the contract so its dates cannot change between the check and the insert.
      const cp: unknown[] = [dto.contractId];
      const [contract] = (await m.query(
        `SELECT to_char(c.start_date, 'YYYY-MM-DD') AS "startDate", to_char(c.end_date, 'YYYY-MM-DD') AS "endDate"
           FROM contracts c WHERE c.id = $1 AND ${contractVisibleSql(actor, 'c', positional(cp))} FOR SHARE OF c`,
        cp,
      )) as { startDate: string; endDate: string }[];
      if (!contract) throw unknownRef('contractId', 'contract', dto.contractId);
      await this.requireCompany(m, dto.employerId);
      if (dto.startDate < contract.startDate || dto.startDate > contract.endDate) {
        throw new RuleViolationError(
          'assignment_outside_contract',
          `the start date ${dto.startDate} is outside the contract's dates ${contract.startDate} – ${contract.endDate}`,
          [{ field: 'startDate', reason: `must fall between ${contract.startDate} and ${contract.endDate}` }],
          { contractStartDate: contract.startDate, contractEndDate: contract.endDate },
        );
      }
      const repo = m.getRepository(Assignment);
      const saved = await repo.save(
        repo.create({
          beneficiaryId: dto.beneficiaryId, contractId: dto.contractId, employerId: dto.employerId, modality: dto.modality,
          startDate: dto.startDate, endDate: dto.endDate ?? null, romeCode: dto.romeCode ?? null,
          plannedWeeklyHoursX100: weeklyX100(dto.plannedWeeklyHours) ?? null,
        }),
      );
      return saved.id;
    });
    return this.get(id);
  }

  async list(q: ListAssignmentsQuery): Promise<Page<AssignmentView>> {
    const params: unknown[] = [];
    const bind = positional(params);
    const where: string[] = [assignmentVisibleSql(currentActor(), 'a', bind)];
    if (q.contractId) where.push(`a.contract_id = ${bind(q.contractId)}`);
    if (q.beneficiaryId) where.push(`a.beneficiary_id = ${bind(q.beneficiaryId)}`);
    if (q.employerId) where.push(`a.employer_id = ${bind(q.employerId)}`);
    if (q.modality) where.push(`a.modality = ${bind(q.modality)}`);
    if (q.eligible !== undefined) where.push(q.eligible ? eligibleAssignmentSql('a') : `NOT ${eligibleAssignmentSql('a')}`);
    if (q.activeOn) {
      const d = bind(q.activeOn);
      where.push(`a.start_date <= ${d}::date AND (a.end_date IS NULL OR a.end_date >= ${d}::date)`);
    }
    const whereSql = `WHERE ${where.join(' AND ')}`;
    const [{ total }] = (await this.ds.query(`SELECT count(*)::int AS total FROM assignments a ${whereSql}`, params)) as { total: number }[];
    const rows = (await this.ds.query(
      `${ASSIGNMENT_SELECT} ${whereSql} ORDER BY a.start_date, a.created_at, a.id LIMIT ${bind(q.pageSize)} OFFSET ${bind(q.offset)}`,
      params,
    )) as AssignmentRow[];
    return Page.of(rows.map(AssignmentView.of), total, q);
  }

  /** An assignment the caller may see, or 404. */
  async get(id: string): Promise<AssignmentView> {
    const params: unknown[] = [id];
    const [row] = (await this.ds.query(`${ASSIGNMENT_SELECT} WHERE a.id = $1 AND ${assignmentVisibleSql(currentActor(), 'a', positional(params))}`, params)) as AssignmentRow[];
    if (!row) throw new NotFoundError('Assignment', id);
    return AssignmentView.of(row);
  }

  async update(id: string, dto: UpdateAssignmentDto): Promise<AssignmentView> {
    await this.get(id);
    await inTransaction(this.ds, actorIdentity(), async (m) => {
      const repo = m.getRepository(Assignment);
      const current = await repo.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw new NotFoundError('Assignment', id);
      if (dto.endDate && dto.endDate < current.startDate) {
        throw new BadInputError('invalid_input', `endDate: must be on or after the start date ${current.startDate}`, [
          { field: 'endDate', reason: `must be on or after startDate (${current.startDate})` },
        ]);
      }
      if (dto.endDate !== undefined) await refuseHoursOutsideNewDates(m, 'assignment', id, { startDate: current.startDate, endDate: dto.endDate });
      const patch: Partial<Assignment> = {};
      if (dto.endDate !== undefined) patch.endDate = dto.endDate;
      if (dto.romeCode !== undefined) patch.romeCode = dto.romeCode;
      if (dto.plannedWeeklyHours !== undefined) patch.plannedWeeklyHoursX100 = weeklyX100(dto.plannedWeeklyHours);
      if (Object.keys(patch).length) await repo.update({ id }, patch);
    });
    return this.get(id);
  }

  async recordOutcome(id: string, dto: OutcomeDto): Promise<AssignmentView> {
    await this.get(id);
    await inTransaction(this.ds, actorIdentity(), (m) =>
      m.getRepository(Assignment).update({ id }, { exitOutcome: dto.exitOutcome ?? null, outcomeAfterSixMonths: dto.outcomeAfterSixMonths ?? null }),
    );
    return this.get(id);
  }

  private async requireCompany(m: EntityManager, orgId: string): Promise<void> {
    const org = await m.getRepository(Organisation).findOneBy({ id: orgId });
    if (!org) throw unknownRef('employerId', 'organisation', orgId);
    if (org.kind !== 'company') {
      throw new RuleViolationError('employer_not_company', 'the employer must be a company', [{ field: 'employerId', reason: `is a ${org.kind}, not a company` }]);
    }
  }
}
