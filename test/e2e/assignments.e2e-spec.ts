import { startTestApp, TestApp } from '../helpers/app';
import { factories } from '../helpers/factories';
import { AuthedHttp } from '../helpers/users';

/** Contract runs 2026-01-01 .. 2026-12-31 (factory default). */
describe('assignments', () => {
  let t: TestApp;
  let f: ReturnType<typeof factories>;
  let structureId: string;
  let employerId: string;
  let contractId: string;
  /** A facilitator of the structure that registered the people, covering 93 where the contracts run. */
  let fac: AuthedHttp;

  const newBeneficiary = async (criteria: Record<string, unknown>[] = []) => {
    const id = (await f.beneficiary({ registeredById: structureId })).id!;
    for (const c of criteria) await f.criterion({ beneficiaryId: id, ...c });
    return id;
  };
  const post = (o: Record<string, unknown>) =>
    fac.post('/api/v1/assignments').send({ contractId, employerId, modality: 'direct_hire_cdd', startDate: '2026-03-02', ...o });

  beforeAll(async () => {
    t = await startTestApp();
    f = factories(t.ds);
    structureId = (await f.facilitatorStructure({ departmentCodes: ['93'] })).id!;
    fac = await t.as('facilitator', structureId);
    employerId = (await f.company()).id!;
    const authorityId = (await f.organisation()).id!;
    contractId = (await f.contract({ contractingAuthorityId: authorityId, holderId: employerId })).id!;
  });
  afterAll(async () => t.close());

  it('creates an assignment with hours as decimals and says it is eligible with the criteria that make it so', async () => {
    const beneficiaryId = await newBeneficiary([
      { criterion: 'RSA', validatedOn: '2026-01-15', validUntil: null },
      { criterion: 'QPV_RESIDENT', validatedOn: '2026-02-01', validUntil: '2026-06-30' },
      { criterion: 'DELD', validatedOn: '2025-01-01', validUntil: '2025-12-31' },
    ]);
    const res = await post({ beneficiaryId, endDate: '2026-09-30', romeCode: 'F1703', plannedWeeklyHours: 35.5 }).expect(201);
    expect(res.body).toMatchObject({
      beneficiaryId, contractId, employerId, modality: 'direct_hire_cdd', startDate: '2026-03-02', endDate: '2026-09-30',
      romeCode: 'F1703', plannedWeeklyHours: 35.5, eligible: true, eligibleCriteria: ['QPV_RESIDENT', 'RSA'], exitOutcome: null,
    });
    const [{ planned_weekly_hours_x100 }] = await t.ds.query('SELECT planned_weekly_hours_x100 FROM assignments WHERE id = $1', [res.body.id]);
    expect(planned_weekly_hours_x100).toBe(3550);
  });

  describe('eligibility on the start date (rule 5)', () => {
    const eligibilityOf = async (criteria: Record<string, unknown>[], startDate = '2026-03-02') => {
      const created = await post({ beneficiaryId: await newBeneficiary(criteria), startDate }).expect(201);
      const got = await fac.get(`/api/v1/assignments/${created.body.id}`).expect(200);
      expect(got.body.eligible).toBe(created.body.eligible);
      return got.body as { eligible: boolean; eligibleCriteria: string[] };
    };

    it('is eligible with a criterion validated before the start and still valid', async () => {
      expect(await eligibilityOf([{ criterion: 'AAH', validatedOn: '2026-02-01', validUntil: '2026-12-31' }])).toMatchObject({ eligible: true, eligibleCriteria: ['AAH'] });
    });

    it('is eligible on the boundary days: validated on the start date, expiring on the start date', async () => {
      expect((await eligibilityOf([{ validatedOn: '2026-03-02' }])).eligible).toBe(true);
      expect((await eligibilityOf([{ validatedOn: '2026-01-01', validUntil: '2026-03-02' }])).eligible).toBe(true);
    });

    it('is accepted but flagged when the person has no criterion', async () => {
      expect(await eligibilityOf([])).toMatchObject({ eligible: false, eligibleCriteria: [] });
    });

    it('is not eligible when the only criterion expired before the start', async () => {
      expect((await eligibilityOf([{ validatedOn: '2025-06-01', validUntil: '2026-03-01' }])).eligible).toBe(false);
    });

    it('is not eligible when the criterion was validated after the start, even if added later', async () => {
      expect((await eligibilityOf([{ validatedOn: '2026-03-03' }])).eligible).toBe(false);
    });

    it('becomes eligible when a criterion valid on the start date is recorded afterwards', async () => {
      const beneficiaryId = await newBeneficiary();
      const a = await post({ beneficiaryId }).expect(201);
      expect(a.body.eligible).toBe(false);
      await fac.post(`/api/v1/beneficiaries/${beneficiaryId}/criteria`).send({ criterion: 'ASS', validatedOn: '2026-02-20', validatedBy: 'France Travail' }).expect(201);
      expect((await fac.get(`/api/v1/assignments/${a.body.id}`).expect(200)).body).toMatchObject({ eligible: true, eligibleCriteria: ['ASS'] });
    });
  });

  it('refuses an employer that is not a company with 422', async () => {
    const beneficiaryId = await newBeneficiary();
    const res = await post({ beneficiaryId, employerId: structureId }).expect(422);
    expect(res.body).toMatchObject({ code: 'employer_not_company', details: [{ field: 'employerId' }] });
  });

  it('refuses a start outside the contract dates with 422 assignment_outside_contract, and writes nothing', async () => {
    const beneficiaryId = await newBeneficiary();
    for (const startDate of ['2025-12-31', '2027-01-01']) {
      const res = await post({ beneficiaryId, startDate }).expect(422);
      expect(res.body).toMatchObject({ code: 'assignment_outside_contract', details: [{ field: 'startDate' }], context: { contractStartDate: '2026-01-01', contractEndDate: '2026-12-31' } });
    }
    await post({ beneficiaryId, startDate: '2026-12-31' }).expect(201);
    await post({ beneficiaryId, startDate: '2026-01-01' }).expect(201);
    expect((await t.ds.query('SELECT count(*)::int AS n FROM assignments WHERE beneficiary_id = $1', [beneficiaryId]))[0].n).toBe(2);
  });

  it('refuses bad input with 400 naming the field', async () => {
    const beneficiaryId = await newBeneficiary();
    const res = await post({ beneficiaryId, endDate: '2026-03-01', romeCode: 'Z1234', plannedWeeklyHours: 48.5, modality: 'freelance' }).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['endDate', 'modality', 'plannedWeeklyHours', 'romeCode']);
    await post({ beneficiaryId, plannedWeeklyHours: 48 }).expect(201);
  });

  it('refuses unknown references with 422', async () => {
    const res = await post({ beneficiaryId: '6f1c1a52-1111-4d7e-9a43-0c9a4b7e0000' }).expect(422);
    expect(res.body).toMatchObject({ code: 'unknown_reference', details: [{ field: 'beneficiaryId' }] });
  });

  it('updates end date, weekly hours and job, refusing an end before the start', async () => {
    const a = await post({ beneficiaryId: await newBeneficiary(), startDate: '2026-04-01' }).expect(201);
    const res = await fac.patch(`/api/v1/assignments/${a.body.id}`).send({ endDate: '2026-10-31', plannedWeeklyHours: '24.25', romeCode: 'N1101' }).expect(200);
    expect(res.body).toMatchObject({ endDate: '2026-10-31', plannedWeeklyHours: 24.25, romeCode: 'N1101', startDate: '2026-04-01' });
    const bad = await fac.patch(`/api/v1/assignments/${a.body.id}`).send({ endDate: '2026-03-31' }).expect(400);
    expect(bad.body.details).toEqual([{ field: 'endDate', reason: expect.stringContaining('2026-04-01') }]);
    await fac.patch(`/api/v1/assignments/${a.body.id}`).send({ startDate: '2026-05-01' }).expect(400);
    expect((await fac.get(`/api/v1/assignments/${a.body.id}`).expect(200)).body).toMatchObject({ startDate: '2026-04-01', endDate: '2026-10-31' });
  });

  it('records the exit outcome and the outcome six months later', async () => {
    const a = await post({ beneficiaryId: await newBeneficiary() }).expect(201);
    await fac.put(`/api/v1/assignments/${a.body.id}/outcome`).send({ exitOutcome: 'transitional_employment' }).expect(200);
    const res = await fac.put(`/api/v1/assignments/${a.body.id}/outcome`).send({ exitOutcome: 'transitional_employment', outcomeAfterSixMonths: 'durable_employment' }).expect(200);
    expect(res.body).toMatchObject({ exitOutcome: 'transitional_employment', outcomeAfterSixMonths: 'durable_employment' });
    expect((await fac.get(`/api/v1/assignments/${a.body.id}`).expect(200)).body.outcomeAfterSixMonths).toBe('durable_employment');
    await fac.put(`/api/v1/assignments/${a.body.id}/outcome`).send({ exitOutcome: 'hired' }).expect(400);
    await fac.put('/api/v1/assignments/6f1c1a52-1111-4d7e-9a43-0c9a4b7e0000/outcome').send({}).expect(404);
  });

  it('is scoped: the employer sees it without identity and may not change it; a facilitator of another department neither sees nor creates on the contract', async () => {
    const beneficiaryId = await newBeneficiary([{ validatedOn: '2026-01-01' }]);
    const a = (await post({ beneficiaryId }).expect(201)).body;
    const employer = await t.as('company', employerId);
    const seen = await employer.get(`/api/v1/assignments/${a.id}`).expect(200);
    expect(seen.body).toMatchObject({ id: a.id, beneficiaryId, employerId, eligible: true });
    expect(seen.body).not.toHaveProperty('identity');
    expect((await employer.get(`/api/v1/beneficiaries/${beneficiaryId}`).expect(200)).body).not.toHaveProperty('identity');
    await employer.patch(`/api/v1/assignments/${a.id}`).send({ romeCode: 'N1101' }).expect(403);
    await employer.put(`/api/v1/assignments/${a.id}/outcome`).send({ exitOutcome: 'other' }).expect(403);
    await employer.post('/api/v1/assignments').send({ beneficiaryId, contractId, employerId, modality: 'direct_hire_cdd', startDate: '2026-03-02' }).expect(403);

    const westId = (await f.facilitatorStructure({ departmentCodes: ['92'] })).id!;
    const west = await t.as('facilitator', westId);
    await west.get(`/api/v1/assignments/${a.id}`).expect(404);
    expect((await west.get('/api/v1/assignments').query({ contractId }).expect(200)).body).toMatchObject({ total: 0, items: [] });
    await west.patch(`/api/v1/assignments/${a.id}`).send({ romeCode: 'N1101' }).expect(404);
    await west.put(`/api/v1/assignments/${a.id}/outcome`).send({ exitOutcome: 'other' }).expect(404);
    // Its own person on a contract it does not follow: the contract is reported unknown, not confirmed.
    const ownPerson = (await f.beneficiary({ registeredById: westId })).id!;
    const refused = await west.post('/api/v1/assignments').send({ beneficiaryId: ownPerson, contractId, employerId, modality: 'direct_hire_cdd', startDate: '2026-03-02' }).expect(422);
    expect(refused.body).toMatchObject({ code: 'unknown_reference', details: [{ field: 'contractId' }] });
    expect((await fac.get(`/api/v1/assignments/${a.id}`).expect(200)).body).toMatchObject({ romeCode: null, exitOutcome: null });
  });

  it('is described in the OpenAPI document, with the eligibility flag', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/assignments', '/api/v1/assignments/{id}', '/api/v1/assignments/{id}/outcome']));
    expect(doc.components.schemas.CreateAssignmentDto.required).toEqual(expect.arrayContaining(['beneficiaryId', 'contractId', 'employerId', 'modality', 'startDate']));
    expect(doc.components.schemas.AssignmentView.properties).toHaveProperty('eligible');
  });

  describe('list filters', () => {
    let ctr: string;
    let otherEmployer: string;
    const ids: Record<string, string> = {};
    const list = async (q: Record<string, unknown>) => {
      const res = await fac.get('/api/v1/assignments').query({ contractId: ctr, ...q }).expect(200);
      return (res.body.items as { id: string }[]).map((i) => i.id).sort();
    };

    beforeAll(async () => {
      otherEmployer = (await f.company()).id!;
      ctr = (await f.contract({ contractingAuthorityId: (await f.organisation()).id!, holderId: employerId })).id!;
      const eligiblePerson = await newBeneficiary([{ validatedOn: '2026-01-01' }]);
      const flaggedPerson = await newBeneficiary();
      const mk = async (o: Record<string, unknown>) => (await post({ contractId: ctr, ...o }).expect(201)).body.id as string;
      ids.early = await mk({ beneficiaryId: eligiblePerson, startDate: '2026-01-05', endDate: '2026-02-28', modality: 'apprenticeship' });
      ids.late = await mk({ beneficiaryId: eligiblePerson, startDate: '2026-06-01', employerId: otherEmployer });
      ids.flagged = await mk({ beneficiaryId: flaggedPerson, startDate: '2026-02-01', endDate: '2026-06-30', modality: 'temp_work_etti' });
      // Noise on another contract that the contract filter must leave out.
      await post({ beneficiaryId: eligiblePerson, startDate: '2026-02-01' }).expect(201);
      ids.eligiblePerson = eligiblePerson;
    });

    it('filters by contract, beneficiary, employer and modality', async () => {
      expect(await list({})).toEqual([ids.early, ids.late, ids.flagged].sort());
      expect(await list({ beneficiaryId: ids.eligiblePerson })).toEqual([ids.early, ids.late].sort());
      expect(await list({ employerId: otherEmployer })).toEqual([ids.late]);
      expect(await list({ modality: 'temp_work_etti' })).toEqual([ids.flagged]);
    });

    it('filters by eligibility', async () => {
      expect(await list({ eligible: 'true' })).toEqual([ids.early, ids.late].sort());
      expect(await list({ eligible: 'false' })).toEqual([ids.flagged]);
      await fac.get('/api/v1/assignments').query({ eligible: 'yes' }).expect(400);
    });

    it('filters the assignments running on a day', async () => {
      expect(await list({ activeOn: '2026-02-15' })).toEqual([ids.early, ids.flagged].sort());
      expect(await list({ activeOn: '2026-07-01' })).toEqual([ids.late]);
      expect(await list({ activeOn: '2026-01-01' })).toEqual([]);
    });

    it('shows the holder every assignment on its contract, another employer only its own', async () => {
      const idsSeenBy = async (company: string) =>
        ((await (await t.as('company', company)).get('/api/v1/assignments').query({ contractId: ctr }).expect(200)).body.items as { id: string }[]).map((i) => i.id).sort();
      expect(await idsSeenBy(employerId)).toEqual([ids.early, ids.late, ids.flagged].sort());
      expect(await idsSeenBy(otherEmployer)).toEqual([ids.late]);
    });

    it('paginates with the total of the filtered rows, ordered by start date', async () => {
      const res = await fac.get('/api/v1/assignments').query({ contractId: ctr, pageSize: 2 }).expect(200);
      expect(res.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
      expect(res.body.items.map((i: { id: string }) => i.id)).toEqual([ids.early, ids.flagged]);
    });
  });

  it('refuses to end an assignment or its contract before months that hold hours (they would still count), names them', async () => {
    const beneficiaryId = await newBeneficiary([{ criterion: 'RSA', validatedOn: '2026-01-01' }]);
    const authorityId = (await f.organisation()).id!;
    const ownContract = (await f.contract({ contractingAuthorityId: authorityId, holderId: employerId })).id!;
    const buyer = await t.as('buyer', authorityId);
    const a = (await post({ beneficiaryId, contractId: ownContract, startDate: '2026-01-05' }).expect(201)).body.id;
    await f.statement({ assignmentId: a, contractId: ownContract, month: '2026-06-01', hoursX100: 1000 });
    await f.statement({ assignmentId: a, contractId: ownContract, month: '2026-07-01', hoursX100: 1000, status: 'declared' });
    const refused = await fac.patch(`/api/v1/assignments/${a}`).send({ endDate: '2026-05-31' }).expect(422);
    expect(refused.body).toMatchObject({ code: 'hours_after_end', details: [{ field: 'endDate' }], context: { months: ['2026-06', '2026-07'], firstMonth: '2026-06', statements: 2 } });
    const contract = await buyer.patch(`/api/v1/contracts/${ownContract}`).send({ endDate: '2026-06-15' }).expect(422);
    expect(contract.body).toMatchObject({ code: 'hours_after_end', context: { months: ['2026-07'], firstMonth: '2026-07', statements: 1 } });
    // Ending within the last month with hours is fine: that month still overlaps.
    await fac.patch(`/api/v1/assignments/${a}`).send({ endDate: '2026-07-10' }).expect(200);
    await buyer.patch(`/api/v1/contracts/${ownContract}`).send({ endDate: '2026-07-20' }).expect(200);
  });
});
