import { randomUUID } from 'node:crypto';
import { startTestApp, TestApp } from '../helpers/app';
import { factories } from '../helpers/factories';
import { AuthedHttp } from '../helpers/users';
import { ContractInvoicedAmount } from '../../src/contract-activity/contract-activity.entity';
import { auditIdentity, systemActor } from '../../src/access/actor';
import { inTransaction } from '../../src/database/transaction';
import { EntityManager } from 'typeorm';
import { COMPANY_SIZES, CompanySize, SME_SIZES } from '../../src/organisations/organisation.entity';

// The factories' return types are partial: ids are there once saved, hence the `!`.
describe('payments between the holder and the other parties', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(async () => t.close());

  /** Set-up writes straight to the database, signed as the test system as the audit log requires. */
  const asSystem = <T>(work: (m: EntityManager) => Promise<T>) => inTransaction(t.ds, auditIdentity(systemActor('test')), work);

  /**
   * A 1,000,000 € contract in 2026 (department 93) with a large co-contractor, an SME subcontractor and a
   * company outside it, each company with a signed-in user, and the contract's buyer.
   */
  async function world(amountCents = 100_000_000) {
    const f = factories(t.ds);
    const holder = await f.company({ name: 'Titulaire Majeure', size: 'large' });
    const coContractor = await f.company({ name: 'Grand Cotraitant', size: 'large' });
    const smeSub = await f.company({ name: 'Petite Sous-traitante', size: 'small' });
    const outsider = await f.company({ name: 'Hors Marché', size: 'micro' });
    const authority = await f.organisation();
    const contract = await f.contract({ contractingAuthorityId: authority.id!, holderId: holder.id!, amountCents, startDate: '2026-01-01', endDate: '2026-12-31' });
    await f.party({ contractId: contract.id!, companyId: coContractor.id!, role: 'co_contractor' });
    await f.party({ contractId: contract.id!, companyId: smeSub.id!, role: 'subcontractor', subcontractedAmountCents: 20_000_000 });
    return {
      contractId: contract.id!, holderId: holder.id!, coContractorId: coContractor.id!, smeSubId: smeSub.id!, outsiderId: outsider.id!,
      as: {
        holder: await t.as('company', holder.id!),
        coContractor: await t.as('company', coContractor.id!),
        smeSub: await t.as('company', smeSub.id!),
        outsider: await t.as('company', outsider.id!),
        buyer: await t.as('buyer', authority.id!),
      },
    };
  }

  const declare = (who: AuthedHttp, contractId: string, body: Record<string, unknown>) => who.post(`/api/v1/contracts/${contractId}/payments`).send(body);
  const countPayments = async (contractId: string) => (await t.ds.query(`SELECT count(*)::int AS n FROM payments WHERE contract_id = $1`, [contractId]))[0].n as number;

  describe('declaring', () => {
    it('records a payment from the holder by default, as declared', async () => {
      const w = await world();
      const res = await declare(w.as.holder, w.contractId, { payeeId: w.smeSubId, month: '2026-02', amountCents: 1_500_000 }).expect(201);
      expect(res.body).toMatchObject({ contractId: w.contractId, payerId: w.holderId, payeeId: w.smeSubId, month: '2026-02', amountCents: 1_500_000, status: 'declared', disputeReason: null, decidedAt: null });
      const got = await w.as.holder.get(`/api/v1/payments/${res.body.id}`).expect(200);
      expect(got.body).toMatchObject({ id: res.body.id, status: 'declared', amountCents: 1_500_000 });
      // A facilitator of the contract's department typing it in for the holder: the payer is the holder by default too.
      const facilitator = await t.as('facilitator', (await factories(t.ds).facilitatorStructure({ departmentCodes: ['93'] })).id!);
      const typedIn = await declare(facilitator, w.contractId, { payeeId: w.smeSubId, month: '2026-03', amountCents: 1_000 }).expect(201);
      expect(typedIn.body).toMatchObject({ payerId: w.holderId, status: 'declared' });
      // The payee and the buyer see it; a company outside the contract does not.
      await w.as.smeSub.get(`/api/v1/payments/${res.body.id}`).expect(200);
      await w.as.buyer.get(`/api/v1/payments/${res.body.id}`).expect(200);
      await w.as.outsider.get(`/api/v1/payments/${res.body.id}`).expect(404);
    });

    it('lets a co-contractor pay its subcontractor, but no one else pay', async () => {
      const w = await world();
      const ok = await declare(w.as.coContractor, w.contractId, { payerId: w.coContractorId, payeeId: w.smeSubId, month: '2026-03', amountCents: 10 }).expect(201);
      expect(ok.body.payerId).toBe(w.coContractorId);
      // A company outside the contract as payer (typed in by a facilitator), and the subcontractor declaring its own payment.
      const facilitator = await t.as('facilitator', (await factories(t.ds).facilitatorStructure({ departmentCodes: ['93'] })).id!);
      for (const [who, payerId] of [[facilitator, w.outsiderId], [w.as.smeSub, w.smeSubId]] as const) {
        const res = await declare(who, w.contractId, { payerId, payeeId: w.coContractorId, month: '2026-03', amountCents: 10 }).expect(422);
        expect(res.body).toMatchObject({ code: 'payer_not_allowed', details: [{ field: 'payerId' }] });
      }
      const self = await declare(w.as.coContractor, w.contractId, { payerId: w.coContractorId, payeeId: w.coContractorId, month: '2026-03', amountCents: 10 }).expect(422);
      expect(self.body.code).toBe('payee_is_payer');
      // A company declares its own payments only: the holder may not declare the co-contractor's.
      const forOther = await declare(w.as.holder, w.contractId, { payerId: w.coContractorId, payeeId: w.smeSubId, month: '2026-03', amountCents: 10 }).expect(403);
      expect(forOther.body).toMatchObject({ code: 'forbidden', details: [{ field: 'payerId' }] });
      expect(await countPayments(w.contractId)).toBe(1);
    });

    it('refuses a payee that is not a party of the contract (nor the holder itself) with 422', async () => {
      const w = await world();
      for (const payeeId of [w.outsiderId, w.holderId, randomUUID()]) {
        const res = await declare(w.as.holder, w.contractId, { payeeId, month: '2026-03', amountCents: 100 }).expect(422);
        expect(res.body).toMatchObject({ code: 'payee_not_party', details: [{ field: 'payeeId' }] });
      }
      expect(await countPayments(w.contractId)).toBe(0);
    });

    it('refuses a month outside the contract with 422, and bad input with 400 naming the field', async () => {
      const w = await world();
      const outside = await declare(w.as.holder, w.contractId, { payeeId: w.smeSubId, month: '2027-01', amountCents: 100 }).expect(422);
      expect(outside.body).toMatchObject({ code: 'month_outside_contract', details: [{ field: 'month' }] });
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ payeeId: w.smeSubId, month: '2026-03', amountCents: 0 }, 'amountCents'],
        [{ payeeId: w.smeSubId, month: '2026-03', amountCents: 12.5 }, 'amountCents'],
        [{ payeeId: w.smeSubId, month: '2026-3', amountCents: 100 }, 'month'],
        [{ payeeId: 'nope', month: '2026-03', amountCents: 100 }, 'payeeId'],
        [{ payeeId: w.smeSubId, month: '2026-03', amountCents: 100, status: 'confirmed' }, 'status'],
      ];
      for (const [body, field] of cases) {
        const res = await declare(w.as.holder, w.contractId, body).expect(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      expect(await countPayments(w.contractId)).toBe(0);
    });

    it('answers 404 for an unknown contract or payment, 400 for a malformed id', async () => {
      const w = await world();
      await declare(w.as.holder, randomUUID(), { payeeId: w.smeSubId, month: '2026-03', amountCents: 100 }).expect(404);
      await w.as.holder.get(`/api/v1/contracts/${randomUUID()}/payments`).expect(404);
      await w.as.holder.get(`/api/v1/contracts/${randomUUID()}/sme-payments`).expect(404);
      const res = await w.as.holder.get(`/api/v1/payments/${randomUUID()}`).expect(404);
      expect(res.body.code).toBe('not_found');
      await w.as.smeSub.post(`/api/v1/payments/${randomUUID()}/confirm`).expect(404);
      await w.as.holder.get(`/api/v1/payments/123`).expect(400);
      // A contract outside the caller's scope answers as an unknown one.
      await declare(w.as.outsider, w.contractId, { payeeId: w.smeSubId, month: '2026-03', amountCents: 100 }).expect(404);
      await w.as.outsider.get(`/api/v1/contracts/${w.contractId}/payments`).expect(404);
      expect(await countPayments(w.contractId)).toBe(0);
    });
  });

  describe('confirming and disputing', () => {
    it('confirms once; a second confirmation or a later dispute is 409 and changes nothing', async () => {
      const w = await world();
      const { body: p } = await declare(w.as.holder, w.contractId, { payeeId: w.smeSubId, month: '2026-04', amountCents: 2_000 }).expect(201);
      // Only the payee answers: the holder who declared it gets 403; another party, who does not even see it, 404.
      await w.as.holder.post(`/api/v1/payments/${p.id}/confirm`).expect(403);
      await w.as.coContractor.post(`/api/v1/payments/${p.id}/confirm`).expect(404);
      expect((await w.as.holder.get(`/api/v1/payments/${p.id}`).expect(200)).body.status).toBe('declared');
      const confirmed = await w.as.smeSub.post(`/api/v1/payments/${p.id}/confirm`).expect(200);
      expect(confirmed.body).toMatchObject({ status: 'confirmed', decidedAt: expect.any(String) });

      const again = await w.as.smeSub.post(`/api/v1/payments/${p.id}/confirm`).expect(409);
      expect(again.body).toMatchObject({ code: 'invalid_transition', context: { from: 'confirmed', to: 'confirmed' } });
      const dispute = await w.as.smeSub.post(`/api/v1/payments/${p.id}/dispute`).send({ reason: 'trop tard' }).expect(409);
      expect(dispute.body.code).toBe('invalid_transition');

      const got = await w.as.holder.get(`/api/v1/payments/${p.id}`).expect(200);
      expect(got.body).toMatchObject({ status: 'confirmed', disputeReason: null, decidedAt: confirmed.body.decidedAt });
    });

    it('disputes only with a reason, and a disputed payment cannot then be confirmed', async () => {
      const w = await world();
      const { body: p } = await declare(w.as.holder, w.contractId, { payeeId: w.coContractorId, month: '2026-04', amountCents: 2_000 }).expect(201);
      for (const body of [{}, { reason: '' }, { reason: '   ' }]) {
        const res = await w.as.coContractor.post(`/api/v1/payments/${p.id}/dispute`).send(body).expect(400);
        expect(res.body.details[0].field).toBe('reason');
      }
      expect((await w.as.holder.get(`/api/v1/payments/${p.id}`).expect(200)).body.status).toBe('declared');
      await w.as.holder.post(`/api/v1/payments/${p.id}/dispute`).send({ reason: 'pas moi' }).expect(403);

      const disputed = await w.as.coContractor.post(`/api/v1/payments/${p.id}/dispute`).send({ reason: ' Reçu 1 500 €, pas 2 000 € ' }).expect(200);
      expect(disputed.body).toMatchObject({ status: 'disputed', disputeReason: 'Reçu 1 500 €, pas 2 000 €', decidedAt: expect.any(String) });
      const confirm = await w.as.coContractor.post(`/api/v1/payments/${p.id}/confirm`).expect(409);
      expect(confirm.body).toMatchObject({ code: 'invalid_transition', context: { from: 'disputed' } });
    });
  });

  describe('listing', () => {
    it('pages by month and filters by status, payee and months', async () => {
      const w = await world();
      const ids: Record<string, string> = {};
      for (const [key, payeeId, month] of [
        ['a', w.smeSubId, '2026-01'],
        ['b', w.coContractorId, '2026-02'],
        ['c', w.smeSubId, '2026-03'],
        ['d', w.smeSubId, '2026-05'],
        ['e', w.coContractorId, '2026-06'],
      ]) {
        ids[key] = (await declare(w.as.holder, w.contractId, { payeeId, month, amountCents: 100 }).expect(201)).body.id;
      }
      await w.as.smeSub.post(`/api/v1/payments/${ids.c}/confirm`).expect(200);
      await w.as.coContractor.post(`/api/v1/payments/${ids.e}/confirm`).expect(200);
      const list = async (query: string, who = w.as.holder) => (await who.get(`/api/v1/contracts/${w.contractId}/payments?${query}`).expect(200)).body;
      const idsOf = (page: { items: Array<{ id: string }> }) => page.items.map((i) => i.id);

      const page2 = await list('page=2&pageSize=2');
      expect(page2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
      expect(idsOf(page2)).toEqual([ids.c, ids.d]);
      expect(idsOf(await list('status=confirmed'))).toEqual([ids.c, ids.e]);
      expect(idsOf(await list(`payeeId=${w.smeSubId}`))).toEqual([ids.a, ids.c, ids.d]);
      const window = await list('from=2026-02&to=2026-05');
      expect(idsOf(window)).toEqual([ids.b, ids.c, ids.d]);
      expect(window.total).toBe(3);
      expect(idsOf(await list(`status=declared&payeeId=${w.smeSubId}&from=2026-02`))).toEqual([ids.d]);
      // The buyer sees every payment on its contract; a subcontractor only those it pays or receives.
      expect((await list('', w.as.buyer)).total).toBe(5);
      const mine = await list('', w.as.smeSub);
      expect(idsOf(mine)).toEqual([ids.a, ids.c, ids.d]);
      expect(mine.total).toBe(3);

      const bad = await w.as.holder.get(`/api/v1/contracts/${w.contractId}/payments?status=paid`).expect(400);
      expect(bad.body.details[0].field).toBe('status');
    });
  });

  describe('rule 10: the SME share counts each euro once', () => {
    /** A 1,000,000 € contract of 2026 with a 20 % SME clause, its holder of `holderSize`, and `parties` by role and size. */
    async function sharedWorld(holderSize: 'small' | 'large', parties: Record<string, { role: 'co_contractor' | 'subcontractor'; size: 'micro' | 'small' | 'medium' | 'large' }>) {
      const f = factories(t.ds);
      const holder = await f.company({ size: holderSize });
      const authority = await f.organisation();
      const contract = await f.contract({ contractingAuthorityId: authority.id!, holderId: holder.id!, amountCents: 100_000_000, startDate: '2026-01-01', endDate: '2026-12-31' });
      await f.smeClause(contract.id!, 0.2);
      const ids: Record<string, string> = { holder: holder.id! };
      const as: Record<string, AuthedHttp> = { holder: await t.as('company', holder.id!), buyer: await t.as('buyer', authority.id!) };
      for (const [key, p] of Object.entries(parties)) {
        ids[key] = (await f.company({ size: p.size })).id!;
        await f.party({ contractId: contract.id!, companyId: ids[key], role: p.role });
        as[key] = await t.as('company', ids[key]);
      }
      const invoice = (month: string, amountCents: number) => as.holder.put(`/api/v1/contracts/${contract.id}/invoiced-amounts/${month}`).send({ amountCents }).expect(200);
      /** `payer` pays `payee` in February, and the payee answers: confirmed, disputed, or left declared. */
      const pay = async (payer: string, payee: string, amountCents: number, answer: 'confirm' | 'dispute' | null = 'confirm') => {
        const body = { payerId: ids[payer], payeeId: ids[payee], month: '2026-02', amountCents };
        const { body: p } = await declare(as[payer], contract.id!, body).expect(201);
        if (answer === 'confirm') await as[payee].post(`/api/v1/payments/${p.id}/confirm`).expect(200);
        if (answer === 'dispute') await as[payee].post(`/api/v1/payments/${p.id}/dispute`).send({ reason: 'Montant contesté' }).expect(200);
      };
      const share = async (at: string) => {
        const [clause] = (await as.buyer.get(`/api/v1/contracts/${contract.id}/compliance?at=${at}`).expect(200)).body.clauses;
        return { confirmedShare: clause.confirmedShare, declaredShare: clause.declaredShare, progressShare: clause.progressShare, status: clause.status };
      };
      const summary = async (at: string) => (await as.buyer.get(`/api/v1/contracts/${contract.id}/sme-payments?at=${at}`).expect(200)).body;
      return { contractId: contract.id!, ids, invoice, pay, share, summary };
    }

    it('is_sme(), which the database sums call, holds the sizes of SME_SIZES', async () => {
      const rows = (await t.ds.query(`SELECT s AS size, is_sme(s) AS sme FROM unnest($1::text[]) s`, [[...COMPANY_SIZES]])) as { size: CompanySize; sme: boolean }[];
      expect(rows).toEqual(COMPANY_SIZES.map((size) => ({ size, sme: SME_SIZES.includes(size) })));
    });

    it('a large holder: a payment counts when its payee is an SME and its payer is not; an SME paying its own SME subcontractor adds nothing', async () => {
      const w = await sharedWorld('large', {
        sme: { role: 'co_contractor', size: 'small' }, bigCo: { role: 'co_contractor', size: 'large' },
        smeOfSme: { role: 'subcontractor', size: 'micro' }, smeOfBig: { role: 'subcontractor', size: 'medium' }, big: { role: 'subcontractor', size: 'large' },
      });
      await w.invoice('2026-01', 20_000_000);
      await w.invoice('2026-02', 30_000_000); // invoiced to date 500,000 €
      await w.pay('holder', 'sme', 10_000_000); // 100,000 € to an SME: counts
      await w.pay('sme', 'smeOfSme', 4_000_000); // 40,000 € the SME passes on to its SME subcontractor: already inside the 100,000 €
      await w.pay('holder', 'bigCo', 15_000_000); // to a large company: never counts
      await w.pay('bigCo', 'smeOfBig', 3_000_000); // 30,000 € from a large co-contractor to an SME: counts
      await w.pay('holder', 'big', 5_000_000);
      await w.pay('holder', 'sme', 2_000_000, null); // 20,000 € declared, not confirmed: beside
      await w.pay('sme', 'smeOfSme', 500_000, null); // passed on, declared: nothing
      // Confirmed 100,000 + 30,000 = 130,000 € ÷ 1,000,000 € = 0.13; ÷ 500,000 € invoiced = 0.26 ≥ 20 %: on track.
      expect(await w.share('2026-02-28')).toEqual({ confirmedShare: 0.13, declaredShare: 0.02, progressShare: 0.26, status: 'on_track' });
      expect(await w.summary('2026-02-28')).toMatchObject({ invoicedCents: 50_000_000, sme: { confirmedCents: 13_000_000, declaredCents: 2_000_000 }, confirmedShare: 0.13, declaredShare: 0.02, progressShare: 0.26 });

      // The SME co-contractor grows large: what it received no longer counts, what it passes on to its SME subcontractor now does.
      const admin = await t.as('admin');
      await admin.patch(`/api/v1/organisations/${w.ids.sme}`).send({ size: 'large' }).expect(200);
      // Confirmed 40,000 + 30,000 = 70,000 €: 0.07, 0.14 of invoiced (behind: below 80 % of 20 %); declared 5,000 €.
      expect(await w.share('2026-02-28')).toEqual({ confirmedShare: 0.07, declaredShare: 0.005, progressShare: 0.14, status: 'behind' });
    });

    it('an SME holder: the amount invoiced to date less its payments to non-SME parties, plus what non-SMEs pay on to SMEs', async () => {
      const w = await sharedWorld('small', {
        big: { role: 'subcontractor', size: 'large' }, smeSub: { role: 'subcontractor', size: 'small' }, bigCo: { role: 'co_contractor', size: 'large' },
      });
      await w.invoice('2026-01', 10_000_000);
      await w.invoice('2026-02', 20_000_000); // invoiced to date 300,000 €
      // January: the 100,000 € invoiced, no payment yet: 0.10 of the amount, all of the invoiced.
      expect(await w.share('2026-01-31')).toEqual({ confirmedShare: 0.1, declaredShare: 0, progressShare: 1, status: 'on_track' });
      await w.pay('holder', 'big', 8_000_000); // −80,000 €
      await w.pay('holder', 'smeSub', 5_000_000); // SME to SME: already inside the invoiced amount
      await w.pay('holder', 'bigCo', 6_000_000); // −60,000 €
      await w.pay('bigCo', 'smeSub', 2_000_000); // +20,000 €: a non-SME pays an SME
      await w.pay('holder', 'big', 1_000_000, null); // declared: −10,000 € beside
      await w.pay('holder', 'big', 500_000, 'dispute'); // disputed: in neither
      // Confirmed 300,000 − 80,000 − 60,000 + 20,000 = 180,000 €: 0.18 of the amount, 0.60 of the invoiced; declared −0.01.
      expect(await w.share('2026-02-28')).toEqual({ confirmedShare: 0.18, declaredShare: -0.01, progressShare: 0.6, status: 'on_track' });
      expect(await w.summary('2026-02-28')).toMatchObject({ invoicedCents: 30_000_000, sme: { confirmedCents: 18_000_000, declaredCents: -1_000_000 } });

      // The holder grows large: its invoices no longer count, its payment to the SME subcontractor does. 50,000 + 20,000 = 70,000 €.
      const admin = await t.as('admin');
      await admin.patch(`/api/v1/organisations/${w.ids.holder}`).send({ size: 'large' }).expect(200);
      expect(await w.share('2026-02-28')).toEqual({ confirmedShare: 0.07, declaredShare: 0, progressShare: 0.2333, status: 'on_track' });
    });
  });

  describe('SME summary', () => {
    it('sums confirmed and declared payments to SMEs and others, per payee, up to the month of ?at', async () => {
      const w = await world(100_000_000);
      await asSystem(async (m) => {
        const invoiced = m.getRepository(ContractInvoicedAmount);
        for (const [month, amountCents] of [['2026-01-01', 10_000_000], ['2026-03-01', 20_000_000], ['2026-04-01', 30_000_000]] as const) {
          await invoiced.save(invoiced.create({ contractId: w.contractId, month, amountCents }));
        }
      });
      const payee = (payeeId: string) => (payeeId === w.smeSubId ? w.as.smeSub : w.as.coContractor);
      const pay = async (payeeId: string, month: string, amountCents: number, then?: 'confirm' | 'dispute') => {
        const { body } = await declare(w.as.holder, w.contractId, { payeeId, month, amountCents }).expect(201);
        if (then === 'confirm') await payee(payeeId).post(`/api/v1/payments/${body.id}/confirm`).expect(200);
        if (then === 'dispute') await payee(payeeId).post(`/api/v1/payments/${body.id}/dispute`).send({ reason: 'non reçu' }).expect(200);
      };
      await pay(w.smeSubId, '2026-01', 3_000_000, 'confirm');
      await pay(w.smeSubId, '2026-02', 1_234_567);
      await pay(w.smeSubId, '2026-03', 999, 'dispute');
      await pay(w.coContractorId, '2026-02', 5_000_000, 'confirm');
      await pay(w.coContractorId, '2026-03', 700_000);
      await pay(w.smeSubId, '2026-04', 4_000_000, 'confirm'); // after ?at's month

      const summary = (at = '', who = w.as.holder) => who.get(`/api/v1/contracts/${w.contractId}/sme-payments${at ? `?at=${at}` : ''}`);
      // at in mid-March: March counts whole (DOMAIN rule 2), April not at all.
      const atMarch = (await summary('2026-03-15').expect(200)).body;
      expect(atMarch).toMatchObject({
        at: '2026-03-15',
        contractAmountCents: 100_000_000,
        invoicedCents: 30_000_000,
        sme: { confirmedCents: 3_000_000, declaredCents: 1_234_567 },
        nonSme: { confirmedCents: 5_000_000, declaredCents: 700_000 },
        confirmedShare: 0.03,
        declaredShare: 0.0123,
        progressShare: 0.1,
      });
      expect(atMarch.payees).toEqual([
        { companyId: w.coContractorId, name: 'Grand Cotraitant', size: 'large', sme: false, role: 'co_contractor', confirmedCents: 5_000_000, declaredCents: 700_000, disputedCents: 0 },
        { companyId: w.smeSubId, name: 'Petite Sous-traitante', size: 'small', sme: true, role: 'subcontractor', confirmedCents: 3_000_000, declaredCents: 1_234_567, disputedCents: 999 },
      ]);
      // The buyer reads the same summary; the other parties do not see every payee's amounts (403), an outsider not the contract (404).
      expect((await summary('2026-03-15', w.as.buyer).expect(200)).body).toEqual(atMarch);
      await summary('2026-03-15', w.as.smeSub).expect(403);
      await summary('2026-03-15', w.as.coContractor).expect(403);
      await summary('2026-03-15', w.as.outsider).expect(404);

      const allMonths = (await summary().expect(200)).body;
      expect(allMonths).toMatchObject({
        at: null,
        invoicedCents: 60_000_000,
        sme: { confirmedCents: 7_000_000, declaredCents: 1_234_567 },
        nonSme: { confirmedCents: 5_000_000, declaredCents: 700_000 },
        confirmedShare: 0.07,
        progressShare: 0.1167,
      });

      const beforeStart = (await summary('2025-12-31').expect(200)).body;
      expect(beforeStart).toMatchObject({ invoicedCents: 0, sme: { confirmedCents: 0, declaredCents: 0 }, confirmedShare: 0, progressShare: null });
      expect(beforeStart.payees.map((p: { confirmedCents: number }) => p.confirmedCents)).toEqual([0, 0]);

      const bad = await summary('2026-02-30').expect(400);
      expect(bad.body.details[0].field).toBe('at');
    });

    it('gives null shares on a zero-amount contract rather than dividing by zero', async () => {
      const w = await world(0);
      const body = (await w.as.holder.get(`/api/v1/contracts/${w.contractId}/sme-payments`).expect(200)).body;
      expect(body).toMatchObject({ contractAmountCents: 0, confirmedShare: null, declaredShare: null, progressShare: null });
    });
  });
});
