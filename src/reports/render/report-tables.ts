import { ClauseStatus } from '../../compliance/rules/clause-status';
import { BREAKDOWN_DIMENSIONS, ClauseStatusCounts, ReportFigures } from '../figures/report-figures';
import { CellType } from './format';
import { ReportLabels } from './labels';

export interface Cell {
  value: string | number | null;
  type: CellType;
}
export interface ReportTable {
  /** Stable id: the XLSX sheet and CSV section it becomes. */
  id: string;
  title: string;
  columns: string[];
  /** Relative column widths in the PDF. */
  widths: number[];
  /**
   * The rows, built afresh each time they are read, one at a time: a region's contracts (60,000 at
   * bench scale 4) held as cells for the whole rendering weighed on the worker's memory.
   */
  rows: () => Iterable<Cell[]>;
}

/** Rows built from `items` as they are read. */
const rowsOf =
  <T>(items: readonly T[], row: (item: T) => Cell[]) =>
  function* (): Iterable<Cell[]> {
    for (const item of items) yield row(item);
  };
/** Rows already built (the short tables). */
const fixed = (rows: Cell[][]) => () => rows;

const REPORTED_STATUSES: ClauseStatus[] = ['achieved', 'on_track', 'at_risk', 'behind', 'failed'];

const text = (value: string | null): Cell => ({ value, type: 'text' });
const h = (value: number | null): Cell => ({ value, type: 'hours' });
const n = (value: number | null): Cell => ({ value, type: 'int' });
const share = (value: number | null): Cell => ({ value, type: 'share' });
const statusCells = (c: ClauseStatusCounts) => REPORTED_STATUSES.map((s) => n(c[s]));

/**
 * Every table of the report, built once from the figures: the PDF, CSV and XLSX all render these,
 * so every format shows the same figures. Money goes out in euros (cents ÷ 100, exact to the cent).
 */
export function reportTables(f: ReportFigures, l: ReportLabels): ReportTable[] {
  const t = l.tables;
  const key = (dim: string, k: string | null) => (k === null ? null : (l.keys[dim]?.[k] ?? k));
  const hl = f.headline;
  const rowLabel = t.headline.rows;
  const tables: ReportTable[] = [
    {
      id: 'headline',
      title: t.headline.title,
      columns: t.headline.columns,
      widths: [4, 2, 2],
      rows: fixed([
        [text(rowLabel.realisedHours), h(hl.period.realisedHours), h(hl.cumulative.realisedHours)],
        [text(rowLabel.fte), { value: hl.period.fte, type: 'fte' }, { value: hl.cumulative.fte, type: 'fte' }],
        [text(rowLabel.distinctBeneficiaries), n(hl.period.distinctBeneficiaries), n(hl.cumulative.distinctBeneficiaries)],
        [text(rowLabel.shareWomen), share(hl.period.shareWomen), share(hl.cumulative.shareWomen)],
        [text(rowLabel.shareUnder26), share(hl.period.shareUnder26), share(hl.cumulative.shareUnder26)],
        [text(rowLabel.share50AndOver), share(hl.period.share50AndOver), share(hl.cumulative.share50AndOver)],
        [text(rowLabel.shareQpvResidents), share(hl.period.shareQpvResidents), share(hl.cumulative.shareQpvResidents)],
        [text(rowLabel.plannedHoursAtEnd), h(null), h(hl.plannedHoursAtEnd)],
        [text(rowLabel.plannedHoursToDate), h(null), h(hl.plannedHoursToDate)],
        [text(rowLabel.pendingHours), h(null), h(hl.pendingHours)],
        [text(rowLabel.notEligibleHours), h(null), h(hl.notEligibleHours)],
        [text(rowLabel.contractCount), n(null), n(hl.contractCount)],
      ]),
    },
    {
      id: 'clauseStatuses',
      title: t.clauseStatuses.title,
      columns: t.clauseStatuses.columns,
      widths: [3, 2, 2],
      rows: fixed((['not_started', ...REPORTED_STATUSES] as ClauseStatus[]).map((s) => [text(key('status', s)), n(hl.insertionClauses[s]), n(hl.smeClauses[s])])),
    },
    {
      id: 'authorities',
      title: t.authorities.title,
      columns: t.authorities.columns,
      widths: [4, 1.2, 1.8, 1.8, 1.8, 1.6, 1.6, 1.6, 1.6, 1.6, 1.6, 1.6, 1.6],
      rows: rowsOf(f.contractingAuthorities, (a) => [
        text(a.name), n(a.contractCount), h(a.plannedHoursAtEnd), h(a.realisedHoursInPeriod), h(a.realisedHours), share(a.completionRate),
        ...statusCells(a.insertionClauses), share(a.smeConfirmedShare), share(a.smeTargetShare),
      ]),
    },
    {
      id: 'contracts',
      title: t.contracts.title,
      columns: t.contracts.columns,
      widths: [2, 3.2, 0.8, 2.6, 2.4, 1.6, 1.6, 1.6, 1.6, 2, 1.6, 1.4, 1.8],
      rows: rowsOf(f.contracts, (c) => [
        text(c.reference), text(c.title), text(c.departmentCode), text(c.contractingAuthorityName), { value: c.amountCents / 100, type: 'euros' },
        h(c.plannedHoursAtEnd), h(c.realisedHoursInPeriod), h(c.realisedHours), share(c.completionRate), text(key('status', c.insertionStatus)),
        share(c.smeConfirmedShare), share(c.smeTargetShare), text(key('status', c.smeStatus)),
      ]),
    },
  ];
  if (f.departments) {
    tables.push({
      id: 'departments',
      title: t.departments.title,
      columns: t.departments.columns,
      widths: [0.8, 2.6, 1, 1.7, 1.7, 1.7, 1.2, 1.6, 1.6, 1.5, 1.5, 1.5, 1.5, 1.5],
      rows: rowsOf(f.departments, (d) => [
        text(d.code), text(d.name), n(d.contractCount), h(d.plannedHoursAtEnd), h(d.period.realisedHours), h(d.cumulative.realisedHours),
        { value: d.cumulative.fte, type: 'fte' }, n(d.period.distinctBeneficiaries), n(d.cumulative.distinctBeneficiaries), ...statusCells(d.insertionClauses),
      ]),
    });
  }
  for (const dim of BREAKDOWN_DIMENSIONS) {
    const cumulative = new Map(f.breakdowns.cumulative[dim].map((r) => [r.key, r]));
    tables.push({
      id: dim,
      title: l.breakdowns[dim],
      columns: t.breakdown.columns,
      widths: [4, 1.6, 1.4, 1.4, 1.6, 1.4, 1.4],
      rows: rowsOf(f.breakdowns.period[dim], (p) => {
        const c = cumulative.get(p.key);
        return [text(key(dim, p.key)), h(p.hours), share(p.hoursShare), n(p.people), h(c?.hours ?? 0), share(c?.hoursShare ?? null), n(c?.people ?? 0)];
      }),
    });
  }
  return tables;
}
