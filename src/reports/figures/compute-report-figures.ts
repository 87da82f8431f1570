import { DataSource } from 'typeorm';
import { NotFoundError } from '../../common/errors/domain-errors';
import { x100ToHours } from '../../common/units/hours';
import { AppConfig } from '../../config/app-config';
import { clausesByContract } from '../../compliance/clauses-by-contract';
import { ComplianceQueries, Scope } from '../../compliance/compliance.queries';
import { scopeTotals } from '../../compliance/scope-totals';
import { contractTables, mergeAuthorities } from './contract-tables';
import { emptyStatusCounts } from '../../compliance/rules/clause-status';
import { addStatusCountsTo, buildBreakdowns, byText, toX100, windowFigures } from './figures-math';
import { AuthorityRow, Breakdowns, DepartmentRow, ReportFigures, REPORT_FIGURES_VERSION, WindowFigures } from './report-figures';
import { BreakdownCount, departmentsOfRegion, departmentWindows, MonthWindow, placeName, ReportScopeRef, WindowData, windowPeople } from './report-figures.queries';

interface Period {
  from: string;
  to: string;
}

const windows = (p: Period): { period: MonthWindow; cumulative: MonthWindow } => ({
  period: { fromDate: p.from, toDate: p.to },
  cumulative: { fromDate: null, toDate: p.to },
});

/** Figures of one department (or, through consolidateRegion, of a region) for a period. */
export async function computeReportFigures(
  ds: DataSource,
  config: AppConfig,
  scope: { kind: 'department' | 'region'; code: string },
  period: Period,
  dataWatermark: string,
): Promise<ReportFigures> {
  if (scope.kind === 'region') {
    // A region is its departments consolidated: the same path as the regional job's flow.
    const departments = await departmentsOfRegion(ds, scope.code);
    // Two departments at a time, as the worker runs the regional flow's children (two cores: the
    // database works on one department while this process assembles the other).
    const results: ReportFigures[] = new Array(departments.length);
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < departments.length; i = next++) {
        results[i] = await computeReportFigures(ds, config, { kind: 'department', code: departments[i].code }, period, dataWatermark);
      }
    };
    await Promise.all([lane(), lane()]);
    return consolidateRegion(ds, config, scope.code, period, results, dataWatermark);
  }
  const name = await placeName(ds, scope);
  if (name === undefined) throw new NotFoundError(scope.kind, scope.code);
  const fteRef = config.FTE_REFERENCE_HOURS;
  const q = new ComplianceQueries(ds);
  const complianceScope: Scope = { departmentCode: scope.code };
  const at = period.to;

  const contracts = await q.contractFigures(complianceScope, at);
  const clauses = await clausesByContract(q, contracts, at, fteRef);
  // One reading of the statements for both windows: counts, breakdowns and (period) each contract's hours.
  const { period: periodData, cumulative: cumulativeData } = await departmentWindows(ds, scope.code, period);
  const [periodCounts, cumulativeCounts] = [periodData.counts, cumulativeData.counts];
  const totals = scopeTotals(contracts, clauses, cumulativeCounts.people, fteRef);
  const { contractRows, authorityRows } = contractTables(periodData.hoursByContract, contracts, clauses);

  const cumulative = windowFigures(cumulativeCounts, fteRef);
  // Realised hours to date are the compliance figure itself (Σ per contract), never a second sum.
  if (toX100(cumulative.realisedHours) !== toX100(totals.insertion.realisedHours)) {
    throw new Error(`Report figures disagree with compliance figures for ${scope.kind} ${scope.code} at ${at}`);
  }
  return {
    figuresVersion: REPORT_FIGURES_VERSION,
    scope: { kind: scope.kind, code: scope.code, name },
    period: { from: period.from, to: period.to },
    generatedAt: new Date().toISOString(),
    dataWatermark,
    fteReferenceHours: fteRef,
    headline: {
      period: windowFigures(periodCounts, fteRef),
      cumulative,
      pendingHours: totals.insertion.pendingHours,
      notEligibleHours: totals.insertion.notEligibleHours,
      plannedHoursAtEnd: totals.insertion.plannedHoursAtEnd,
      plannedHoursToDate: totals.insertion.plannedHoursToDate,
      contractCount: totals.contractCount,
      insertionClauses: totals.insertion.byStatus,
      smeClauses: totals.sme.byStatus,
      reservedClauseCount: totals.reservedClauseCount,
    },
    contractingAuthorities: authorityRows,
    contracts: contractRows,
    breakdowns: {
      period: buildBreakdowns(periodData.breakdowns, periodCounts.realisedX100, periodCounts.people),
      cumulative: buildBreakdowns(cumulativeData.breakdowns, cumulativeCounts.realisedX100, cumulativeCounts.people),
    },
  };
}

const sumHours = (results: ReportFigures[], f: (r: ReportFigures) => number) => results.reduce((a, r) => a + toX100(f(r)), 0);

/**
 * A regional report from its departments' results. Hours are summed from the departments exactly
 * (integer hundredths; every contract has one execution department); distinct people are recounted
 * over the whole region (a person working in two departments counts once, rule 6), and so are the
 * person-based shares and breakdown columns.
 */
export async function consolidateRegion(
  ds: DataSource,
  config: AppConfig,
  regionCode: string,
  period: Period,
  departmentResults: ReportFigures[],
  dataWatermark: string,
): Promise<ReportFigures> {
  const scope: ReportScopeRef = { kind: 'region', code: regionCode };
  const name = await placeName(ds, scope);
  if (name === undefined) throw new NotFoundError('region', regionCode);
  const regionDepartments = new Set((await departmentsOfRegion(ds, regionCode)).map((d) => d.code));
  for (const r of departmentResults) {
    if (r.scope.kind !== 'department' || !regionDepartments.has(r.scope.code)) throw new Error(`${r.scope.kind} ${r.scope.code} is not a department of region ${regionCode}`);
    if (r.period.from !== period.from || r.period.to !== period.to) throw new Error(`Department ${r.scope.code} was computed for another period`);
  }
  const depts = [...departmentResults].sort((a, b) => byText(a.scope.code, b.scope.code));
  const fteRef = config.FTE_REFERENCE_HOURS;
  const w = windows(period);
  // People recounted over the region (a person working in two departments counts once); hours from the departments.
  // The two recounts side by side, on two connections: nothing else runs at this point of a report.
  const [periodPeople, cumulativePeople] = await Promise.all([windowPeople(ds, scope, w.period), windowPeople(ds, scope, w.cumulative)]);
  const [periodCounts, cumulativeCounts] = [periodPeople.counts, cumulativePeople.counts];
  periodCounts.realisedX100 = sumHours(depts, (r) => r.headline.period.realisedHours);
  cumulativeCounts.realisedX100 = sumHours(depts, (r) => r.headline.cumulative.realisedHours);

  const statusSum = (f: (r: ReportFigures) => ReportFigures['headline']['insertionClauses']) =>
    depts.reduce((acc, r) => addStatusCountsTo(acc, f(r)), emptyStatusCounts());

  const contracts = depts.flatMap((r) => r.contracts).sort((a, b) => byText(a.reference, b.reference) || byText(a.contractId, b.contractId));
  const authorities: AuthorityRow[] = mergeAuthorities(depts.flatMap((r) => r.contractingAuthorities));

  return {
    figuresVersion: REPORT_FIGURES_VERSION,
    scope: { kind: 'region', code: regionCode, name },
    period: { from: period.from, to: period.to },
    generatedAt: new Date().toISOString(),
    dataWatermark,
    fteReferenceHours: fteRef,
    headline: {
      period: windowFigures(periodCounts, fteRef),
      cumulative: windowFigures(cumulativeCounts, fteRef),
      pendingHours: x100ToHours(sumHours(depts, (r) => r.headline.pendingHours)),
      notEligibleHours: x100ToHours(sumHours(depts, (r) => r.headline.notEligibleHours)),
      plannedHoursAtEnd: x100ToHours(sumHours(depts, (r) => r.headline.plannedHoursAtEnd)),
      plannedHoursToDate: x100ToHours(sumHours(depts, (r) => r.headline.plannedHoursToDate)),
      contractCount: depts.reduce((a, r) => a + r.headline.contractCount, 0),
      insertionClauses: statusSum((r) => r.headline.insertionClauses),
      smeClauses: statusSum((r) => r.headline.smeClauses),
      reservedClauseCount: depts.reduce((a, r) => a + r.headline.reservedClauseCount, 0),
    },
    contractingAuthorities: authorities,
    contracts,
    breakdowns: {
      period: regionalBreakdowns(periodPeople, depts.map((r) => r.breakdowns.period), periodCounts.realisedX100, periodCounts.people),
      cumulative: regionalBreakdowns(cumulativePeople, depts.map((r) => r.breakdowns.cumulative), cumulativeCounts.realisedX100, cumulativeCounts.people),
    },
    departments: depts.map(departmentRow),
  };
}

/** Hours per key summed from the departments; people per key recounted over the region. */
function regionalBreakdowns(recount: WindowData, departments: Breakdowns[], totalX100: number, totalPeople: number): Breakdowns {
  const counts: BreakdownCount[] = [...recount.breakdowns];
  for (const b of departments) {
    for (const [dimension, rows] of Object.entries(b) as [keyof Breakdowns, Breakdowns[keyof Breakdowns]][]) {
      for (const row of rows) counts.push({ dimension, key: row.key, hoursX100: toX100(row.hours), people: null });
    }
  }
  return buildBreakdowns(counts, totalX100, totalPeople);
}

function departmentRow(r: ReportFigures): DepartmentRow {
  const window = (f: WindowFigures): WindowFigures => ({ ...f });
  return {
    code: r.scope.code,
    name: r.scope.name,
    period: window(r.headline.period),
    cumulative: window(r.headline.cumulative),
    plannedHoursAtEnd: r.headline.plannedHoursAtEnd,
    contractCount: r.headline.contractCount,
    insertionClauses: { ...r.headline.insertionClauses },
  };
}
