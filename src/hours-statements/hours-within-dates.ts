import { EntityManager } from 'typeorm';
import { hoursOutsideNewDates, MonthHoldingHours, monthOutsideSql } from './statement-rules';

/** New dates of an assignment or a contract. */
export interface NewDates {
  startDate: string;
  endDate: string | null;
}

const TABLES = { assignment: { table: 'assignments', column: 'assignment_id' }, contract: { table: 'contracts', column: 'contract_id' } } as const;

/**
 * Refuses (422) new dates of an assignment or a contract that would leave months holding hours wholly
 * outside them (DOMAIN rule 3); call it in the transaction that writes the dates, before writing them.
 *
 * It locks the assignment or contract FOR UPDATE first. Every write of a statement locks its assignment
 * and contract FOR KEY SHARE before comparing its month with their dates (the API's contextCtes, an
 * import's lockStatementDates), and the two locks conflict: a statement being written is waited for,
 * then read below (a later query, so a later snapshot); one written after these dates commit waits,
 * then compares its month with them. A month holding only 0 h (a statement corrected to 0 h) is free.
 */
export async function refuseHoursOutsideNewDates(m: EntityManager, what: keyof typeof TABLES, id: string, dates: NewDates): Promise<void> {
  const { table, column } = TABLES[what];
  await m.query(`SELECT 1 FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
  const held = (await m.query(
    `SELECT to_char(month, 'YYYY-MM') AS month, count(*)::int AS statements, coalesce(month > $3::date, false) AS "afterEnd"
       FROM hours_statements
      WHERE ${column} = $1 AND status IN ('declared', 'validated') AND hours_x100 > 0 AND ${monthOutsideSql('month', '$2::date', '$3::date')}
      GROUP BY month ORDER BY month`,
    [id, dates.startDate, dates.endDate],
  )) as MonthHoldingHours[];
  if (held.length) throw hoursOutsideNewDates(what, dates, held);
}
