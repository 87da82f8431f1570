import { EntityManager } from 'typeorm';
import { REPORT_FIGURES_VERSION } from './figures/report-figures';

/**
 * The state of every input of the figures, as one hash computed in the database. Equal watermarks
 * mean a report would come out the same; any new statement, decision, payment or edit changes it.
 *
 * It hashes the change counters the DataChanges migration keeps on each input table (statements,
 * payments, contracts and their clauses, people, criteria, assignments, contract hours and invoices):
 * any committed write adds to them. A load that bypasses triggers (a restore, the benchmark's COPY)
 * does not count; the reports made before it are then reused until the next write. The version of the
 * figures' rules is part of it: a change of rules is a change of the reports' inputs.
 */
export async function dataWatermark(m: EntityManager): Promise<string> {
  const [row] = (await m.query(
    `SELECT md5(coalesce(string_agg(table_name || ':' || total, ',' ORDER BY table_name), '')) AS watermark
       FROM (SELECT table_name, sum(changes) AS total FROM data_changes GROUP BY table_name) t`,
  )) as { watermark: string }[];
  return `v2-f${REPORT_FIGURES_VERSION}-${row.watermark}`;
}
