import ExcelJS from 'exceljs';
import { existsSync } from 'node:fs';
import { auditIdentity, systemActor } from '../../src/access/actor';
import { personCode, personKey } from '../../src/beneficiaries/person-key';
import { loadConfig } from '../../src/config/app-config';
import { runWithActor } from '../../src/access/request-context';
import { ImportFiles } from '../../src/imports/import-files';
import { inTransaction } from '../../src/database/transaction';
import { JOB_NAMES, IMPORTS_QUEUE } from '../../src/jobs/job-names';
import { binaryBody } from '../helpers/binary-body';
import { factories, makeSiret } from '../helpers/factories';
import { eventually, ReportTestApp, startReportTestApp } from '../helpers/report-jobs';
import { AuthedHttp } from '../helpers/users';
import { workbook } from '../helpers/workbook';

const API = '/api/v1';

const readBook = async (body: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
};
const table = (ws: ExcelJS.Worksheet) => ws.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v))));

/** The onboarding workbook, what issue 25 found wrong in it: continuation rows, a SIRET imported twice at once, files never confirmed. */
describe('onboarding workbooks: continuation rows, concurrent structures, expiry', () => {
  let t: ReportTestApp;
  let f: ReturnType<typeof factories>;
  let fac: AuthedHttp;
  const authority = makeSiret();

  beforeAll(async () => {
    t = await startReportTestApp();
    t.startWorker({}, IMPORTS_QUEUE);
    f = factories(t.ds);
    await f.organisation({ kind: 'contracting_authority', siret: authority, departmentCodes: ['93'] });
    fac = await t.as('facilitator', (await f.facilitatorStructure({ departmentCodes: ['93'] })).id);
  });
  afterAll(async () => t.close());

  const waitFor = (as: AuthedHttp, id: string, statuses: string[]) =>
    eventually(async () => {
      const r = await as.get(`${API}/imports/${id}`).expect(200);
      return statuses.includes(r.body.status) ? r.body : null;
    }, `import ${id} to be ${statuses.join(' or ')}`);
  const upload = async (as: AuthedHttp, content: Buffer, name = 'reprise.xlsx') =>
    (await as.post(`${API}/imports`).field('kind', 'onboarding').attach('file', content, name).expect(202)).body.id as string;
  const confirm = async (id: string, body: object) => {
    await fac.post(`${API}/imports/${id}/confirm`).send(body).expect(202);
    return waitFor(fac, id, ['completed', 'failed']);
  };

  it('a refused second clause or criterion comes back with the first row of its contract or person, so the returned workbook imports once corrected', async () => {
    const holder = makeSiret();
    const header = ['reference', 'intitule', 'cpv', 'siret_acheteur', 'siret_titulaire', 'montant_ht', 'date_debut', 'date_fin', 'departement', 'type_clause', 'mode', 'heures_cibles', 'part_pme_min'];
    const people = ['identifiant', 'nom', 'prenom', 'date_naissance', 'sexe', 'qpv', 'critere', 'critere_valide_le', 'critere_valide_par'];
    const content = await workbook({
      entreprises: [['siret', 'nom', 'taille'], [holder, 'Voirie Plaine Commune', 'moyenne']],
      marches: [header, ['SUITE-1', 'Voirie', '45233140-2', authority, holder, '1 000 000', '2026-01-01', '2026-12-31', '93', 'heures_insertion', 'fixe', '500', ''],
        ['SUITE-1', '', '', authority, '', '', '', '', '', 'part_pme', '', '', '150 %']],
      beneficiaires: [people, ['S1', 'Lemoine', 'Rose', '1988-02-02', 'F', 'non', 'RSA', '2025-12-01', 'PLIE'], ['S1', '', '', '', '', '', 'DELD', '2025-13-01', 'PLIE']],
    });
    const id = await upload(fac, content);
    const analysed = await waitFor(fac, id, ['analysed']);
    expect(analysed.summary.sheets).toMatchObject({ marches: { create: 1, refused: 1 }, beneficiaires: { create: 1, refused: 1 } });
    expect(await confirm(id, { mode: 'keep_valid' })).toMatchObject({ status: 'completed' });

    const back = await readBook((await fac.get(`${API}/imports/${id}/refused-rows`).buffer(true).parse(binaryBody).expect(200)).body as Buffer);
    expect(table(back.getWorksheet('marches')!)).toEqual([
      [...header, 'erreur'],
      ['SUITE-1', 'Voirie', '45233140-2', authority, holder, '1 000 000', '2026-01-01', '2026-12-31', '93', 'heures_insertion', 'fixe', '500', '', 'ligne 2 : rien à corriger sur cette ligne : elle est redonnée car la ligne 3 la complète'],
      ['SUITE-1', '', '', authority, '', '', '', '', '', 'part_pme', '', '', '150 %', 'ligne 3, part_pme_min : doit être un pourcentage de 0 à 100'],
    ]);
    const person = table(back.getWorksheet('beneficiaires')!);
    expect(person.map((r) => [r[0], r[1], r[6], r[9]])).toEqual([
      ['identifiant', 'nom', 'critere', 'erreur'],
      ['S1', 'Lemoine', 'RSA', 'ligne 2 : rien à corriger sur cette ligne : elle est redonnée car la ligne 3 la complète'],
      ['S1', '', 'DELD', 'ligne 3, critere_valide_le : « 2025-13-01 » n’est pas une date (ex. 31/03/2026 ou 2026-03-31)'],
    ]);

    // Corrected as a person would (the two wrong cells), the returned workbook goes in whole.
    const marches = back.getWorksheet('marches')!;
    marches.getRow(3).getCell(13).value = '15 %';
    back.getWorksheet('beneficiaires')!.getRow(3).getCell(8).value = '2025-12-01';
    const again = await upload(fac, Buffer.from(await back.xlsx.writeBuffer()), 'corrige.xlsx');
    const second = await waitFor(fac, again, ['analysed']);
    expect(second.summary.sheets).toEqual({
      marches: { rows: 2, create: 1, correct: 0, unchanged: 1, refused: 0 },
      beneficiaires: { rows: 2, create: 1, correct: 0, unchanged: 1, refused: 0 },
    });
  });

  it('two structures registering the same new company at once: the second finds it registered instead of failing', async () => {
    const siret = makeSiret();
    // Another structure's import holds the new company, not committed yet.
    let commit!: () => void;
    const held = new Promise<void>((resolve) => (commit = resolve));
    const other = runWithActor(systemActor('test'), () =>
      inTransaction(t.ds, auditIdentity(systemActor('test')), async (m) => {
        await m.query(`INSERT INTO organisations (kind, name, siret, size, inclusion_type) VALUES ('company', 'Déjà là', $1, 'small', 'none')`, [siret]);
        await held;
      }, { attempts: 1 }),
    );
    const id = await upload(fac, await workbook({ entreprises: [['siret', 'nom', 'taille'], [siret, 'Nouvelle entreprise', 'petite']] }));
    // The dry run waits on the other transaction's row…
    await eventually(async () => {
      const [{ waiting }] = await t.ds.query(`SELECT count(*)::int AS waiting FROM pg_locks WHERE NOT granted AND locktype = 'transactionid'`);
      return waiting > 0 ? true : null;
    }, 'the dry run to wait for the other registration');
    commit();
    await other;
    // …then finds the company registered: unchanged, and the job does not fail.
    const done = await waitFor(fac, id, ['analysed', 'failed']);
    expect(done).toMatchObject({ status: 'analysed', summary: { sheets: { entreprises: { rows: 1, create: 0, unchanged: 1, refused: 0 } } } });
    // At the first attempt: the unique index's refusal no longer fails the job for a retry to get right.
    const jobs = await t.queues.importsQueue.getJobs(['completed', 'failed']);
    expect(jobs.filter((j) => j.data.importId === id).map((j) => j.attemptsMade)).toEqual([1]);
  });

  it('an upload never confirmed expires after IMPORT_RETENTION_DAYS: its file and rows deleted, the import saying so', async () => {
    const id = await upload(fac, await workbook({ entreprises: [['siret', 'nom', 'taille'], [makeSiret(), 'Oubliée', 'micro']] }));
    await waitFor(fac, id, ['analysed']);
    const young = await upload(fac, await workbook({ entreprises: [['siret', 'nom', 'taille'], [makeSiret(), 'Récente', 'micro']] }));
    await waitFor(fac, young, ['analysed']);
    const [{ file_key: key }] = await t.ds.query(`SELECT file_key FROM imports WHERE id = $1`, [id]);
    const path = t.app.get(ImportFiles).pathOf(key);
    expect(existsSync(path)).toBe(true);
    await t.ds.query(`UPDATE imports SET analysed_at = now() - interval '7 days 1 minute' WHERE id = $1`, [id]);
    await t.ds.query(`UPDATE imports SET analysed_at = now() - interval '6 days 23 hours' WHERE id = $1`, [young]);

    const job = await t.queues.reportsQueue.add(JOB_NAMES.housekeeping, {});
    t.startWorker({});
    const result = await eventually(async () => ((await job.getState()) === 'completed' ? (await t.queues.reportsQueue.getJob(job.id!))!.returnvalue : null), 'housekeeping');
    expect(result).toMatchObject({ expiredImports: 1 });

    expect(existsSync(path)).toBe(false);
    const expired = (await fac.get(`${API}/imports/${id}`).expect(200)).body;
    expect(expired).toMatchObject({ status: 'expired', error: 'Import non confirmé dans les 7 jours : le fichier a été supprimé, déposez-le à nouveau' });
    const [{ rows }] = await t.ds.query(`SELECT count(*)::int AS rows FROM import_rows WHERE import_id = $1`, [id]);
    expect(rows).toBe(0);
    expect((await fac.post(`${API}/imports/${id}/confirm`).send({ mode: 'keep_valid' }).expect(409)).body.code).toBe('import_not_ready');
    expect((await fac.get(`${API}/imports/${young}`).expect(200)).body.status).toBe('analysed');
  });

  it('a record that exists with other values: the dry run says what differs; confirmed with updateExisting, what the API lets a facilitator change is updated', async () => {
    const company = makeSiret();
    const contract = ['reference', 'intitule', 'cpv', 'siret_acheteur', 'siret_titulaire', 'montant_ht', 'date_debut', 'date_fin', 'departement'];
    const person = ['identifiant', 'nom', 'prenom', 'date_naissance', 'sexe', 'qpv', 'commune'];
    const first = await workbook({
      entreprises: [['siret', 'nom', 'taille'], [company, 'Pavage 93', 'petite']],
      marches: [contract, ['DIFF-1', 'Pavage des rues', '45233140', authority, company, '500 000', '2026-01-01', '2026-12-31', '93']],
      beneficiaires: [person, ['D1', 'Garnier', 'Paul', '1980-07-07', 'M', 'non', '93066']],
    });
    const registered = await upload(fac, first);
    await waitFor(fac, registered, ['analysed']);
    expect(await confirm(registered, { mode: 'all_or_nothing' })).toMatchObject({ status: 'completed' });

    const second = await workbook({
      entreprises: [['siret', 'nom', 'taille'], [company, 'Pavage 93', 'moyenne']],
      marches: [contract, ['DIFF-1', 'Pavage et trottoirs', '45233140', authority, company, '550 000,50', '2026-01-01', '2027-06-30', '93']],
      beneficiaires: [person, ['D1', 'Garnier', 'Paul', '1980-07-07', 'M', 'oui', '93048']],
    });
    const id = await upload(fac, second, 'reprise-modifiee.xlsx');
    const dry = await waitFor(fac, id, ['analysed']);
    expect(dry.summary).toMatchObject({ create: 0, correct: 0, unchanged: 3, refused: 0 });
    const notes = async () =>
      ((await fac.get(`${API}/imports/${id}/rows`).query({ pageSize: '50' }).expect(200)).body.items as Record<string, unknown>[]).map((r) => [r.sheet, r.outcome, r.errorCode, r.errorColumn, r.errorReason]);
    expect(await notes()).toEqual([
      ['entreprises', 'unchanged', 'differs_from_record', 'taille',
        'existe déjà avec d’autres valeurs : taille (fichier « moyenne », enregistré « small ») ; un import ne change pas taille : modifiez l’enregistrement lui-même (ou demandez-le à qui en a le droit)'],
      ['marches', 'unchanged', 'differs_from_record', 'intitule',
        'existe déjà avec d’autres valeurs : intitule (fichier « Pavage et trottoirs », enregistré « Pavage des rues »), montant_ht (fichier « 550 000,50 », enregistré « 500 000,00 »), date_fin (fichier « 2027-06-30 », enregistré « 2026-12-31 ») ; confirmez avec updateExisting pour mettre à jour intitule et montant_ht ; un import ne change pas date_fin : modifiez l’enregistrement lui-même (ou demandez-le à qui en a le droit)'],
      ['beneficiaires', 'unchanged', 'differs_from_record', 'commune',
        'existe déjà avec d’autres valeurs : commune (fichier « 93048 », enregistré « 93066 »), qpv (fichier « oui », enregistré « non ») ; confirmez avec updateExisting pour mettre à jour commune et qpv'],
    ]);

    const done = await confirm(id, { mode: 'all_or_nothing', updateExisting: true });
    expect(done).toMatchObject({ status: 'completed', updateExisting: true, summary: { correct: 2, unchanged: 1 } });
    const [c] = await t.ds.query(`SELECT title, amount_cents::int AS amount, end_date::text AS "end" FROM contracts WHERE reference = 'DIFF-1'`);
    expect(c).toEqual({ title: 'Pavage et trottoirs', amount: 55_000_050, end: '2026-12-31' });
    const code = personCode(personKey(loadConfig({}).PSEUDONYM_SECRET, { lastName: 'Garnier', firstName: 'Paul', birthDate: '1980-07-07' }));
    const [p] = await t.ds.query(`SELECT qpv_resident AS qpv, commune_code AS commune FROM beneficiaries WHERE code = $1`, [code]);
    expect(p).toEqual({ qpv: true, commune: '93048' });
    const [o] = await t.ds.query(`SELECT size FROM organisations WHERE siret = $1`, [company]);
    expect(o.size).toBe('small');
  });
});
