import { monthlyCapX100 } from './legal-cap';
import { plannedHours, termsAt, missingInputs } from './insertion-target';
import { elapsed, elapsedShare } from './elapsed-share';
import { assessInsertion, fullTimeEquivalents } from './clause-status';
import { assessSmeShare } from './sme-share';
import { ageBand } from './age-band';

const basis = { contractAmountCents: 0, declaredContractHoursX100: 0, invoicedCents: 0 };

describe('rule 1: planned hours', () => {
  it('formula: 1,000,000 € × 50% × 5% ÷ 30 €/h = 833 h (DOMAIN worked example)', () => {
    const p = plannedHours(
      { targetMode: 'formula', labourShare: 0.5, insertionRate: 0.05, hourlyCostCents: 3000 },
      { ...basis, contractAmountCents: 100_000_000 },
    );
    expect(p.atEndX100).toBe(83_300);
    expect(p.accruing).toBe(false);
  });

  it('formula rounds to the nearest whole hour, halves up', () => {
    // 10,000 € × 100% × 25% ÷ 20 €/h = 125 h exactly; 12,500 € × 1 × 0.1 ÷ 5 €/h... use 250 € ÷ 100 €/h = 2.5 h → 3 h
    const half = plannedHours({ targetMode: 'formula', labourShare: 1, insertionRate: 1, hourlyCostCents: 10_000 }, { ...basis, contractAmountCents: 25_000 });
    expect(half.atEndX100).toBe(300);
    const below = plannedHours({ targetMode: 'formula', labourShare: 1, insertionRate: 1, hourlyCostCents: 10_000 }, { ...basis, contractAmountCents: 24_999 });
    expect(below.atEndX100).toBe(200);
  });

  it('fixed: the number of hours', () => {
    expect(plannedHours({ targetMode: 'fixed', fixedHoursX100: 10_000_000 }, basis).atEndX100).toBe(10_000_000);
  });

  it('percent_of_hours: rate × Σ declared contract hours, accrued to date', () => {
    const p = plannedHours({ targetMode: 'percent_of_hours', insertionRate: 0.05 }, { ...basis, declaredContractHoursX100: 1_234_567 });
    expect(p.toDateX100).toBe(61_728); // 12,345.67 h × 5% = 617.2835 h → 617.28
    expect(p.accruing).toBe(true);
  });

  it('per_amount_invoiced: final = amount ÷ X, to date = invoiced ÷ X', () => {
    const p = plannedHours({ targetMode: 'per_amount_invoiced', centsPerHour: 150_000 }, { ...basis, contractAmountCents: 300_000_000, invoicedCents: 75_000_000 });
    expect(p.atEndX100).toBe(200_000); // 3,000,000 € ÷ 1,500 € = 2,000 h
    expect(p.toDateX100).toBe(50_000); // 750,000 € ÷ 1,500 € = 500 h
  });

  it('names the inputs a mode is missing', () => {
    expect(missingInputs({ targetMode: 'formula', labourShare: 0.5 })).toEqual(['insertionRate', 'hourlyCostCents']);
    expect(missingInputs({ targetMode: 'fixed', fixedHoursX100: 100 })).toEqual([]);
  });

  it('an amendment applies from its effective date on; before it the previous target', () => {
    const history = [
      { effectiveFrom: null, v: 'original' },
      { effectiveFrom: '2026-01-01', v: 'first' },
      { effectiveFrom: '2026-07-01', v: 'second' },
    ];
    expect(termsAt(history, '2025-12-31')?.v).toBe('original');
    expect(termsAt(history, '2026-01-01')?.v).toBe('first');
    expect(termsAt(history, '2026-06-30')?.v).toBe('first');
    expect(termsAt(history, '2026-07-01')?.v).toBe('second');
    expect(termsAt([...history].reverse(), '2027-01-01')?.v).toBe('second');
  });
});

describe('rule 2: elapsed share', () => {
  it('counts both ends', () => {
    const e = elapsed('2026-01-01', '2026-12-31', '2026-01-01');
    expect(e).toEqual({ days: 1, totalDays: 365 });
    expect(elapsedShare(elapsed('2026-01-01', '2026-01-10', '2026-01-05'))).toBe(0.5);
  });
  it('is clamped to 0..1', () => {
    expect(elapsedShare(elapsed('2026-01-01', '2026-12-31', '2025-06-01'))).toBe(0);
    expect(elapsedShare(elapsed('2026-01-01', '2026-12-31', '2030-01-01'))).toBe(1);
  });
});

describe('rule 4: legal monthly cap = 48 × days ÷ 7', () => {
  it.each([
    ['2026-02-01', 19_200], // 28 days: 192 h
    ['2028-02-01', 19_885], // 29 days: 198.857 h, rounded down to 198.85 h
    ['2026-04-01', 20_571], // 30 days: 205.71 h
    ['2026-03-01', 21_257], // 31 days: 212.57 h
  ])('%s → %i hundredths', (month, cap) => expect(monthlyCapX100(month)).toBe(cap));
});

describe('rule 7: age bands', () => {
  it.each([
    [2026, 2001, 'under_26'], // 25
    [2026, 2000, '26_49'], // 26
    [2026, 1977, '26_49'], // 49
    [2026, 1976, '50_and_over'], // 50
  ])('start %i, born %i → %s', (start, born, band) => expect(ageBand(start, born)).toBe(band));
});

describe('rule 8: status of an insertion clause', () => {
  // 1,000 h fixed over 10 days: at day 5, expected = 500 h.
  const base = { startDate: '2026-01-01', endDate: '2026-01-10' };
  const fixed = { atEndX100: 100_000, toDateX100: 100_000, accruing: false };
  const at5 = { ...base, at: '2026-01-05', elapsed: elapsed(base.startDate, base.endDate, '2026-01-05'), planned: fixed };

  it('expected to date = planned × elapsed share', () => {
    expect(assessInsertion({ ...at5, realisedX100: 0 }).expectedToDateX100).toBe(50_000);
  });
  it('not_started before the start date', () => {
    expect(assessInsertion({ ...at5, at: '2025-12-31', elapsed: elapsed(base.startDate, base.endDate, '2025-12-31'), realisedX100: 0 }).status).toBe('not_started');
  });
  it.each([
    [50_000, 'on_track'], // = expected
    [49_999, 'at_risk'],
    [40_000, 'at_risk'], // = 0.8 × expected
    [39_999, 'behind'],
    [100_000, 'achieved'], // = final target, before the end
  ])('realised %i hundredths at mid-term → %s', (realisedX100, status) => {
    expect(assessInsertion({ ...at5, realisedX100 }).status).toBe(status);
  });
  it('after the end date: achieved or failed', () => {
    const after = { ...base, at: '2026-01-11', elapsed: elapsed(base.startDate, base.endDate, '2026-01-11'), planned: fixed };
    expect(assessInsertion({ ...after, realisedX100: 100_000 }).status).toBe('achieved');
    expect(assessInsertion({ ...after, realisedX100: 99_999 }).status).toBe('failed');
  });
  it('accruing modes are achieved only from the end date', () => {
    const accruing = { atEndX100: 10_000, toDateX100: 10_000, accruing: true };
    expect(assessInsertion({ ...at5, planned: accruing, realisedX100: 20_000 }).status).toBe('on_track');
    const atEnd = { ...base, at: '2026-01-10', elapsed: elapsed(base.startDate, base.endDate, '2026-01-10'), planned: accruing };
    expect(assessInsertion({ ...atEnd, realisedX100: 20_000 }).status).toBe('achieved');
    expect(assessInsertion({ ...atEnd, realisedX100: 9_000 }).status).toBe('at_risk');
  });
  it('accruing modes compare realised with the planned hours to date', () => {
    const accruing = { atEndX100: 50_000, toDateX100: 10_000, accruing: true };
    expect(assessInsertion({ ...at5, planned: accruing, realisedX100: 10_000 }).expectedToDateX100).toBe(10_000);
    expect(assessInsertion({ ...at5, planned: accruing, realisedX100: 7_999 }).status).toBe('behind');
  });
  it('projection, shortfall, penalty exposure, completion', () => {
    const a = assessInsertion({ ...at5, realisedX100: 30_000, penaltyCentsPerHour: 2_500 });
    expect(a.projectionAtEndX100).toBe(60_000); // 300 h ÷ 0.5
    expect(a.shortfallX100).toBe(70_000);
    expect(a.penaltyExposureCents).toBe(1_750_000); // 700 h × 25 €
    expect(a.completionRate).toBe(0.3);
  });
  it('U-Arena: 136,000 h against 100,000 h is achieved, no shortfall', () => {
    const end = { startDate: '2014-01-01', endDate: '2017-10-31', at: '2017-12-31' };
    const a = assessInsertion({ ...end, elapsed: elapsed(end.startDate, end.endDate, end.at), planned: { atEndX100: 10_000_000, toDateX100: 10_000_000, accruing: false }, realisedX100: 13_600_000, penaltyCentsPerHour: 1000 });
    expect(a.status).toBe('achieved');
    expect(a.shortfallX100).toBe(0);
    expect(a.penaltyExposureCents).toBe(0);
    expect(a.completionRate).toBe(1.36);
  });
});

describe('rule 9: FTE = hours ÷ 1,607', () => {
  it('136,000 h is 84.63 FTE', () => expect(fullTimeEquivalents(13_600_000, 1607)).toBe(84.63));
  it('uses the configured reference', () => expect(fullTimeEquivalents(160_000, 1600)).toBe(1));
});

describe('rule 10: SME share', () => {
  const base = { minShare: 0.2, contractAmountCents: 1_000_000, startDate: '2026-01-01', endDate: '2026-12-31', at: '2026-06-30' };
  it('confirmed ÷ amount, declared beside, progress ÷ invoiced', () => {
    const s = assessSmeShare({ ...base, confirmedCents: 100_000, declaredCents: 50_000, invoicedCents: 400_000 });
    expect(s).toMatchObject({ confirmedShare: 0.1, declaredShare: 0.05, progressShare: 0.25, status: 'on_track' });
  });
  it('achieved when the confirmed share of the amount reaches the minimum', () => {
    expect(assessSmeShare({ ...base, confirmedCents: 200_000, declaredCents: 0, invoicedCents: 900_000 }).status).toBe('achieved');
  });
  it('at risk from 80% of the minimum on invoiced, behind below', () => {
    expect(assessSmeShare({ ...base, confirmedCents: 80_000, declaredCents: 0, invoicedCents: 500_000 }).status).toBe('at_risk');
    expect(assessSmeShare({ ...base, confirmedCents: 79_999, declaredCents: 0, invoicedCents: 500_000 }).status).toBe('behind');
  });
  it('failed after the end when short', () => {
    expect(assessSmeShare({ ...base, at: '2027-01-01', confirmedCents: 199_999, declaredCents: 0, invoicedCents: 1_000_000 }).status).toBe('failed');
  });
});
