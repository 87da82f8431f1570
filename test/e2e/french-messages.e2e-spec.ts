import { factories } from '../helpers/factories';
import { startTestApp, TestApp } from '../helpers/app';
import { AuthedHttp } from '../helpers/users';

const API = '/api/v1';
const NNBSP = '\u202f';

/**
 * What a person reads in an error: French by default, English when Accept-Language prefers it, from
 * one catalogue; the `code`s stay the same in both.
 */
describe('messages in the language of the request', () => {
  let t: TestApp;
  let company: AuthedHttp;
  let fac: AuthedHttp;
  let assignmentId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const f = factories(t.ds);
    const authority = await f.organisation();
    const holder = await f.company();
    const contract = await f.contract({ contractingAuthorityId: authority.id, holderId: holder.id, startDate: '2026-01-01', endDate: '2026-06-30' });
    const structure = await f.facilitatorStructure({ departmentCodes: ['93'] });
    const person = await f.beneficiary({ registeredById: structure.id });
    assignmentId = (await f.assignment({ beneficiaryId: person.id, contractId: contract.id, employerId: holder.id, startDate: '2026-01-01', endDate: '2026-06-30' })).id;
    // 150 h in April 2026 on another contract of the same holder: the cap counts every assignment of the person.
    const other = await f.contract({ contractingAuthorityId: authority.id, holderId: holder.id });
    const before = await f.assignment({ beneficiaryId: person.id, contractId: other.id, employerId: holder.id });
    await f.statement({ assignmentId: before.id, contractId: other.id, month: '2026-04-01', hoursX100: 15000 });
    company = await t.as('company', holder.id);
    fac = await t.as('facilitator', structure.id);
  });
  afterAll(async () => t.close());

  const declare = (hours: number, month = '2026-04', language?: string) => {
    const req = company.post(`${API}/hours-statements`);
    if (language) req.set('Accept-Language', language);
    return req.send({ assignmentId, month, hours, source: 'company_statement' });
  };

  it('the legal cap in French by default, with French numbers and month, the figures unchanged in context', async () => {
    const res = await declare(1234.5, '2026-04').expect(422);
    expect(res.body).toEqual({
      statusCode: 422,
      code: 'legal_monthly_cap',
      message: `Cette déclaration porterait la personne à 1${NNBSP}384,50 h en avril 2026, au-dessus du plafond légal de 205,71 h`,
      details: [{ field: 'hours', reason: 'au plus 55,71 h de plus pour cette personne en avril 2026' }],
      context: { capHours: 205.71, currentHours: 150, requestedHours: 1234.5, month: '2026-04' },
    });
  });

  it('in English when Accept-Language prefers it, the same code', async () => {
    const res = await declare(80, '2026-04', 'en-GB,en;q=0.9,fr;q=0.5').expect(422);
    expect(res.body).toMatchObject({
      code: 'legal_monthly_cap',
      message: 'This statement would bring the person to 230.00 h in April 2026, above the legal cap of 205.71 h (current total 150.00 h)',
      details: [{ field: 'hours', reason: 'at most 55.71 h more can be declared for this person in April 2026' }],
    });
    // A language the API does not speak: French.
    expect((await declare(80, '2026-04', 'de-DE').expect(422)).body.message).toMatch(/^Cette déclaration porterait la personne à 230,00 h en avril 2026/);
  });

  it('a month outside the dates, with French dates', async () => {
    const res = await declare(10, '2026-09').expect(422);
    expect(res.body).toMatchObject({
      code: 'month_outside_assignment',
      message: 'Septembre 2026 est entièrement en dehors des dates de l’affectation (du 01/01/2026 au 30/06/2026)',
      details: [{ field: 'month', reason: 'doit recouper les dates de l’affectation (du 01/01/2026 au 30/06/2026)' }],
    });
  });

  it("the validation pipe's reasons, field by field, and the message listing them", async () => {
    const res = await company.post(`${API}/hours-statements`).send({ assignmentId: 'x', month: '2026-4', hours: 1.234, source: 'fax', extra: 1 }).expect(400);
    expect(res.body.code).toBe('invalid_input');
    expect(res.body.details).toEqual(
      expect.arrayContaining([
        { field: 'assignmentId', reason: 'doit être un identifiant (UUID)' },
        { field: 'month', reason: 'doit être un mois AAAA-MM' },
        { field: 'hours', reason: 'doit être un nombre d’heures positif, avec deux décimales au plus' },
        { field: 'source', reason: 'doit être company_statement, intermediary_statement ou payslip' },
        { field: 'extra', reason: 'ce champ n’est pas attendu' },
      ]),
    );
    expect(res.body.message).toContain('month : doit être un mois AAAA-MM ; ');
    const en = await company.post(`${API}/hours-statements`).set('Accept-Language', 'en').send({ assignmentId, month: '2026-4', hours: 1, source: 'payslip' }).expect(400);
    expect(en.body).toMatchObject({ message: 'month: must be a month YYYY-MM', details: [{ field: 'month', reason: 'must be a month YYYY-MM' }] });
  });

  it("the filter's generic messages: 401, 404, unknown route", async () => {
    expect((await t.http().get(`${API}/contracts`).expect(401)).body).toMatchObject({
      code: 'unauthenticated',
      message: 'Connectez-vous d’abord : envoyez le jeton d’accès en en-tête Authorization: Bearer <jeton>',
    });
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await fac.get(`${API}/imports/${missing}`).expect(404)).body).toMatchObject({ code: 'not_found', message: `L'import ${missing} est introuvable` });
    expect((await fac.get(`${API}/imports/${missing}`).set('Accept-Language', 'en').expect(404)).body.message).toBe(`Import ${missing} not found`);
    expect((await fac.get(`${API}/no-such-route`).expect(404)).body.message).toBe('Cette adresse n’existe pas dans l’API');
  });
});
