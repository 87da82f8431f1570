import { clauseFigures } from './clause-figures';
import type { ContractFigures, TermsRow } from './compliance.queries';

// A contract of 2026, half-way through at 2026-07-01 (182 of its 365 days, both counted), with 400 h realised.
const contract: ContractFigures = {
  id: 'c1', reference: 'M-1', title: 'Works', amountCents: 100_000_000, startDate: '2026-01-01', endDate: '2026-12-31',
  departmentCode: '93', authorityId: 'a1', authorityName: 'Ville', realisedX100: 40_000, pendingX100: 1_250, notEligibleX100: 500,
  distinctBeneficiaries: 3, declaredContractHoursX100: 0, invoicedCents: 50_000_000, smeConfirmedCents: 10_000_000, smeDeclaredCents: 5_000_000,
};
const row = (over: Partial<TermsRow>): TermsRow => ({
  clauseId: 'k1', contractId: 'c1', kind: 'insertion_hours', label: 'Insertion', effectiveFrom: null, targetMode: null, fixedHoursX100: null,
  labourShare: null, insertionRate: null, hourlyCostCents: null, centsPerHour: null, penaltyCentsPerHour: null, smeMinShare: null, reservation: null, ...over,
});
const AT = '2026-07-01';

// Exact objects (toStrictEqual): what the compliance endpoints and the reports receive, field for field.
describe('clause figures of one clause at D', () => {
  it('insertion, fixed 1,000 h: the target planned to date, planned × elapsed share expected, status from the exact fraction, penalty on the shortfall', () => {
    const f = clauseFigures(contract, [row({ targetMode: 'fixed', fixedHoursX100: 100_000, penaltyCentsPerHour: 1_000 })], AT, 1607);
    expect(f).toStrictEqual({
      clauseId: 'k1', kind: 'insertion_hours', label: 'Insertion', targetMode: 'fixed', termsEffectiveFrom: null,
      plannedHoursAtEnd: 1000, plannedHoursToDate: 1000, expectedToDate: 498.63, // 1,000 h × 182/365
      realisedHours: 400, pendingHours: 12.5, notEligibleHours: 5,
      completionRate: 0.4, status: 'at_risk', // 400 h is 80.2 % of 498.63 h: at risk from 80 %
      projectionAtEnd: 802.2, shortfallHours: 600, penaltyExposureCents: 600_000,
      fte: 0.25, distinctBeneficiaries: 3, x100: { plannedAtEnd: 100_000, plannedToDate: 100_000 },
    });
  });

  describe('rule 1: planned hours to date of fixed and formula clauses is the target in force at D, never pro-rated', () => {
    // Pro-rating is the expected figure (rule 8): at 2026-07-01, 182 of 365 days have elapsed.
    it('fixed 1,000 h: planned to date 1,000 h, expected to date 1,000 × 182/365 = 498.63 h', () => {
      const f = clauseFigures(contract, [row({ targetMode: 'fixed', fixedHoursX100: 100_000 })], AT, 1607);
      expect(f).toMatchObject({ plannedHoursAtEnd: 1000, plannedHoursToDate: 1000, expectedToDate: 498.63, x100: { plannedAtEnd: 100_000, plannedToDate: 100_000 } });
    });

    it('formula 1,000,000 € × 50 % × 5 % ÷ 30 €/h = 833 h: planned to date 833 h, also before the start', () => {
      const formula = [row({ targetMode: 'formula', labourShare: 0.5, insertionRate: 0.05, hourlyCostCents: 3000 })];
      expect(clauseFigures(contract, formula, AT, 1607)).toMatchObject({ plannedHoursAtEnd: 833, plannedHoursToDate: 833, expectedToDate: 415.36 }); // 833 × 182/365 = 415.359
      expect(clauseFigures(contract, formula, '2025-12-31', 1607)).toMatchObject({ status: 'not_started', plannedHoursToDate: 833, expectedToDate: 0 });
    });

    it('fixed 1,000 h amended to 250 h from 2026-07-01: 1,000 h to date on 06-30, 250 h from 07-01, the final target alike', () => {
      const history = [row({ targetMode: 'fixed', fixedHoursX100: 100_000 }), row({ effectiveFrom: '2026-07-01', targetMode: 'fixed', fixedHoursX100: 25_000 })];
      expect(clauseFigures(contract, history, '2026-06-30', 1607)).toMatchObject({ termsEffectiveFrom: null, plannedHoursAtEnd: 1000, plannedHoursToDate: 1000 });
      expect(clauseFigures(contract, history, AT, 1607)).toMatchObject({ termsEffectiveFrom: '2026-07-01', plannedHoursAtEnd: 250, plannedHoursToDate: 250, expectedToDate: 124.66 }); // 250 × 182/365
    });

    it('percent_of_hours amended from 5 % to 10 %: the rate in force at D applies to every hour declared up to D', () => {
      const history = [row({ targetMode: 'percent_of_hours', insertionRate: 0.05 }), row({ effectiveFrom: '2026-07-01', targetMode: 'percent_of_hours', insertionRate: 0.1 })];
      const declared = { ...contract, declaredContractHoursX100: 1_000_000 }; // 10,000 h
      expect(clauseFigures(declared, history, '2026-06-30', 1607)).toMatchObject({ plannedHoursAtEnd: 500, plannedHoursToDate: 500, expectedToDate: 500 });
      expect(clauseFigures(declared, history, AT, 1607)).toMatchObject({ plannedHoursAtEnd: 1000, plannedHoursToDate: 1000, expectedToDate: 1000 });
    });
  });

  it('insertion without usable terms: the contract hours, no target, not applicable', () => {
    const f = clauseFigures(contract, [row({ targetMode: 'formula', labourShare: 0.5 })], AT, 1607);
    expect(f).toStrictEqual({
      clauseId: 'k1', kind: 'insertion_hours', label: 'Insertion', targetMode: 'formula', termsEffectiveFrom: null,
      plannedHoursAtEnd: 0, plannedHoursToDate: 0, expectedToDate: 0,
      realisedHours: 400, pendingHours: 12.5, notEligibleHours: 5,
      completionRate: null, status: 'not_applicable', projectionAtEnd: null, shortfallHours: 0, penaltyExposureCents: 0,
      fte: 0.25, distinctBeneficiaries: 3, x100: { plannedAtEnd: 0, plannedToDate: 0 },
    });
  });

  it('insertion per amount invoiced (accruing): expected to date is what the invoices have earned, not planned × elapsed', () => {
    // 1,000,000 € ÷ 2,000 €/h = 500 h at the end; 500,000 € invoiced ÷ 2,000 €/h = 250 h to date.
    const f = clauseFigures(contract, [row({ targetMode: 'per_amount_invoiced', centsPerHour: 200_000 })], AT, 1607);
    expect(f).toMatchObject({ plannedHoursAtEnd: 500, plannedHoursToDate: 250, expectedToDate: 250, completionRate: 0.8, status: 'on_track', x100: { plannedAtEnd: 50_000, plannedToDate: 25_000 } });
  });

  it('before the contract starts: not started; with its only terms taking effect after D: no target yet', () => {
    const fixed = [row({ targetMode: 'fixed', fixedHoursX100: 100_000 })];
    expect(clauseFigures(contract, fixed, '2025-12-31', 1607)).toMatchObject({ status: 'not_started', projectionAtEnd: null });
    const later = [row({ targetMode: 'fixed', fixedHoursX100: 100_000, effectiveFrom: '2026-09-01' })];
    expect(clauseFigures(contract, later, AT, 1607)).toMatchObject({ targetMode: null, termsEffectiveFrom: null, plannedHoursAtEnd: 0, status: 'not_applicable' });
  });

  it('SME share of 20 %, amended to 10 % from July: the amendment in force, 10 % confirmed of the amount achieves it', () => {
    const history = [row({ kind: 'sme_share', label: 'PME', smeMinShare: 0.2 }), row({ kind: 'sme_share', label: 'PME', effectiveFrom: '2026-07-01', smeMinShare: 0.1 })];
    expect(clauseFigures(contract, history, AT, 1607)).toStrictEqual({
      clauseId: 'k1', kind: 'sme_share', label: 'PME', minShare: 0.1, confirmedShare: 0.1, declaredShare: 0.05, progressShare: 0.2, status: 'achieved',
    });
    expect(clauseFigures(contract, history, '2026-06-30', 1607)).toMatchObject({ minShare: 0.2, status: 'on_track' }); // 20 % of the invoiced so far
  });

  it('SME share without a minimum, and a reserved contract: not applicable', () => {
    expect(clauseFigures(contract, [row({ kind: 'sme_share', label: null })], AT, 1607)).toStrictEqual({
      clauseId: 'k1', kind: 'sme_share', label: null, minShare: null, confirmedShare: null, declaredShare: null, progressShare: null, status: 'not_applicable',
    });
    expect(clauseFigures(contract, [row({ kind: 'reserved', label: 'Réservé', reservation: 'esat_ea' })], AT, 1607)).toStrictEqual({
      clauseId: 'k1', kind: 'reserved', label: 'Réservé', reservation: 'esat_ea', status: 'not_applicable',
    });
  });
});
