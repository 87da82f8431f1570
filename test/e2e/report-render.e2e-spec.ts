import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { BREAKDOWN_DIMENSIONS, Breakdowns, ReportFigures } from '../../src/reports/figures/report-figures';
import { emptyStatusCounts } from '../../src/compliance/rules/clause-status';
import { BREAKDOWN_KEYS } from '../../src/reports/figures/figures-math';
import { renderReportFiles } from '../../src/reports/render';

const PDF_TEXT = join(__dirname, '..', 'helpers', 'pdf-text.mjs');
/** pdfjs gives U+202F / U+00A0 back as they were written: compare with plain spaces. */
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

function breakdowns(scale: number): Breakdowns {
  return Object.fromEntries(
    BREAKDOWN_DIMENSIONS.map((d) => [d, BREAKDOWN_KEYS[d].map((key, i) => ({ key, hours: (i + 1) * scale, people: i + 1, hoursShare: 0.125, peopleShare: 0.25 }))]),
  ) as Breakdowns;
}

/** A regional report with enough contracts to run its table over several pages. */
function figures(): ReportFigures {
  const statuses = { ...emptyStatusCounts(), on_track: 3, at_risk: 1, achieved: 2 };
  const window = { realisedHours: 1234.5, fte: 0.77, distinctBeneficiaries: 42, shareWomen: 0.3571, shareUnder26: 0.25, share50AndOver: 0.1, shareQpvResidents: 0.5 };
  return {
    figuresVersion: 1,
    scope: { kind: 'region', code: '11', name: 'Île-de-France' },
    period: { from: '2026-01-01', to: '2026-03-31' },
    generatedAt: '2026-04-01T08:30:00.000Z',
    dataWatermark: 'v1-abc123',
    fteReferenceHours: 1607,
    headline: {
      period: window,
      cumulative: { ...window, realisedHours: 98765.43, fte: 61.46, distinctBeneficiaries: 140 },
      pendingHours: 12.5,
      notEligibleHours: 3,
      plannedHoursAtEnd: 146000,
      plannedHoursToDate: 36500.25,
      contractCount: 60,
      insertionClauses: statuses,
      smeClauses: { ...emptyStatusCounts(), behind: 1 },
      reservedClauseCount: 0,
    },
    contractingAuthorities: [
      {
        contractingAuthorityId: 'a1', name: 'Société du Grand Paris', contractCount: 60, plannedHoursAtEnd: 146000, realisedHoursInPeriod: 1234.5,
        realisedHours: 98765.43, completionRate: 0.6765, insertionClauses: statuses, smeAmountCents: 100_000_00, smeConfirmedCents: 15_000_00,
        smeTargetCents: 20_000_00, smeConfirmedShare: 0.15, smeTargetShare: 0.2,
      },
    ],
    contracts: Array.from({ length: 60 }, (_, i) => ({
      contractId: `c${i}`, reference: `L15-T${String(i).padStart(2, '0')}`, title: 'Gare, œuvre : génie civil', departmentCode: '93',
      contractingAuthorityId: 'a1', contractingAuthorityName: 'Société du Grand Paris', amountCents: 123_456_789, plannedHoursAtEnd: 2000 + i,
      realisedHoursInPeriod: 10.25, realisedHours: 1500.75, completionRate: 0.75, insertionStatus: 'on_track' as const,
      smeTargetShare: 0.2, smeConfirmedShare: 0.1, smeStatus: 'behind' as const, reserved: false,
    })),
    breakdowns: { period: breakdowns(10.5), cumulative: breakdowns(100.25) },
    departments: [
      { code: '92', name: 'Hauts-de-Seine', period: window, cumulative: window, plannedHoursAtEnd: 1000, contractCount: 1, insertionClauses: statuses },
      { code: '93', name: 'Seine-Saint-Denis', period: window, cumulative: window, plannedHoursAtEnd: 145000, contractCount: 59, insertionClauses: statuses },
    ],
  };
}

describe('Report renderers (PDF, CSV, XLSX, JSON)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clausier-render-'));
  const f = figures();
  let files: { pdf: string; csv: string; xlsx: string; json: string };

  beforeAll(async () => {
    files = await renderReportFiles(f, dir);
  });
  // KEEP_RENDER=1 keeps the files for a look by eye.
  afterAll(() => (process.env.KEEP_RENDER ? console.log(dir) : rmSync(dir, { recursive: true, force: true })));

  it('writes the four files, and no temporary file is left behind', () => {
    expect(readdirSync(dir).sort()).toEqual(
      ['csv', 'json', 'pdf', 'xlsx'].map((e) => `rapport-region-11-2026-01-01-2026-03-31.${e}`),
    );
  });

  it('JSON is the figures, written piece by piece yet byte for byte what JSON.stringify gives', () => {
    const text = readFileSync(files.json, 'utf8');
    expect(JSON.parse(text)).toEqual(f);
    expect(text).toBe(`${JSON.stringify(f, null, 2)}\n`);
  });

  describe('PDF', () => {
    let pages: string[];
    beforeAll(() => {
      const text = execFileSync('node', [PDF_TEXT, files.pdf], { encoding: 'utf8' });
      pages = text.split(/=== page \d+ ===\n/).slice(1).map(plain);
    });

    it('shows the cover: scope, period, generation time and watermark, with accents', () => {
      expect(pages[0]).toContain('Rapport des clauses sociales');
      expect(pages[0]).toContain('Région 11 — Île-de-France');
      expect(pages[0]).toContain('du 01/01/2026 au 31/03/2026');
      expect(pages[0]).toContain('01/04/2026 08:30 UTC');
      expect(pages[0]).toContain('v1-abc123');
    });

    it('shows the headline figures in French formats', () => {
      const all = pages.join('\n');
      expect(all).toContain("Heures d'insertion réalisées");
      expect(all).toContain('1 234,50');
      expect(all).toContain('98 765,43');
      expect(all).toContain('35,7 %');
      expect(all).toContain('Société du Grand Paris');
      expect(all).toContain('Hauts-de-Seine');
    });

    it('a regional PDF points to the spreadsheets for its contracts instead of listing them', () => {
      const all = pages.join('\n');
      expect(all).toContain('Les 60 marchés de la région, avec leurs chiffres, sont dans les fichiers XLSX (feuille « Marchés ») et CSV de ce rapport.');
      expect(all).not.toContain('L15-T');
    });
  });

  it('department PDF: numbers every page "page X / N" and repeats the table header on each page of its long contract table', async () => {
    const departmentDir = mkdtempSync(join(tmpdir(), 'clausier-render-'));
    try {
      const department: ReportFigures = { ...f, scope: { kind: 'department', code: '93', name: 'Seine-Saint-Denis' }, departments: undefined };
      const { pdf } = await renderReportFiles(department, departmentDir);
      const pages = execFileSync('node', [PDF_TEXT, pdf], { encoding: 'utf8' }).split(/=== page \d+ ===\n/).slice(1).map(plain);
      const n = pages.length;
      expect(n).toBeGreaterThan(3);
      pages.forEach((p, i) => expect(p).toContain(`page ${i + 1} / ${n}`));
      const withContracts = pages.filter((p) => p.includes('L15-T'));
      expect(withContracts.length).toBeGreaterThan(1);
      for (const p of withContracts) expect(p).toContain('Référence');
      for (let i = 0; i < 60; i++) expect(pages.join('\n')).toContain(`L15-T${String(i).padStart(2, '0')}`);
      expect(pages.join('\n')).toContain('Gare, œuvre : génie civil');
      expect(pages.join('\n')).toContain('1 234 567,89 €');
    } finally {
      rmSync(departmentDir, { recursive: true, force: true });
    }
  });

  it('PDF chart of authorities: the 15 with the most planned hours on one page, saying how many there are; every one stays in the table', async () => {
    const manyDir = mkdtempSync(join(tmpdir(), 'clausier-render-'));
    try {
      const [model] = f.contractingAuthorities;
      // Planned hours grow with the number: authorities 26 to 40 are the largest.
      const authorities = Array.from({ length: 40 }, (_, i) => ({
        ...model, contractingAuthorityId: `a${i + 1}`, name: `Acheteur ${String(i + 1).padStart(2, '0')}`, plannedHoursAtEnd: 1000 * (i + 1),
      }));
      const many: ReportFigures = { ...f, scope: { kind: 'department', code: '93', name: 'Seine-Saint-Denis' }, departments: undefined, contracts: [], contractingAuthorities: authorities };
      const { pdf } = await renderReportFiles(many, manyDir);
      const text = plain(execFileSync('node', [PDF_TEXT, pdf], { encoding: 'utf8' }));
      const chartPage = text.split(/=== page \d+ ===\n/).find((p) => p.includes('Heures prévues et réalisées par acheteur'))!;
      const chart = chartPage.slice(chartPage.indexOf('Heures prévues et réalisées par acheteur'), chartPage.indexOf('Heures par modalité'));
      expect(chart).toContain('Les 15 acheteurs aux heures prévues les plus élevées, sur 40 : tous figurent dans le tableau « Par acheteur public ».');
      expect([...chart.matchAll(/Acheteur (\d\d)/g)].map((m) => Number(m[1]))).toEqual(Array.from({ length: 15 }, (_, i) => 40 - i));
      // The table's title, not the chart's note that names it.
      const table = text.slice(text.lastIndexOf('Par acheteur public'));
      expect(table.startsWith('Par acheteur public')).toBe(true);
      for (let i = 1; i <= 40; i++) expect(table).toContain(`Acheteur ${String(i).padStart(2, '0')}`);
    } finally {
      rmSync(manyDir, { recursive: true, force: true });
    }
  });

  it('XLSX: one sheet per table, numeric cells equal to the figures', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(files.xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Chiffres clés', 'Statuts des clauses', 'Acheteurs', 'Marchés', 'Départements', 'Critères', 'Modalités', 'Âges', 'Sexe', 'Sorties',
    ]);
    const headline = wb.getWorksheet('Chiffres clés')!;
    expect(headline.getRow(2).getCell(1).value).toBe("Heures d'insertion réalisées");
    expect(headline.getRow(2).getCell(2).value).toBe(1234.5);
    expect(headline.getRow(2).getCell(3).value).toBe(98765.43);
    expect(headline.getRow(5).getCell(2).value).toBe(0.3571);
    const contracts = wb.getWorksheet('Marchés')!;
    expect(contracts.rowCount).toBe(61);
    expect(contracts.getRow(2).getCell(5).value).toBe(1234567.89);
    expect(contracts.getRow(61).getCell(6).value).toBe(2059);
    const modality = wb.getWorksheet('Modalités')!;
    expect(modality.getRow(2).values).toEqual([undefined, 'Embauche directe en CDI', 10.5, 0.125, 1, 100.25, 0.125, 1]);
  });

  it('CSV: UTF-8 with BOM, ";" separated, decimal comma, one section per table', () => {
    const raw = readFileSync(files.csv);
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(raw.toString('utf8').slice(1), { delimiter: ';', relax_column_count: true }) as string[][];
    const section = (title: string) => rows.slice(rows.findIndex((r) => r[0] === title) + 1);
    const headline = section('Chiffres clés');
    expect(headline[0]).toEqual(['Indicateur', 'Sur la période', 'Cumul à la fin de la période']);
    expect(headline[1]).toEqual(["Heures d'insertion réalisées", '1234,5', '98765,43']);
    const contracts = section('Par marché');
    expect(contracts[1].slice(0, 5)).toEqual(['L15-T00', 'Gare, œuvre : génie civil', '93', 'Société du Grand Paris', '1234567,89']);
    expect(rows.filter((r) => r[0] === 'Par département')).toHaveLength(1);
  });

  describe('CSV as French Excel reads it (issue 25)', () => {
    let rows: string[][];
    const section = (title: string) => {
      const start = rows.findIndex((r) => r[0] === title) + 2;
      const end = rows.findIndex((r, i) => i >= start && r.length === 1 && r[0] === '');
      return rows.slice(start, end < 0 ? undefined : end);
    };
    /** A CSV figure read back as Excel reads it: "1234,5" → 1234.5, "35,71 %" → 0.3571. */
    const figure = (text: string): number | null => {
      if (text === '') return null;
      const n = Number(text.replace(/ %$/, '').replace(',', '.'));
      return text.endsWith(' %') ? Number((n / 100).toPrecision(12)) : n;
    };
    beforeAll(() => {
      rows = parse(readFileSync(files.csv, 'utf8'), { bom: true, delimiter: ';', relax_column_count: true }) as string[][];
    });

    it('dates as 31/03/2026 and a generation time a person reads, never an ISO timestamp', () => {
      expect(rows.slice(1, 3)).toEqual([
        ['Période', 'du 01/01/2026 au 31/03/2026'],
        ['Généré le', '01/04/2026 08:30 UTC'],
      ]);
      expect(rows.flat().filter((c) => /\d{4}-\d\d-\d\d/.test(c))).toEqual([]);
    });

    it('shares as percentages French Excel reads as numbers ("35,71 %"), to the precision of the JSON', () => {
      expect(section('Chiffres clés')[3]).toEqual(['Part de femmes', '35,71 %', '35,71 %']);
      expect(section('Par acheteur public')[0].slice(-2)).toEqual(['15 %', '20 %']);
      expect(section('Par modalité')[0]).toEqual(['Embauche directe en CDI', '10,5', '12,5 %', '1', '100,25', '12,5 %', '1']);
    });

    it('the same figures as the JSON, contract by contract and department by department', () => {
      const contracts = section('Par marché');
      expect(contracts).toHaveLength(f.contracts.length);
      contracts.forEach((r, i) => {
        const c = f.contracts[i];
        expect([r[0], ...[4, 5, 6, 7, 8, 10, 11].map((k) => figure(r[k]))]).toEqual([
          c.reference, c.amountCents / 100, c.plannedHoursAtEnd, c.realisedHoursInPeriod, c.realisedHours, c.completionRate, c.smeConfirmedShare, c.smeTargetShare,
        ]);
      });
      const departments = section('Par département');
      expect(departments.map((r) => [r[0], figure(r[5]), figure(r[6])])).toEqual(f.departments!.map((d) => [d.code, d.cumulative.realisedHours, d.cumulative.fte]));
      const headline = section('Chiffres clés');
      expect(headline.slice(0, 7).map((r) => [figure(r[1]), figure(r[2])])).toEqual(
        (['realisedHours', 'fte', 'distinctBeneficiaries', 'shareWomen', 'shareUnder26', 'share50AndOver', 'shareQpvResidents'] as const).map((k) => [
          f.headline.period[k], f.headline.cumulative[k],
        ]),
      );
    });
  });

  it('a negative figure stays a number: a number cell in the XLSX, "-12,5" in the CSV', async () => {
    const negativeDir = mkdtempSync(join(tmpdir(), 'clausier-render-'));
    try {
      const negative: ReportFigures = { ...f, headline: { ...f.headline, pendingHours: -12.5 } };
      const out = await renderReportFiles(negative, negativeDir);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(out.xlsx);
      const pending = wb.getWorksheet('Chiffres clés')!.getRow(11);
      expect([pending.getCell(1).value, pending.getCell(3).type, pending.getCell(3).value]).toEqual(['Heures déclarées en attente de validation', ExcelJS.ValueType.Number, -12.5]);
      const rows = parse(readFileSync(out.csv, 'utf8'), { bom: true, delimiter: ';', relax_column_count: true }) as string[][];
      expect(rows.find((r) => r[0] === 'Heures déclarées en attente de validation')).toEqual(['Heures déclarées en attente de validation', '', '-12,5']);
    } finally {
      rmSync(negativeDir, { recursive: true, force: true });
    }
  });
});
