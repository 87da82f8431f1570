import { emptyStatusCounts } from '../../compliance/rules/clause-status';
import { mergeAuthorities } from './contract-tables';
import type { AuthorityRow } from './report-figures';

const row = (id: string, name: string, over: Partial<AuthorityRow>): AuthorityRow => ({
  contractingAuthorityId: id, name, contractCount: 1, plannedHoursAtEnd: 0, realisedHoursInPeriod: 0, realisedHours: 0, completionRate: null,
  insertionClauses: emptyStatusCounts(), smeAmountCents: 0, smeConfirmedCents: 0, smeTargetCents: 0, smeConfirmedShare: null, smeTargetShare: null, ...over,
});

describe('authority rows merged by authority', () => {
  it('sums hours to the hundredth and counts, computes the shares from the sums, orders by name', () => {
    // Two departments' rows for the same authority, as a region's report merges them.
    const seineSaintDenis = [row('a', 'Ville de Saint-Denis', { contractCount: 2, plannedHoursAtEnd: 1000.1, realisedHours: 400.2, realisedHoursInPeriod: 100.1, insertionClauses: { ...emptyStatusCounts(), on_track: 1, behind: 1 }, smeAmountCents: 1_000_000, smeConfirmedCents: 150_000, smeTargetCents: 200_000 })];
    const valDeMarne = [
      row('a', 'Ville de Saint-Denis', { plannedHoursAtEnd: 0.2, realisedHours: 0.1, realisedHoursInPeriod: 0.2, insertionClauses: { ...emptyStatusCounts(), behind: 1 }, smeAmountCents: 3_000_000, smeConfirmedCents: 450_000, smeTargetCents: 300_000 }),
      row('b', 'Département du Val-de-Marne', { plannedHoursAtEnd: 50, realisedHours: 60 }),
    ];
    const before = JSON.stringify([seineSaintDenis, valDeMarne]);

    const merged = mergeAuthorities([...seineSaintDenis, ...valDeMarne]);

    expect(merged.map((r) => r.name)).toEqual(['Département du Val-de-Marne', 'Ville de Saint-Denis']);
    expect(merged[1]).toStrictEqual({
      contractingAuthorityId: 'a', name: 'Ville de Saint-Denis', contractCount: 3,
      plannedHoursAtEnd: 1000.3, realisedHours: 400.3, realisedHoursInPeriod: 100.3, // exact, not 1000.3000000000001
      completionRate: 0.4002, insertionClauses: { ...emptyStatusCounts(), on_track: 1, behind: 2 },
      smeAmountCents: 4_000_000, smeConfirmedCents: 600_000, smeTargetCents: 500_000, smeConfirmedShare: 0.15, smeTargetShare: 0.125,
    });
    expect(merged[0]).toMatchObject({ contractCount: 1, completionRate: 1.2, smeConfirmedShare: null, smeTargetShare: null });
    // The departments' own rows are left as they were: each department's report still shows its own.
    expect(JSON.stringify([seineSaintDenis, valDeMarne])).toBe(before);
  });
});
