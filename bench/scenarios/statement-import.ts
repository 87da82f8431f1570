import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BenchRow, row } from '../runner/results';
import { round, timed } from '../runner/stats';
import { asSystem, withReferenceTable } from '../runner/writes';
import type { BenchContext } from './context';

const ROWS = 100_000;
const DEPARTMENT = '75';
const HOLDBACK = 'bench_import_holdback';
const SOURCE_IN_FILES: Record<string, string> = { company_statement: 'releve_entreprise', intermediary_statement: 'releve_intermediaire', payslip: 'bulletin_de_paie' };

interface ImportView {
  id: string;
  status: string;
  progress: number;
  error: string | null;
  summary: { rows: number; create: number; correct: number; unchanged: number; refused: number } | null;
}

/**
 * 100,000 validated statements of Paris (no correction chain) are taken out of the data set into a
 * holding table, then imported back by Paris's facilitator as one CSV saved by French Excel, marked
 * validated. The department's validated hours must come back exactly: nothing lost, nothing twice.
 * Should a run stop half-way, the next one puts the held rows back first.
 */
export async function statementImport(ctx: BenchContext, url: string): Promise<BenchRow[]> {
  await restoreHoldback(ctx);
  const before = await departmentTotals(ctx);
  await ctx.pg.query(`
    CREATE TABLE ${HOLDBACK} AS
    SELECT s.* FROM hours_statements s JOIN contracts c ON c.id = s.contract_id
     WHERE c.execution_department_code = '${DEPARTMENT}' AND s.status = 'validated' AND s.supersedes_id IS NULL
       AND NOT EXISTS (SELECT 1 FROM hours_statements n WHERE n.supersedes_id = s.id)
     ORDER BY md5(s.id::text) LIMIT ${ROWS}`);
  await asSystem(ctx.ds, (m) => m.query(`DELETE FROM hours_statements s USING ${HOLDBACK} h WHERE s.id = h.id`));
  const rows = (await ctx.pg.query<{ assignment_id: string; contract_id: string; month: string; hours_x100: number; source: string }>(
    `SELECT assignment_id, contract_id, to_char(month, 'YYYY-MM') AS month, hours_x100, source FROM ${HOLDBACK} ORDER BY month, assignment_id`,
  )).rows;
  // As French Excel saves a CSV: BOM, semicolons, CRLF, decimal commas.
  const lines = rows.map((r) => `${r.assignment_id};;;;${r.month};${(r.hours_x100 / 100).toFixed(2).replace('.', ',')};${SOURCE_IN_FILES[r.source]}`);
  const csv = Buffer.from(`\uFEFFaffectation;code_beneficiaire;reference_marche;siret_acheteur;mois;heures;source\r\n${lines.join('\r\n')}\r\n`, 'utf8');

  const facilitator = ctx.facilitators.get(DEPARTMENT)!;
  const worker = await ctx.restartWorker();
  const poll = async (id: string, until: string[]): Promise<ImportView> => {
    for (;;) {
      const v = await facilitator.call<ImportView>('GET', `/imports/${id}`);
      if (until.includes(v.status)) return v;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const analysis = await timed(async () => {
    const uploaded = await facilitator.upload<ImportView>('/imports', { kind: 'hours_statements' }, { name: 'heures-paris.csv', content: csv, type: 'text/csv' });
    return poll(uploaded.id, ['analysed', 'failed']);
  });
  if (analysis.value.status !== 'analysed' || analysis.value.summary?.create !== ROWS) {
    await restoreHoldback(ctx);
    throw new Error(`import analysis: ${analysis.value.status} ${analysis.value.error ?? ''} ${JSON.stringify(analysis.value.summary)}`);
  }
  const writing = await timed(async () => {
    await facilitator.call('POST', `/imports/${analysis.value.id}/confirm`, { mode: 'all_or_nothing', markValidated: true });
    return poll(analysis.value.id, ['completed', 'failed']);
  });
  const workerPeak = worker.peakMb();
  if (writing.value.status !== 'completed') {
    await restoreHoldback(ctx);
    throw new Error(`import: ${writing.value.status} ${writing.value.error ?? ''}`);
  }
  const after = await departmentTotals(ctx);
  await ctx.pg.query(`DROP TABLE ${HOLDBACK}`);
  const restored = after.validated === before.validated && after.statements === before.statements;

  const copyMs = await referenceCopy(ctx, url, rows);
  const totalMs = analysis.ms + writing.ms;
  const rate = ROWS / (totalMs / 1000);
  const reference = ROWS / (copyMs / 1000);
  return [
    row({
      scale: ctx.scale,
      scenario: 'import of 100,000 statement rows (CSV)',
      figure: rate,
      unit: 'rows/s',
      reference,
      target: '≥ 20,000 rows/s, ≥ 0.25 × COPY',
      pass: rate >= 20_000 && rate >= 0.25 * reference && restored,
      detail:
        `upload + dry run ${round(analysis.ms / 1000, 2)} s, confirm to written ${round(writing.ms / 1000, 2)} s; ` +
        `Paris validated hours before ${before.validated / 100} h, after ${after.validated / 100} h (${restored ? 'identical' : 'DIFFERENT'}); reference: COPY of the same rows into a table of the same shape, ${round(copyMs)} ms`,
    }),
    row({
      scale: ctx.scale,
      scenario: 'worker peak memory, 100,000-row import',
      figure: workerPeak,
      unit: 'MB',
      reference: null,
      target: '≤ 300 MB',
      pass: workerPeak <= 300,
      detail: 'VmHWM of a worker process started just before the upload (it runs the dry run and the import)',
    }),
  ];
}

async function departmentTotals(ctx: BenchContext): Promise<{ validated: number; statements: number }> {
  const [r] = (await ctx.pg.query<{ validated: string; statements: number }>(
    `SELECT coalesce(sum(s.hours_x100) FILTER (WHERE s.status = 'validated'), 0)::text AS validated, count(*)::int AS statements
       FROM hours_statements s JOIN contracts c ON c.id = s.contract_id WHERE c.execution_department_code = $1`,
    [DEPARTMENT],
  )).rows;
  return { validated: Number(r.validated), statements: r.statements };
}

/** Puts back rows a stopped run held out (and removes any half-imported copy of them first). */
async function restoreHoldback(ctx: BenchContext): Promise<void> {
  const [{ exists }] = (await ctx.pg.query<{ exists: boolean }>(`SELECT to_regclass('${HOLDBACK}') IS NOT NULL AS exists`)).rows;
  if (!exists) return;
  ctx.log(`  putting back the rows a previous import run held out`);
  await asSystem(ctx.ds, async (m) => {
    await m.query(`DELETE FROM hours_statements s USING ${HOLDBACK} h WHERE s.assignment_id = h.assignment_id AND s.month = h.month AND s.status = 'validated' AND s.id <> h.id`);
    await m.query(`INSERT INTO hours_statements SELECT h.* FROM ${HOLDBACK} h WHERE NOT EXISTS (SELECT 1 FROM hours_statements s WHERE s.id = h.id)`);
    await m.query(`DROP TABLE ${HOLDBACK}`);
  });
}

/** The reference: the same rows by COPY (text format) into a table of the same shape and indexes. */
async function referenceCopy(ctx: BenchContext, url: string, rows: { assignment_id: string; contract_id: string; month: string; hours_x100: number; source: string }[]): Promise<number> {
  return withReferenceTable(ctx.pg, async () => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { ms } = await timed(async () => {
        const sink = client.query(copyFrom(`COPY bench_reference_statements (assignment_id, contract_id, month, hours_x100, source, status) FROM STDIN`));
        const lines = function* () {
          for (const r of rows) yield `${r.assignment_id}\t${r.contract_id}\t${r.month}-01\t${r.hours_x100}\t${r.source}\tvalidated\n`;
        };
        await pipeline(Readable.from(lines()), sink);
      });
      return ms;
    } finally {
      await client.end();
    }
  });
}
