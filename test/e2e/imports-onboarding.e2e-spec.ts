import ExcelJS from 'exceljs';
import { IdentityCipher } from '../../src/beneficiaries/identity-cipher';
import { personCode, personKey } from '../../src/beneficiaries/person-key';
import { loadConfig } from '../../src/config/app-config';
import { IMPORTS_QUEUE } from '../../src/jobs/job-names';
import { binaryBody } from '../helpers/binary-body';
import { factories, makeSiret } from '../helpers/factories';
import { eventually, ReportTestApp, startReportTestApp } from '../helpers/report-jobs';
import { AuthedHttp } from '../helpers/users';
import { workbook } from '../helpers/workbook';

const API = '/api/v1';
const config = loadConfig({});


const months = (from: string, count: number) =>
  Array.from({ length: count }, (_, i) => {
    const d = new Date(`${from}-01T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() + i);
    return d.toISOString().slice(0, 7);
  });

/**
 * A department moving in at once. Seine-Saint-Denis (93), all contracts from 2025-01-01:
 *  VOIRIE    to 2026-12-31, fixed 3,000 h, penalty 50 €/h; SME share 20 %  — holder BTP 93 (medium)
 *  ECOLE     to 2026-06-30, formula 1,200,000 € × 50 % × 5 % ÷ 30 €/h = 1,000 h
 *  PROPRETE  to 2026-12-31, 10 % of the hours the holder declares (24 × 1,000 h → 2,400 h) — holder Net'Insertion (ETTI, small)
 * People and their monthly hours, validated: P1 VOIRIE 100 h × 24, P2 VOIRIE (ETTI) 50 h × 24, P3 ECOLE 50 h × 18,
 * P4 PROPRETE 120 h × 24, P5 PROPRETE 60 h × 24 — P5's criterion was validated after the start: not eligible.
 * At 2026-12-31: VOIRIE 3,600 ≥ 3,000 achieved; ECOLE 900 < 1,000 after its end, failed (100 h short);
 * PROPRETE 2,880 ≥ 2,400 at its end, achieved, 1,440 h not eligible. Department: 6,400 h planned, 7,380 h realised
 * (FTE 7,380 ÷ 1,607 = 4.59), 4 distinct people.
 */
describe('onboarding import: a department moves in with one workbook', () => {
  let t: ReportTestApp;
  let f: ReturnType<typeof factories>;
  let fac: AuthedHttp;
  let regional: AuthedHttp;
  let structureId: string;
  const authority = makeSiret();
  const btp = makeSiret();
  const etti = makeSiret();
  const people = [
    { ref: 'P1', last: 'Durand', first: 'Élodie', birth: '1991-05-04', sex: 'F', criteria: [['RSA', '2024-12-01'], ['residant_qpv', '2024-12-01']] },
    { ref: 'P2', last: "N'Diaye", first: 'Moussa', birth: '2001-02-11', sex: 'M', criteria: [['jeune_peu_qualifie', '2024-11-15']] },
    { ref: 'P3', last: 'Leroy', first: 'Chantal', birth: '1970-09-30', sex: 'F', criteria: [['senior', '2024-12-20']] },
    { ref: 'P4', last: 'Benali', first: 'Karim', birth: '1985-01-17', sex: 'M', criteria: [['DELD', '2024-10-01']] },
    { ref: 'P5', last: 'Morel', first: 'Inès', birth: '1995-07-08', sex: 'F', criteria: [['RQTH', '2025-03-01']] },
  ];
  const hours: [string, string, string, number][] = [
    ['P1', 'VOIRIE', '2025-01', 24], ['P2', 'VOIRIE', '2025-01', 24], ['P3', 'ECOLE', '2025-01', 18], ['P4', 'PROPRETE', '2025-01', 24], ['P5', 'PROPRETE', '2025-01', 24],
  ];
  const perMonth: Record<string, string> = { P1: '100', P2: '50', P3: '50', P4: '120,00', P5: '60' };

  const department = async () =>
    workbook({
      entreprises: [
        ['siret', 'nom', 'taille', 'type_insertion', 'departements'],
        [btp, 'BTP 93', 'moyenne', '', '93'],
        [etti, "Net'Insertion", 'Petite', 'ETTI', '93, 94'],
      ],
      marches: [
        ['reference', 'intitule', 'cpv', 'siret_acheteur', 'siret_titulaire', 'montant_ht', 'date_debut', 'date_fin', 'departement', 'considerations_sociales', 'type_clause', 'mode', 'heures_cibles', 'part_main_oeuvre', 'taux_insertion', 'cout_horaire', 'penalite_par_heure', 'part_pme_min'],
        ['VOIRIE', 'Voirie communale', '45233140-2', authority, btp, '2 000 000,00', '01/01/2025', '31/12/2026', '93', 'Clause sociale', 'heures_insertion', 'fixe', '3000', '', '', '', '50', ''],
        ['VOIRIE', '', '', authority, '', '', '', '', '', '', 'part_pme', '', '', '', '', '', '', '20 %'],
        ['ECOLE', 'Groupe scolaire', '45214200', authority, btp, 1_200_000, new Date(Date.UTC(2025, 0, 1)), '2026-06-30', 93, 'Clause sociale', 'Heures insertion', 'formule', '', '50', '5', '30', '', ''],
        ['PROPRETE', 'Propreté urbaine', '90910000-9', authority, etti, '600000', '2025-01-01', '2026-12-31', '93', '', 'heures_insertion', 'pourcentage_heures', '', '', 0.1, '', '', ''],
      ],
      beneficiaires: [
        ['identifiant', 'nom', 'prenom', 'date_naissance', 'sexe', 'qpv', 'critere', 'critere_valide_le', 'critere_valide_par'],
        ...people.flatMap((p) => p.criteria.map(([c, on], i) => (i ? [p.ref, '', '', '', '', '', c, on, 'Conseillère PLIE'] : [p.ref, p.last, p.first, p.birth, p.sex, p.ref === 'P1' ? 'oui' : 'non', c, on, 'Conseillère PLIE']))),
      ],
      affectations: [
        ['identifiant_beneficiaire', 'reference_marche', 'siret_employeur', 'modalite', 'date_debut', 'date_fin'],
        ['P1', 'VOIRIE', btp, 'CDI', '2025-01-01', ''],
        ['P2', 'VOIRIE', etti, 'interim_etti', '2025-01-01', ''],
        ['P3', 'ECOLE', btp, 'cdd', '2025-01-01', '2026-06-30'],
        ['P4', 'PROPRETE', etti, 'cdd', '2025-01-01', ''],
        ['P5', 'PROPRETE', etti, 'cdd', '2025-01-01', ''],
      ],
      heures: [
        ['identifiant_beneficiaire', 'reference_marche', 'mois', 'heures', 'source'],
        ...hours.flatMap(([p, ref, from, n]) => months(from, n).map((m) => [p, ref, m, perMonth[p], 'releve_entreprise'])),
      ],
    });

  beforeAll(async () => {
    t = await startReportTestApp();
    t.startWorker({}, IMPORTS_QUEUE);
    f = factories(t.ds);
    structureId = (await f.facilitatorStructure({ departmentCodes: ['93'] })).id;
    await f.organisation({ kind: 'contracting_authority', name: 'Ville de Saint-Denis', siret: authority, departmentCodes: ['93'] });
    fac = await t.as('facilitator', structureId);
    regional = await t.as('regional_staff', (await f.organisation({ kind: 'regional_mission', regionCode: '11', departmentCodes: [] })).id);
  });
  afterAll(async () => t.close());

  const waitFor = (as: AuthedHttp, id: string, statuses: string[]) =>
    eventually(async () => {
      const r = await as.get(`${API}/imports/${id}`).expect(200);
      return statuses.includes(r.body.status) ? r.body : null;
    }, `import ${id} to be ${statuses.join(' or ')}`);
  const analysed = async (as: AuthedHttp, content: Buffer, name = 'reprise.xlsx') => {
    const res = await as.post(`${API}/imports`).field('kind', 'onboarding').attach('file', content, name).expect(202);
    expect(res.body).toMatchObject({ kind: 'onboarding', status: 'queued' });
    return waitFor(as, res.body.id, ['analysed', 'failed']);
  };
  const confirm = async (as: AuthedHttp, id: string, body: object) => {
    await as.post(`${API}/imports/${id}/confirm`).send(body).expect(202);
    return waitFor(as, id, ['completed', 'failed']);
  };
  const rows = async (as: AuthedHttp, id: string, query: Record<string, string> = {}) =>
    (await as.get(`${API}/imports/${id}/rows`).query({ pageSize: '500', ...query }).expect(200)).body.items as Record<string, unknown>[];
  const counts = async () => {
    const [c] = await t.ds.query(`SELECT (SELECT count(*) FROM organisations WHERE kind = 'company')::int AS companies, (SELECT count(*) FROM contracts)::int AS contracts,
      (SELECT count(*) FROM clauses)::int AS clauses, (SELECT count(*) FROM beneficiaries)::int AS people, (SELECT count(*) FROM eligibility_criteria)::int AS criteria,
      (SELECT count(*) FROM assignments)::int AS assignments, (SELECT count(*) FROM hours_statements)::int AS statements`);
    return c as Record<string, number>;
  };
  const contractId = async (reference: string) => (await t.ds.query(`SELECT id FROM contracts WHERE reference = $1`, [reference]))[0].id as string;
  const insertion = async (reference: string) =>
    ((await regional.get(`${API}/contracts/${await contractId(reference)}/compliance`).query({ at: '2026-12-31' }).expect(200)).body.clauses as { kind: string }[]).find(
      (c) => c.kind === 'insertion_hours',
    );
  const figures = async () => ({
    voirie: await insertion('VOIRIE'), ecole: await insertion('ECOLE'), proprete: await insertion('PROPRETE'),
    department: (await regional.get(`${API}/compliance/departments/93`).query({ at: '2026-12-31' }).expect(200)).body,
  });

  it('dry run: exact counts per sheet, nothing written; confirmed: the exact figures of the contracts and the department', async () => {
    const before = await counts();
    const imp = await analysed(fac, await department());
    expect(imp.status).toBe('analysed');
    const none = { correct: 0, unchanged: 0, refused: 0 };
    expect(imp.summary).toEqual({
      rows: 131, create: 131, ...none, hours: 8820,
      sheets: {
        entreprises: { rows: 2, create: 2, ...none }, marches: { rows: 4, create: 4, ...none }, beneficiaires: { rows: 6, create: 6, ...none },
        affectations: { rows: 5, create: 5, ...none }, heures: { rows: 114, create: 114, ...none },
      },
    });
    expect(await counts()).toEqual(before);
    const affectations = await rows(fac, imp.id, { sheet: 'affectations' });
    expect(affectations.map((r) => `${r.line} ${r.outcome} ${r.errorCode ?? ''}`)).toEqual(['2 create ', '3 create ', '4 create ', '5 create ', '6 create not_eligible']);
    expect(affectations[4]).toMatchObject({ errorColumn: 'date_debut', errorReason: expect.stringContaining('aucun critère d’éligibilité de cette personne n’est valable le 01/01/2025') });
    // The codes the people will have, derived from their identity as the API derives them.
    const code = (p: (typeof people)[number]) => personCode(personKey(config.PSEUDONYM_SECRET, { lastName: p.last, firstName: p.first, birthDate: p.birth }));
    expect((await rows(fac, imp.id, { sheet: 'beneficiaires' })).map((r) => r.beneficiaryCode)).toEqual([code(people[0]), ...people.map(code)]);

    const done = await confirm(fac, imp.id, { mode: 'all_or_nothing', markValidated: true });
    expect(done).toMatchObject({ status: 'completed', summary: imp.summary });
    expect(await counts()).toEqual({ ...before, companies: before.companies + 2, contracts: 3, clauses: 4, people: 5, criteria: 6, assignments: 5, statements: 114 });
    // The holder of PROPRETE declares its monthly hours: the denominator of its 10 % target.
    for (const m of months('2025-01', 24)) await fac.put(`${API}/contracts/${await contractId('PROPRETE')}/monthly-hours/${m}`).send({ hours: 1000 }).expect(200);

    const { voirie, ecole, proprete, department: dept } = await figures();
    expect(voirie).toMatchObject({ targetMode: 'fixed', plannedHoursAtEnd: 3000, realisedHours: 3600, notEligibleHours: 0, pendingHours: 0, status: 'achieved', shortfallHours: 0, distinctBeneficiaries: 2 });
    expect(ecole).toMatchObject({ targetMode: 'formula', plannedHoursAtEnd: 1000, realisedHours: 900, status: 'failed', shortfallHours: 100, distinctBeneficiaries: 1 });
    expect(proprete).toMatchObject({ targetMode: 'percent_of_hours', plannedHoursAtEnd: 2400, realisedHours: 2880, notEligibleHours: 1440, status: 'achieved', distinctBeneficiaries: 1 });
    expect(dept).toMatchObject({
      contractCount: 3, reservedClauseCount: 0, sme: { clauseCount: 1 },
      insertion: { clauseCount: 3, plannedHoursAtEnd: 6400, realisedHours: 7380, notEligibleHours: 1440, pendingHours: 0, fte: 4.59, distinctBeneficiaries: 4 },
    });
    expect(dept.insertion.byStatus).toMatchObject({ achieved: 2, failed: 1 });
    // The facilitator reads the same figures; the region is this one department.
    expect((await fac.get(`${API}/compliance/departments/93`).query({ at: '2026-12-31' }).expect(200)).body.insertion).toEqual(dept.insertion);
    expect((await regional.get(`${API}/compliance/regions/11`).query({ at: '2026-12-31' }).expect(200)).body.insertion).toEqual(dept.insertion);
    const voirieDetail = (await fac.get(`${API}/contracts/${await contractId('VOIRIE')}`).expect(200)).body;
    expect(voirieDetail).toMatchObject({ amountCents: 200_000_000, cpvCode: '45233140-2', startDate: '2025-01-01', socialConsiderations: ['Clause sociale'] });
    expect(voirieDetail.clauses.map((c: { kind: string; currentTerms: object }) => [c.kind, c.currentTerms])).toEqual([
      ['insertion_hours', expect.objectContaining({ targetMode: 'fixed', fixedHours: 3000, penaltyCentsPerHour: 5000 })],
      ['sme_share', expect.objectContaining({ smeMinShare: 0.2 })],
    ]);
  });

  it('identities: readable by the registering structure only, encrypted in the database and bound to the row', async () => {
    const identities = people.map((p) => ({ lastName: p.last, firstName: p.first, birthDate: p.birth }));
    const byName = (a: { lastName: string }, b: { lastName: string }) => a.lastName.localeCompare(b.lastName);
    const mine = (await fac.get(`${API}/beneficiaries`).query({ pageSize: '50' }).expect(200)).body.items as { identity: { lastName: string }; criteria: object[] }[];
    expect(mine.map((b) => b.identity).sort(byName)).toEqual([...identities].sort(byName));
    expect(mine.find((b) => b.identity.lastName === 'Durand')!.criteria).toHaveLength(2);
    const seen = (await regional.get(`${API}/beneficiaries`).query({ pageSize: '50' }).expect(200)).body.items as { identity?: object }[];
    expect(seen).toHaveLength(5);
    expect(seen.every((b) => b.identity === undefined)).toBe(true);
    const stored = (await t.ds.query(`SELECT id, identity_enc FROM beneficiaries`)) as { id: string; identity_enc: Buffer }[];
    const cipher = new IdentityCipher(config.IDENTITY_ENCRYPTION_KEY);
    for (const [i, row] of stored.entries()) {
      expect(people.some((p) => row.identity_enc.includes(Buffer.from(p.last)) || row.identity_enc.includes(Buffer.from(p.birth)))).toBe(false);
      expect(identities).toContainEqual(cipher.decrypt(row.id, row.identity_enc));
      // Bound to its row: copied onto another person, it does not decrypt.
      expect(() => cipher.decrypt(stored[(i + 1) % stored.length].id, row.identity_enc)).toThrow();
    }
  });

  it('the same workbook twice: every row unchanged, nothing written, the figures identical', async () => {
    const before = { counts: await counts(), figures: await figures() };
    const again = await analysed(fac, await department(), 'reprise-bis.xlsx');
    expect(again.summary).toMatchObject({ rows: 131, create: 0, correct: 0, unchanged: 131, refused: 0, hours: 0 });
    expect(again.summary.sheets.marches).toEqual({ rows: 4, create: 0, correct: 0, unchanged: 4, refused: 0 });
    expect(await confirm(fac, again.id, { mode: 'all_or_nothing', markValidated: true })).toMatchObject({ status: 'completed' });
    expect(await counts()).toEqual(before.counts);
    expect(await figures()).toEqual(before.figures);
  });

  it('bad rows: each refused with sheet, line, column and reason, dependents too; nothing written in all-or-nothing, the valid rows in keep-valid', async () => {
    const s94 = (await f.facilitatorStructure({ departmentCodes: ['94'] })).id;
    const fac94 = await t.as('facilitator', s94);
    const company = makeSiret();
    const unknownAuthority = makeSiret();
    const content = await workbook({
      Entreprises: [['siret', 'nom', 'taille'], [company, 'Espaces Verts 94', 'petite'], ['12345678901234', 'Erreur', 'micro']],
      'Marchés': [
        ['reference', 'intitule', 'cpv', 'siret_acheteur', 'siret_titulaire', 'montant_ht', 'date_debut', 'date_fin', 'departement', 'type_clause', 'mode', 'heures_cibles'],
        ['GYMNASE', 'Gymnase', '45212222', authority, company, '800000', '2026-01-01', '2026-12-31', '94', 'heures_insertion', 'fixe', '500'],
        ['PISCINE', 'Piscine', '45212212', unknownAuthority, company, '900000', '2026-01-01', '2026-12-31', '94', '', '', ''],
        ['CRECHE', 'Crèche', '45214100', authority, company, '500000', '2026-01-01', '2026-12-31', '93', '', '', ''],
        ['MAIRIE', 'Mairie annexe', '45210000', authority, company, '500000', '2026-01-01', '2025-12-31', '94', '', '', ''],
      ],
      'Bénéficiaires': [
        ['identifiant', 'nom', 'prenom', 'date_naissance', 'sexe', 'qpv', 'critere', 'critere_valide_le', 'critere_valide_par', 'critere_motif'],
        ['Q1', 'Martin', 'Lucas', '1992-03-03', 'M', 'non', 'RSA', '2025-12-01', 'PLIE', ''],
        ['Q2', 'Petit', 'Anna', '1999-09-09', 'F', 'non', 'autre', '2025-12-01', 'PLIE', ''],
        ['Q2', '', '', '', '', '', 'RSA', '2025-12-01', 'PLIE', ''],
      ],
      affectations: [
        ['identifiant_beneficiaire', 'reference_marche', 'siret_employeur', 'modalite', 'date_debut'],
        ['Q1', 'GYMNASE', company, 'cdd', '2026-02-01'],
        ['Q1', 'PISCINE', company, 'cdd', '2026-02-01'],
        ['Q2', 'GYMNASE', company, 'cdd', '2026-02-01'],
        ['Q1', 'GYMNASE', company, 'cdi', '2030-01-01'],
      ],
      heures: [
        ['identifiant_beneficiaire', 'reference_marche', 'mois', 'heures', 'source'],
        ['Q1', 'GYMNASE', '2026-03', '150', 'releve_entreprise'],
        ['Q1', 'GYMNASE', '2026-04', '250', 'releve_entreprise'],
        ['Q2', 'GYMNASE', '2026-03', '100', 'releve_entreprise'],
        ['Q1', 'PISCINE', '2026-03', '20', 'releve_entreprise'],
      ],
      Notice: [['Remplir une feuille par table']],
    });
    const before = await counts();
    const imp = await analysed(fac94, content, 'reprise-94.xlsx');
    // The dry run stages every row for the file of refused rows: names and birth dates only sealed.
    const staged = (await t.ds.query(`SELECT raw::text AS raw FROM import_rows WHERE import_id = $1 AND sheet = 'beneficiaires'`, [imp.id])) as { raw: string }[];
    expect(staged).toHaveLength(3);
    for (const secret of ['Martin', 'Lucas', 'Petit', 'Anna', '1992-03-03', '1999-09-09']) expect(staged.filter((r) => r.raw.includes(secret))).toEqual([]);
    const sheet = (create: number, refused: number) => ({ rows: create + refused, create, correct: 0, unchanged: 0, refused });
    expect(imp.summary).toEqual({
      rows: 17, create: 5, correct: 0, unchanged: 0, refused: 12, hours: 150,
      sheets: { entreprises: sheet(1, 1), marches: sheet(1, 3), beneficiaires: sheet(1, 2), affectations: sheet(1, 3), heures: sheet(1, 3) },
    });
    const refused = (await rows(fac94, imp.id, { outcome: 'refused' })).map(({ sheet, line, errorCode, errorColumn, errorReason }) => ({ sheet, line, errorCode, errorColumn, errorReason }));
    const dep = (sheet: string, line: number) => `dépend de la ligne ${line} de la feuille ${sheet}, refusée`;
    expect(refused).toEqual([
      { sheet: 'entreprises', line: 3, errorCode: 'invalid_input', errorColumn: 'siret', errorReason: '« 12345678901234 » : la clé de contrôle du SIRET est fausse' },
      { sheet: 'marches', line: 3, errorCode: 'unknown_organisation', errorColumn: 'siret_acheteur', errorReason: expect.stringContaining('demandez à un administrateur d’enregistrer cet acheteur') },
      { sheet: 'marches', line: 4, errorCode: 'forbidden', errorColumn: 'departement', errorReason: 'un facilitateur ne crée de marchés que dans ses départements (94)' },
      { sheet: 'marches', line: 5, errorCode: 'end_before_start', errorColumn: 'date_fin', errorReason: 'la date de fin 31/12/2025 est avant la date de début 01/01/2026' },
      { sheet: 'beneficiaires', line: 3, errorCode: 'invalid_input', errorColumn: 'critere_motif', errorReason: 'un motif écrit est obligatoire pour le critère autre (OTHER_VALIDATED)' },
      { sheet: 'beneficiaires', line: 4, errorCode: 'depends_on_refused', errorColumn: 'identifiant', errorReason: dep('beneficiaires', 3) },
      { sheet: 'affectations', line: 3, errorCode: 'depends_on_refused', errorColumn: 'reference_marche', errorReason: dep('marches', 3) },
      { sheet: 'affectations', line: 4, errorCode: 'depends_on_refused', errorColumn: 'identifiant_beneficiaire', errorReason: dep('beneficiaires', 3) },
      { sheet: 'affectations', line: 5, errorCode: 'assignment_outside_contract', errorColumn: 'date_debut', errorReason: 'la date de début 01/01/2030 est en dehors des dates du marché (du 01/01/2026 au 31/12/2026)' },
      { sheet: 'heures', line: 3, errorCode: 'legal_monthly_cap', errorColumn: 'heures', errorReason: 'cette déclaration porterait la personne à 250,00 h en avril 2026, au-dessus du plafond légal de 205,71 h' },
      { sheet: 'heures', line: 4, errorCode: 'depends_on_refused', errorColumn: 'identifiant_beneficiaire', errorReason: dep('beneficiaires', 3) },
      { sheet: 'heures', line: 5, errorCode: 'depends_on_refused', errorColumn: 'reference_marche', errorReason: dep('affectations', 3) },
    ]);
    expect(await counts()).toEqual(before);

    const strict = await confirm(fac94, imp.id, { mode: 'all_or_nothing' });
    expect(strict).toMatchObject({ status: 'failed', error: expect.stringContaining('12 ligne(s) refusée(s) : rien n’a été importé') });
    expect(await counts()).toEqual(before);

    const kept = await confirm(fac94, imp.id, { mode: 'keep_valid' });
    expect(kept).toMatchObject({ status: 'completed', summary: { create: 5, refused: 12 } });
    expect(await counts()).toEqual({ ...before, companies: before.companies + 1, contracts: before.contracts + 1, clauses: before.clauses + 1, people: before.people + 1, criteria: before.criteria + 1, assignments: before.assignments + 1, statements: before.statements + 1 });
    const [statement] = await t.ds.query(`SELECT s.hours_x100, s.status FROM hours_statements s JOIN contracts c ON c.id = s.contract_id WHERE c.reference = 'GYMNASE'`);
    expect(statement).toEqual({ hours_x100: 15000, status: 'declared' });

    // The refused rows come back as a workbook like the one sent: one sheet per table, the reason in an extra column.
    const back = await fac94.get(`${API}/imports/${imp.id}/refused-rows`).buffer(true).parse(binaryBody).expect(200);
    expect(back.headers['content-disposition']).toContain('lignes-refusees-reprise-94.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(back.body as ArrayBuffer);
    expect(wb.worksheets.map((w) => `${w.name} ${w.rowCount - 1}`)).toEqual(['entreprises 1', 'marches 3', 'beneficiaires 2', 'affectations 3', 'heures 3']);
    const peopleBack = wb.getWorksheet('beneficiaires')!;
    expect([2, 3, 4, 5].map((c) => peopleBack.getRow(2).getCell(c).text)).toEqual(['Petit', 'Anna', '1999-09-09', 'F']);
    const hoursBack = wb.getWorksheet('heures')!;
    const line = (n: number) => Array.from({ length: 7 }, (_, i) => hoursBack.getRow(n).getCell(i + 1).text);
    expect(line(1)).toEqual(['identifiant_beneficiaire', 'reference_marche', 'mois', 'heures', 'source', 'code_beneficiaire', 'erreur']);
    // Q1 is registered now: the corrected file names them by code, since it no longer holds their row.
    const q1 = personCode(personKey(config.PSEUDONYM_SECRET, { lastName: 'Martin', firstName: 'Lucas', birthDate: '1992-03-03' }));
    expect(line(2)).toEqual(['', 'GYMNASE', '2026-04', '250', 'releve_entreprise', q1, expect.stringMatching(/^ligne 3, heures : cette déclaration porterait la personne à 250,00 h/)]);
    expect(line(3)).toEqual(['Q2', 'GYMNASE', '2026-03', '100', 'releve_entreprise', '', `ligne 4, identifiant_beneficiaire : ${dep('beneficiaires', 3)}`]);
  });

  it("a person another structure already follows: the file's hours go to this structure's own assignment, never to theirs", async () => {
    // Durand (P1) is followed by the first structure on VOIRIE, 100 h validated every month of 2025-2026.
    // A second structure of the department registers her too and assigns her to VOIRIE from June 2026;
    // its file gives her March hours, which only the first structure's assignment covers.
    const fac2 = await t.as('facilitator', (await f.facilitatorStructure({ departmentCodes: ['93'] })).id);
    const march = async () =>
      (await t.ds.query(
        `SELECT s.hours_x100, s.status FROM hours_statements s JOIN contracts c ON c.id = s.contract_id WHERE c.reference = 'VOIRIE' AND s.month = '2026-03-01' AND s.status <> 'superseded' ORDER BY s.hours_x100`,
      )) as { hours_x100: number; status: string }[];
    const before = await march();
    const content = await workbook({
      beneficiaires: [
        ['identifiant', 'nom', 'prenom', 'date_naissance', 'sexe', 'qpv', 'critere', 'critere_valide_le', 'critere_valide_par'],
        ['D', 'Durand', 'Élodie', '1991-05-04', 'F', 'oui', 'RSA', '2026-05-01', 'Conseillère PLIE'],
      ],
      affectations: [['identifiant_beneficiaire', 'reference_marche', 'siret_employeur', 'modalite', 'date_debut'], ['D', 'VOIRIE', btp, 'cdd', '2026-06-01']],
      heures: [['identifiant_beneficiaire', 'reference_marche', 'mois', 'heures', 'source'], ['D', 'VOIRIE', '2026-03', '120', 'releve_entreprise']],
    });
    const imp = await analysed(fac2, content, 'durand.xlsx');
    expect(imp.summary.sheets.heures).toEqual({ rows: 1, create: 0, correct: 0, unchanged: 0, refused: 1 });
    const [row] = (await fac2.get(`${API}/imports/${imp.id}/rows`).query({ sheet: 'heures' }).expect(200)).body.items;
    expect(row).toMatchObject({ line: 2, outcome: 'refused', errorCode: 'month_outside_assignment' });
    expect(await confirm(fac2, imp.id, { mode: 'keep_valid', markValidated: true })).toMatchObject({ status: 'completed' });
    expect(await march()).toEqual(before);
  });

  it('refuses a CSV for an onboarding set, and a workbook without any of its sheets', async () => {
    const csv = await fac.post(`${API}/imports`).field('kind', 'onboarding').attach('file', Buffer.from('siret;nom\r\n'), 'entreprises.csv').expect(400);
    expect(csv.body).toMatchObject({ code: 'unsupported_format', message: expect.stringContaining('ce qu’un CSV ne peut pas : déposez un classeur Excel (.xlsx)'), details: [{ field: 'file' }] });
    const other = await analysed(fac, await workbook({ Feuil1: [['a', 'b'], ['1', '2']] }), 'autre.xlsx');
    expect(other).toMatchObject({ status: 'failed', error: expect.stringContaining('aucune des feuilles d’une reprise de données') });
    const missing = await analysed(fac, await workbook({ marches: [['reference', 'intitule'], ['X', 'Y']] }), 'incomplet.xlsx');
    expect(missing).toMatchObject({ status: 'failed', error: expect.stringMatching(/^La feuille « marches » ne peut pas être lue comme la table marches : il manque la colonne « cpv »/) });
  });

  it('offers the template, which imports as it is once its contracting authority is registered', async () => {
    const res = await fac.get(`${API}/imports/templates/onboarding.xlsx`).buffer(true).parse(binaryBody).expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['entreprises', 'marches', 'beneficiaires', 'affectations', 'heures', 'Notice']);
    expect(wb.getWorksheet('affectations')!.getRow(1).values).toEqual([
      undefined, 'identifiant_beneficiaire', 'code_beneficiaire', 'reference_marche', 'siret_acheteur', 'siret_employeur', 'modalite', 'date_debut', 'date_fin',
      'code_rome', 'heures_hebdo', 'sortie', 'sortie_6_mois',
    ]);
    await f.organisation({ kind: 'contracting_authority', siret: '21930000000011', departmentCodes: ['93'] });
    const imp = await analysed(fac, res.body as Buffer, 'modele.xlsx');
    expect(imp.summary).toMatchObject({ rows: 7, create: 7, refused: 0, hours: 151.67 });
  });
});

