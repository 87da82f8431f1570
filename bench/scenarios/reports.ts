import { eligibilityRuleSql } from '../../src/assignments/eligibility.sql';
import { loadConfig } from '../../src/config/app-config';
import { reportEngine } from '../../src/reports/report-engine';
import { BenchRow, row } from '../runner/results';
import { round, timed } from '../runner/stats';
import type { BenchContext } from './context';
import { IDF } from './scopes';

/** The report every regional mission asks for in January: last year. */
export const REPORT_PERIOD = { from: '2025-01-01', to: '2025-12-31' };

/**
 * The fastest plain way to the report's figures from the raw rows: one aggregate per window (the
 * period and everything to its end) giving each contract's counted hours and each person's attributes
 * from their earliest counted assignment, for every department of the scope at once. The report also
 * computes every clause's compliance and the breakdowns; this is the part that reads the statements.
 */
function referenceQuery(regionFilter: string): string {
  return `
  WITH counted AS (
    SELECT s.contract_id, s.assignment_id, sum(s.hours_x100) AS hours
      FROM hours_statements s JOIN contracts c ON c.id = s.contract_id JOIN departments d ON d.code = c.execution_department_code
      JOIN assignments a ON a.id = s.assignment_id
     WHERE ${regionFilter} AND s.status = 'validated' AND s.month <= $2::date AND ($1::date IS NULL OR s.month >= $1::date)
       AND ${eligibilityRuleSql('a.beneficiary_id', 'a.start_date')}
     GROUP BY s.contract_id, s.assignment_id
  ), people AS (
    SELECT DISTINCT ON (b.person_key) b.person_key, b.sex, b.qpv_resident, b.birth_year, a.modality
      FROM counted k JOIN assignments a ON a.id = k.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
     ORDER BY b.person_key, a.start_date, a.id
  )
  SELECT (SELECT count(*) FROM (SELECT contract_id, sum(hours) FROM counted GROUP BY contract_id) per_contract) AS contracts,
         (SELECT sum(hours) FROM counted) AS hours,
         count(*) AS people, count(*) FILTER (WHERE sex = 'F') AS women, count(*) FILTER (WHERE qpv_resident) AS qpv
    FROM people`;
}

async function reference(ctx: BenchContext, regionFilter: string, params: unknown[]): Promise<number> {
  const q = referenceQuery(regionFilter);
  const [period, cumulative] = [
    await timed(() => ctx.pg.query(q, [REPORT_PERIOD.from, REPORT_PERIOD.to, ...params])),
    await timed(() => ctx.pg.query(q, [null, REPORT_PERIOD.to, ...params])),
  ];
  return period.ms + cumulative.ms;
}

interface ReportView {
  id: string;
  status: string;
  error: string | null;
  files: Record<string, string> | null;
}

/**
 * The Île-de-France report as a regional mission asks for it: POST, then poll until the four files
 * are ready (the worker computes each department, consolidates, renders PDF, XLSX, CSV and JSON).
 * The worker is restarted first, so its peak memory is this report's.
 */
export async function regionalReport(ctx: BenchContext): Promise<BenchRow[]> {
  // A report on unchanged data is answered from the one already made: start from none.
  await ctx.pg.query(`DELETE FROM reports WHERE period_from = $1 AND period_to = $2`, [REPORT_PERIOD.from, REPORT_PERIOD.to]);
  const worker = await ctx.restartWorker();
  const { ms, value: done } = await timed(async () => {
    const queued = await ctx.regional.call<ReportView>('POST', '/reports', { scope: { kind: 'region', code: IDF }, period: { year: 2025 } });
    for (;;) {
      const r = await ctx.regional.call<ReportView>('GET', `/reports/${queued.id}`);
      if (r.status === 'completed' || r.status === 'failed') return r;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  if (done.status !== 'completed') throw new Error(`regional report failed: ${done.error}`);
  const files = Object.keys(done.files ?? {}).sort().join(', ');
  const workerPeak = worker.peakMb();
  return [
    row({
      scale: ctx.scale,
      scenario: 'IdF report 2025, request to 4 files ready',
      figure: ms / 1000,
      unit: 's',
      reference: null,
      target: '≤ 10 s',
      pass: ms <= 10_000 && files === 'csv, json, pdf, xlsx',
      detail: `files ${files}`,
    }),
    row({
      scale: ctx.scale,
      scenario: 'worker peak memory, IdF report',
      figure: workerPeak,
      unit: 'MB',
      reference: null,
      target: '≤ 500 MB',
      pass: workerPeak <= 500,
      detail: 'VmHWM of a worker process started just before the report',
    }),
  ];
}

/** The figure computation alone (the report engine, in this process), against the reference aggregate. */
export async function reportFigures(ctx: BenchContext): Promise<BenchRow> {
  const config = loadConfig({ ...process.env, DATABASE_URL: undefined });
  const compute = () => reportEngine.computeReportFigures(ctx.ds, config, { kind: 'region', code: IDF }, REPORT_PERIOD, 'bench');
  const service = await timed(compute);
  const ref = await reference(ctx, 'd.region_code = $3', [IDF]);
  return row({
    scale: ctx.scale,
    scenario: 'IdF report figure computation',
    figure: service.ms / 1000,
    unit: 's',
    reference: ref / 1000,
    target: '≤ 2 × reference',
    pass: service.ms <= 2 * ref,
    detail: `${service.value.contracts.length} contracts, ${service.value.headline.cumulative.distinctBeneficiaries} people to date; reference: the raw aggregate for the period and to date`,
  });
}

/** National consolidated figures: every region's report figures (18 regions, 101 departments). */
export async function nationalFigures(ctx: BenchContext): Promise<BenchRow> {
  const config = loadConfig({ ...process.env, DATABASE_URL: undefined });
  // The 18 regions (the territory also lists overseas collectivities, which hold no contract).
  const regions = (
    await ctx.pg.query<{ code: string }>(`SELECT DISTINCT d.region_code AS code FROM departments d WHERE EXISTS (SELECT 1 FROM contracts c WHERE c.execution_department_code = d.code) ORDER BY 1`)
  ).rows.map((r) => r.code);
  const service = await timed(async () => {
    let people = 0;
    // Two at a time: the machine has two cores, as the worker's concurrency would use them.
    const queue = [...regions];
    await Promise.all(
      [0, 1].map(async () => {
        for (let code = queue.shift(); code; code = queue.shift()) {
          const f = await reportEngine.computeReportFigures(ctx.ds, config, { kind: 'region', code }, REPORT_PERIOD, 'bench');
          people += f.headline.cumulative.distinctBeneficiaries;
        }
      }),
    );
    return people;
  });
  const ref = await reference(ctx, 'true', []);
  return row({
    scale: ctx.scale,
    scenario: `national figures, ${regions.length} regions`,
    figure: service.ms / 1000,
    unit: 's',
    reference: ref / 1000,
    target: '≤ 15 s',
    pass: service.ms <= 15_000,
    detail: `${regions.length} regions computed two at a time; ${service.value} people to date summed over regions; reference: the raw aggregate over the whole country, ${round(ref / 1000)} s`,
  });
}
