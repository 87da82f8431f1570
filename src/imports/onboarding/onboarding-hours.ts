import type { EntityManager } from 'typeorm';
import { said } from '../hours/hours-checks';
import type { ColumnMap } from '../hours/hours-layout';
import type { FilePerson } from './beneficiaries';
import type { FileContract } from './contracts';
import type { RowResult } from './sheet-rows';

/**
 * The heures sheet before the hours pipeline: the file-local identifiants become the people's codes
 * (personCode), so resolveRows finds the assignments the earlier sheets wrote; a row of a refused
 * person is refused as depending on it, one of an unknown identifiant as unknown.
 */
export async function translateIdentifiants(m: EntityManager, importId: string, people: Map<string, FilePerson>, col: ColumnMap['header']): Promise<void> {
  const list = [...people.entries()];
  const accepted = list.filter(([, p]) => p.code);
  const refused = list.filter(([, p]) => !p.id);
  await m.query(
    `UPDATE import_rows r SET outcome = 'refused', error_code = 'depends_on_refused', error_column = $4,
            error_reason = ${said('depends_on_refused', `jsonb_build_object('sheet', 'beneficiaires', 'line', p.line)`)}
       FROM unnest($2::text[], $3::int[]) AS p(ref, line)
      WHERE r.import_id = $1 AND r.sheet = 'heures' AND r.outcome IS NULL AND r.local_ref = p.ref`,
    [importId, refused.map(([ref]) => ref), refused.map(([, p]) => p.line), col.identifiant_beneficiaire],
  );
  await m.query(
    `UPDATE import_rows r SET beneficiary_code = p.code
       FROM unnest($2::text[], $3::text[]) AS p(ref, code)
      WHERE r.import_id = $1 AND r.sheet = 'heures' AND r.outcome IS NULL AND r.local_ref = p.ref`,
    [importId, accepted.map(([ref]) => ref), accepted.map(([, p]) => p.code)],
  );
  await m.query(
    `UPDATE import_rows SET outcome = 'refused', error_code = 'unknown_beneficiary', error_column = $2,
            error_reason = ${said('unknown_beneficiary.identifiant')}
      WHERE import_id = $1 AND sheet = 'heures' AND outcome IS NULL AND local_ref IS NOT NULL AND NOT (local_ref = ANY($3::text[]))`,
    [importId, col.identifiant_beneficiaire, accepted.map(([ref]) => ref)],
  );
}

/**
 * After resolveRows: a row that found no assignment (or no contract) because the assignment or the
 * contract was refused in its own sheet says so — "depends on line N of sheet affectations, refused" —
 * rather than that the person has no assignment there. Rows named by identifiant get that column back.
 */
export async function explainDependencies(m: EntityManager, importId: string, results: RowResult[], contracts: FileContract[], col: ColumnMap['header']): Promise<void> {
  const assignments = results.filter((r) => r.sheet === 'affectations' && r.outcome === 'refused' && r.beneficiaryCode && r.contractReference);
  await m.query(
    `UPDATE import_rows r SET error_code = 'depends_on_refused', error_column = $6,
            error_reason = ${said('depends_on_refused', `jsonb_build_object('sheet', 'affectations', 'line', x.line)`)}
       FROM (SELECT DISTINCT ON (r2.line) r2.line AS row_line, a.line
               FROM import_rows r2 JOIN unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS a(line, code, reference, siret)
                 ON a.code = r2.beneficiary_code AND a.reference = r2.contract_reference AND (a.siret IS NULL OR r2.authority_siret IS NULL OR a.siret = r2.authority_siret)
              WHERE r2.import_id = $1 AND r2.sheet = 'heures' AND r2.error_code IN ('no_assignment', 'unknown_contract')
              ORDER BY r2.line, a.line) x
      WHERE r.import_id = $1 AND r.sheet = 'heures' AND r.line = x.row_line`,
    [
      importId, assignments.map((a) => a.line), assignments.map((a) => a.beneficiaryCode), assignments.map((a) => a.contractReference),
      assignments.map((a) => a.authoritySiret ?? null), col.reference_marche,
    ],
  );
  const refusedContracts = contracts.filter((c) => c.id === null);
  await m.query(
    `UPDATE import_rows r SET error_code = 'depends_on_refused', error_column = $5,
            error_reason = ${said('depends_on_refused', `jsonb_build_object('sheet', 'marches', 'line', x.line)`)}
       FROM (SELECT DISTINCT ON (r2.line) r2.line AS row_line, c.line
               FROM import_rows r2 JOIN unnest($2::int[], $3::text[], $4::text[]) AS c(line, reference, siret)
                 ON c.reference = r2.contract_reference AND (c.siret IS NULL OR r2.authority_siret IS NULL OR c.siret = r2.authority_siret)
              WHERE r2.import_id = $1 AND r2.sheet = 'heures' AND r2.error_code IN ('no_assignment', 'unknown_contract')
              ORDER BY r2.line, c.line) x
      WHERE r.import_id = $1 AND r.sheet = 'heures' AND r.line = x.row_line`,
    [importId, refusedContracts.map((c) => c.line), refusedContracts.map((c) => c.reference), refusedContracts.map((c) => c.authoritySiret), col.reference_marche],
  );
  if (col.identifiant_beneficiaire !== col.code_beneficiaire) {
    await m.query(
      `UPDATE import_rows SET error_column = $2 WHERE import_id = $1 AND sheet = 'heures' AND outcome = 'refused' AND local_ref IS NOT NULL AND error_column = $3`,
      [importId, col.identifiant_beneficiaire, col.code_beneficiaire],
    );
  }
}
