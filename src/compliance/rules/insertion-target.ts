import { divRoundHalfUp } from '../../common/units/hours';
import type { TargetMode } from '../../clauses/clause.entity';

/** The terms of an insertion clause in force at a date (DOMAIN "Clause"). */
export interface InsertionTerms {
  targetMode: TargetMode;
  fixedHoursX100?: number | null;
  labourShare?: number | null;
  insertionRate?: number | null;
  hourlyCostCents?: number | null;
  centsPerHour?: number | null;
  penaltyCentsPerHour?: number | null;
}

/** What the target depends on, "at D" (DOMAIN rule 2). */
export interface TargetBasis {
  contractAmountCents: number;
  /** Σ contract hours declared by the holder for the months up to D's month. */
  declaredContractHoursX100: number;
  /** Σ invoiced for the months up to D's month. */
  invoicedCents: number;
}

/** DOMAIN rule 1, at D: both figures use the terms in force at D. */
export interface PlannedHours {
  /** The final target (percent_of_hours: as accrued at D, the only hours declared so far). */
  atEndX100: number;
  /**
   * Planned hours to date: for fixed and formula the target itself, never pro-rated (pro-rating is
   * the expected figure of rule 8); for the accruing modes, what the hours or invoices up to D's month give.
   */
  toDateX100: number;
  accruing: boolean;
}

/** A share held as numeric(5,4), as an exact integer of ten-thousandths. */
const e4 = (share: number) => BigInt(Math.round(share * 10_000));

/** Which inputs each mode needs; a clause missing one is refused with 422 on write. */
export const MODE_INPUTS: Record<TargetMode, (keyof InsertionTerms)[]> = {
  fixed: ['fixedHoursX100'],
  formula: ['labourShare', 'insertionRate', 'hourlyCostCents'],
  percent_of_hours: ['insertionRate'],
  per_amount_invoiced: ['centsPerHour'],
};

export function missingInputs(terms: InsertionTerms): string[] {
  return MODE_INPUTS[terms.targetMode].filter((k) => terms[k] === null || terms[k] === undefined);
}

function need(v: number | null | undefined, name: string): number {
  if (v === null || v === undefined) throw new RangeError(`target mode needs ${name}`);
  return v;
}

/** DOMAIN rule 1. */
export function plannedHours(t: InsertionTerms, b: TargetBasis): PlannedHours {
  switch (t.targetMode) {
    case 'fixed': {
      const h = need(t.fixedHoursX100, 'fixedHoursX100');
      return { atEndX100: h, toDateX100: h, accruing: false };
    }
    case 'formula': {
      // amount × labour share × rate ÷ hourly cost, to the nearest whole hour, halves up.
      const numerator = BigInt(b.contractAmountCents) * e4(need(t.labourShare, 'labourShare')) * e4(need(t.insertionRate, 'insertionRate'));
      const denominator = BigInt(need(t.hourlyCostCents, 'hourlyCostCents')) * 100_000_000n;
      const h = Number(divRoundHalfUp(numerator, denominator)) * 100;
      return { atEndX100: h, toDateX100: h, accruing: false };
    }
    case 'percent_of_hours': {
      const h = Number(divRoundHalfUp(BigInt(b.declaredContractHoursX100) * e4(need(t.insertionRate, 'insertionRate')), 10_000n));
      return { atEndX100: h, toDateX100: h, accruing: true };
    }
    case 'per_amount_invoiced': {
      const perHour = BigInt(need(t.centsPerHour, 'centsPerHour'));
      return {
        atEndX100: Number(divRoundHalfUp(BigInt(b.contractAmountCents) * 100n, perHour)),
        toDateX100: Number(divRoundHalfUp(BigInt(b.invoicedCents) * 100n, perHour)),
        accruing: true,
      };
    }
  }
}

/** Amendments: the terms with the latest effective date on or before D; else the original. */
export function termsAt<T extends { effectiveFrom: string | null }>(history: T[], at: string): T | undefined {
  let found: T | undefined = history.find((h) => h.effectiveFrom === null);
  for (const h of history) {
    if (h.effectiveFrom !== null && h.effectiveFrom <= at && (found?.effectiveFrom ?? '') <= h.effectiveFrom) found = h;
  }
  return found;
}
