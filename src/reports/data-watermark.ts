import { EntityManager } from 'typeorm';

/** Tables only ever appended to or decided once: their row count and latest timestamps are enough. */
const APPENDED = ['hours_statements', 'payments'];
/**
 * Tables edited in place (a contract's amount, an assignment's dates, an organisation's size): hashed
 * row by row, so any edit changes the watermark. They are small next to the statements.
 */
const EDITED = [
  'organisations', 'contracts', 'contract_parties', 'clauses', 'clause_terms', 'beneficiaries',
  'eligibility_criteria', 'assignments', 'contract_monthly_hours', 'contract_invoiced_amounts',
];

/**
 * The state of every input of the figures, as one hash computed in the database. Equal watermarks
 * mean a report would come out the same; any new statement, decision, payment or edit changes it.
 */
export async function dataWatermark(m: EntityManager): Promise<string> {
  const parts = [
    ...APPENDED.map((t) => `(SELECT concat_ws(',', count(*), max(declared_at), max(decided_at)) FROM ${t})`),
    ...EDITED.map((t) => `(SELECT md5(coalesce(string_agg(r::text, ',' ORDER BY r::text), '')) FROM ${t} r)`),
  ];
  const [row] = (await m.query(`SELECT md5(concat_ws('|', ${parts.join(', ')})) AS watermark`)) as { watermark: string }[];
  return `v1-${row.watermark}`;
}
