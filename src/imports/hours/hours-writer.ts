import { EntityManager } from 'typeorm';
import { PERSON_MONTH_LOCK_CLASS, personMonthBucketSql } from '../../hours-statements/hours-statements.repository';

/**
 * Locks every person-month the import touches, in one sorted pass (the buckets the API takes in
 * openDeclaration and lockedAssignmentContext), so no statement typed meanwhile can slip past the legal cap the import checks.
 */
export async function lockPersonMonths(m: EntityManager, importId: string): Promise<void> {
  // Counted in the database: one row back, not one per person-month (~100,000 for the bench import).
  await m.query(
    `SELECT count(*) FROM (
       SELECT pg_advisory_xact_lock(${PERSON_MONTH_LOCK_CLASS}, bucket) FROM (
         SELECT DISTINCT ${personMonthBucketSql('person_key::text', 'month::text')} AS bucket
           FROM import_rows WHERE import_id = $1 AND sheet = 'heures' AND person_key IS NOT NULL ORDER BY 1) b) locked`,
    [importId],
  );
}

/**
 * Writes the accepted rows: new statements, and corrections that supersede the validated statement
 * they correct (never edited in place). Declared unless the file was marked validated; then a
 * corrected statement turns `superseded` first, since one validated statement per month may stand.
 */
export async function writeStatements(m: EntityManager, importId: string, markValidated: boolean): Promise<void> {
  if (markValidated) {
    // Validated hours lock their assignments against a change of eligibility (the pre-summed figures'
    // triggers): all of them first, in id order, before any totals row, as every writer does
    // (migration EligibilityAggregates), so a criterion written meanwhile queues instead of deadlocking.
    // Counted in the database: one row back, not one per assignment (the worker's memory is bounded).
    await m.query(
      `SELECT count(*) FROM (
         SELECT 1 FROM assignments WHERE id IN (SELECT assignment_id FROM import_rows WHERE import_id = $1 AND sheet = 'heures' AND outcome IN ('create', 'correct'))
          ORDER BY id FOR SHARE) locked`,
      [importId],
    );
    await m.query(
      `UPDATE hours_statements s SET status = 'superseded'
         FROM import_rows r WHERE r.import_id = $1 AND r.sheet = 'heures' AND r.outcome = 'correct' AND s.id = r.existing_id AND s.status = 'validated'`,
      [importId],
    );
  }
  // In assignment and month order, not the file's: three of the table's indexes and the assignment's
  // foreign key lead with assignment_id, so consecutive rows land on the same pages (the file's order
  // spreads each row over other pages).
  await m.query(
    `INSERT INTO hours_statements (assignment_id, contract_id, month, hours_x100, source, status, supersedes_id, decided_at)
     SELECT assignment_id, contract_id, month, hours_x100, source, $2, CASE WHEN outcome = 'correct' THEN existing_id END, CASE WHEN $2 = 'validated' THEN now() END
       FROM import_rows WHERE import_id = $1 AND sheet = 'heures' AND outcome IN ('create', 'correct') ORDER BY assignment_id, month`,
    [importId, markValidated ? 'validated' : 'declared'],
  );
}
