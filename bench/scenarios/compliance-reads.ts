import { eligibilityRuleSql } from '../../src/assignments/eligibility.sql';
import { BenchRow, row } from '../runner/results';
import { durations, percentile, round } from '../runner/stats';
import type { BenchContext } from './context';
import { DEPARTMENT, IDF } from './scopes';

/**
 * The fastest plain way to get contracts' figures from the raw rows: one aggregate over their
 * statements by the (contract_id, month) index, with the eligibility rule inline. The service adds
 * the clause terms, contract hours and invoices; the statements are the bulk of the work. `scope`
 * filters the statements `s` or, when it starts with `c.`, their contract `c` (joined only then).
 */
const rawContractSums = (scope: string, groupBy = '') => {
  const counted = `s.status = 'validated' AND ${eligibilityRuleSql('a.beneficiary_id', 'a.start_date')}`;
  return `
  SELECT ${groupBy ? `${groupBy}, ` : ''}coalesce(sum(s.hours_x100) FILTER (WHERE ${counted}), 0) AS realised,
         coalesce(sum(s.hours_x100) FILTER (WHERE s.status = 'declared'), 0) AS pending,
         count(DISTINCT b.person_key) FILTER (WHERE ${counted}) AS people
    FROM hours_statements s${scope.startsWith('c.') ? ' JOIN contracts c ON c.id = s.contract_id' : ''} JOIN assignments a ON a.id = s.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id
   WHERE ${scope} AND s.month <= date_trunc('month', $2::date)
   ${groupBy ? `GROUP BY ${groupBy}` : ''}`;
};
/** One contract's. */
const CONTRACT_REFERENCE = rawContractSums('s.contract_id = $1');
/** Every contract of a department, grouped by contract. */
const DEPARTMENT_REFERENCE = rawContractSums('c.execution_department_code = $1', 's.contract_id');

/** One contract's compliance (GET), p95 over a deterministic sample of Île-de-France contracts with an insertion clause. */
export async function contractCompliance(ctx: BenchContext, samples = 200): Promise<BenchRow> {
  const contracts = (
    await ctx.pg.query<{ id: string }>(
      `SELECT c.id FROM contracts c JOIN departments d ON d.code = c.execution_department_code
        WHERE d.region_code = $1 AND EXISTS (SELECT 1 FROM clauses k WHERE k.contract_id = c.id AND k.kind = 'insertion_hours')
        ORDER BY md5(c.id::text) LIMIT $2`,
      [IDF, samples],
    )
  ).rows.map((r) => r.id);
  const get = (id: string) => ctx.regional.call(`GET`, `/contracts/${id}/compliance?at=${ctx.at}`);
  const reference = (id: string) => ctx.pg.query(CONTRACT_REFERENCE, [id, ctx.at]);
  // Warm-up: the first requests pay for connections, plans and cold pages, as after any restart.
  await durations(contracts.slice(0, 20), get);
  await durations(contracts.slice(0, 20), reference);
  const service = await durations(contracts, get);
  const raw = await durations(contracts, reference);
  return row({
    scale: ctx.scale,
    scenario: 'contract compliance GET p95',
    figure: percentile(service, 95),
    unit: 'ms',
    reference: percentile(raw, 95),
    target: '≤ 20 ms',
    pass: percentile(service, 95) <= 20,
    detail: `${contracts.length} IdF contracts, one at a time: p50 ${round(percentile(service, 50))} ms, p99 ${round(percentile(service, 99))} ms; reference p50 ${round(percentile(raw, 50))} ms`,
  });
}

/** Compliance of every contract of a department (GET /compliance/departments/:code), p95 of repeated requests. */
export async function departmentCompliance(ctx: BenchContext, department = DEPARTMENT, repeats = 15): Promise<BenchRow> {
  const [{ n }] = (await ctx.pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM contracts WHERE execution_department_code = $1`, [department])).rows;
  const runs = Array.from({ length: repeats }, (_, i) => i);
  const get = () => ctx.regional.call('GET', `/compliance/departments/${department}?at=${ctx.at}`);
  const reference = () => ctx.pg.query(DEPARTMENT_REFERENCE, [department, ctx.at]);
  await get();
  await reference();
  const service = await durations(runs, get);
  const raw = await durations(runs, reference);
  return row({
    scale: ctx.scale,
    scenario: `department ${department} compliance GET p95`,
    figure: percentile(service, 95),
    unit: 'ms',
    reference: percentile(raw, 95),
    target: '≤ 250 ms',
    pass: percentile(service, 95) <= 250,
    detail: `${n} contracts, ${repeats} requests: p50 ${round(percentile(service, 50))} ms; reference (raw aggregate per contract) p50 ${round(percentile(raw, 50))} ms`,
  });
}

/** The regional scope page (GET /compliance/regions/11): no target of its own, reported for growth. */
export async function regionCompliance(ctx: BenchContext, repeats = 5): Promise<BenchRow> {
  const runs = Array.from({ length: repeats }, (_, i) => i);
  const get = () => ctx.regional.call('GET', `/compliance/regions/${IDF}?at=${ctx.at}`);
  await get();
  const service = await durations(runs, get);
  return row({
    scale: ctx.scale,
    scenario: 'Île-de-France compliance GET p95',
    figure: percentile(service, 95),
    unit: 'ms',
    reference: null,
    target: '(growth)',
    pass: null,
    detail: `${repeats} requests: p50 ${round(percentile(service, 50))} ms`,
  });
}
