import { EntityManager } from 'typeorm';
import { RuleViolationError } from '../../common/errors/domain-errors';
import { type Message, messageOf } from '../../common/messages';
import { CAP_HOURS } from '../../hours-statements/hours-statements.repository';
import { assertWithinLegalCap } from '../../hours-statements/statement-rules';
import { setReasons } from './hours-checks';

/** Rows read per query: the pass keeps one page and one person-month's running total in memory. */
const PAGE = 5_000;

interface Candidate {
  line: number;
  person_key: string;
  month: string;
  outcome: 'create' | 'correct';
  hours_x100: number;
  existing_hours_x100: number | null;
}

/**
 * DOMAIN rule 4 over a whole file: the rows are taken in file order within each person and month,
 * as if typed one after the other, each checked against what stands in the database plus the rows
 * accepted before it — exactly the API's check, with the API's message. `markValidated`: a
 * correction replaces the old hours at once; otherwise, while pending, the larger of the two counts.
 */
export async function legalCapPass(m: EntityManager, importId: string, markValidated: boolean, column: string): Promise<void> {
  // One sorted read through a cursor of the transaction: a page at a time in memory.
  await m.query(
    `DECLARE cap_rows NO SCROLL CURSOR FOR
       SELECT line, person_key, month::text AS month, outcome, hours_x100, existing_hours_x100 FROM import_rows
        WHERE import_id = $1 AND sheet = 'heures' AND outcome IN ('create', 'correct') ORDER BY person_key, month, line`,
    [importId],
  );
  let group = '';
  let running = 0;
  for (;;) {
    const page = (await m.query(`FETCH ${PAGE} FROM cap_rows`)) as Candidate[];
    if (!page.length) break;
    const totals = await standingTotals(m, page);
    const refused: { line: number; reason: Message }[] = [];
    for (const row of page) {
      const key = `${row.person_key}|${row.month}`;
      if (key !== group) {
        group = key;
        running = totals.get(key) ?? 0;
      }
      // The API's check: what stands for the person, without the statement being corrected, plus these hours.
      const current = row.outcome === 'correct' ? running - row.existing_hours_x100! : running;
      try {
        if (row.hours_x100 > (row.existing_hours_x100 ?? 0)) assertWithinLegalCap(row.month, current, row.hours_x100);
      } catch (e) {
        if (!(e instanceof RuleViolationError)) throw e;
        refused.push({ line: row.line, reason: messageOf(e) });
        continue;
      }
      running += row.outcome === 'create' ? row.hours_x100 : markValidated ? row.hours_x100 - row.existing_hours_x100! : Math.max(0, row.hours_x100 - row.existing_hours_x100!);
    }
    if (refused.length) {
      await m.query(`UPDATE import_rows SET outcome = 'refused', error_code = 'legal_monthly_cap' WHERE import_id = $1 AND sheet = 'heures' AND line = ANY($2::int[])`, [importId, refused.map((r) => r.line)]);
      await setReasons(m, importId, refused.map((r) => r.line), refused.map((r) => r.reason), column);
    }
  }
  await m.query(`CLOSE cap_rows`);
}

/**
 * What counts for the cap today (validated and pending, as the API counts it) for the person-months of a page.
 * The keys are passed as char(64), the column's type: as text, PostgreSQL compared them as text and
 * could not use the person_key index (a sequential read of every beneficiary for each page).
 */
async function standingTotals(m: EntityManager, page: Candidate[]): Promise<Map<string, number>> {
  const pairs = [...new Set(page.map((r) => `${r.person_key}|${r.month}`))].map((k) => k.split('|'));
  const rows = (await m.query(
    `SELECT pm.person_key, pm.month::text AS month, COALESCE(SUM(${CAP_HOURS}), 0)::int AS total
       FROM unnest($1::char(64)[], $2::date[]) AS pm(person_key, month)
       JOIN beneficiaries b ON b.person_key = pm.person_key
       JOIN assignments a ON a.beneficiary_id = b.id
       JOIN hours_statements s ON s.assignment_id = a.id AND s.month = pm.month AND s.status IN ('validated', 'declared')
       LEFT JOIN hours_statements corrected ON corrected.id = s.supersedes_id
      GROUP BY 1, 2`,
    [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
  )) as { person_key: string; month: string; total: number }[];
  return new Map(rows.map((r) => [`${r.person_key}|${r.month}`, r.total]));
}
