import { ApiClient, apiClient, inviteUser, Json, siret } from '../helpers/api-client';
import { startTestApp, TestApp } from '../helpers/app';

/**
 * An independent client replays a whole Île-de-France scenario through the HTTP API only (no
 * factories, no SQL writes) and checks the compliance figures against values computed by hand from
 * DOMAIN.md. The steps run in order and share state: each `it` is one stage of the scenario.
 *
 * Each step is done by the user whose job it is, signed in with a bearer token: an administrator
 * creates the organisations and invites one user per organisation (who set their password with the
 * invitation); the buyer writes the contracts and clauses; the facilitators register the people,
 * assign them and validate or reject their hours; the employers declare the hours; the holder
 * declares its monthly hours, invoices and payments; the payees confirm or dispute them; the regional
 * mission (MACS) reads the departmental and regional figures, the buyer its contracts and authority.
 *
 * Hand computation, shared by the assertions below:
 *   Contract C93 (dept 93): 1,000,000 € = 100,000,000 cents, 2026-01-01..2026-12-31 (365 days).
 *   Contract C92 (dept 92): 500,000 €, same dates. Both for the same contracting authority.
 *   Elapsed at 2026-03-31 = (31 + 28 + 31) / 365 = 90/365 = 0.246575… → 0.2466; at 2027-01-15 clamped to 1.
 *
 *   Statements (h)             Jan  Feb      Mar                 Apr  Jun  Sep       Oct       Nov
 *   A1 Élodie  C93 (RSA)       120  140      150→130 superseded       100            80 pending
 *   A2 Karim   C93 (YOUTH)     100  110 rej  90                                                160
 *   A3 Sophie  C93 (not elig.)      80       75.50 pending
 *   A4 ELODIE  C92 (DELD)                    60 (70 refused: cap)  100
 *   A5 Moussa  C92 (RQTH)                    120                            130 pending
 */
describe('API replay: a whole scenario through HTTP only, figures by hand (e2e)', () => {
  let t: TestApp;
  /** The platform administrator: organisations and users. */
  let admin: ApiClient;
  /** One signed-in user per organisation, invited in the second step. */
  const as = {} as Record<'buyer' | 'fac1' | 'fac2' | 'holder' | 'sme' | 'coco' | 'macs', ApiClient>;
  /** Per assignment: who declares its hours (the employer) and who validates them (the structure following the person). */
  const declarerOf: Record<string, ApiClient> = {};
  const validatorOf: Record<string, ApiClient> = {};
  const id: Record<string, string> = {};
  const compliance: Record<string, Json> = {};

  beforeAll(async () => {
    t = await startTestApp();
    // The first administrator cannot be created over HTTP (only an admin invites users): it is set up
    // out of band, as on a fresh installation. Everything else goes through the API.
    admin = apiClient(t, (await t.user('admin')).accessToken);
  });
  afterAll(async () => {
    await t.close();
  });

  /** The figures of one clause in a GET /contracts/:id/compliance answer. */
  const clause = (body: Json, clauseId: string): Json => {
    const found = (body.clauses as Json[]).find((c) => c.clauseId === clauseId);
    if (!found) throw new Error(`clause ${clauseId} missing from ${JSON.stringify(body)}`);
    return found;
  };

  const declare = (assignmentId: string, month: string, hours: number | string, expected = 201, headers: Record<string, string> = {}, by = declarerOf[assignmentId]) =>
    by.post('/hours-statements', { assignmentId, month, hours, source: 'company_statement' }, expected, headers);
  const validate = (assignmentId: string, statementId: string) => validatorOf[assignmentId].post(`/hours-statements/${statementId}/validate`, {}, 200);
  const statementsOf = async (assignmentId: string) => (await validatorOf[assignmentId].get(`/hours-statements?assignmentId=${assignmentId}&pageSize=100`)).items as Json[];

  it('discovers every route the scenario uses in the OpenAPI document', async () => {
    const doc = (await t.http().get('/api/docs-json')).body as Json;
    const paths = Object.keys(doc.paths ?? {});
    for (const p of [
      '/api/v1/organisations', '/api/v1/contracts', '/api/v1/contracts/{contractId}/clauses', '/api/v1/clauses/{id}/amendments',
      '/api/v1/beneficiaries', '/api/v1/assignments', '/api/v1/hours-statements', '/api/v1/hours-statements/{id}/validate',
      '/api/v1/hours-statements/{id}/reject', '/api/v1/hours-statements/{id}/supersede', '/api/v1/contracts/{contractId}/monthly-hours/{month}',
      '/api/v1/contracts/{contractId}/invoiced-amounts/{month}', '/api/v1/contracts/{contractId}/payments', '/api/v1/payments/{id}/confirm',
      '/api/v1/payments/{id}/dispute', '/api/v1/contracts/{id}/compliance', '/api/v1/compliance/departments/{code}',
      '/api/v1/compliance/regions/{code}', '/api/v1/compliance/contracting-authorities/{id}', '/api/v1/users', '/api/v1/auth/accept-invitation',
    ]) {
      expect(paths).toContain(p);
    }
    expect(doc.paths['/api/v1/hours-statements'].post.parameters.map((x: Json) => x.name)).toContain('Idempotency-Key');
  });

  it('creates the organisations', async () => {
    const org = async (key: string, body: Json, seq: number) => {
      const o = await admin.post('/organisations', { siret: siret(seq), ...body });
      expect(o.kind).toBe(body.kind);
      id[key] = o.id;
    };
    await org('authority', { kind: 'contracting_authority', name: 'Établissement public Grand Paris Test', departmentCodes: ['93', '92'] }, 1);
    await org('fac1', { kind: 'facilitator_structure', name: 'Maison de l’emploi Est Ensemble', departmentCodes: ['93', '92'] }, 2);
    await org('fac2', { kind: 'facilitator_structure', name: 'PLIE Hauts-de-Seine', departmentCodes: ['92'] }, 3);
    await org('holder', { kind: 'company', name: 'Grands Travaux SA', size: 'large', inclusionType: 'none' }, 4);
    await org('sme', { kind: 'company', name: 'Électricité Durand SARL', size: 'small', inclusionType: 'none' }, 5);
    await org('coco', { kind: 'company', name: 'Génie Civil Associés SA', size: 'large', inclusionType: 'none' }, 6);
    await org('macs', { kind: 'regional_mission', name: 'MACS Île-de-France (GIP Maximilien)', regionCode: '11' }, 7);
  });

  it('invites one user per organisation; each sets a password with the invitation and is signed in', async () => {
    const invite = (key: keyof typeof as, role: string, email: string, displayName: string, organisation: string = key) =>
      inviteUser(t, admin, { email, displayName, role, organisationId: id[organisation] }).then((client) => (as[key] = client));
    await invite('buyer', 'buyer', 'acheteur@grandparis-test.fr', 'Claire Acheteuse', 'authority');
    await invite('fac1', 'facilitator', 'facilitatrice@mde-est-ensemble.fr', 'Nadia Facilitatrice');
    await invite('fac2', 'facilitator', 'facilitateur@plie92.fr', 'Paul Facilitateur');
    await invite('holder', 'company', 'rh@grands-travaux.fr', 'Service RH Grands Travaux');
    await invite('sme', 'company', 'gerant@electricite-durand.fr', 'M. Durand');
    await invite('coco', 'company', 'compta@gc-associes.fr', 'Comptabilité GCA');
    await invite('macs', 'regional_staff', 'chargee@macs-idf.fr', 'Chargée de mission MACS');
    const me = await as.macs.get('/auth/me');
    expect(me).toMatchObject({ role: 'regional_staff', organisationId: id.macs, regionCode: '11' });
    expect(me.departmentCodes).toEqual(expect.arrayContaining(['75', '77', '78', '91', '92', '93', '94', '95']));
    // Without a token only the public routes answer.
    await apiClient(t).get('/contracts', 401);
  });

  it('creates two contracts with their parties, in 93 and 92', async () => {
    const c93 = await as.buyer.post('/contracts', {
      reference: 'RPL-2026-093', title: 'Gros œuvre gare test 93', cpvCode: '45000000', contractingAuthorityId: id.authority, holderId: id.holder,
      amountCents: 100000000, startDate: '2026-01-01', endDate: '2026-12-31', executionDepartmentCode: '93', socialConsiderations: ['Clause sociale'],
      parties: [
        { companyId: id.sme, role: 'subcontractor', subcontractedAmountCents: 25000000, declaredOn: '2026-01-15' },
        { companyId: id.coco, role: 'co_contractor' },
      ],
    });
    id.c93 = c93.id;
    expect(c93.parties).toHaveLength(2);
    const c92 = await as.buyer.post('/contracts', {
      reference: 'RPL-2026-092', title: 'Voirie test 92', cpvCode: '45233140', contractingAuthorityId: id.authority, holderId: id.holder,
      amountCents: 50000000, startDate: '2026-01-01', endDate: '2026-12-31', executionDepartmentCode: '92', socialConsiderations: ['Clause sociale'],
    });
    id.c92 = c92.id;
  });

  it('creates the clauses and the amendment', async () => {
    id.formula = (await as.buyer.post(`/contracts/${id.c93}/clauses`, {
      kind: 'insertion_hours', label: 'Heures formule', targetMode: 'formula', labourShare: 0.5, insertionRate: 0.05, hourlyCostCents: 3000, penaltyCentsPerHour: 1500,
    })).id;
    id.percent = (await as.buyer.post(`/contracts/${id.c93}/clauses`, { kind: 'insertion_hours', label: 'Heures 10 %', targetMode: 'percent_of_hours', insertionRate: 0.1 })).id;
    id.smeClause = (await as.buyer.post(`/contracts/${id.c93}/clauses`, { kind: 'sme_share', label: 'Part PME', smeMinShare: 0.2 })).id;
    id.fixed = (await as.buyer.post(`/contracts/${id.c92}/clauses`, {
      kind: 'insertion_hours', label: 'Heures fixes', targetMode: 'fixed', fixedHours: 300, penaltyCentsPerHour: 2000,
    })).id;
    // From 2026-07-01 the target of the fixed clause becomes 200 h (it stays 300 h before).
    const amended = await as.buyer.post(`/clauses/${id.fixed}/amendments`, {
      targetMode: 'fixed', fixedHours: 200, penaltyCentsPerHour: 2000, effectiveFrom: '2026-07-01', reason: 'Avenant n°1 : réduction du périmètre',
    });
    expect(amended.id).toBe(id.fixed);
  });

  it('declares the monthly contract hours and invoiced amounts of C93', async () => {
    // Contract hours (percent_of_hours denominator): to 2026-03: 2000 + 2000 + 2500 = 6500 h; in all: 6500 + 3000 + 1500 = 11000 h.
    for (const [month, hours] of [['2026-01', 2000], ['2026-02', 2000], ['2026-03', 2500], ['2026-06', 3000], ['2026-12', 1500]] as const) {
      await as.holder.put(`/contracts/${id.c93}/monthly-hours/${month}`, { hours });
    }
    // Invoiced: to 2026-03: 10M + 10M + 20M = 40,000,000 cents; in all: 40M + 30M + 30M = 100,000,000 cents.
    for (const [month, amountCents] of [['2026-01', 10000000], ['2026-02', 10000000], ['2026-03', 20000000], ['2026-06', 30000000], ['2026-12', 30000000]] as const) {
      await as.holder.put(`/contracts/${id.c93}/invoiced-amounts/${month}`, { amountCents });
    }
    const listed = await as.buyer.get(`/contracts/${id.c93}/monthly-hours`);
    expect(listed.totalHours).toBe(11000);
    // Only the holder declares them: the subcontractor may not.
    await as.sme.put(`/contracts/${id.c93}/monthly-hours/2026-07`, { hours: 1 }, 403);
  });

  it('records payments: confirmed, declared only, disputed; one to a large co-contractor', async () => {
    // The holder declares what it paid (the payer defaults to itself); each payee answers for its own.
    const pay = (payeeId: string, month: string, amountCents: number) => as.holder.post(`/contracts/${id.c93}/payments`, { payeeId, month, amountCents });
    const febSme = await pay(id.sme, '2026-02', 8000000);
    expect(febSme).toMatchObject({ status: 'declared', payerId: id.holder });
    await as.holder.post(`/payments/${febSme.id}/confirm`, {}, 403); // not the payee
    expect((await as.sme.post(`/payments/${febSme.id}/confirm`, {}, 200)).status).toBe('confirmed');
    await pay(id.sme, '2026-03', 5000000); // declared only, never confirmed
    const aprSme = await pay(id.sme, '2026-04', 3000000);
    expect((await as.sme.post(`/payments/${aprSme.id}/dispute`, { reason: 'Montant non conforme au bon de commande' }, 200)).status).toBe('disputed');
    const junSme = await pay(id.sme, '2026-06', 12000000);
    await as.sme.post(`/payments/${junSme.id}/confirm`, {}, 200);
    const marCoco = await pay(id.coco, '2026-03', 20000000); // large company: never in the SME share
    await as.coco.post(`/payments/${marCoco.id}/confirm`, {}, 200);
  });

  it('registers beneficiaries; the same person twice, by two structures, with another spelling', async () => {
    // Each structure registers its own people: Élodie is registered twice, by both structures.
    const person = async (key: string, body: Json) => {
      const b = await (body.registeredById === id.fac1 ? as.fac1 : as.fac2).post('/beneficiaries', { qpvResident: false, ...body });
      id[key] = b.id;
    };
    await person('elodie1', {
      registeredById: id.fac1, lastName: 'Dupré', firstName: 'Élodie', birthDate: '1990-05-12', sex: 'F', communeCode: '93066', qpvResident: true,
      criteria: [{ criterion: 'RSA', validatedOn: '2025-12-01', validatedBy: 'Conseillère PLIE' }],
    });
    await person('elodie2', {
      registeredById: id.fac2, lastName: 'DUPRE', firstName: 'elodie', birthDate: '1990-05-12', sex: 'F',
      criteria: [{ criterion: 'DELD', validatedOn: '2026-01-10', validatedBy: 'France Travail – conseiller' }],
    });
    await person('karim', {
      registeredById: id.fac1, lastName: 'Benali', firstName: 'Karim', birthDate: '2003-02-01', sex: 'M',
      criteria: [{ criterion: 'YOUTH_LOW_QUALIFICATION', validatedOn: '2026-01-02', validatedBy: 'Mission locale – conseillère' }],
    });
    // Her only criterion is validated on 2026-03-15, after her assignment starts (2026-02-01): not eligible.
    await person('sophie', { registeredById: id.fac1, lastName: 'Martin', firstName: 'Sophie', birthDate: '1970-09-30', sex: 'F' });
    const added = await as.fac1.post(`/beneficiaries/${id.sophie}/criteria`, { criterion: 'SENIOR', validatedOn: '2026-03-15', validatedBy: 'France Travail – conseiller' });
    expect(added.criterion).toBe('SENIOR');
    await person('moussa', {
      registeredById: id.fac2, lastName: 'Diallo', firstName: 'Moussa', birthDate: '1985-11-03', sex: 'M',
      criteria: [{ criterion: 'RQTH', validatedOn: '2025-06-01', validUntil: '2027-06-01', validatedBy: 'Cap emploi – conseiller' }],
    });
  });

  it('creates the assignments; the one started before its criterion is flagged not eligible', async () => {
    // The structure that registered the person assigns them; the employer will declare their hours.
    const assign = async (key: string, beneficiaryId: string, contractId: string, employerId: string, startDate: string, modality = 'direct_hire_cdd') => {
      const structure = [id.elodie2, id.moussa].includes(beneficiaryId) ? as.fac2 : as.fac1;
      const a = await structure.post('/assignments', { beneficiaryId, contractId, employerId, modality, startDate, romeCode: 'F1703', plannedWeeklyHours: 35 });
      id[key] = a.id;
      validatorOf[a.id] = structure;
      declarerOf[a.id] = employerId === id.sme ? as.sme : as.holder;
      return a;
    };
    expect((await assign('a1', id.elodie1, id.c93, id.holder, '2026-01-05')).eligible).toBe(true);
    expect((await assign('a2', id.karim, id.c93, id.sme, '2026-01-05', 'apprenticeship')).eligible).toBe(true);
    expect((await assign('a3', id.sophie, id.c93, id.holder, '2026-02-01')).eligible).toBe(false);
    expect((await assign('a4', id.elodie2, id.c92, id.holder, '2026-02-01')).eligible).toBe(true);
    expect((await assign('a5', id.moussa, id.c92, id.holder, '2026-03-01', 'temp_work_etti')).eligible).toBe(true);
    // Identity is shown to the registering structure only; the employer sees the pseudonymous code.
    const byFac1 = await as.fac1.get(`/beneficiaries/${id.karim}`);
    const bySme = await as.sme.get(`/beneficiaries/${id.karim}`);
    expect(byFac1.identity).toEqual({ lastName: 'Benali', firstName: 'Karim', birthDate: '2003-02-01' });
    expect(bySme.code).toBe(byFac1.code);
    expect(bySme).not.toHaveProperty('identity');
  });

  it('declares with an Idempotency-Key; the replay answers the same statement and writes nothing more', async () => {
    const first = await declare(id.a1, '2026-01', 120, 201, { 'Idempotency-Key': 'replay-a1-2026-01' });
    const again = await declare(id.a1, '2026-01', 120, 201, { 'Idempotency-Key': 'replay-a1-2026-01' });
    expect(again.id).toBe(first.id);
    // Keys are each user's own: the same key from another user is a new request, refused as a duplicate month.
    const fromOther = await declare(id.a1, '2026-01', 120, 409, { 'Idempotency-Key': 'replay-a1-2026-01' }, as.fac1);
    expect(fromOther).toMatchObject({ code: 'statement_exists', context: { statementId: first.id } });
    expect((await statementsOf(id.a1)).map((s) => s.id)).toEqual([first.id]);
    id.a1Jan = first.id;
    await validate(id.a1, first.id);
  });

  it('declares, validates and rejects the other statements', async () => {
    const declareAndValidate = async (assignmentId: string, month: string, hours: number) => {
      const s = await declare(assignmentId, month, hours);
      expect(s.status).toBe('declared');
      expect((await validate(assignmentId, s.id)).status).toBe('validated');
      return s.id as string;
    };
    await declareAndValidate(id.a1, '2026-02', 140);
    id.a1Mar = await declareAndValidate(id.a1, '2026-03', 150);
    await declareAndValidate(id.a1, '2026-06', 100);
    await declare(id.a1, '2026-10', 80); // left declared: pending

    await declareAndValidate(id.a2, '2026-01', 100);
    const feb = await declare(id.a2, '2026-02', 110);
    const rejected = await as.fac1.post(`/hours-statements/${feb.id}/reject`, { reason: 'Heures non justifiées par les bulletins de paie' }, 200);
    expect(rejected.status).toBe('rejected');
    await declareAndValidate(id.a2, '2026-03', 90);
    await declareAndValidate(id.a2, '2026-11', 160);

    await declareAndValidate(id.a3, '2026-02', 80); // validated, but the assignment is not eligible
    await declare(id.a3, '2026-03', '75.50'); // pending

    await declareAndValidate(id.a5, '2026-03', 120);
    await declare(id.a5, '2026-09', 130); // pending
  });

  it('refuses a statement past the legal monthly cap with 422 legal_monthly_cap and writes nothing', async () => {
    // Élodie already has 150 h validated in March 2026 on C93 (other structure, other contract).
    // March has 31 days: cap = 48 × 31 / 7 = 212.571… → 212.57 h; 150 + 70 = 220 > 212.57.
    // The same refusal whoever declares: the employer, or the 92 structure, which sees neither C93 nor her other registration.
    for (const by of [as.holder, as.fac2]) {
      const res = await by.raw().post('/api/v1/hours-statements').send({ assignmentId: id.a4, month: '2026-03', hours: 70, source: 'company_statement' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('legal_monthly_cap');
      expect(res.body.context).toMatchObject({ capHours: 212.57, currentHours: 150, month: '2026-03' }); // names the cap and the current total
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'hours' })]);
    }
    expect(await statementsOf(id.a4)).toEqual([]);
    // 150 + 60 = 210 ≤ 212.57: accepted.
    const ok = await declare(id.a4, '2026-03', 60);
    await validate(id.a4, ok.id);
    await validate(id.a4, (await declare(id.a4, '2026-04', 100)).id);
  });

  it('supersedes a validated statement: the correction replaces its hours once validated', async () => {
    // The employer corrects it from the payslip; the structure validates the correction.
    const correction = await declarerOf[id.a1].post(`/hours-statements/${id.a1Mar}/supersede`, { hours: 130, source: 'payslip', reason: 'Bulletin de paie de mars' });
    expect(correction.supersedesId).toBe(id.a1Mar);
    expect(correction.status).toBe('declared');
    // Until the correction is validated the old 150 h still count, and the correction is pending by its
    // difference (rule 3): realised C93 ≤ March 120 + 140 + 150 + 100 + 90 = 600; pending 75.50 (A3) +
    // (130 − 150) = 55.50, so realised + pending = 655.50 = 580 + 75.50, what validating both gives.
    const during = clause(await as.buyer.get(`/contracts/${id.c93}/compliance?at=2026-03-31`), id.formula);
    expect(during).toMatchObject({ realisedHours: 600, pendingHours: 55.5 });
    expect((await validate(id.a1, correction.id)).status).toBe('validated');
    const old = await validatorOf[id.a1].get(`/hours-statements/${id.a1Mar}`);
    expect(old.status).toBe('superseded');
    expect(old.supersededById).toBe(correction.id);
    // A1 now stands at Jan 120, Feb 140, Mar 130, Jun 100 validated + Oct 80 declared; the superseded 150 stays in the history.
    const live = (await statementsOf(id.a1)).filter((s) => s.status === 'validated').map((s) => [s.month, s.hours]);
    expect(live).toEqual([['2026-01', 120], ['2026-02', 140], ['2026-03', 130], ['2026-06', 100]]);
  });

  it('supersedes within the cap: the statement being replaced is not counted against it', async () => {
    // Élodie in March 2026: A1 130 (corrected) + A4 60 = 190 h. Correcting A4 to 80 h gives 130 + 80 = 210 ≤ 212.57;
    // counting the replaced 60 h as well (270 h) would wrongly refuse it. Then back to 60 h so the figures below hold.
    const a4Mar = (await statementsOf(id.a4)).find((s) => s.month === '2026-03' && s.status === 'validated') as Json;
    const employer = declarerOf[id.a4];
    const to80 = await employer.post(`/hours-statements/${a4Mar.id}/supersede`, { hours: 80, source: 'company_statement' });
    await validate(id.a4, to80.id);
    const back = await employer.post(`/hours-statements/${to80.id}/supersede`, { hours: 60, source: 'company_statement', reason: 'Retour à 60 h' });
    await validate(id.a4, back.id);
    const over = await employer.raw().post(`/api/v1/hours-statements/${back.id}/supersede`).send({ hours: 90, source: 'company_statement' });
    expect(over.status).toBe(422); // 130 + 90 = 220 > 212.57
    expect(over.body.code).toBe('legal_monthly_cap');
    expect((await statementsOf(id.a4)).filter((s) => s.status === 'declared')).toEqual([]);
  });

  it('reads the compliance figures at both dates', async () => {
    for (const at of ['2026-03-31', '2027-01-15']) {
      // The buyer follows its contracts and its authority; MACS consolidates the departments and the region.
      compliance[`c93@${at}`] = await as.buyer.get(`/contracts/${id.c93}/compliance?at=${at}`);
      compliance[`c92@${at}`] = await as.buyer.get(`/contracts/${id.c92}/compliance?at=${at}`);
      compliance[`d93@${at}`] = await as.macs.get(`/compliance/departments/93?at=${at}`);
      compliance[`d92@${at}`] = await as.macs.get(`/compliance/departments/92?at=${at}`);
      compliance[`r11@${at}`] = await as.macs.get(`/compliance/regions/11?at=${at}`);
      compliance[`auth@${at}`] = await as.buyer.get(`/compliance/contracting-authorities/${id.authority}?at=${at}`);
    }
    // The 92 structure reads the region restricted to its department's contract (C92), and not department 93.
    const r11ByFac2 = await as.fac2.get('/compliance/regions/11?at=2026-03-31');
    expect(r11ByFac2.contractCount).toBe(1);
    expect(r11ByFac2.insertion).toMatchObject({ realisedHours: 180, distinctBeneficiaries: 2 }); // = department 92, below
    await as.fac2.get('/compliance/departments/93?at=2026-03-31', 404);
    // The holder reads its contract's figures, and no aggregate.
    expect((await as.holder.get(`/contracts/${id.c93}/compliance?at=2026-03-31`)).clauses).toEqual(compliance['c93@2026-03-31'].clauses);
    await as.holder.get('/compliance/regions/11?at=2026-03-31', 403);
    expect(compliance['c93@2026-03-31'].elapsedShare).toBe(0.2466); // 90 / 365 = 0.246575…
    expect(compliance['c93@2027-01-15'].elapsedShare).toBe(1); // clamped
  });

  describe('boundaries: an accruing target met before the end, the amendment day', () => {
    it('at 2026-01-31 the percent clause is met to date but only on_track: accruing modes are achieved from the end date', async () => {
      const c93 = await as.buyer.get(`/contracts/${id.c93}/compliance?at=2026-01-31`);
      // January realised: A1 120 + A2 100 = 220 h; accrued target 0.1 × 2000 = 200 h.
      expect(clause(c93, id.percent)).toMatchObject({ plannedHoursAtEnd: 200, expectedToDate: 200, realisedHours: 220, completionRate: 1.1, status: 'on_track' });
      // Formula: 833 × 31/365 = 70.747… → 70.75; projection 220 × 365/31 = 2590.32…
      expect(clause(c93, id.formula)).toMatchObject({ expectedToDate: 70.75, realisedHours: 220, status: 'on_track', projectionAtEnd: 2590.32 });
    });

    it('the fixed clause switches to its amended target on its effective date', async () => {
      // C92 realised to June/July: A4 60 + 100 + A5 120 = 280 h.
      const before = clause(await as.buyer.get(`/contracts/${id.c92}/compliance?at=2026-06-30`), id.fixed);
      // 300 × 181/365 = 148.767… → 148.77 (Jan–Jun = 181 days)
      expect(before).toMatchObject({ termsEffectiveFrom: null, plannedHoursAtEnd: 300, expectedToDate: 148.77, realisedHours: 280, status: 'on_track', shortfallHours: 20, penaltyExposureCents: 40000 });
      const on = clause(await as.buyer.get(`/contracts/${id.c92}/compliance?at=2026-07-01`), id.fixed);
      // 280 ≥ 200 (non-accruing mode): achieved before the end; no shortfall.
      expect(on).toMatchObject({ termsEffectiveFrom: '2026-07-01', plannedHoursAtEnd: 200, realisedHours: 280, status: 'achieved', shortfallHours: 0, penaltyExposureCents: 0 });
    });
  });

  describe('at 2026-03-31 (months Jan–Mar 2026)', () => {
    const at = '2026-03-31';

    it('C93 formula clause (833 h)', () => {
      // Realised (validated, eligible, ≤ March): A1 120 + 140 + 130 (corrected, not 150) + A2 100 + 90 (Feb rejected) = 580 h.
      // Pending: A3 March 75.50 h. Not eligible: A3 February 80 h. People: Élodie, Karim = 2.
      expect(clause(compliance[`c93@${at}`], id.formula)).toMatchObject({
        kind: 'insertion_hours', targetMode: 'formula',
        plannedHoursAtEnd: 833, // 1,000,000 € × 0.5 × 0.05 ÷ 30 €/h = 833.33 → 833
        plannedHoursToDate: 833, // the target itself, never pro-rated (rule 1)
        expectedToDate: 205.4, // 833 × 90/365 = 205.397… → 205.40
        realisedHours: 580,
        pendingHours: 75.5,
        notEligibleHours: 80,
        completionRate: 0.6963, // 580 / 833 = 0.69627…
        status: 'on_track', // 580 ≥ 205.40
        projectionAtEnd: 2352.22, // 580 × 365/90 = 2352.222…
        shortfallHours: 253, // 833 − 580
        penaltyExposureCents: 379500, // 253 h × 1500 cents
        fte: 0.36, // 580 / 1607 = 0.3609…
        distinctBeneficiaries: 2,
      });
    });

    it('C93 percent_of_hours clause (10 % of declared contract hours)', () => {
      expect(clause(compliance[`c93@${at}`], id.percent)).toMatchObject({
        targetMode: 'percent_of_hours',
        plannedHoursAtEnd: 650, // 0.1 × (2000 + 2000 + 2500) = 650 (accrued so far)
        plannedHoursToDate: 650,
        expectedToDate: 650, // accruing mode: planned to date
        realisedHours: 580,
        pendingHours: 75.5,
        notEligibleHours: 80,
        completionRate: 0.8923, // 580 / 650 = 0.89230…
        status: 'at_risk', // 580 < 650 but ≥ 0.8 × 650 = 520
        projectionAtEnd: 2352.22,
        shortfallHours: 70, // 650 − 580
        penaltyExposureCents: 0, // no penalty on this clause
        fte: 0.36,
        distinctBeneficiaries: 2,
      });
    });

    it('C93 SME share clause (20 %)', () => {
      expect(clause(compliance[`c93@${at}`], id.smeClause)).toMatchObject({
        kind: 'sme_share', minShare: 0.2,
        confirmedShare: 0.08, // confirmed to the SME ≤ March: Feb 8,000,000 ÷ 100,000,000 (the large co-contractor does not count)
        declaredShare: 0.05, // March 5,000,000 declared, not confirmed
        progressShare: 0.2, // 8,000,000 ÷ invoiced 40,000,000
        status: 'on_track', // 0.2 of invoiced ≥ 0.2
      });
    });

    it('C92 fixed clause, before its amendment (300 h)', () => {
      // Realised: A4 March 60 + A5 March 120 = 180 h; people: Élodie (2nd registration), Moussa = 2.
      expect(clause(compliance[`c92@${at}`], id.fixed)).toMatchObject({
        targetMode: 'fixed', termsEffectiveFrom: null,
        plannedHoursAtEnd: 300, // the amendment (from 2026-07-01) does not apply yet
        plannedHoursToDate: 300, // the target in force at D (rule 1)
        expectedToDate: 73.97, // 300 × 90/365 = 73.972…
        realisedHours: 180,
        pendingHours: 0,
        notEligibleHours: 0,
        completionRate: 0.6, // 180 / 300
        status: 'on_track',
        projectionAtEnd: 730, // 180 × 365/90
        shortfallHours: 120, // 300 − 180
        penaltyExposureCents: 240000, // 120 h × 2000 cents
        fte: 0.11, // 180 / 1607 = 0.1120…
        distinctBeneficiaries: 2,
      });
    });

    it('department 93', () => {
      const d = compliance[`d93@${at}`];
      expect(d.scope).toMatchObject({ kind: 'department', id: '93' });
      expect(d.contractCount).toBe(1);
      expect(d.insertion).toMatchObject({
        clauseCount: 2,
        plannedHoursAtEnd: 1483, // 833 + 650
        plannedHoursToDate: 1483, // 833 + 650
        realisedHours: 580, // per contract, not per clause
        pendingHours: 75.5,
        notEligibleHours: 80,
        fte: 0.36,
        distinctBeneficiaries: 2,
      });
      expect(d.insertion.byStatus).toMatchObject({ on_track: 1, at_risk: 1, behind: 0, achieved: 0, failed: 0 });
      expect(d.sme).toMatchObject({ clauseCount: 1, byStatus: expect.objectContaining({ on_track: 1 }) });
    });

    it('department 92', () => {
      const d = compliance[`d92@${at}`];
      expect(d.contractCount).toBe(1);
      expect(d.insertion).toMatchObject({
        clauseCount: 1, plannedHoursAtEnd: 300, plannedHoursToDate: 300, realisedHours: 180, pendingHours: 0, notEligibleHours: 0, fte: 0.11, distinctBeneficiaries: 2,
      });
      expect(d.insertion.byStatus).toMatchObject({ on_track: 1 });
    });

    it('region 11 = Σ departments for hours; Élodie counted once', () => {
      const r = compliance[`r11@${at}`];
      const d93 = compliance[`d93@${at}`].insertion;
      const d92 = compliance[`d92@${at}`].insertion;
      expect(r.contractCount).toBe(2);
      expect(r.insertion).toMatchObject({
        clauseCount: 3,
        plannedHoursAtEnd: 1783, // 1483 + 300
        plannedHoursToDate: 1783, // 1483 + 300
        realisedHours: 760, // 580 + 180
        pendingHours: 75.5,
        notEligibleHours: 80,
        fte: 0.47, // 760 / 1607 = 0.4729…
        distinctBeneficiaries: 3, // Élodie (both registrations), Karim, Moussa
      });
      expect(r.insertion.realisedHours).toBe(d93.realisedHours + d92.realisedHours);
      expect(r.insertion.distinctBeneficiaries).toBeLessThan(d93.distinctBeneficiaries + d92.distinctBeneficiaries);
      expect(r.insertion.byStatus).toMatchObject({ on_track: 2, at_risk: 1 });
    });

    it('contracting authority (both contracts)', () => {
      const a = compliance[`auth@${at}`];
      expect(a.scope).toMatchObject({ kind: 'contracting_authority', id: id.authority });
      expect(a.contractCount).toBe(2);
      expect(a.insertion).toMatchObject({ realisedHours: 760, pendingHours: 75.5, notEligibleHours: 80, plannedHoursAtEnd: 1783, fte: 0.47, distinctBeneficiaries: 3 });
      const lines = Object.fromEntries((a.contracts as Json[]).map((c) => [c.contractId, c]));
      expect(lines[id.c93]).toMatchObject({ departmentCode: '93', plannedHoursAtEnd: 1483, realisedHours: 580, completionRate: 0.3911 }); // 580 / 1483 = 0.39110…
      expect(lines[id.c92]).toMatchObject({ departmentCode: '92', plannedHoursAtEnd: 300, realisedHours: 180, completionRate: 0.6 });
    });
  });

  describe('at 2027-01-15 (every month; the contracts have ended)', () => {
    const at = '2027-01-15';

    it('C93 formula clause: achieved', () => {
      // Realised: A1 120 + 140 + 130 + 100 = 490; A2 100 + 90 + 160 = 350; total 840 h.
      // Pending: A3 March 75.50 + A1 October 80 = 155.50 h. Not eligible: A3 February 80 h.
      expect(clause(compliance[`c93@${at}`], id.formula)).toMatchObject({
        plannedHoursAtEnd: 833,
        plannedHoursToDate: 833, // 833 × 1
        expectedToDate: 833,
        realisedHours: 840,
        pendingHours: 155.5,
        notEligibleHours: 80,
        completionRate: 1.0084, // 840 / 833 = 1.00840…
        status: 'achieved', // after the end, 840 ≥ 833
        projectionAtEnd: 840, // 840 ÷ 1
        shortfallHours: 0,
        penaltyExposureCents: 0,
        fte: 0.52, // 840 / 1607 = 0.5227…
        distinctBeneficiaries: 2,
      });
    });

    it('C93 percent_of_hours clause: failed', () => {
      expect(clause(compliance[`c93@${at}`], id.percent)).toMatchObject({
        plannedHoursAtEnd: 1100, // 0.1 × 11000
        plannedHoursToDate: 1100,
        expectedToDate: 1100,
        realisedHours: 840,
        completionRate: 0.7636, // 840 / 1100 = 0.76363…
        status: 'failed', // after the end, 840 < 1100
        projectionAtEnd: 840,
        shortfallHours: 260, // 1100 − 840
        penaltyExposureCents: 0,
        fte: 0.52,
        distinctBeneficiaries: 2,
      });
    });

    it('C93 SME share clause: achieved; the disputed payment never counts', () => {
      expect(clause(compliance[`c93@${at}`], id.smeClause)).toMatchObject({
        confirmedShare: 0.2, // (8,000,000 + 12,000,000) ÷ 100,000,000; April 3,000,000 disputed, excluded
        declaredShare: 0.05, // March 5,000,000 still declared
        progressShare: 0.2, // 20,000,000 ÷ invoiced 100,000,000
        status: 'achieved',
      });
    });

    it('C92 fixed clause under its amendment (200 h from 2026-07-01): achieved', () => {
      // Realised: A4 60 + 100 + A5 120 = 280 h; pending: A5 September 130 h.
      expect(clause(compliance[`c92@${at}`], id.fixed)).toMatchObject({
        termsEffectiveFrom: '2026-07-01',
        plannedHoursAtEnd: 200,
        plannedHoursToDate: 200,
        expectedToDate: 200,
        realisedHours: 280,
        pendingHours: 130,
        notEligibleHours: 0,
        completionRate: 1.4, // 280 / 200
        status: 'achieved', // with the original 300 h it would have failed
        projectionAtEnd: 280,
        shortfallHours: 0,
        penaltyExposureCents: 0,
        fte: 0.17, // 280 / 1607 = 0.1742…
        distinctBeneficiaries: 2,
      });
    });

    it('departments 93 and 92', () => {
      const d93 = compliance[`d93@${at}`];
      expect(d93.insertion).toMatchObject({
        clauseCount: 2, plannedHoursAtEnd: 1933, plannedHoursToDate: 1933, realisedHours: 840, pendingHours: 155.5, notEligibleHours: 80, fte: 0.52, distinctBeneficiaries: 2,
      }); // 1933 = 833 + 1100
      expect(d93.insertion.byStatus).toMatchObject({ achieved: 1, failed: 1, on_track: 0 });
      expect(d93.sme.byStatus).toMatchObject({ achieved: 1 });
      const d92 = compliance[`d92@${at}`];
      expect(d92.insertion).toMatchObject({
        clauseCount: 1, plannedHoursAtEnd: 200, plannedHoursToDate: 200, realisedHours: 280, pendingHours: 130, notEligibleHours: 0, fte: 0.17, distinctBeneficiaries: 2,
      });
      expect(d92.insertion.byStatus).toMatchObject({ achieved: 1 });
    });

    it('region 11 and the contracting authority', () => {
      const r = compliance[`r11@${at}`];
      const expected = {
        plannedHoursAtEnd: 2133, // 1933 + 200
        plannedHoursToDate: 2133,
        realisedHours: 1120, // 840 + 280
        pendingHours: 285.5, // 155.50 + 130
        notEligibleHours: 80,
        fte: 0.7, // 1120 / 1607 = 0.6969…
        distinctBeneficiaries: 3,
      };
      expect(r.insertion).toMatchObject(expected);
      expect(r.insertion.realisedHours).toBe(compliance[`d93@${at}`].insertion.realisedHours + compliance[`d92@${at}`].insertion.realisedHours);
      expect(r.insertion.distinctBeneficiaries).toBeLessThan(compliance[`d93@${at}`].insertion.distinctBeneficiaries + compliance[`d92@${at}`].insertion.distinctBeneficiaries);
      expect(r.insertion.byStatus).toMatchObject({ achieved: 2, failed: 1 });
      expect(compliance[`auth@${at}`].insertion).toMatchObject(expected);
      expect(compliance[`auth@${at}`].sme.byStatus).toMatchObject({ achieved: 1 });
    });
  });
});
