import { randomUUID } from 'node:crypto';
import { auditIdentity, systemActor } from '../../src/access/actor';
import { AUDIT_READERS } from '../../src/audit/audit-readers';
import { runWithActor } from '../../src/access/request-context';
import { inTransaction } from '../../src/database/transaction';
import { startTestApp, TestApp } from '../helpers/app';
import { factories } from '../helpers/factories';
import { AuthedHttp, TestUser } from '../helpers/users';

const API = '/api/v1';

interface Entry {
  entity: string;
  entityId: string;
  actorLabel: string;
  actorUserId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The columns of a row that name other rows or say when: what a reader sees of rows it may not read. */
const REFERENCE = /^(id|\w+_id|\w+_at)$/;
/** The columns of an entry's row that show a value. */
const shown = (e: Entry) =>
  Object.entries({ ...e.before, ...e.after })
    .filter(([, v]) => v !== '[hidden]' && v !== null)
    .map(([k]) => k);

/**
 * The audit log shows no personal detail its reader could not read through the API (issue 22). Its
 * readers are admins (organisations and users; no person, assignment or hours) and regional staff (the
 * contracts, assignments and statements of their region; people by code and age band, never an
 * identity, a birth year or another user's account).
 */
describe('audit log: each reader sees what the API shows them, no more', () => {
  let t: TestApp;
  let fac: TestUser;
  let admin: AuthedHttp;
  let regional: TestUser;
  let invited: { id: string; email: string };
  let beneficiary: { id: string; code: string };
  let assignmentId: string;
  let importId: string;
  const PERSON = { lastName: 'Ostrowska', firstName: 'Maëlys', birthDate: '1961-02-17', sex: 'F', qpvResident: true, communeCode: '93066', educationLevel: 'bac' };

  const entries = async (who: AuthedHttp, query: Record<string, string> = {}): Promise<Entry[]> =>
    (await who.get(`${API}/audit-log`).query({ pageSize: '500', ...query }).expect(200)).body.items;

  beforeAll(async () => {
    t = await startTestApp();
    const f = factories(t.ds);
    const structure = (await f.facilitatorStructure({ departmentCodes: ['93'] })).id;
    const authority = await f.organisation({ departmentCodes: ['93'] });
    const companyId = (await f.company()).id;
    const contractId = (await f.contract({ contractingAuthorityId: authority.id, holderId: companyId })).id;
    const mission = await f.organisation({ kind: 'regional_mission', regionCode: '11', departmentCodes: [] });
    fac = await t.user('facilitator', structure);
    regional = await t.user('regional_staff', mission.id);
    admin = await t.as('admin');
    const company = await t.as('company', companyId);

    // A person's whole path, over HTTP.
    beneficiary = (await fac.http.post(`${API}/beneficiaries`).send({
      ...PERSON, criteria: [{ criterion: 'AAH', validatedOn: '2025-11-02', validatedBy: 'MDPH de Bobigny', validUntil: '2027-11-01' }],
    }).expect(201)).body;
    assignmentId = (await fac.http.post(`${API}/assignments`).send({
      beneficiaryId: beneficiary.id, contractId, employerId: companyId, modality: 'apprenticeship', startDate: '2026-01-05', romeCode: 'F1703', plannedWeeklyHours: 35,
    }).expect(201)).body.id;
    const s = await company.post(`${API}/hours-statements`).send({ assignmentId, month: '2026-01', hours: 123.45, source: 'payslip' }).expect(201);
    await fac.http.post(`${API}/hours-statements/${s.body.id}/reject`).send({ reason: 'Bulletin de Mme Ostrowska illisible' }).expect(200);
    await fac.http.patch(`${API}/beneficiaries/${beneficiary.id}`).send({ qpvResident: false }).expect(200);
    // An account of the region, invited by the admin; an import uploaded by the structure, its file named after a person.
    const user = await admin.post(`${API}/users`).send({ email: 'camille.ostrowska@plie93.fr', displayName: 'Camille Ostrowska', role: 'facilitator', organisationId: structure }).expect(201);
    invited = { id: user.body.id, email: 'camille.ostrowska@plie93.fr' };
    importId = randomUUID();
    await runWithActor(systemActor('test'), () =>
      inTransaction(t.ds, auditIdentity(systemActor('test')), (m) =>
        m.query(`INSERT INTO imports (id, kind, format, file_name, file_size, uploaded_by_id, organisation_id) VALUES ($1, 'hours_statements', 'csv', 'heures-ostrowska-maelys.csv', 10, $2, $3)`, [
          importId, fac.id, structure,
        ]),
      ),
    );
  });
  afterAll(async () => t.close());

  it('says, for every table the log records, what each reader sees of it', async () => {
    const audited = (await t.ds.query(`SELECT DISTINCT event_object_table AS t FROM information_schema.triggers WHERE trigger_name ~ '^audit_\\w+_(insert|update|delete)$'`)) as { t: string }[];
    expect(Object.keys(AUDIT_READERS).sort()).toEqual(audited.map((r) => r.t).sort());
  });

  it('through the API, admins read no person and regional staff a person by code and age band only', async () => {
    await admin.get(`${API}/beneficiaries/${beneficiary.id}`).expect(403);
    await admin.get(`${API}/assignments/${assignmentId}`).expect(403);
    const seen = (await regional.http.get(`${API}/beneficiaries/${beneficiary.id}`).expect(200)).body;
    expect(seen).toMatchObject({ code: beneficiary.code, ageBand: '50_and_over' });
    expect(seen).not.toHaveProperty('birthYear');
    await regional.http.get(`${API}/users/${invited.id}`).expect(403);
    await regional.http.get(`${API}/imports/${importId}`).expect(403);
  });

  it('admins see of a person, their criteria, assignments and statements which rows were written, when and by whom: no value', async () => {
    const log = await entries(admin);
    const personal = log.filter((e) => ['beneficiaries', 'eligibility_criteria', 'assignments', 'hours_statements'].includes(e.entity));
    expect(personal.map((e) => e.entity)).toEqual(expect.arrayContaining(['beneficiaries', 'eligibility_criteria', 'assignments', 'hours_statements']));
    for (const e of personal) expect({ entity: e.entity, shown: shown(e).filter((k) => !REFERENCE.test(k)) }).toEqual({ entity: e.entity, shown: [] });
    const text = JSON.stringify(log);
    for (const detail of [beneficiary.code, 'AAH', 'MDPH de Bobigny', 'F1703', 'apprenticeship', 'Ostrowska illisible', 'heures-ostrowska']) {
      expect(text).not.toContain(detail);
    }
    // What the admin reads through the API stays: accounts, with their email.
    const account = log.find((e) => e.entity === 'users' && e.entityId === invited.id);
    expect(account?.after).toMatchObject({ email: invited.email, display_name: 'Camille Ostrowska' });
  });

  it('regional staff see no birth year, key, criterion or import file of a person, nor the accounts and emails of other users', async () => {
    const log = await entries(regional.http);
    const person = log.filter((e) => e.entity === 'beneficiaries' && e.entityId === beneficiary.id);
    expect(person.map((e) => (e.before ? 'update' : 'insert')).sort()).toEqual(['insert', 'update']);
    for (const e of log.filter((x) => ['beneficiaries', 'eligibility_criteria', 'users', 'imports'].includes(x.entity))) {
      expect({ entity: e.entity, shown: shown(e).filter((k) => !REFERENCE.test(k)) }).toEqual({ entity: e.entity, shown: [] });
    }
    const text = JSON.stringify(log);
    for (const detail of ['AAH', 'MDPH de Bobigny', 'heures-ostrowska', invited.email, 'Camille Ostrowska', fac.email]) expect(text).not.toContain(detail);
    const [{ person_key }] = await t.ds.query(`SELECT person_key FROM beneficiaries WHERE id = $1`, [beneficiary.id]);
    expect(text).not.toContain(person_key);
    // The facilitator's writes are still attributed: its user id, role and organisation; the label is hidden.
    expect(person.find((e) => !e.before)).toMatchObject({ actorUserId: fac.id, actorLabel: '[hidden]' });
  });

  it('regional staff see the assignments and statements of their region as the API shows them', async () => {
    const log = await entries(regional.http);
    const assignment = log.find((e) => e.entity === 'assignments' && e.entityId === assignmentId);
    expect(assignment?.after).toMatchObject({ modality: 'apprenticeship', rome_code: 'F1703' });
    const viaApi = (await regional.http.get(`${API}/assignments/${assignmentId}`).expect(200)).body;
    expect(viaApi).toMatchObject({ modality: 'apprenticeship', romeCode: 'F1703' });
    const rejected = log.find((e) => e.entity === 'hours_statements' && e.after?.status === 'rejected');
    expect(rejected?.after).toMatchObject({ hours_x100: 12345, rejection_reason: 'Bulletin de Mme Ostrowska illisible' });
  });
});
