import { execFileSync } from 'node:child_process';
import { systemActor } from '../../src/access/actor';
import { runWithActor } from '../../src/access/request-context';
import { AppConfig } from '../../src/config/app-config';
import { computeReportFigures } from '../../src/reports/figures/compute-report-figures';
import { startTestApp, TestApp } from '../helpers/app';
import { TEST_SERVER } from '../helpers/database';
import { factories } from '../helpers/factories';
import { AuthedHttp } from '../helpers/users';

const API = '/api/v1';
/** A name and birth date found nowhere else, so a search for them in the dump means a leak. */
const PERSON = { lastName: 'Quatremare', firstName: 'Zéphyrine', birthDate: '1987-03-14' };

describe('personal data: encrypted at rest, erasure keeps every figure, right of access, audit', () => {
  let t: TestApp;
  let fac: AuthedHttp;
  let otherFac: AuthedHttp;
  let regional: AuthedHttp;
  let company: AuthedHttp;
  let companyEmail: string;
  let facEmail: string;
  let structureId: string;
  let contractId: string;
  let companyId: string;
  let beneficiaryId: string;
  let assignmentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const f = factories(t.ds);
    structureId = (await f.facilitatorStructure({ departmentCodes: ['93'] })).id;
    const authority = await f.organisation({ departmentCodes: ['93'] });
    companyId = (await f.company()).id;
    contractId = (await f.contract({ contractingAuthorityId: authority.id, holderId: companyId, startDate: '2026-01-01', endDate: '2026-12-31' })).id;
    await f.insertionClause(contractId, { targetMode: 'fixed', fixedHoursX100: 50_000 });
    const mission = await f.organisation({ kind: 'regional_mission', regionCode: '11', departmentCodes: [] });
    const user = await t.user('facilitator', structureId);
    fac = user.http;
    facEmail = user.email;
    otherFac = await t.as('facilitator', (await f.facilitatorStructure({ departmentCodes: ['93'] })).id);
    regional = await t.as('regional_staff', mission.id);
    const companyUser = await t.user('company', companyId);
    company = companyUser.http;
    companyEmail = companyUser.email;

    // The whole path of a person, over HTTP: registration, assignment, statements, validation, a correction.
    const b = await fac.post(`${API}/beneficiaries`).send({
      ...PERSON, sex: 'F', qpvResident: true, communeCode: '93066', educationLevel: 'cap_bep',
      criteria: [{ criterion: 'OTHER_VALIDATED', validatedOn: '2025-12-01', validatedBy: 'PLIE', reason: 'Suivie par le SPIP de Bobigny' }],
    }).expect(201);
    beneficiaryId = b.body.id;
    expect(b.body.identity).toEqual(PERSON);
    const a = await fac.post(`${API}/assignments`).send({ beneficiaryId, contractId, employerId: companyId, modality: 'direct_hire_cdd', startDate: '2026-01-05' }).expect(201);
    assignmentId = a.body.id;
    expect(a.body.eligible).toBe(true);
    for (const month of ['2026-01', '2026-02', '2026-03']) {
      const s = await company.post(`${API}/hours-statements`).send({ assignmentId, month, hours: 120.5, source: 'company_statement' }).expect(201);
      await fac.post(`${API}/hours-statements/${s.body.id}/validate`).expect(200);
    }
  });
  afterAll(async () => t.close());

  function dump(): string {
    const db = t.ds.options.database ?? new URL((t.ds.options as { url: string }).url).pathname.slice(1);
    return execFileSync('pg_dump', ['--data-only', '--no-owner', `${TEST_SERVER}/${db}`], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  }

  it('the database dump holds no readable name or birth date of the person', () => {
    const text = dump();
    expect(text).toContain(beneficiaryId); // the dump is the real one, with the person's row in it
    for (const secret of [PERSON.lastName, PERSON.lastName.toUpperCase(), PERSON.firstName, 'ZEPHYRINE', 'phyrine', PERSON.birthDate, '14/03/1987']) {
      expect(text).not.toContain(secret);
    }
  });

  it('the identity is shown to the registering structure only', async () => {
    expect((await fac.get(`${API}/beneficiaries/${beneficiaryId}`).expect(200)).body).toMatchObject({ identity: PERSON, birthYear: 1987, communeCode: '93066' });
    for (const other of [regional, company]) {
      const seen = (await other.get(`${API}/beneficiaries/${beneficiaryId}`).expect(200)).body;
      expect(seen).toMatchObject({ code: expect.stringMatching(/^B-/), sex: 'F', ageBand: '26_49', qpvResident: true });
      expect(JSON.stringify(seen)).not.toMatch(/Quatremare|Zéphyrine|1987/);
    }
    // Another structure of the same department follows the contract, so it sees the person, pseudonymously.
    const byOther = (await otherFac.get(`${API}/beneficiaries/${beneficiaryId}`).expect(200)).body;
    expect(byOther).not.toHaveProperty('identity');
    await otherFac.patch(`${API}/beneficiaries/${beneficiaryId}`).send({ qpvResident: false }).expect(403);
    // A structure finds its people by exact identity, through the pseudonymous key.
    const found = await fac.get(`${API}/beneficiaries`).query({ lastName: 'QUATREMARE', firstName: 'zephyrine', birthDate: PERSON.birthDate }).expect(200);
    expect(found.body.items.map((i: { id: string }) => i.id)).toEqual([beneficiaryId]);
  });

  it('exports everything held on the person to the registering structure (right of access)', async () => {
    const res = await fac.get(`${API}/beneficiaries/${beneficiaryId}/personal-data`).expect(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="donnees-personnelles-B-[0-9A-F]{10}\.json"$/);
    expect(res.body.beneficiary).toMatchObject({ id: beneficiaryId, identity: PERSON, communeCode: '93066', educationLevel: 'cap_bep' });
    expect(res.body.beneficiary.criteria[0].reason).toBe('Suivie par le SPIP de Bobigny');
    expect(res.body.assignments).toEqual([expect.objectContaining({ id: assignmentId, startDate: '2026-01-05', modality: 'direct_hire_cdd' })]);
    expect(res.body.hoursStatements.map((s: { month: string; status: string }) => `${s.month} ${s.status}`)).toEqual(['2026-01 validated', '2026-02 validated', '2026-03 validated']);
    const audited = res.body.auditLog.map((e: { entity: string; action: string }) => `${e.entity} ${e.action}`);
    expect(audited).toEqual(expect.arrayContaining(['beneficiaries insert', 'eligibility_criteria insert', 'assignments insert', 'hours_statements insert', 'hours_statements update']));
    // Who wrote is said by role and organisation: the structure reads no user account, so no email of the company's staff.
    expect(res.body.auditLog).toContainEqual(expect.objectContaining({ entity: 'hours_statements', action: 'insert', actorRole: 'company', actorOrganisationId: companyId }));
    expect(JSON.stringify(res.body)).not.toContain(companyEmail);
    // Nor the pseudonymous key that links the person's registrations across structures (its note says it exists).
    const [{ person_key }] = await t.ds.query(`SELECT person_key FROM beneficiaries WHERE id = $1`, [beneficiaryId]);
    expect(JSON.stringify(res.body)).not.toContain(person_key);
    await otherFac.get(`${API}/beneficiaries/${beneficiaryId}/personal-data`).expect(403);
    await regional.get(`${API}/beneficiaries/${beneficiaryId}/personal-data`).expect(403);
  });

  it('records every write in the audit log: who, when, what, before and after, without the identity; the log cannot be changed', async () => {
    const admin = await t.as('admin');
    const entries = (await admin.get(`${API}/audit-log`).query({ entity: 'beneficiaries', entityId: beneficiaryId }).expect(200)).body.items;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'insert', actorLabel: facEmail, actorRole: 'facilitator', actorOrganisationId: structureId, before: null });
    // An admin reads no person through the API: the log says which row was written, not what it holds.
    expect(entries[0].after).toMatchObject({ id: beneficiaryId, registered_by_id: structureId, identity_enc: '[hidden]', birth_year: '[hidden]', sex: '[hidden]' });
    const validations = (await admin.get(`${API}/audit-log`).query({ entity: 'hours_statements', pageSize: '100' }).expect(200)).body.items.filter(
      (e: { action: string }) => e.action === 'update',
    );
    expect(validations).toHaveLength(3);
    expect(validations[0]).toMatchObject({ actorRole: 'facilitator', before: { decided_at: null }, after: { decided_at: expect.any(String) } });
    expect(validations[0].changedColumns).toEqual(['decided_at', 'status']);
    // Regional staff read the entries of their region (this contract is in 93), statements as the API shows them.
    const regionalView = (await regional.get(`${API}/audit-log`).query({ entity: 'beneficiaries', entityId: beneficiaryId }).expect(200)).body;
    expect(regionalView.total).toBe(1);
    const regionalValidations = (await regional.get(`${API}/audit-log`).query({ entity: 'hours_statements', pageSize: '100' }).expect(200)).body.items;
    expect(regionalValidations.filter((e: { action: string }) => e.action === 'update')[0]).toMatchObject({ before: { status: 'declared' }, after: { status: 'validated' } });
    await expect(t.ds.query(`UPDATE audit_log SET actor_label = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(t.ds.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    // A write that is not signed with an actor is refused by the database itself.
    await expect(t.ds.query(`UPDATE contracts SET title = 'unsigned' WHERE id = $1`, [contractId])).rejects.toThrow(/without an actor/);
    expect(JSON.stringify((await admin.get(`${API}/audit-log`).query({ pageSize: '500' })).body)).not.toMatch(/Quatremare|Zéphyrine|1987-03-14/);
  });

  it('after erasure the identity is gone, and every compliance figure and report total is unchanged', async () => {
    const at = '2026-06-30';
    const figures = async () => ({
      contract: (await regional.get(`${API}/contracts/${contractId}/compliance`).query({ at }).expect(200)).body,
      department: (await regional.get(`${API}/compliance/departments/93`).query({ at }).expect(200)).body,
      region: (await regional.get(`${API}/compliance/regions/11`).query({ at }).expect(200)).body,
      report: await runWithActor(systemActor('test'), async () => {
        const r = await computeReportFigures(t.ds, t.app.get(AppConfig), { kind: 'department', code: '93' }, { from: '2026-01-01', to: at }, 'watermark');
        return { ...r, generatedAt: null };
      }),
    });
    const before = await figures();
    expect(before.region.insertion).toMatchObject({ realisedHours: 361.5, distinctBeneficiaries: 1 });
    expect(before.report.headline.cumulative).toMatchObject({ realisedHours: 361.5, distinctBeneficiaries: 1, shareWomen: 1, shareQpvResidents: 1 });

    await regional.post(`${API}/beneficiaries/${beneficiaryId}/erasure`).expect(403);
    const erased = await fac.post(`${API}/beneficiaries/${beneficiaryId}/erasure`).expect(200);
    expect(erased.body).toMatchObject({ id: beneficiaryId, identity: null, communeCode: null, educationLevel: null, erasedAt: expect.any(String) });
    expect(erased.body.criteria[0].reason).toBe('effacé');

    expect(await figures()).toEqual(before);
    expect(dump()).not.toContain('SPIP de Bobigny');
    const [row] = await t.ds.query(`SELECT identity_enc, person_key FROM beneficiaries WHERE id = $1`, [beneficiaryId]);
    expect(row.identity_enc).toBeNull();
    expect(row.person_key).toMatch(/^[0-9a-f]{64}$/);
    // Erasing again changes nothing; the person may be registered again, and is still counted once.
    await fac.post(`${API}/beneficiaries/${beneficiaryId}/erasure`).expect(200);
    await fac.post(`${API}/beneficiaries`).send({ ...PERSON, sex: 'F', qpvResident: true }).expect(201);
    expect((await figures()).region.insertion.distinctBeneficiaries).toBe(1);
    const audit = (await (await t.as('admin')).get(`${API}/audit-log`).query({ entity: 'beneficiaries', entityId: beneficiaryId }).expect(200)).body.items;
    expect(audit[0]).toMatchObject({ action: 'update', before: { erased_at: null }, after: { erased_at: expect.any(String) } });
    expect(audit[0].changedColumns).toEqual(['code', 'commune_code', 'education_level', 'erased_at', 'identity_enc']);
  });
});
