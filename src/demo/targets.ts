import { ARENA } from './idf-catalogue';
import { afterMonth, elapsedShare, monthsBetween, PENDING_FROM_MONTH } from './demo-dates';
import { DemoContract, DemoTables, Row } from './demo-tables';
import { Prng } from './prng';

const HOUR = 100;
/**
 * The date at which each clause shows the status its `pace` intends (the README's example date):
 * later months are still partly pending, and the status of a fixed target drifts as time passes.
 */
export const CALIBRATION_DATE = '2026-06-30';
const roundTo = (x: number, step: number) => Math.max(step, Math.round(x / step) * step);

/** Validated eligible hundredths drawn for the contract, and what a target should be for its pace. */
function paced(dc: DemoContract, pace: number): { plannedToDate: number; finalTarget: number; elapsed: number } {
  const realised = [...dc.eligibleHoursByMonth].filter(([m]) => m <= CALIBRATION_DATE).reduce((a, [, h]) => a + h, 0);
  const elapsed = elapsedShare(dc.spec.start, dc.spec.end, CALIBRATION_DATE);
  // realised ÷ (target × elapsed) = pace, so the clause's status at the data date is the one intended.
  return { plannedToDate: realised / pace, finalTarget: roundTo(realised / (elapsed * pace), 100 * HOUR), elapsed };
}

const terms = (clauseId: string, effectiveFrom: string | null, t: Partial<Row>): Row => ({
  clause_id: clauseId, effective_from: effectiveFrom, target_mode: null, fixed_hours_x100: null, labour_share: null,
  insertion_rate: null, hourly_cost_cents: null, cents_per_hour: null, penalty_cents_per_hour: null, sme_min_share: null,
  reservation: null, reason: null, ...t,
}) as Row;

/** The contract's clauses and their terms (amendments included); returns the contract amount. */
export function contractClauses(rng: Prng, t: DemoTables, dc: DemoContract): { amountCents: number } {
  const s = dc.spec;
  let amountCents = s.amountEuros * 100;
  const clause = (kind: string, label: string) => {
    const id = rng.uuid();
    t.clauses.push({ id, contract_id: dc.id, kind, label });
    return id;
  };
  const ins = s.insertion;
  if (s.reference === ARENA.reference) {
    const id = clause('insertion_hours', 'Heures d’insertion');
    t.clause_terms.push({ id: rng.uuid(), ...terms(id, null, { target_mode: 'fixed', fixed_hours_x100: ARENA.targetHours * HOUR }) });
  } else if (ins) {
    const id = clause('insertion_hours', 'Heures d’insertion');
    const push = (from: string | null, x: Partial<Row>) => t.clause_terms.push({ id: rng.uuid(), ...terms(id, from, x) });
    if (ins.mode === 'fixed') {
      const { finalTarget } = paced(dc, ins.pace);
      const penalty = ins.penaltyEuros ? ins.penaltyEuros * 100 : null;
      if (ins.amendment) {
        push(null, { target_mode: 'fixed', fixed_hours_x100: roundTo(finalTarget / ins.amendment.factor, 100 * HOUR), penalty_cents_per_hour: penalty });
        push(ins.amendment.from, { target_mode: 'fixed', fixed_hours_x100: finalTarget, penalty_cents_per_hour: penalty, reason: 'Avenant n°1 : objectif relevé avec le passage de 5 % à 6 % des heures travaillées' });
      } else push(null, { target_mode: 'fixed', fixed_hours_x100: finalTarget, penalty_cents_per_hour: penalty });
    } else if (ins.mode === 'formula') {
      // The amount is what makes amount × labour share × rate ÷ hourly cost land on the paced target.
      const { finalTarget } = paced(dc, ins.pace);
      amountCents = roundTo(((finalTarget / HOUR) * ins.hourlyCostEuros * 100) / (ins.labourShare * ins.rate), 100_000);
      push(null, { target_mode: 'formula', labour_share: ins.labourShare, insertion_rate: ins.rate, hourly_cost_cents: ins.hourlyCostEuros * 100 });
    } else if (ins.mode === 'percent_of_hours') {
      push(null, { target_mode: 'percent_of_hours', insertion_rate: ins.rate });
      if (ins.amendment) push(ins.amendment.from, { target_mode: 'percent_of_hours', insertion_rate: ins.amendment.rate, reason: 'Avenant n°2 : taux d’insertion porté à 7 %' });
    } else {
      // Invoices follow the hours (contractActivity); the amount is what they add up to at the end.
      const { plannedToDate, elapsed } = paced(dc, ins.pace);
      amountCents = roundTo(((plannedToDate / HOUR) * ins.eurosPerHour * 100) / elapsed, 100_000);
      push(null, { target_mode: 'per_amount_invoiced', cents_per_hour: ins.eurosPerHour * 100 });
    }
  }
  if (s.smeShare) {
    const id = clause('sme_share', 'Part PME');
    t.clause_terms.push({ id: rng.uuid(), ...terms(id, null, { sme_min_share: s.smeShare }) });
  }
  if (s.reserved) {
    const id = clause('reserved', 'Marché réservé');
    t.clause_terms.push({ id: rng.uuid(), ...terms(id, null, { reservation: s.reserved }) });
  }
  return { amountCents };
}

/**
 * What the holder declares month by month: total hours (percent_of_hours), invoices
 * (per_amount_invoiced and SME share progress), and payments to co-contractors and subcontractors.
 */
export function contractActivity(rng: Prng, t: DemoTables, dc: DemoContract, amountCents: number, last: string): void {
  const s = dc.spec;
  const months = monthsBetween(s.start, last);
  const totalMonths = monthsBetween(s.start, s.end).length;
  const noise = (spread: number) => 1 - spread + 2 * spread * rng.next();
  const ins = s.insertion;

  if (ins?.mode === 'percent_of_hours' || ins?.mode === 'per_amount_invoiced') {
    // Shaped on the insertion hours of each month (plus a floor for months without any), then
    // scaled so that, at the calibration date, realised ÷ planned to date = pace exactly.
    const avg = [...dc.eligibleHoursByMonth.values()].reduce((a, b) => a + b, 0) / Math.max(1, dc.eligibleHoursByMonth.size);
    const shape = months.map((m) => ((dc.eligibleHoursByMonth.get(m) ?? 0) + 0.25 * avg) * noise(0.1));
    const shapeToCalibration = shape.filter((_, i) => months[i] <= CALIBRATION_DATE).reduce((a, b) => a + b, 0);
    const scale = paced(dc, ins.pace).plannedToDate / Math.max(1, shapeToCalibration);
    months.forEach((month, i) => {
      const insertionX100 = shape[i] * scale;
      if (ins.mode === 'percent_of_hours') {
        // The rate in force at the calibration date applies to all hours declared up to it (rule 1).
        const rate = ins.amendment?.rate ?? ins.rate;
        t.contract_monthly_hours.push({ contract_id: dc.id, month, hours_x100: Math.round(insertionX100 / rate), declared_at: afterMonth(month, 5) });
      } else {
        t.contract_invoiced_amounts.push({ contract_id: dc.id, month, amount_cents: Math.round((insertionX100 / HOUR) * ins.eurosPerHour * 100), declared_at: afterMonth(month, 5) });
      }
    });
  } else if (s.smeShare) {
    for (const month of months) {
      t.contract_invoiced_amounts.push({ contract_id: dc.id, month, amount_cents: Math.round((amountCents / totalMonths) * noise(0.3)), declared_at: afterMonth(month, 5) });
    }
  }
  for (const party of dc.parties) {
    for (const month of months) {
      const disputed = (party.companyKey === 'secu' && month === '2026-03-01') || rng.chance(0.01);
      const status = disputed ? 'disputed' : month >= PENDING_FROM_MONTH || rng.chance(0.04) ? 'declared' : 'confirmed';
      t.payments.push({
        id: rng.uuid(), contract_id: dc.id, payer_id: dc.holderId, payee_id: party.companyId, month,
        amount_cents: Math.max(100, Math.round(((amountCents * party.share) / totalMonths) * noise(0.4))), status,
        dispute_reason: disputed ? 'Montant supérieur aux travaux réalisés sur la période' : null,
        declared_at: afterMonth(month, 10), decided_at: status === 'declared' ? null : afterMonth(month, 20),
      });
    }
  }
}
