import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '../common/errors/domain-errors';
import { IdempotencyService, IdempotentResult } from '../common/idempotency/idempotency.service';
import { Page } from '../common/pagination/page';
import { monthStart } from '../common/units/calendar';
import { hoursToX100 } from '../common/units/hours';
import { inTransaction } from '../database/transaction';
import { actorIdentity } from '../access/request-context';
import { monthlyCapX100 } from '../compliance/rules/legal-cap';
import { CreateHoursStatementDto } from './dto/create-hours-statement.dto';
import { HoursStatementDetailResponse, HoursStatementResponse } from './dto/hours-statement.response';
import { ListHoursStatementsQuery } from './dto/list-hours-statements.query';
import { SupersedeHoursStatementDto } from './dto/supersede-hours-statement.dto';
import { StatementStatus } from './hours-statement.entity';
import { toResponse } from './hours-statement.view';
import { HoursStatementsRepository } from './hours-statements.repository';
import { assertMonthWithinDates, assertWithinLegalCap, correctionPending, statementExists } from './statement-rules';

export const CREATE_SCOPE = 'POST /hours-statements';
export const SUPERSEDE_SCOPE = 'POST /hours-statements/:id/supersede';

/** The hours statement workflow: declare, validate or reject, correct a validated one by superseding it. */
@Injectable()
export class HoursStatementsService {
  constructor(
    private readonly ds: DataSource,
    private readonly repo: HoursStatementsRepository,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * A new declared statement. Its transaction takes four round trips (BEGIN and COMMIT included),
   * where IdempotencyService.execute would take eight with a key: it signs, claims the key and locks in one query
   * (openDeclaration), then checks, inserts and stores the answer in another (declareIfFree). The
   * answer is known before the insert: the id is drawn here and declared_at is the transaction's time.
   */
  async declare(dto: CreateHoursStatementDto, idempotencyKey?: string): Promise<IdempotentResult<HoursStatementResponse>> {
    // Validated by the DTO decorators, so neither conversion can fail here.
    const month = monthStart(dto.month) as string;
    const hoursX100 = hoursToX100(dto.hours) as number;
    const payload = { assignmentId: dto.assignmentId, month: dto.month, hoursX100, source: dto.source };
    const key = this.idempotency.keyOf({ scope: CREATE_SCOPE, key: idempotencyKey, payload });
    const signature = actorIdentity();
    return inTransaction(this.ds, signature, async (m) => {
      const opened = await this.repo.openDeclaration(m, signature, dto.assignmentId, month, key);
      // Only a key can have been claimed by another request.
      if (key && !opened.claimed) return this.idempotency.replay<HoursStatementResponse>(m, key);
      const ctx = opened.context;
      if (!ctx) throw new NotFoundError('Assignment', dto.assignmentId);
      assertMonthWithinDates(month, ctx);
      const statement = { id: randomUUID(), assignmentId: ctx.assignmentId, contractId: ctx.contractId, personKey: ctx.personKey, month, hoursX100, source: dto.source };
      const body = toResponse({
        id: statement.id, assignmentId: ctx.assignmentId, contractId: ctx.contractId, month: dto.month, hoursX100, source: dto.source,
        status: 'declared', rejectionReason: null, supersedesId: null, supersededById: null, declaredAt: opened.now, decidedAt: null,
      });
      // Stored as the client receives it (dates as ISO strings), so a replay is byte-for-byte the same JSON.
      const answer = key && { key, statusCode: 201, body: JSON.stringify(body) };
      const checks = await this.repo.declareIfFree(m, statement, monthlyCapX100(month) - hoursX100, answer);
      if (!checks.written) {
        if (checks.live.length > 0) throw statementExists(checks.live, dto.month);
        assertWithinLegalCap(month, checks.capTotalX100, hoursX100);
        throw new Error(`Statement for ${dto.assignmentId} in ${dto.month} neither written nor refused by a rule`);
      }
      return { statusCode: 201, body, replayed: false };
    }, { signsItself: true });
  }

  /**
   * A correction of a validated statement: a new declared statement pointing at it. The old one keeps
   * counting until the correction is validated; for the cap the corrected hours replace the old ones.
   */
  async supersede(id: string, dto: SupersedeHoursStatementDto, idempotencyKey?: string): Promise<IdempotentResult<HoursStatementResponse>> {
    const hoursX100 = hoursToX100(dto.hours) as number;
    const payload = { statementId: id, hoursX100, source: dto.source, reason: dto.reason ?? null };
    return this.idempotency.execute({ scope: SUPERSEDE_SCOPE, key: idempotencyKey, payload }, 201, async (m) => {
      const locked = await this.repo.lockStatement(m, id);
      if (!locked) throw new NotFoundError('HoursStatement', id);
      if (locked.status !== 'validated') throw invalidTransition(id, locked.status, 'supersede', 'validated');
      const old = (await this.repo.findOne(id, m))!;
      const month = monthStart(old.month) as string;
      const ctx = (await this.repo.lockedAssignmentContext(m, old.assignmentId, month))!;
      // A correction is a new statement: refused for a month now wholly outside the dates (rule 3).
      assertMonthWithinDates(month, ctx);
      const { live, capTotalX100 } = await this.repo.monthChecks(m, old.assignmentId, ctx.personKey, month, id);
      const pending = live.find((s) => s.status === 'declared');
      if (pending) throw correctionPending(pending.id);
      assertWithinLegalCap(month, capTotalX100, hoursX100);
      return toResponse(await this.repo.insert(m, { assignmentId: old.assignmentId, contractId: old.contractId, month, hoursX100, source: dto.source, supersedesId: id }));
    });
  }

  async validate(id: string): Promise<HoursStatementResponse> {
    return inTransaction(this.ds, actorIdentity(), async (m) => {
      const s = await this.declaredStatement(m, id, 'validate');
      if (s.supersedesId) {
        // The old statement leaves `validated` before the correction enters it: the partial unique
        // index allows one validated statement per assignment-month at every moment.
        const [, replaced] = await m.query(
          `UPDATE hours_statements SET status = 'superseded' WHERE id = $1 AND status = 'validated'`,
          [s.supersedesId],
        );
        if (replaced !== 1) throw new ConflictError('invalid_transition', `The statement ${s.supersedesId} this one corrects is no longer validated`);
      }
      await m.query(`UPDATE hours_statements SET status = 'validated', decided_at = now() WHERE id = $1`, [id]);
      return toResponse((await this.repo.findOne(id, m))!);
    });
  }

  async reject(id: string, reason: string): Promise<HoursStatementResponse> {
    return inTransaction(this.ds, actorIdentity(), async (m) => {
      await this.declaredStatement(m, id, 'reject');
      await m.query(`UPDATE hours_statements SET status = 'rejected', rejection_reason = $2, decided_at = now() WHERE id = $1`, [id, reason.trim()]);
      return toResponse((await this.repo.findOne(id, m))!);
    });
  }

  async findOne(id: string): Promise<HoursStatementDetailResponse> {
    const row = await this.repo.findOne(id);
    if (!row) throw new NotFoundError('HoursStatement', id);
    const history = await this.repo.history(id);
    return { ...toResponse(row), history: history.map(toResponse) };
  }

  async list(q: ListHoursStatementsQuery): Promise<Page<HoursStatementResponse>> {
    const { rows, total } = await this.repo.list(q);
    return Page.of(rows.map(toResponse), total, q);
  }

  private async declaredStatement(m: EntityManager, id: string, action: string) {
    const s = await this.repo.lockStatement(m, id);
    if (!s) throw new NotFoundError('HoursStatement', id);
    if (s.status !== 'declared') throw invalidTransition(id, s.status, action, 'declared');
    return s;
  }
}

function invalidTransition(id: string, status: StatementStatus, action: string, from: StatementStatus): ConflictError {
  return new ConflictError('invalid_transition', `Cannot ${action} statement ${id}: it is ${status}, only a ${from} statement can be`, [], { status });
}
