import { EntityManager } from 'typeorm';
import type { StagedRow } from './hours-layout';

/** Rows sent to the database per statement: large enough to be fast, small enough to keep memory flat. */
export const STAGING_BATCH = 2_000;

/** Stages a batch of rows of the hours sheet in import_rows with one INSERT (arrays unnested), refusals included. */
export async function stageRows(m: EntityManager, importId: string, rows: StagedRow[]): Promise<void> {
  if (!rows.length) return;
  const col = <T>(f: (r: StagedRow) => T) => rows.map(f);
  await m.query(
    `INSERT INTO import_rows (import_id, sheet, line, raw, assignment_ref, beneficiary_code, contract_reference, authority_siret, month, hours_x100, source, outcome, error_code, error_column, error_reason, local_ref)
     SELECT $1, 'heures', * FROM unnest($2::int[], $3::jsonb[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[], $9::int[], $10::text[], $11::text[], $12::text[], $13::text[], $14::jsonb[], $15::text[])`,
    [
      importId, col((r) => r.line), col((r) => JSON.stringify(r.raw)), col((r) => r.assignmentRef), col((r) => r.beneficiaryCode), col((r) => r.contractReference),
      col((r) => r.authoritySiret), col((r) => r.month), col((r) => r.hoursX100), col((r) => r.source), col((r) => (r.error ? 'refused' : null)),
      col((r) => r.error?.code ?? null), col((r) => r.error?.column ?? null), col((r) => (r.error ? JSON.stringify(r.error.reason) : null)), col((r) => r.beneficiaryRef),
    ],
  );
}
