import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../helpers/app';
import { factories } from '../helpers/factories';
import { AuthedHttp } from '../helpers/users';

describe('contract monthly hours and invoiced amounts', () => {
  // The factories' return types are partial: ids are there once saved.
  let t: TestApp;
  let contractId: string;
  /** The holder company declares the contract's monthly figures; the buyer reads them. */
  let holder: AuthedHttp;
  let buyer: AuthedHttp;
  let subcontractor: AuthedHttp;
  let outsider: AuthedHttp;
  const base = () => `/api/v1/contracts/${contractId}`;

  /** A contract of its own (authority and holder), with its holder and buyer signed in. */
  async function otherContract() {
    const f = factories(t.ds);
    const authority = await f.organisation();
    const company = await f.company();
    const id = (await f.contract({ contractingAuthorityId: authority.id!, holderId: company.id! })).id!;
    return { id, holder: await t.as('company', company.id!), buyer: await t.as('buyer', authority.id!) };
  }

  beforeAll(async () => {
    t = await startTestApp();
    const f = factories(t.ds);
    const authority = await f.organisation();
    const holderOrg = await f.company();
    const subOrg = await f.company({ size: 'small' });
    // Starts mid-month and ends mid-month: both edge months overlap the contract.
    contractId = (await f.contract({ contractingAuthorityId: authority.id!, holderId: holderOrg.id!, startDate: '2026-01-15', endDate: '2026-06-10' })).id!;
    await f.party({ contractId, companyId: subOrg.id!, role: 'subcontractor', subcontractedAmountCents: 1_000_000 });
    holder = await t.as('company', holderOrg.id!);
    buyer = await t.as('buyer', authority.id!);
    subcontractor = await t.as('company', subOrg.id!);
    outsider = await t.as('company', (await f.company()).id!);
  });
  afterAll(async () => t.close());

  describe('monthly hours', () => {
    it('upserts: declaring a month again replaces its figure, and the total is the exact sum', async () => {
      await holder.put(`${base()}/monthly-hours/2026-03`).send({ hours: 999.99 }).expect(200);
      const corrected = await holder.put(`${base()}/monthly-hours/2026-03`).send({ hours: 1234.56 }).expect(200);
      expect(corrected.body).toMatchObject({ month: '2026-03', hours: 1234.56 });
      await holder.put(`${base()}/monthly-hours/2026-01`).send({ hours: 0.44 }).expect(200);

      const list = await buyer.get(`${base()}/monthly-hours`).expect(200);
      expect(list.body.items.map((i: { month: string; hours: number }) => [i.month, i.hours])).toEqual([
        ['2026-01', 0.44],
        ['2026-03', 1234.56],
      ]);
      expect(list.body.totalHours).toBe(1235);
      const [{ n }] = await t.ds.query(`SELECT count(*)::int AS n FROM contract_monthly_hours WHERE contract_id = $1 AND month = '2026-03-01'`, [contractId]);
      expect(n).toBe(1);
    });

    it('sums many hundredths without drift (0.1 + 0.2 is 0.3 here)', async () => {
      const other = await otherContract();
      await other.holder.put(`/api/v1/contracts/${other.id}/monthly-hours/2026-04`).send({ hours: 0.1 }).expect(200);
      await other.holder.put(`/api/v1/contracts/${other.id}/monthly-hours/2026-05`).send({ hours: '0.2' }).expect(200);
      const list = await other.holder.get(`/api/v1/contracts/${other.id}/monthly-hours`).expect(200);
      expect(list.body.totalHours).toBe(0.3);
    });

    it('refuses a month wholly outside the contract with 422 naming the month', async () => {
      for (const month of ['2025-12', '2026-07']) {
        const res = await holder.put(`${base()}/monthly-hours/${month}`).send({ hours: 10 }).expect(422);
        expect(res.body).toMatchObject({ code: 'month_outside_contract', details: [{ field: 'month' }] });
      }
      // The last, partial month is accepted.
      await holder.put(`${base()}/monthly-hours/2026-06`).send({ hours: 10 }).expect(200);
      await holder.put(`${base()}/monthly-hours/2026-06`).send({ hours: 0 }).expect(200);
    });

    it('refuses a malformed month, hours with three decimals or negative hours with 400', async () => {
      const bad = await holder.put(`${base()}/monthly-hours/2026-13`).send({ hours: 1 }).expect(400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'month' })]);
      for (const hours of [1.234, -1, 'abc']) {
        const res = await holder.put(`${base()}/monthly-hours/2026-02`).send({ hours }).expect(400);
        expect(res.body.details).toEqual([expect.objectContaining({ field: 'hours' })]);
      }
      const list = await holder.get(`${base()}/monthly-hours`).expect(200);
      expect(list.body.items.map((i: { month: string }) => i.month)).not.toContain('2026-02');
    });

    it('answers 404 for an unknown contract and 400 for a malformed id', async () => {
      const res = await holder.put(`/api/v1/contracts/${randomUUID()}/monthly-hours/2026-03`).send({ hours: 1 }).expect(404);
      expect(res.body.code).toBe('not_found');
      await holder.get(`/api/v1/contracts/${randomUUID()}/monthly-hours`).expect(404);
      await holder.get(`/api/v1/contracts/not-a-uuid/monthly-hours`).expect(400);
    });

    it('only the holder declares: a subcontractor gets 403, a company outside the contract 404, the buyer 403; nothing is written', async () => {
      const sub = await subcontractor.put(`${base()}/monthly-hours/2026-04`).send({ hours: 5 }).expect(403);
      expect(sub.body.code).toBe('forbidden');
      // A party sees the contract, but not what its holder declares to the buyer.
      await subcontractor.get(`${base()}/monthly-hours`).expect(403);
      await outsider.put(`${base()}/monthly-hours/2026-04`).send({ hours: 5 }).expect(404);
      await outsider.get(`${base()}/monthly-hours`).expect(404);
      await buyer.put(`${base()}/monthly-hours/2026-04`).send({ hours: 5 }).expect(403);
      const list = await holder.get(`${base()}/monthly-hours`).expect(200);
      expect(list.body.items.map((i: { month: string }) => i.month)).not.toContain('2026-04');
    });
  });

  describe('invoiced amounts', () => {
    it('upserts and totals in cents', async () => {
      await holder.put(`${base()}/invoiced-amounts/2026-02`).send({ amountCents: 100 }).expect(200);
      const corrected = await holder.put(`${base()}/invoiced-amounts/2026-02`).send({ amountCents: 12_345_67 }).expect(200);
      expect(corrected.body).toMatchObject({ month: '2026-02', amountCents: 1_234_567 });
      await holder.put(`${base()}/invoiced-amounts/2026-04`).send({ amountCents: 33 }).expect(200);
      const list = await buyer.get(`${base()}/invoiced-amounts`).expect(200);
      expect(list.body.items.map((i: { month: string; amountCents: number }) => [i.month, i.amountCents])).toEqual([
        ['2026-02', 1_234_567],
        ['2026-04', 33],
      ]);
      expect(list.body.totalCents).toBe(1_234_600);
    });

    it('refuses fractional or negative cents with 400, and months outside the contract with 422', async () => {
      for (const amountCents of [1.5, -1, '100']) {
        const res = await holder.put(`${base()}/invoiced-amounts/2026-05`).send({ amountCents }).expect(400);
        expect(res.body.details[0].field).toBe('amountCents');
      }
      const res = await holder.put(`${base()}/invoiced-amounts/2027-01`).send({ amountCents: 1 }).expect(422);
      expect(res.body).toMatchObject({ code: 'month_outside_contract', details: [{ field: 'month' }] });
    });

    it('only the holder declares invoices: a subcontractor gets 403, a company outside the contract 404', async () => {
      await subcontractor.put(`${base()}/invoiced-amounts/2026-05`).send({ amountCents: 1 }).expect(403);
      await outsider.put(`${base()}/invoiced-amounts/2026-05`).send({ amountCents: 1 }).expect(404);
      await outsider.get(`${base()}/invoiced-amounts`).expect(404);
      const list = await buyer.get(`${base()}/invoiced-amounts`).expect(200);
      expect(list.body.items.map((i: { month: string }) => i.month)).not.toContain('2026-05');
    });

    it('lists an empty contract with a zero total', async () => {
      const empty = await otherContract();
      const res = await empty.buyer.get(`/api/v1/contracts/${empty.id}/invoiced-amounts`).expect(200);
      expect(res.body).toEqual({ contractId: empty.id, items: [], totalCents: 0 });
    });
  });
});
