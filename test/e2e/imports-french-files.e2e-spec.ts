import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMPORTS_QUEUE } from '../../src/jobs/job-names';
import { binaryBody } from '../helpers/binary-body';
import { factories } from '../helpers/factories';
import { eventually, ReportTestApp, startReportTestApp } from '../helpers/report-jobs';
import { AuthedHttp } from '../helpers/users';

const API = '/api/v1';
/** Files saved by LibreOffice Calc in French, as described in test/fixtures/imports/make-fixtures.mjs. */
const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/imports', name));
const REFERENCE = 'FR-2026-EXCEL';
const AUTHORITY_SIRET = '35600000000048';

/**
 * Hours files as French users really make them — Excel's « CSV (séparateur : point-virgule) » in
 * Windows-1252 with its months turned into dates (mars-26, nov.-26) and a SIRET into 3,6E+13, an XLSX
 * with date cells and serial numbers, LibreOffice's CSV — and what the import says back, in French.
 */
describe('imports of files made by French spreadsheet programs', () => {
  let t: ReportTestApp;
  let fac: AuthedHttp;
  let contractId: string;
  const assignments: Record<string, string> = {};

  beforeAll(async () => {
    t = await startReportTestApp();
    t.startWorker({}, IMPORTS_QUEUE);
    const f = factories(t.ds);
    const structure = await f.facilitatorStructure({ departmentCodes: ['93'] });
    const authority = await f.organisation({ siret: AUTHORITY_SIRET, departmentCodes: ['93'] });
    const company = await f.company();
    contractId = (await f.contract({ contractingAuthorityId: authority.id, holderId: company.id, reference: REFERENCE, startDate: '2026-01-01', endDate: '2026-12-31' })).id;
    for (const code of ['B-00000000A1', 'B-00000000B2', 'B-00000000C3']) {
      const b = await f.beneficiary({ registeredById: structure.id, code });
      await f.criterion({ beneficiaryId: b.id, validatedOn: '2025-12-01' });
      assignments[code] = (await f.assignment({ beneficiaryId: b.id, contractId, employerId: company.id, startDate: '2026-01-01', endDate: '2026-12-31' })).id;
    }
    fac = await t.as('facilitator', structure.id);
  });
  afterAll(async () => t.close());

  const analysed = async (name: string, content: Buffer) => {
    const res = await fac.post(`${API}/imports`).attach('file', content, name).expect(202);
    return eventually(async () => {
      const r = await fac.get(`${API}/imports/${res.body.id}`).expect(200);
      return ['analysed', 'failed'].includes(r.body.status) ? r.body : null;
    }, 'the dry run');
  };
  const rows = async (id: string, language = 'fr') =>
    (await fac.get(`${API}/imports/${id}/rows`).set('Accept-Language', language).query({ pageSize: '100' }).expect(200)).body.items as Record<string, unknown>[];
  const outcomes = (items: Record<string, unknown>[]) => items.map((r) => `${r.line} ${r.outcome} ${r.month ?? '-'} ${r.hours ?? '-'}${r.errorCode ? ` ${r.errorCode}` : ''}`);

  it("Excel's semicolon CSV: Windows-1252 detected and named, months as Excel rewrote them, refusals said in French; keep-valid writes the rest to the hundredth", async () => {
    const imp = await analysed('relevé heures 93 – 2026-11.csv', fixture('releve-excel-windows-1252.csv'));
    expect(imp).toMatchObject({ status: 'analysed', fileName: 'relevé heures 93 – 2026-11.csv', encoding: 'Windows-1252' });
    expect(imp.summary).toMatchObject({ rows: 8, create: 5, refused: 3, hours: 326.92 });
    const items = await rows(imp.id);
    expect(outcomes(items)).toEqual([
      '2 create 2026-03 151.67', '3 create 2026-11 120.5', '4 create 2026-02 35', '5 refused 2026-06 230 legal_monthly_cap',
      '6 refused - - invalid_input', '7 create 2026-12 12.25', '8 refused - - invalid_input', '9 create 2026-07 7.5',
    ]);
    const refused = items.filter((r) => r.outcome === 'refused').map((r) => [r.line, r.errorColumn, r.errorReason]);
    expect(refused).toEqual([
      [5, 'Heures', 'cette déclaration porterait la personne à 230,00 h en juin 2026, au-dessus du plafond légal de 205,71 h'],
      [
        6, 'SIRET acheteur',
        '« 3,6E+13 » : le tableur a écrit ce SIRET comme un nombre en notation scientifique et ses derniers chiffres sont perdus ; mettez la colonne au format Texte (Format de cellule > Texte), saisissez ou collez les SIRET à nouveau, puis enregistrez',
      ],
      [8, 'Mois', '« mars » ne dit pas l’année : écrivez le mois avec son année (ex. 03/2026 ou mars 2026)'],
    ]);
    // The same reasons in English for whoever asks for them.
    expect((await rows(imp.id, 'en')).find((r) => r.line === 5)!.errorReason).toBe(
      'This statement would bring the person to 230.00 h in June 2026, above the legal cap of 205.71 h (current total 0.00 h)',
    );

    await fac.post(`${API}/imports/${imp.id}/confirm`).send({ mode: 'keep_valid', markValidated: true }).expect(202);
    await eventually(async () => ((await fac.get(`${API}/imports/${imp.id}`).expect(200)).body.status === 'completed' ? true : null), 'the import');
    const written = (await t.ds.query(
      `SELECT b.code, to_char(s.month, 'YYYY-MM') AS month, s.hours_x100, s.source, s.status FROM hours_statements s
         JOIN assignments a ON a.id = s.assignment_id JOIN beneficiaries b ON b.id = a.beneficiary_id WHERE s.contract_id = $1 ORDER BY s.month, b.code`,
      [contractId],
    )) as Record<string, unknown>[];
    expect(written.map((s) => `${s.code} ${s.month} ${s.hours_x100} ${s.source} ${s.status}`)).toEqual([
      'B-00000000C3 2026-02 3500 payslip validated',
      'B-00000000A1 2026-03 15167 company_statement validated',
      'B-00000000B2 2026-07 750 company_statement validated',
      'B-00000000B2 2026-11 12050 intermediary_statement validated',
      'B-00000000C3 2026-12 1225 company_statement validated',
    ]);

    // The rows to correct, in French, with the file's own columns as read (accents intact).
    const back = await fac.get(`${API}/imports/${imp.id}/refused-rows`).expect(200);
    const table = parse(back.text, { bom: true, delimiter: ';' }) as string[][];
    expect(table[0]).toEqual(['Code bénéficiaire', 'Référence du marché', 'SIRET acheteur', 'Mois', 'Heures', 'Source', 'erreur']);
    expect(table.slice(1).map((r) => [r[3], r[6]])).toEqual([
      ['juin-26', 'ligne 5, Heures : cette déclaration porterait la personne à 230,00 h en juin 2026, au-dessus du plafond légal de 205,71 h'],
      ['mai-26', expect.stringMatching(/^ligne 6, SIRET acheteur : « 3,6E\+13 » : le tableur a écrit ce SIRET/)],
      ['mars', 'ligne 8, Mois : « mars » ne dit pas l’année : écrivez le mois avec son année (ex. 03/2026 ou mars 2026)'],
    ]);
    expect(table[1][5]).toBe('Relevé entreprise');
  });

  it('an XLSX saved by LibreOffice: date cells, a serial number, months typed in words; what is ambiguous refused, saying why', async () => {
    const imp = await analysed('releve-libreoffice.xlsx', fixture('releve-libreoffice.xlsx'));
    expect(imp).toMatchObject({ status: 'analysed', encoding: null });
    expect(imp.summary).toMatchObject({ rows: 8, create: 6, refused: 2, hours: 450.75 });
    const items = await rows(imp.id);
    expect(outcomes(items)).toEqual([
      '2 create 2026-04 140.25', '3 create 2026-05 99.99', '4 create 2026-03 0.01', '5 create 2026-01 100', '6 create 2026-08 50', '7 create 2026-09 60.5',
      '8 refused - - invalid_input', '9 refused - - invalid_input',
    ]);
    expect(items.slice(6).map((r) => [r.errorColumn, r.errorReason])).toEqual([
      ['mois', '« 03/04 » est ambigu : ce peut être mars 2004, ou le 3 avril d’une année non dite ; écrivez l’année sur quatre chiffres (ex. 03/2026)'],
      ['mois', '« ju-26 » est ambigu : ce peut être juin ou juillet ; écrivez le mois en entier ou en chiffres (ex. 06/2026)'],
    ]);
  });

  it("LibreOffice's CSV: UTF-8 without byte-order mark, its short dates and abbreviated months", async () => {
    const imp = await analysed('releve-octobre.csv', fixture('releve-libreoffice-utf8.csv'));
    expect(imp).toMatchObject({ status: 'analysed', encoding: 'UTF-8', summary: { rows: 2, create: 2, refused: 0, hours: 41.5 } });
    expect(outcomes(await rows(imp.id))).toEqual(['2 create 2026-10 20', '3 create 2026-10 21.5']);
  });

  it('a file that is no spreadsheet is described in words, whatever its name', async () => {
    const pdf = await fac.post(`${API}/imports`).attach('file', fixture('releve-imprime.pdf'), 'releve-mars.csv').expect(400);
    expect(pdf.body).toEqual({
      statusCode: 400, code: 'unsupported_format',
      message: 'Le fichier releve-mars.csv ressemble à un PDF, pas à un fichier CSV ou Excel (.xlsx)',
      details: [{ field: 'file', reason: 'doit être un fichier .csv ou .xlsx' }],
    });
    const xls = await fac.post(`${API}/imports`).attach('file', fixture('releve-ancien.xls'), 'releve.xls').set('Accept-Language', 'en').expect(400);
    expect(xls.body.message).toBe('The file releve.xls looks like an Excel 97-2003 workbook (.xls), not a CSV or Excel (.xlsx) file: save it as "Excel Workbook (.xlsx)" or "CSV (semicolon delimited)"');
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect((await fac.post(`${API}/imports`).attach('file', png, 'releve.xlsx').expect(400)).body.message).toBe('Le fichier releve.xlsx ressemble à une image, pas à un fichier CSV ou Excel (.xlsx)');
  });

  it('templates a person can fill without the manual: the rules in French, drop-down lists, months, hours and SIRETs kept as typed', async () => {
    const load = async (name: string) => {
      const res = await fac.get(`${API}/imports/templates/${name}`).buffer(true).parse(binaryBody).expect(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as ArrayBuffer);
      return wb;
    };
    const list = (ws: ExcelJS.Worksheet, address: string) => ws.getCell(address).dataValidation?.formulae?.[0];
    const hours = await load('hours-statements.xlsx');
    const sheet = hours.getWorksheet('Heures')!;
    // affectation, code_beneficiaire, reference_marche, siret_acheteur, mois, heures: Text; source: a list, down to row 1000.
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => sheet.getColumn(c).numFmt ?? null)).toEqual(['@', '@', '@', '@', '@', '@', null]);
    expect(list(sheet, 'G2')).toBe('"releve_entreprise,releve_intermediaire,bulletin_de_paie"');
    expect(list(sheet, 'G1000')).toBe('"releve_entreprise,releve_intermediaire,bulletin_de_paie"');
    const rules = hours.getWorksheet('Notice')!.getColumn(3).values.filter(Boolean).map(String);
    expect(rules).toEqual(expect.arrayContaining([
      expect.stringMatching(/^Le plafond légal : une personne ne peut pas dépasser 48 h × jours du mois ÷ 7, tous marchés confondus \(192 h en février, 205,71 h/),
      expect.stringMatching(/^Le mois : 03\/2026, mars 2026, mars-26 ou 2026-03/),
    ]));

    const onboarding = await load('onboarding.xlsx');
    const affectations = onboarding.getWorksheet('affectations')!;
    expect(list(affectations, 'F2')).toBe('"cdi,cdd,apprentissage,interim_etti,interim_ett,mise_a_disposition_ai,mise_a_disposition_geiq,sous_traitance_siae,formation"');
    expect(affectations.getColumn(5).numFmt).toBe('@'); // siret_employeur
    expect(list(onboarding.getWorksheet('heures')!, 'H2')).toBe('"releve_entreprise,releve_intermediaire,bulletin_de_paie"');
    expect(onboarding.getWorksheet('entreprises')!.getColumn(1).numFmt).toBe('@'); // siret
  });
});
