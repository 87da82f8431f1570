import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { StatementSource, StatementStatus } from './hours-statement.entity';
import { ListHoursStatementsQuery } from './dto/list-hours-statements.query';
import { monthStart } from '../common/units/calendar';
import { currentActor } from '../access/request-context';
import { positional } from '../access/sql-binder';
import { assignmentVisibleSql, statementVisibleSql } from '../access/visibility.sql';
import { preparedQuery } from '../database/prepared';
import { Signature, signatureSql } from '../database/transaction';
import { claimKeySql, IdempotencyKeyRef, storeAnswerSql } from '../common/idempotency/idempotency.sql';

/** What a statement is checked against: the assignment, its contract and the person behind it. */
export interface AssignmentContext {
  assignmentId: string;
  contractId: string;
  personKey: string;
  assignmentStart: string;
  assignmentEnd: string | null;
  contractStart: string;
  contractEnd: string;
}

/** The checks of a new statement: the assignment-month's live statements and the person's month for the cap. */
export interface MonthChecks {
  live: { id: string; status: StatementStatus; supersedesId: string | null }[];
  capTotalX100: number;
}

/** A statement to insert: a declaration, or the correction of the validated statement `supersedesId`. */
export interface NewStatement {
  assignmentId: string;
  contractId: string;
  month: string;
  hoursX100: number;
  source: StatementSource;
  supersedesId: string | null;
}

/** A statement as the API shows it, hours still in hundredths. */
export interface StatementRow {
  id: string;
  assignmentId: string;
  contractId: string;
  month: string;
  hoursX100: number;
  source: StatementSource;
  status: StatementStatus;
  rejectionReason: string | null;
  supersedesId: string | null;
  supersededById: string | null;
  declaredAt: Date;
  decidedAt: Date | null;
}

/**
 * The advisory lock of a person-month, as SQL: (class, bucket). A bounded number of buckets (1,024)
 * lets a bulk import lock every person-month it touches without exhausting PostgreSQL's lock table;
 * two person-months sharing a bucket only wait for each other. `month` is the first day, YYYY-MM-DD.
 */
export const PERSON_MONTH_LOCK_CLASS = 7312;
export const personMonthBucketSql = (personKey: string, month: string) => `(hashtextextended(${personKey} || ${month}, 0) & 1023)::int`;

/** Months go out as YYYY-MM and dates are formatted by SQL: no driver or server time zone can shift them. */
const VIEW_COLUMNS = `id, assignment_id AS "assignmentId", contract_id AS "contractId", to_char(month, 'YYYY-MM') AS month,
  hours_x100 AS "hoursX100", source, status, rejection_reason AS "rejectionReason", supersedes_id AS "supersedesId",
  declared_at AS "declaredAt", decided_at AS "decidedAt"`;
const VIEW = `
  SELECT ${VIEW_COLUMNS},
         (SELECT c.id FROM hours_statements c
           WHERE c.supersedes_id = s.id AND c.status IN ('validated', 'superseded')
           ORDER BY c.declared_at LIMIT 1) AS "supersededById"
    FROM hours_statements s`;

/**
 * The hours that count towards the legal cap for one statement row. While a correction awaits
 * validation, either the old or the corrected hours may end up standing (validate or reject), so
 * the larger of the two counts: the validated one in full, the pending correction for its excess.
 * Counting only the correction would free room that a rejection then takes back, past the cap.
 */
export const CAP_HOURS = `CASE WHEN s.status = 'declared' AND s.supersedes_id IS NOT NULL
   THEN GREATEST(0, s.hours_x100 - corrected.hours_x100) ELSE s.hours_x100 END`;

/** A declaration to insert, with its id and the person it counts for already known. */
export interface DeclaredStatement {
  id: string;
  assignmentId: string;
  contractId: string;
  personKey: string;
  month: string;
  hoursX100: number;
  source: StatementSource;
}

/** The answer of a claimed Idempotency-Key, as JSON text, stored with the write it answers. */
export interface StoredAnswer {
  key: IdempotencyKeyRef;
  statusCode: number;
  body: string;
}

export interface OpenedDeclaration {
  /** False when another request committed the Idempotency-Key: its answer is to be replayed. */
  claimed: boolean;
  /** The transaction's time: what declared_at defaults to. */
  now: Date;
  context: AssignmentContext | null;
}

type LockedContext = AssignmentContext & { locked: boolean };
/** A row of `(SELECT) one LEFT JOIN locked`: the context's columns are null when nothing was found or locked. */
type MaybeLockedContext = { [K in keyof LockedContext]: LockedContext[K] | null };

function contextOf(row: LockedContext | MaybeLockedContext): AssignmentContext {
  const { assignmentId, contractId, personKey, assignmentStart, assignmentEnd, contractStart, contractEnd } = row;
  return { assignmentId, contractId, personKey, assignmentStart, assignmentEnd, contractStart, contractEnd } as AssignmentContext;
}

/**
 * `ctx AS (...), locked AS (...)` for the assignment $1 and the month $2 (first day), its other
 * values appended to `params`. ctx locks the assignment and contract rows for key share first: moving
 * their dates locks them for update (refuseHoursOutsideNewDates), so it waits for the statements in
 * flight, and a statement written meanwhile waits for it, then reads the dates it set (PostgreSQL
 * re-reads a row it locks once its writer commits). Then `locked` takes the
 * person-month lock, which serialises every write touching one person's hours in one month (across
 * all the structures that registered them) until the transaction ends, so two statements cannot both
 * pass the cap. No row, and nothing locked, when the caller may not see the assignment or `lockWhen`
 * (SQL) is false. `lockWhen` must not name a column of ctx: PostgreSQL then evaluates it once, before
 * reading ctx, which is what puts openDeclaration's claim of the key before any lock.
 */
function contextCtes(params: unknown[], lockWhen = 'true'): string {
  const visible = assignmentVisibleSql(currentActor(), 'a', positional(params));
  return `ctx AS (
     SELECT a.id AS "assignmentId", a.contract_id AS "contractId", b.person_key AS "personKey",
            to_char(a.start_date, 'YYYY-MM-DD') AS "assignmentStart", to_char(a.end_date, 'YYYY-MM-DD') AS "assignmentEnd",
            to_char(c.start_date, 'YYYY-MM-DD') AS "contractStart", to_char(c.end_date, 'YYYY-MM-DD') AS "contractEnd"
       FROM assignments a
       JOIN beneficiaries b ON b.id = a.beneficiary_id
       JOIN contracts c ON c.id = a.contract_id
      WHERE a.id = $1 AND ${visible}
      FOR KEY SHARE OF a, c),
   locked AS (
     SELECT ctx.*, pg_advisory_xact_lock(${PERSON_MONTH_LOCK_CLASS}, ${personMonthBucketSql('ctx."personKey"::text', '$2::text')}) IS NULL AS locked
       FROM ctx WHERE ${lockWhen})`;
}

/**
 * `live, standing` CTEs: the assignment-month's declared or validated statements, and the hours that
 * stand for the person in the month (CAP_HOURS), leaving out the statement `excludeId` if not null.
 * The person key is cast to the column's type: compared as text, PostgreSQL cannot use its index and
 * reads every beneficiary, for every statement.
 */
function monthChecksSql(assignmentId: string, personKey: string, month: string, excludeId: string): string {
  return `live AS (
     SELECT l.id, l.status, l.supersedes_id FROM hours_statements l
      WHERE l.assignment_id = ${assignmentId}::uuid AND l.month = ${month}::date AND l.status IN ('declared', 'validated')),
   standing AS (
     SELECT COALESCE(SUM(${CAP_HOURS}), 0)::int AS total
       FROM hours_statements s
       JOIN assignments a ON a.id = s.assignment_id
       JOIN beneficiaries b ON b.id = a.beneficiary_id
       LEFT JOIN hours_statements corrected ON corrected.id = s.supersedes_id
      WHERE b.person_key = ${personKey}::char(64) AND s.month = ${month}::date AND s.status IN ('validated', 'declared')
        AND (${excludeId}::uuid IS NULL OR s.id <> ${excludeId}::uuid))`;
}

const LIVE_JSON = `coalesce(json_agg(json_build_object('id', live.id, 'status', live.status, 'supersedesId', live.supersedes_id)), '[]')`;

@Injectable()
export class HoursStatementsRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * The context of an assignment the caller may see, with its person-month locked; null (and nothing
   * locked) otherwise (contextCtes). The checks that follow must be a later statement: a statement's
   * snapshot is taken before its locks are granted. This and the next query run for every correction:
   * prepared once per connection.
   */
  async lockedAssignmentContext(m: EntityManager, assignmentId: string, month: string): Promise<AssignmentContext | null> {
    const params: unknown[] = [assignmentId, month];
    const [row] = await preparedQuery<LockedContext>(m, `WITH ${contextCtes(params)} SELECT * FROM locked`, params);
    return row ? contextOf(row) : null;
  }

  /**
   * The first query of a declaration, which is also the first of its transaction: signs it with
   * `signature` (the one given to inTransaction with signsItself), claims the Idempotency-Key, and
   * locks the assignment's context as lockedAssignmentContext does. One round trip where they took
   * three: each one costs CPU in the API and in PostgreSQL, which bounds the POST's rate on the
   * benchmark's machine (bench/README.md). The transaction must not have signed itself before
   * (inTransaction's signsItself). `claimed` is false when another request committed the key: the
   * caller replays its answer. `now` is the transaction's time, its statements' declaredAt.
   */
  async openDeclaration(m: EntityManager, signature: Signature, assignmentId: string, month: string, key: IdempotencyKeyRef | null): Promise<OpenedDeclaration> {
    const params: unknown[] = [assignmentId, month, signature, key?.scope ?? null, key?.key ?? null, key?.hash ?? null];
    const claimed = `($5::text IS NULL OR EXISTS (SELECT 1 FROM claim))`;
    const [row] = await preparedQuery<MaybeLockedContext & { signed: boolean; claimed: boolean; now: Date }>(
      m,
      // The claim is read before the lock is taken, as when they were two queries: a concurrent request
      // with the same key waits on the key alone, never holding the person-month lock the first one needs
      // (then reads the context in a snapshot taken before that wait; the assignment row is re-checked
      // when locked). `one LEFT JOIN locked` makes exactly one row, so the signature is always set,
      // on the replay and not-found paths too; `signed` is there to have it evaluated.
      `WITH claim AS (${claimKeySql('$4', '$5', '$6')}), ${contextCtes(params, claimed)}
       SELECT ${signatureSql('$3')} IS NOT NULL AS signed, ${claimed} AS claimed, now() AS now, locked.*
         FROM (SELECT) one LEFT JOIN locked ON true`,
      params,
    );
    return { claimed: row.claimed, now: row.now, context: row.assignmentId === null ? null : contextOf(row) };
  }

  /**
   * What a new statement of an assignment-month is checked against, in one read: its declared or
   * validated statements (at most one of each, by the unique indexes), and the person's hours in the
   * month for the cap, across all their assignments, optionally leaving one statement out.
   */
  async monthChecks(m: EntityManager, assignmentId: string, personKey: string, month: string, excludeId: string | null = null): Promise<MonthChecks> {
    const [row] = await preparedQuery<MonthChecks>(
      m,
      `WITH ${monthChecksSql('$1', '$2', '$3', '$4')} SELECT (SELECT ${LIVE_JSON} FROM live) AS live, (SELECT total FROM standing) AS "capTotalX100"`,
      [assignmentId, personKey, month, excludeId],
    );
    return row;
  }

  /**
   * Inserts a declaration if the month is still free for it, in one statement after the person-month
   * was locked (openDeclaration): no live statement for the assignment-month, and what stands for the
   * person in the month at most `maxStandingX100` (the cap less the new hours). With a key, stores
   * its answer in the same statement. Returns the checks as read, whether the statement was written
   * or not, so the caller can say which rule refused it.
   */
  async declareIfFree(m: EntityManager, s: DeclaredStatement, maxStandingX100: number, answer: StoredAnswer | null): Promise<MonthChecks & { written: boolean }> {
    const [row] = await preparedQuery<MonthChecks & { written: boolean }>(
      m,
      `WITH ${monthChecksSql('$2', '$7', '$4', 'NULL')},
       written AS (
         INSERT INTO hours_statements (id, assignment_id, contract_id, month, hours_x100, source)
         SELECT $1::uuid, $2::uuid, $3::uuid, $4::date, $5::int, $6::text
          WHERE NOT EXISTS (SELECT 1 FROM live) AND (SELECT total FROM standing) <= $8::int
         RETURNING id),
       answered AS (${storeAnswerSql('$9', '$10', '$11', '$12')} AND EXISTS (SELECT 1 FROM written) RETURNING key)
       SELECT (SELECT ${LIVE_JSON} FROM live) AS live, (SELECT total FROM standing) AS "capTotalX100", EXISTS (SELECT 1 FROM written) AS written`,
      [s.id, s.assignmentId, s.contractId, s.month, s.hoursX100, s.source, s.personKey, maxStandingX100,
        answer?.key.scope ?? null, answer?.key.key ?? null, answer?.statusCode ?? null, answer?.body ?? null],
    );
    return row;
  }

  /** Inserts a statement and returns it as findOne would (a new row has no correction yet). */
  async insert(m: EntityManager, s: NewStatement): Promise<StatementRow> {
    const [row] = await preparedQuery<StatementRow>(
      m,
      `INSERT INTO hours_statements (assignment_id, contract_id, month, hours_x100, source, supersedes_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING ${VIEW_COLUMNS}, NULL::uuid AS "supersededById"`,
      [s.assignmentId, s.contractId, s.month, s.hoursX100, s.source, s.supersedesId],
    );
    return row;
  }

  /** Locks a statement the caller may see, for a status change; null when there is none. */
  async lockStatement(m: EntityManager, id: string): Promise<{ id: string; status: StatementStatus; supersedesId: string | null } | null> {
    const params: unknown[] = [id];
    const visible = statementVisibleSql(currentActor(), 's', positional(params));
    const [row] = await m.query(`SELECT s.id, s.status, s.supersedes_id AS "supersedesId" FROM hours_statements s WHERE s.id = $1 AND ${visible} FOR UPDATE OF s`, params);
    return row ?? null;
  }

  /** A statement the caller may see; null otherwise. */
  async findOne(id: string, m: EntityManager = this.ds.manager): Promise<StatementRow | null> {
    const params: unknown[] = [id];
    const [row] = await m.query(`${VIEW} WHERE s.id = $1 AND ${statementVisibleSql(currentActor(), 's', positional(params))}`, params);
    return row ?? null;
  }

  /** Every statement connected to `id` by corrections, from the first declaration on, oldest first. */
  async history(id: string): Promise<StatementRow[]> {
    return this.ds.query(
      `WITH RECURSIVE up AS (
         SELECT id, supersedes_id FROM hours_statements WHERE id = $1
         UNION ALL
         SELECT h.id, h.supersedes_id FROM hours_statements h JOIN up ON h.id = up.supersedes_id
       ), down AS (
         SELECT id FROM up WHERE supersedes_id IS NULL
         UNION ALL
         SELECT h.id FROM hours_statements h JOIN down ON h.supersedes_id = down.id
       )
       ${VIEW} WHERE s.id IN (SELECT id FROM down) ORDER BY s.declared_at, s.id`,
      [id],
    );
  }

  async list(q: ListHoursStatementsQuery): Promise<{ rows: StatementRow[]; total: number }> {
    const params: unknown[] = [];
    const where: string[] = [statementVisibleSql(currentActor(), 's', positional(params))];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (q.contractId) add((p) => `s.contract_id = ${p}`, q.contractId);
    if (q.assignmentId) add((p) => `s.assignment_id = ${p}`, q.assignmentId);
    if (q.beneficiaryId) add((p) => `s.assignment_id IN (SELECT id FROM assignments WHERE beneficiary_id = ${p})`, q.beneficiaryId);
    if (q.status) add((p) => `s.status = ${p}`, q.status);
    if (q.from) add((p) => `s.month >= ${p}::date`, monthStart(q.from));
    if (q.to) add((p) => `s.month <= ${p}::date`, monthStart(q.to));
    const filter = `WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.ds.query(`SELECT count(*)::int AS total FROM hours_statements s ${filter}`, params);
    const rows = await this.ds.query(
      `${VIEW} ${filter} ORDER BY s.month, s.declared_at, s.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, q.offset],
    );
    return { rows, total };
  }
}
