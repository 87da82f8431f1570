import type { EntityManager } from 'typeorm';
import { STAGING_BATCH } from '../hours/staging';
import type { RowResult } from './sheet-rows';

/** The columns the checks fill on a staged hours row: what a rollback to the savepoint would lose. */
const CHECKED = ['outcome', 'error_code', 'error_column', 'error_reason', 'beneficiary_code', 'assignment_id', 'contract_id', 'person_key', 'existing_id', 'existing_hours_x100'] as const;
const TYPES = ['text', 'text', 'text', 'jsonb', 'text', 'uuid', 'uuid', 'char(64)', 'uuid', 'int'];

/**
 * Rolls back to `savepoint` (every record the checks wrote) and puts the hours rows' outcomes back.
 * They are held in memory meanwhile: an onboarding set is thousands of rows. Ids of records that no
 * longer exist (assignments the dry run created) are cleared, so no row points at nothing.
 */
export async function discardKeepingOutcomes(m: EntityManager, importId: string, savepoint: string): Promise<void> {
  const rows = (await m.query(`SELECT line, ${CHECKED.join(', ')} FROM import_rows WHERE import_id = $1 AND sheet = 'heures' ORDER BY line`, [importId])) as Record<string, unknown>[];
  await m.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
  for (let i = 0; i < rows.length; i += STAGING_BATCH) {
    const page = rows.slice(i, i + STAGING_BATCH);
    const arrays = CHECKED.map((c, j) => page.map((r) => (TYPES[j] === 'jsonb' && r[c] !== null ? JSON.stringify(r[c]) : r[c])));
    await m.query(
      `UPDATE import_rows r SET ${CHECKED.map((c) => `${c} = x.${c}`).join(', ')}
         FROM unnest($2::int[], ${CHECKED.map((_, j) => `$${j + 3}::${TYPES[j]}[]`).join(', ')}) AS x(line, ${CHECKED.join(', ')})
        WHERE r.import_id = $1 AND r.sheet = 'heures' AND r.line = x.line`,
      [importId, page.map((r) => r.line), ...arrays],
    );
  }
  await m.query(
    `UPDATE import_rows r SET assignment_id = CASE WHEN EXISTS (SELECT 1 FROM assignments a WHERE a.id = r.assignment_id) THEN assignment_id END,
                              contract_id = CASE WHEN EXISTS (SELECT 1 FROM contracts c WHERE c.id = r.contract_id) THEN contract_id END
      WHERE r.import_id = $1 AND r.sheet = 'heures' AND (r.assignment_id IS NOT NULL OR r.contract_id IS NOT NULL)`,
    [importId],
  );
}

/** Stores the outcomes of the rows processed in memory. `written`: the records exist; otherwise the ids of creations are dropped. */
export async function saveResults(m: EntityManager, importId: string, results: RowResult[], written: boolean): Promise<void> {
  for (let i = 0; i < results.length; i += STAGING_BATCH) {
    const page = results.slice(i, i + STAGING_BATCH);
    const col = <T>(f: (r: RowResult) => T) => page.map(f);
    await m.query(
      `INSERT INTO import_rows (import_id, sheet, line, raw, outcome, error_code, error_column, error_reason, entity_id, beneficiary_code, contract_reference, authority_siret, local_ref)
       SELECT $1, * FROM unnest($2::text[], $3::int[], $4::jsonb[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::uuid[], $10::text[], $11::text[], $12::text[], $13::text[])`,
      [
        importId, col((r) => r.sheet), col((r) => r.line), col((r) => JSON.stringify(r.raw)), col((r) => r.outcome), col((r) => r.error?.code ?? null),
        col((r) => r.error?.column ?? null), col((r) => (r.error ? JSON.stringify(r.error.reason) : null)), col((r) => (written || !r.created ? r.entityId : null)),
        col((r) => r.beneficiaryCode ?? null), col((r) => r.contractReference ?? null), col((r) => r.authoritySiret ?? null), col((r) => r.localRef ?? null),
      ],
    );
  }
}
