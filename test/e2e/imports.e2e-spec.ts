import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { PERSON_MONTH_LOCK_CLASS, personMonthBucketSql } from '../../src/hours-statements/hours-statements.repository';
import { lockPersonMonths } from '../../src/imports/hours/hours-writer';
import { IMPORTS_QUEUE } from '../../src/jobs/job-names';
import { binaryBody } from '../helpers/binary-body';
import { factories } from '../helpers/factories';
import { eventually, ReportTestApp, startReportTestApp } from '../helpers/report-jobs';
import { AuthedHttp } from '../helpers/users';

const API = '/api/v1';

/** A CSV as French Excel saves it: UTF-8 with BOM, `;`, decimal commas, CRLF. */
const frenchCsv = (rows: string[][]) => Buffer.from(`\uFEFF${rows.map((r) => r.join(';')).join('\r\n')}\r\n`, 'utf8');
const HEADER = ['Code bénéficiaire', 'Référence du marché', 'Mois', 'Heures', 'Source'];

describe('bulk import of monthly hours statements', () => {
  let t: ReportTestApp;
  let f: ReturnType<typeof factories>;
  let fac: AuthedHttp;
  let regional: AuthedHttp;
  let contractId: string;
  const reference = 'IMP-2026-SEINE';
  /** Three people on the contract, by their pseudonymous codes, and their assignments. */
  const people: { code: string; assignmentId: string }[] = [];

  beforeAll(async () => {
    t = await startReportTestApp();
    t.startWorker({}, IMPORTS_QUEUE);
    f = factories(t.ds);
    const structure = await f.facilitatorStructure({ departmentCodes: ['93'] });
    const authority = await f.organisation({ departmentCodes: ['93'] });
    const company = await f.company();
    contractId = (await f.contract({ contractingAuthorityId: authority.id, holderId: company.id, reference, startDate: '2026-01-01', endDate: '2026-10-31' })).id;
    await f.insertionClause(contractId, { targetMode: 'fixed', fixedHoursX100: 1_000_000 });
    for (const code of ['B-00000000A1', 'B-00000000B2', 'B-00000000C3']) {
      const b = await f.beneficiary({ registeredById: structure.id, code });
      await f.criterion({ beneficiaryId: b.id, validatedOn: '2025-12-01' });
      const a = await f.assignment({ beneficiaryId: b.id, contractId, employerId: company.id, startDate: '2026-01-01', endDate: '2026-10-31' });
      people.push({ code, assignmentId: a.id });
    }
    fac = await t.as('facilitator', structure.id);
    regional = await t.as('regional_staff', (await f.organisation({ kind: 'regional_mission', regionCode: '11', departmentCodes: [] })).id);
  });
  afterAll(async () => t.close());

  const upload = async (name: string, content: Buffer) => {
    const res = await fac.post(`${API}/imports`).attach('file', content, name).expect(202);
    expect(res.body).toMatchObject({ fileName: name, fileSize: content.length, status: 'queued' });
    // Where the file lies on the server, and the header rows kept for the refused-rows file, stay inside.
    expect(res.body).not.toHaveProperty('fileKey');
    expect(res.body).not.toHaveProperty('headers');
    return res.body.id as string;
  };
  const waitFor = (id: string, statuses: string[]) =>
    eventually(async () => {
      const r = await fac.get(`${API}/imports/${id}`).expect(200);
      return statuses.includes(r.body.status) ? r.body : null;
    }, `import ${id} to be ${statuses.join(' or ')}`);
  const analysed = async (name: string, content: Buffer) => waitFor(await upload(name, content), ['analysed', 'failed']);
  const confirm = async (id: string, body: object) => {
    await fac.post(`${API}/imports/${id}/confirm`).send(body).expect(202);
    return waitFor(id, ['completed', 'failed']);
  };
  const rows = async (id: string, outcome?: string) => (await fac.get(`${API}/imports/${id}/rows`).query({ pageSize: '500', ...(outcome ? { outcome } : {}) }).expect(200)).body.items;
  // Rows written by one import share declared_at (the transaction's time): hours break the tie.
  const statements = async () =>
    (await t.ds.query(
      `SELECT to_char(month, 'YYYY-MM') AS month, hours_x100, status, supersedes_id FROM hours_statements WHERE contract_id = $1 ORDER BY month, declared_at, hours_x100`,
      [contractId],
    )) as { month: string; hours_x100: number; status: string; supersedes_id: string | null }[];
  /** A file the reader cannot read: nothing staged, and one attempt (read again, it would fail again: no retry). */
  const expectRefusedAtOnce = async (importId: string) => {
    const [{ staged }] = await t.ds.query(`SELECT count(*)::int AS staged FROM import_rows WHERE import_id = $1`, [importId]);
    expect(staged).toBe(0);
    const jobs = await t.queues.importsQueue.getJobs(['completed', 'failed']);
    expect(jobs.filter((j) => j.data.importId === importId).map((j) => j.attemptsMade)).toEqual([1]);
  };
  const compliance = async () => (await regional.get(`${API}/contracts/${contractId}/compliance`).query({ at: '2026-10-31' }).expect(200)).body.clauses[0];

  it('a CSV saved by French Excel: dry run first (nothing written), all-or-nothing refuses the file, keep-valid writes the valid rows as declared', async () => {
    const csv = frenchCsv([
      HEADER,
      [people[0].code, reference, '2026-01', '151,67', 'Relevé entreprise'],
      [people[1].code, reference, '01/2026', '120,5', 'bulletin de paie'],
      [people[2].code, reference, '2026-01', '1 234,50', 'releve_entreprise'],
      [people[2].code, reference, '2026-02', '35', 'ETTI'],
    ]);
    const imp = await analysed('releve-janvier.csv', csv);
    expect(imp).toMatchObject({ status: 'analysed', progress: 100, summary: { rows: 4, create: 3, correct: 0, unchanged: 0, refused: 1, hours: 307.17 } });
    expect(await statements()).toEqual([]);
    const refused = await rows(imp.id, 'refused');
    // "1 234,50" is read as 1,234.50 h: far above the legal cap of a 31-day month (the API's own sentence).
    expect(refused).toEqual([
      expect.objectContaining({
        line: 4, errorCode: 'legal_monthly_cap', errorColumn: 'Heures', hours: 1234.5,
        errorReason: 'cette déclaration porterait la personne à 1\u202f234,50 h en janvier 2026, au-dessus du plafond légal de 212,57 h',
      }),
    ]);

    const strict = await confirm(imp.id, { mode: 'all_or_nothing' });
    expect(strict.status).toBe('failed');
    expect(strict.error).toBe(`1 ligne(s) refusée(s) : rien n’a été importé. Corrigez-les (GET /imports/${imp.id}/refused-rows) et déposez le fichier à nouveau, ou confirmez en mode keep_valid`);
    expect(await statements()).toEqual([]);

    const kept = await confirm(imp.id, { mode: 'keep_valid' });
    expect(kept).toMatchObject({ status: 'completed', summary: { create: 3, refused: 1 } });
    expect((await statements()).map((s) => `${s.month} ${s.hours_x100} ${s.status}`)).toEqual(['2026-01 12050 declared', '2026-01 15167 declared', '2026-02 3500 declared']);
    // Declared hours are pending, not realised, until validated (the same workflow as typed statements).
    expect(await compliance()).toMatchObject({ realisedHours: 0, pendingHours: 307.17 });
    // The audit log names the facilitator who uploaded the file as the author of each statement.
    const [{ authors }] = await t.ds.query(`SELECT array_agg(DISTINCT actor_role) AS authors FROM audit_log WHERE entity = 'hours_statements' AND action = 'insert'`);
    expect(authors).toEqual(['facilitator']);
    await fac.post(`${API}/imports/${imp.id}/confirm`).send({ mode: 'keep_valid' }).expect(409);

    // The refused rows come back as a file with the same columns and the reason, to correct and upload again.
    const back = await fac.get(`${API}/imports/${imp.id}/refused-rows`).expect(200);
    expect(back.headers['content-type']).toMatch(/^text\/csv/);
    const table = parse(back.text, { bom: true, delimiter: ';' }) as string[][];
    expect(table[0]).toEqual([...HEADER, 'erreur']);
    expect(table[1].slice(0, 5)).toEqual([people[2].code, reference, '2026-01', '1 234,50', 'releve_entreprise']);
    expect(table[1][5]).toBe('ligne 4, Heures : cette déclaration porterait la personne à 1\u202f234,50 h en janvier 2026, au-dessus du plafond légal de 212,57 h');
    const corrected = frenchCsv([table[0], [...table[1].slice(0, 3), '123,45', table[1][4], table[1][5]]]);
    const again = await analysed('corrige.csv', corrected);
    expect(again.summary).toMatchObject({ create: 1, refused: 0 });
    await confirm(again.id, { mode: 'all_or_nothing' });
    expect((await statements()).filter((s) => s.hours_x100 === 12345)).toHaveLength(1);
  });

  it('an XLSX with number and date cells, marked validated: realised hours to the hundredth', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Heures');
    ws.addRow(['affectation', 'mois', 'heures', 'source']);
    ws.addRow([people[0].assignmentId, new Date(Date.UTC(2026, 2, 1)), 140.25, 'payslip']);
    ws.addRow([people[1].assignmentId, '2026-03', 99.99, 'company_statement']);
    ws.addRow([people[2].assignmentId, '03/2026', '0,01', 'releve_intermediaire']);
    const before = await compliance();
    const imp = await analysed('mars.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(imp.summary).toMatchObject({ rows: 3, create: 3, refused: 0, hours: 240.25 });
    const done = await confirm(imp.id, { mode: 'all_or_nothing', markValidated: true });
    expect(done).toMatchObject({ status: 'completed', markValidated: true });
    const after = await compliance();
    expect(Math.round((after.realisedHours - before.realisedHours) * 100)).toBe(24025);
    expect((await statements()).filter((s) => s.month === '2026-03').every((s) => s.status === 'validated')).toBe(true);
  });

  it('lists every bad row with its line, column and reason; writes nothing in all-or-nothing', async () => {
    const csv = frenchCsv([
      ['code_beneficiaire', 'reference_marche', 'mois', 'heures', 'source', 'commentaire'],
      ['B-UNKNOWN000', reference, '2026-04', '10', 'entreprise', 'inconnu'],
      [people[0].code, 'NO-SUCH-REF', '2026-04', '10', 'entreprise', ''],
      [people[0].code, reference, '2026-04', '12,345', 'entreprise', 'trois décimales'],
      [people[0].code, reference, '2026-12', '10', 'entreprise', 'après le marché'],
      [people[0].code, reference, '2026-04', '10', 'fax', ''],
      [people[1].code, reference, '2026-04', '8', 'entreprise', ''],
      [people[1].code, reference, '04/2026', '9', 'entreprise', 'doublon'],
      [people[2].code, reference, 'avril', '9', 'entreprise', ''],
    ]);
    const imp = await analysed('erreurs.csv', csv);
    expect(imp.summary).toMatchObject({ rows: 8, create: 1, refused: 7 });
    const byLine = Object.fromEntries((await rows(imp.id, 'refused')).map((r: { line: number }) => [r.line, r]));
    expect(byLine[2]).toMatchObject({ errorCode: 'unknown_beneficiary', errorColumn: 'code_beneficiaire' });
    expect(byLine[3]).toMatchObject({ errorCode: 'unknown_contract', errorColumn: 'reference_marche' });
    expect(byLine[4]).toMatchObject({ errorCode: 'invalid_input', errorColumn: 'heures', errorReason: '« 12,345 » n’est pas un nombre d’heures positif avec deux décimales au plus (ex. 151,67)' });
    expect(byLine[5]).toMatchObject({ errorCode: 'month_outside_assignment', errorColumn: 'mois', errorReason: 'décembre 2026 est entièrement en dehors des dates de l’affectation (du 01/01/2026 au 31/10/2026)' });
    expect(byLine[6]).toMatchObject({ errorCode: 'invalid_input', errorColumn: 'source' });
    expect(byLine[8]).toMatchObject({ errorCode: 'duplicate_in_file', errorReason: 'la ligne 7 de ce fichier donne déjà les heures de cette affectation pour ce mois' });
    expect(byLine[9]).toMatchObject({ errorCode: 'invalid_input', errorColumn: 'mois', errorReason: '« avril » ne dit pas l’année : écrivez le mois avec son année (ex. 03/2026 ou mars 2026)' });
    const count = (await statements()).length;
    expect((await confirm(imp.id, { mode: 'all_or_nothing' })).status).toBe('failed');
    expect((await statements()).length).toBe(count);
  });

  it('the same file twice counts nothing twice; an overlapping file with other hours corrects (supersedes, history kept)', async () => {
    const file = frenchCsv([HEADER, [people[0].code, reference, '2026-05', '100', 'entreprise'], [people[1].code, reference, '2026-05', '80,5', 'entreprise']]);
    await confirm((await analysed('mai.csv', file)).id, { mode: 'all_or_nothing', markValidated: true });
    const first = await compliance();

    const twice = await analysed('mai.csv', file);
    expect(twice.summary).toMatchObject({ rows: 2, create: 0, unchanged: 2, correct: 0, refused: 0, hours: 0 });
    await confirm(twice.id, { mode: 'all_or_nothing', markValidated: true });
    expect(await compliance()).toEqual(first);

    // Overlapping: one month unchanged, one corrected, one new.
    const overlap = frenchCsv([
      HEADER,
      [people[0].code, reference, '2026-05', '100,00', 'entreprise'],
      [people[1].code, reference, '2026-05', '90', 'bulletin_de_paie'],
      [people[1].code, reference, '2026-06', '50', 'entreprise'],
    ]);
    const corr = await analysed('mai-juin-corrige.csv', overlap);
    expect(corr.summary).toMatchObject({ unchanged: 1, correct: 1, create: 1 });
    const correction = (await rows(corr.id, 'correct'))[0];
    expect(correction).toMatchObject({ line: 3, hours: 90, existingHours: 80.5 });
    // Not marked validated: the correction waits for validation and the old hours keep counting.
    await confirm(corr.id, { mode: 'all_or_nothing' });
    expect((await compliance()).realisedHours).toBe(first.realisedHours);
    const may = (await statements()).filter((s) => s.month === '2026-05' && s.hours_x100 !== 10000);
    expect(may.map((s) => `${s.hours_x100} ${s.status}`)).toEqual(['8050 validated', '9000 declared']);
    const [pending] = await t.ds.query(`SELECT id FROM hours_statements WHERE contract_id = $1 AND hours_x100 = 9000`, [contractId]);
    await fac.post(`${API}/hours-statements/${pending.id}/validate`).expect(200);
    expect(Math.round(((await compliance()).realisedHours - first.realisedHours) * 100)).toBe(950);
    const history = (await fac.get(`${API}/hours-statements/${pending.id}`).expect(200)).body.history;
    expect(history.map((h: { hours: number; status: string }) => `${h.hours} ${h.status}`)).toEqual(['80.5 superseded', '90 validated']);
  });

  it('a statement awaiting a decision blocks other hours for its month, as in the API; the same hours are unchanged', async () => {
    const month = '2026-07-01';
    const pending = await f.statement({ assignmentId: people[0].assignmentId, contractId, month, hoursX100: 2000, status: 'declared' });
    const validated = await f.statement({ assignmentId: people[1].assignmentId, contractId, month, hoursX100: 3000 });
    const correction = await f.statement({ assignmentId: people[1].assignmentId, contractId, month, hoursX100: 3500, status: 'declared', supersedesId: validated.id });
    await f.statement({ assignmentId: people[2].assignmentId, contractId, month, hoursX100: 4000, status: 'declared' });
    const csv = frenchCsv([
      HEADER,
      [people[0].code, reference, '2026-07', '25', 'entreprise'],
      [people[1].code, reference, '2026-07', '50', 'entreprise'],
      [people[2].code, reference, '2026-07', '40', 'entreprise'],
    ]);
    const imp = await analysed('juillet.csv', csv);
    expect(imp.summary).toMatchObject({ rows: 3, create: 0, correct: 0, unchanged: 1, refused: 2 });
    const byLine = Object.fromEntries((await rows(imp.id)).map((r: { line: number }) => [r.line, r]));
    expect(byLine[2]).toMatchObject({
      outcome: 'refused', errorCode: 'statement_exists', errorColumn: 'Heures',
      errorReason: `une déclaration (${pending.id}) pour cette affectation en juillet 2026 attend déjà une décision : validez-la ou rejetez-la d’abord`,
    });
    expect(byLine[3]).toMatchObject({
      outcome: 'refused', errorCode: 'correction_pending', errorColumn: 'Heures',
      errorReason: `une correction de cette déclaration (${correction.id}) attend déjà une décision : validez-la ou rejetez-la d’abord`,
    });
    expect(byLine[4]).toMatchObject({ outcome: 'unchanged' });
  });

  it('checks the legal cap across the rows of the file and what stands already', async () => {
    // Person 0 already has 140.25 h validated in 2026-03; a second assignment of the same person elsewhere adds up.
    const [{ person_key, beneficiary_id, employer_id }] = await t.ds.query(
      `SELECT b.person_key, b.id AS beneficiary_id, a.employer_id FROM assignments a JOIN beneficiaries b ON b.id = a.beneficiary_id WHERE a.id = $1`,
      [people[0].assignmentId],
    );
    const other = await f.assignment({ beneficiaryId: beneficiary_id, contractId, employerId: employer_id, startDate: '2026-03-01', endDate: '2026-03-31' });
    const csv = frenchCsv([['affectation', 'mois', 'heures', 'source'], [other.id, '2026-03', '60', 'entreprise'], [other.id, '2026-04', '212,57', 'entreprise']]);
    const imp = await analysed('plafond.csv', csv);
    const refused = await rows(imp.id, 'refused');
    // 140.25 + 60 = 200.25 ≤ 212.57; April is outside the second assignment.
    expect(refused.map((r: { line: number; errorCode: string }) => `${r.line} ${r.errorCode}`)).toEqual(['3 month_outside_assignment']);
    const over = frenchCsv([['affectation', 'mois', 'heures', 'source'], [other.id, '2026-03', '60', 'entreprise'], [other.id, '2026-03', '13', 'entreprise']]);
    const both = await rows((await analysed('plafond2.csv', over)).id, 'refused');
    expect(both).toEqual([expect.objectContaining({ line: 3, errorCode: 'duplicate_in_file' })]);
    const tooMuch = frenchCsv([['affectation', 'mois', 'heures', 'source'], [other.id, '2026-03', '72,33', 'entreprise']]);
    const capped = await rows((await analysed('plafond3.csv', tooMuch)).id, 'refused');
    expect(capped).toEqual([
      expect.objectContaining({ errorCode: 'legal_monthly_cap', errorReason: 'cette déclaration porterait la personne à 212,58 h en mars 2026, au-dessus du plafond légal de 212,57 h' }),
    ]);
    void person_key;
  });

  it('a confirmation locks each person-month of the file, the locks the API takes for one statement', async () => {
    const csv = frenchCsv([HEADER, ...['2026-08', '2026-09'].flatMap((month) => people.map((p) => [p.code, reference, month, '10', 'Relevé entreprise']))]);
    const imp = await analysed('verrous.csv', csv);
    expect(imp.summary).toMatchObject({ rows: 6, refused: 0 });
    // Six person-months, each in its bucket (as the API computes it), held until the transaction ends.
    const [{ buckets }] = await t.ds.query(
      `SELECT count(DISTINCT ${personMonthBucketSql('person_key::text', 'month::text')})::int AS buckets FROM import_rows WHERE import_id = $1`,
      [imp.id],
    );
    const held = await t.ds.transaction(async (m) => {
      await lockPersonMonths(m, imp.id);
      return (await m.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = $1 AND pid = pg_backend_pid()`, [PERSON_MONTH_LOCK_CLASS]))[0].n;
    });
    expect(buckets).toBeGreaterThan(1);
    expect(held).toBe(buckets);
  });

  it('refuses a file without the needed columns, and a file that is neither CSV nor XLSX', async () => {
    const imp = await analysed('colonnes.csv', frenchCsv([['nom', 'heures'], ['x', '1']]));
    expect(imp.status).toBe('failed');
    expect(imp.error).toMatch(/^Le fichier ne peut pas être lu comme un relevé d’heures mensuel : il manque la colonne « mois » \(.*\) ; .*il manque la colonne « source »/);
    const bad = await fac.post(`${API}/imports`).attach('file', Buffer.from('%PDF-1.7'), 'releve.pdf').expect(400);
    expect(bad.body).toMatchObject({ code: 'unsupported_format', details: [{ field: 'file' }] });
    await fac.post(`${API}/imports`).expect(400);
  });

  it('refuses a CSV broken part-way (an unclosed quote after two batches of rows) at once, naming where to look, with nothing staged or written', async () => {
    const good = Array.from({ length: 4_500 }, () => [people[0].code, reference, '2026-03', '1', 'releve_entreprise']);
    const csv = Buffer.concat([frenchCsv([HEADER, ...good]), Buffer.from(`"${people[1].code};${reference};2026-03;1;releve_entreprise\r\n`), frenchCsv([[people[2].code, reference, '2026-03', '1', 'releve_entreprise']]).subarray(3)]);
    const imp = await analysed('coupe.csv', csv);
    expect(imp.status).toBe('failed');
    // The quote opens on line 4502, after the 4,500 good rows and the header.
    expect(imp.error).toBe('Le fichier ne peut pas être lu comme un CSV : un guillemet ouvert après la ligne 4501 n’est jamais fermé');
    await expectRefusedAtOnce(imp.id);
  });

  it('refuses a truncated XLSX at once, saying it looks damaged, with nothing staged', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Heures');
    ws.addRow(['affectation', 'mois', 'heures', 'source']);
    for (let i = 0; i < 50; i++) ws.addRow([people[0].assignmentId, '2026-03', 1, 'payslip']);
    const full = Buffer.from(await wb.xlsx.writeBuffer());
    // Cut in the middle, as a download or a copy stopped half-way leaves it.
    const imp = await analysed('coupe.xlsx', full.subarray(0, Math.floor(full.length / 2)));
    expect(imp.status).toBe('failed');
    expect(imp.error).toMatch(/^Le fichier ne peut pas être lu comme un classeur Excel : il semble abîmé ou incomplet \(.+\) ; enregistrez-le à nouveau depuis Excel et déposez-le à nouveau$/);
    await expectRefusedAtOnce(imp.id);
  });

  it('acts within the uploader scope: unknown people for another department, imports of another structure invisible', async () => {
    const other = await t.as('facilitator', (await f.facilitatorStructure({ departmentCodes: ['69'] })).id);
    const id = (await other.post(`${API}/imports`).attach('file', frenchCsv([HEADER, [people[0].code, reference, '2026-07', '10', 'entreprise']]), 'x.csv').expect(202)).body.id;
    const done = await eventually(async () => {
      const r = await other.get(`${API}/imports/${id}`).expect(200);
      return r.body.status === 'analysed' ? r.body : null;
    }, 'analysis');
    expect(done.summary).toMatchObject({ refused: 1 });
    const [row] = (await other.get(`${API}/imports/${id}/rows`).expect(200)).body.items;
    expect(row).toMatchObject({ errorCode: 'unknown_beneficiary' });
    await fac.get(`${API}/imports/${id}`).expect(404);
    expect((await fac.get(`${API}/imports`).expect(200)).body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    await regional.get(`${API}/imports`).expect(403);
  });

  it('offers the templates, which import as they are once filled', async () => {
    const csv = await fac.get(`${API}/imports/templates/hours-statements.csv`).expect(200);
    expect(csv.text.startsWith('\uFEFFaffectation;code_beneficiaire;reference_marche;siret_acheteur;mois;heures;source')).toBe(true);
    const xlsx = await fac.get(`${API}/imports/templates/hours-statements.xlsx`).buffer(true).parse(binaryBody).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Heures', 'Notice']);
    expect(wb.worksheets[0].getRow(1).values).toEqual([undefined, 'affectation', 'code_beneficiaire', 'reference_marche', 'siret_acheteur', 'mois', 'heures', 'source']);
    // The first example row, for one of our people in a month without hours yet; the second example dropped.
    const filled = Buffer.from(
      csv.text.replace(/B-3F2A91C0DE;L15S-T2A;;2026-03/, `${people[2].code};${reference};;2026-09`).replace(/\r\n[^\r\n]*B-77C01D9A4E[^\r\n]*/, ''),
      'utf8',
    );
    const imp = await analysed('modele.csv', filled);
    expect(imp.summary).toMatchObject({ rows: 1, create: 1, refused: 0, hours: 151.67 });
  });
});
