import { Prng } from '../../src/demo/prng';
import { DISPUTE_REASONS } from './catalogue';
import {
  afterMonth, CALIBRATION_DAY, CALIBRATION_MONTH, DATA_AS_OF_DAY, elapsedShare, iso, LAST_DATA_MONTH, month, monthOfDay, PENDING_FROM_MONTH,
} from './calendar';
import { arrayCell, Cell, esc } from './copy-sink';
import { Contract } from './model';
import { uuid } from './random';
import { Sinks } from './tables';

const HOUR = 100;
const LIMIT_DAY = DATA_AS_OF_DAY + 10;
const at = (m: number, days: number) => afterMonth(m, Math.min(days, LIMIT_DAY - month(m).lastDay));
const roundTo = (x: number, step: number) => Math.max(step, Math.round(x / step) * step);
const share = (x: number) => x.toFixed(4);

/** Statuses at the calibration date: `pace` = realised ÷ expected (below 0.8 behind, below 1 at risk, else on track or achieved). */
function drawPace(rng: Prng, endedByCalibration: boolean): number {
  const r = rng.next();
  // Most clauses of finished contracts were met in the end; running ones spread over every status.
  if (endedByCalibration) return rng.weighted([[0.5 + 0.49 * r, 25], [1.0 + 0.4 * r, 75]] as const);
  return rng.weighted([[0.35 + 0.44 * r, 22], [0.8 + 0.19 * r, 20], [1.0 + 0.3 * r, 43], [1.3 + 1.2 * r, 15]] as const);
}

export interface ClauseStats {
  insertion: Record<string, number>;
  amendments: number;
  sme: number;
  reserved: number;
}

/**
 * Written last, once the hours worked on each contract are known: the contract row (its amount),
 * parties, clauses and their terms (some amended), contract hours, invoices and payments. Each
 * insertion clause's target is drawn so that, at the calibration date, realised ÷ expected equals a
 * pace drawn for it: the region shows clauses on track, at risk, behind, achieved and failed, as a
 * real one does.
 */
export async function writeContracts(rng: Prng, contracts: Contract[], sinks: Sinks): Promise<ClauseStats> {
  const stats: ClauseStats = { insertion: {}, amendments: 0, sme: 0, reserved: 0 };
  for (const c of contracts) {
    writeContract(rng, c, sinks, stats);
    for (const s of [sinks.contracts, sinks.clauses, sinks.clause_terms, sinks.contract_parties, sinks.contract_monthly_hours, sinks.contract_invoiced_amounts, sinks.payments]) {
      await s.flushIfFull();
    }
  }
  return stats;
}

function writeContract(rng: Prng, c: Contract, sinks: Sinks, stats: ClauseStats): void {
  const months = c.eligibleHours.length;
  const sum = (upTo: number) => {
    let s = 0;
    for (let i = 0; i < months && c.monthBase + i <= upTo; i++) s += c.eligibleHours[i];
    return s;
  };
  const realisedCal = sum(CALIBRATION_MONTH);
  const realisedAll = sum(LAST_DATA_MONTH);
  const elapsedCal = elapsedShare(c.start, c.end, CALIBRATION_DAY);
  const elapsedNow = elapsedShare(c.start, c.end, DATA_AS_OF_DAY);
  const nominal = (c.sizeEuros * 0.4 * 0.06 * HOUR) / 35;
  const pace = drawPace(rng, c.end < CALIBRATION_DAY);
  const calibrated = c.start <= CALIBRATION_DAY && realisedCal > 0;
  // Final target, and planned to date at the calibration date (for the accruing modes), in hundredths.
  const projected = realisedAll > 0 ? realisedAll / Math.max(elapsedNow, 0.05) : nominal;
  const finalTarget = calibrated ? realisedCal / (elapsedCal * pace) : projected / pace;
  const plannedToCal = calibrated ? realisedCal / pace : (projected * elapsedCal) / pace;
  const eurosPerHour = rng.int(800, 2500);

  let amountCents = Math.round(c.sizeEuros / 100) * 10_000;
  const created = `${iso(c.start - rng.int(0, 10))} 08:30:00+00`;
  const clause = (kind: string, label: string) => {
    const id = uuid(rng);
    sinks.clauses.write([id, c.id, kind, esc(label), created]);
    return id;
  };
  type Terms = Partial<Record<'target_mode' | 'fixed_hours_x100' | 'labour_share' | 'insertion_rate' | 'hourly_cost_cents' | 'cents_per_hour' | 'penalty_cents_per_hour' | 'sme_min_share' | 'reservation' | 'reason', Cell>>;
  const terms = (clauseId: string, from: number | null, t: Terms) => sinks.clause_terms.write([
    uuid(rng), clauseId, from === null ? null : iso(from), t.target_mode ?? null, t.fixed_hours_x100 ?? null, t.labour_share ?? null,
    t.insertion_rate ?? null, t.hourly_cost_cents ?? null, t.cents_per_hour ?? null, t.penalty_cents_per_hour ?? null,
    t.sme_min_share ?? null, t.reservation ?? null, t.reason === undefined || t.reason === null ? null : esc(String(t.reason)),
    from === null ? created : `${iso(from)} 09:00:00+00`,
  ]);

  // Activity shape: the insertion hours of each month plus a floor, for contract hours and invoices.
  const lastMonth = Math.min(LAST_DATA_MONTH, monthOfDay(Math.min(c.end, DATA_AS_OF_DAY)));
  const activityMonths: number[] = [];
  for (let m = c.monthBase; m <= lastMonth; m++) activityMonths.push(m);
  const shape = () => {
    const avg = realisedAll / Math.max(1, months) || 1;
    return activityMonths.map((m) => ((c.eligibleHours[m - c.monthBase] ?? 0) + 0.25 * avg) * (0.9 + 0.2 * rng.next()));
  };
  /** Scales a shape so that its months up to the calibration date (or all, if none) add up to `total`. */
  const scaled = (s: number[], total: number) => {
    const base = s.reduce((a, v, i) => a + (activityMonths[i] <= CALIBRATION_MONTH || !calibrated ? v : 0), 0);
    return s.map((v) => (v * total) / Math.max(1e-9, base));
  };

  if (c.kind === 'insertion' && c.mode) {
    stats.insertion[c.mode] = (stats.insertion[c.mode] ?? 0) + 1;
    const id = clause('insertion_hours', 'Heures d’insertion');
    const penalty = rng.chance(0.4) ? rng.int(10, 80) * 100 : null;
    // An amendment: before the calibration date it brings in the calibrated terms, after it changes them.
    const amendable = rng.chance(0.06);
    const early = c.start + 90 < Math.min(c.end, CALIBRATION_DAY) - 1 ? rng.int(c.start + 90, Math.min(c.end, CALIBRATION_DAY) - 1) : null;
    const late = c.end > CALIBRATION_DAY + 30 ? rng.int(CALIBRATION_DAY + 1, c.end) : null;
    const amendAt = !amendable ? null : early !== null && (late === null || rng.chance(0.6)) ? early : late;
    if (amendAt !== null) stats.amendments++;
    const write = (inForce: Terms, other: Terms, what: string) => {
      if (amendAt === null) return terms(id, null, inForce);
      const original = amendAt <= CALIBRATION_DAY ? other : inForce;
      const amended = amendAt <= CALIBRATION_DAY ? inForce : other;
      terms(id, null, original);
      terms(id, amendAt, { ...amended, reason: `Avenant n°1 : ${what}` });
    };
    const rates = [0.05, 0.07, 0.1];
    if (c.mode === 'fixed') {
      const hours = roundTo(finalTarget, 10 * HOUR);
      amountCents = roundTo(((hours / HOUR) * eurosPerHour) * 100, 10_000);
      const other = roundTo(hours * (0.7 + 0.6 * rng.next()), 10 * HOUR);
      write({ target_mode: 'fixed', fixed_hours_x100: hours, penalty_cents_per_hour: penalty }, { target_mode: 'fixed', fixed_hours_x100: other, penalty_cents_per_hour: penalty }, 'objectif d’heures révisé');
    } else if (c.mode === 'formula') {
      const labour = rng.pick([0.3, 0.35, 0.4, 0.45, 0.5]);
      const rate = rng.pick(rates);
      const cost = rng.int(25, 45) * 100;
      // The amount is what makes amount × labour share × rate ÷ hourly cost land on the target.
      amountCents = roundTo(((finalTarget / HOUR) * cost) / (labour * rate), 100_000);
      const base = { target_mode: 'formula', labour_share: share(labour), hourly_cost_cents: cost, penalty_cents_per_hour: penalty };
      write({ ...base, insertion_rate: share(rate) }, { ...base, insertion_rate: share(rng.pick(rates.filter((r) => r !== rate))) }, 'taux d’insertion révisé');
    } else if (c.mode === 'percent_of_hours') {
      const rate = rng.pick(rates);
      amountCents = roundTo((projected / HOUR) * eurosPerHour * 100, 10_000);
      write({ target_mode: 'percent_of_hours', insertion_rate: share(rate), penalty_cents_per_hour: penalty },
        { target_mode: 'percent_of_hours', insertion_rate: share(rng.pick(rates.filter((r) => r !== rate))), penalty_cents_per_hour: penalty }, 'taux d’insertion révisé');
      // The rate in force at the calibration date applies to every hour declared up to it (DOMAIN rule 1).
      const totals = scaled(shape(), (calibrated ? plannedToCal : projected * elapsedNow / pace) / rate);
      activityMonths.forEach((m, i) => sinks.contract_monthly_hours.write([c.id, month(m).first, Math.max(0, Math.round(totals[i])), at(m, 5)]));
    } else {
      const perHour = rng.int(800, 2500) * 100;
      amountCents = calibrated ? roundTo((plannedToCal / HOUR) * perHour / Math.max(elapsedCal, 0.05), 10_000) : roundTo((projected / HOUR) * perHour, 10_000);
      write({ target_mode: 'per_amount_invoiced', cents_per_hour: perHour, penalty_cents_per_hour: penalty },
        { target_mode: 'per_amount_invoiced', cents_per_hour: Math.round(perHour * (0.8 + 0.4 * rng.next())), penalty_cents_per_hour: penalty }, 'montant par heure révisé');
      const invoiced = scaled(shape(), ((calibrated ? plannedToCal : projected * elapsedNow / pace) / HOUR) * perHour);
      activityMonths.forEach((m, i) => sinks.contract_invoiced_amounts.write([c.id, month(m).first, Math.max(0, Math.round(invoiced[i])), at(m, 5)]));
    }
  }
  if (c.smeShare) {
    stats.sme++;
    const id = clause('sme_share', 'Part PME');
    terms(id, null, { sme_min_share: share(rng.pick([0.1, 0.15, 0.2, 0.25, 0.3])) });
    if (c.mode !== 'per_amount_invoiced') {
      const totalMonths = Math.max(1, monthOfDay(c.end) - monthOfDay(c.start) + 1);
      for (const m of activityMonths) {
        sinks.contract_invoiced_amounts.write([c.id, month(m).first, Math.round((amountCents / totalMonths) * (0.7 + 0.6 * rng.next())), at(m, 5)]);
      }
    }
  }
  if (c.kind === 'reserved_siae' || c.kind === 'reserved_ea') {
    stats.reserved++;
    const id = clause('reserved', 'Marché réservé');
    terms(id, null, { reservation: c.kind === 'reserved_siae' ? 'siae_L2113_13' : 'ea_esat_L2113_12' });
  }

  const considerations = c.kind === 'insertion' ? (rng.chance(0.2) ? ['Clause sociale', 'Critère social'] : ['Clause sociale'])
    : c.kind === 'none' ? ['Pas de considération sociale']
    : c.kind === 'sme_only' ? [rng.chance(0.5) ? 'Critère social' : 'Pas de considération sociale']
    : ['Marché réservé'];
  const notified = c.start - rng.int(15, 60);
  sinks.contracts.write([
    c.id, esc(c.reference), esc(c.title), c.cpv, c.authority.id, c.holder.id, c.operationId, amountCents, iso(notified),
    iso(c.start), iso(c.end), c.department, arrayCell(considerations), `${iso(notified + 2)} 08:00:00+00`,
  ]);

  const paying = c.smeShare || rng.chance(0.25);
  const totalMonths = Math.max(1, monthOfDay(c.end) - monthOfDay(c.start) + 1);
  for (const p of c.parties) {
    sinks.contract_parties.write([uuid(rng), c.id, p.company.id, p.role, roundTo(amountCents * p.share, 100), iso(p.declaredOn)]);
    if (!paying) continue;
    for (let m = Math.max(0, monthOfDay(p.declaredOn)); m <= lastMonth; m++) {
      if (rng.chance(0.25)) continue;
      const disputed = rng.chance(0.01);
      const status = disputed ? 'disputed' : (m >= PENDING_FROM_MONTH ? rng.chance(0.7) : rng.chance(0.04)) ? 'declared' : 'confirmed';
      const amount = Math.max(100, Math.round(((amountCents * p.share) / totalMonths / 0.75) * (0.6 + 0.8 * rng.next())));
      sinks.payments.write([
        uuid(rng), c.id, c.holder.id, p.company.id, month(m).first, amount, status, disputed ? esc(rng.pick(DISPUTE_REASONS)) : null,
        at(m, rng.int(5, 15)), status === 'declared' ? null : at(m, rng.int(16, 40)),
      ]);
    }
  }
}
