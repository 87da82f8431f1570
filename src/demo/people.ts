import { personCode, personKey } from '../beneficiaries/person-key';
import type { Criterion, EducationLevel } from '../beneficiaries/beneficiary.entity';
import type { Modality, Outcome } from '../assignments/assignment.entity';
import { monthlyCapX100 } from '../compliance/rules/legal-cap';
import { COMMUNES, FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES, REJECTION_REASONS, ROME_CODES, VALIDATORS } from './idf-catalogue';
import { addDays, afterMonth, DATA_AS_OF, maxDate, minDate, monthCoverage, monthsBetween, PENDING_FROM_MONTH, WINDOW_START } from './demo-dates';
import { DemoContract, DemoTables } from './demo-tables';
import { Prng } from './prng';

/** One person (one identity, one person key), possibly registered by several structures. */
interface Person {
  key: string;
  lastName: string;
  firstName: string;
  birthDate: string;
  sex: 'F' | 'M';
  department: string;
  /** facilitator structure id → beneficiary row id */
  rows: Map<string, string>;
  lastEnd: string | null;
}

export interface PeopleContext {
  rng: Prng;
  secret: string;
  t: DemoTables;
  org: (key: string) => string;
  /** The structure that registers people for a contract in this department. */
  facilitatorFor: (department: string, grandParisExpress: boolean) => string;
}

const MODALITY_WEIGHTS: [Modality, number][] = [
  ['direct_hire_cdd', 25], ['direct_hire_cdi', 8], ['apprenticeship', 8], ['temp_work_etti', 20], ['temp_work_ett', 8],
  ['provision_ai', 7], ['provision_geiq', 8], ['siae_subcontracting', 10], ['training', 6],
];
const OUTCOME_WEIGHTS: [Outcome, number][] = [['durable_employment', 35], ['transitional_employment', 25], ['positive_exit', 20], ['other', 20]];
const INTERMEDIARIES: Partial<Record<Modality, string>> = {
  temp_work_etti: 'etti', temp_work_ett: 'ett', provision_ai: 'ai', provision_geiq: 'geiq',
};

/**
 * Draws the people, their eligibility, assignments and monthly statements. Every statement passes
 * the rules the API enforces: inside the assignment's and the contract's dates, one validated and
 * at most one pending per assignment-month, and the person's monthly total under the legal cap.
 */
export class PeopleGenerator {
  private readonly people: Person[] = [];
  private readonly identities = new Set<string>();
  /** person key + month → hundredths already counted (validated or pending), for the legal cap. */
  private readonly monthTotals = new Map<string, number>();

  constructor(private readonly c: PeopleContext) {}

  get personCount(): number {
    return this.people.length;
  }

  newPerson(department: string, bornFrom: number, bornTo: number): Person {
    const { rng } = this.c;
    for (;;) {
      const sex = rng.chance(0.3) ? 'F' : 'M';
      const firstName = rng.pick(sex === 'F' ? FIRST_NAMES_F : FIRST_NAMES_M);
      const lastName = rng.pick(LAST_NAMES);
      const birthDate = `${rng.int(bornFrom, bornTo)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
      const identity = `${lastName}|${firstName}|${birthDate}`;
      if (this.identities.has(identity)) continue;
      this.identities.add(identity);
      const key = personKey(this.c.secret, { lastName, firstName, birthDate });
      const p: Person = { key, lastName, firstName, birthDate, sex, department, rows: new Map(), lastEnd: null };
      this.people.push(p);
      return p;
    }
  }

  /** A person already met, for a second assignment (sequential when their first one has ended). */
  existingPerson(): Person {
    return this.c.rng.pick(this.people);
  }

  /** The beneficiary row of `p` at structure `fac`, created with criteria anchored on `start`. */
  registration(p: Person, fac: string, start: string, modality: Modality, eligible: 'yes' | 'late' | 'expired'): string {
    const found = p.rows.get(fac);
    if (found) return found;
    const { rng, t } = this.c;
    const id = rng.uuid();
    p.rows.set(fac, id);
    const birthYear = Number(p.birthDate.slice(0, 4));
    const age = Number(start.slice(0, 4)) - birthYear;
    const [commune, qpvArea] = rng.pick(COMMUNES[p.department]);
    const qpv = qpvArea && rng.chance(0.6);
    const education: EducationLevel = age < 26
      ? rng.weighted([['below_cap_bep', 6], ['cap_bep', 3], ['bac', 1]])
      : rng.weighted([['below_cap_bep', 4], ['cap_bep', 4], ['bac', 2], ['bac_plus_2', 1], ['bac_plus_3_or_more', 1]]);
    t.beneficiaries.push({
      id, registered_by_id: fac, person_key: p.key, code: personCode(p.key), last_name: p.lastName, first_name: p.firstName,
      birth_date: p.birthDate, sex: p.sex, birth_year: birthYear, commune_code: commune, qpv_resident: qpv, education_level: education,
    });

    const siae = ['siae_subcontracting', 'provision_ai', 'temp_work_etti'].includes(modality);
    const main: Criterion = age < 26 && education === 'below_cap_bep' ? 'YOUTH_LOW_QUALIFICATION'
      : age >= 50 ? 'SENIOR'
      : siae && rng.chance(0.4) ? 'SIAE_EMPLOYEE'
      : rng.weighted([['DELD', 30], ['RSA', 30], ['ASS', 8], ['AAH', 5], ['RQTH', 7], ['OTHER_VALIDATED', 3]]);
    const criteria: Criterion[] = [main];
    if (rng.chance(0.3)) criteria.push(qpv ? 'QPV_RESIDENT' : main === 'RSA' ? 'DELD' : 'RSA');
    for (const criterion of criteria) {
      let validatedOn = addDays(start, -rng.int(7, 90));
      let validUntil: string | null = criterion === 'RQTH' && rng.chance(0.5) ? null : addDays(validatedOn, 730);
      // The deliberate non-eligible cases of DOMAIN rule 5: checked too late, or already expired.
      if (eligible === 'late') {
        validatedOn = addDays(start, rng.int(10, 45));
        validUntil = addDays(validatedOn, 730);
      } else if (eligible === 'expired') {
        validatedOn = addDays(start, -rng.int(400, 700));
        validUntil = addDays(start, -rng.int(5, 60));
      }
      t.eligibility_criteria.push({
        id: rng.uuid(), beneficiary_id: id, criterion, validated_on: validatedOn, validated_by: rng.pick(VALIDATORS), valid_until: validUntil,
        reason: criterion === 'OTHER_VALIDATED' ? rng.pick(['Sortant de détention suivi par le SPIP', 'Réfugié statutaire accompagné par le PLIE', 'Parent isolé sans emploi depuis 9 mois']) : null,
      });
    }
    return id;
  }

  /** Assignments of ordinary contracts inside the demo window, with their statements. */
  assignForContract(dc: DemoContract, forceNew: boolean): void {
    const { rng } = this.c;
    const spec = dc.spec;
    const from = maxDate(spec.start, WINDOW_START);
    const to = minDate(spec.end, DATA_AS_OF);
    const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

    const reuse = !forceNew && this.people.length > 20 && rng.chance(0.14);
    const p = reuse ? this.existingPerson() : this.newPerson(spec.department, 1963, 2006);
    let start = addDays(from, rng.int(0, Math.max(0, span - 75)));
    // A returning person usually starts after their previous job; otherwise the cap trims the overlap.
    if (reuse && p.lastEnd && p.lastEnd < addDays(to, -60) && rng.chance(0.7)) start = maxDate(start, addDays(p.lastEnd, rng.int(5, 40)));
    const months = rng.weighted([[rng.int(3, 6), 4], [rng.int(7, 12), 4], [rng.int(13, 24), 2]] as const);
    let end: string | null = minDate(addDays(start, months * 30), spec.end);

    const modality: Modality = spec.reserved === 'ea_esat_L2113_12' ? 'direct_hire_cdd'
      : spec.reserved === 'siae_L2113_13' ? rng.pick(['siae_subcontracting', 'direct_hire_cdd'] as const)
      : rng.weighted(MODALITY_WEIGHTS);
    if (modality === 'direct_hire_cdi' && end > DATA_AS_OF && rng.chance(0.6)) end = null;
    const employerKey = INTERMEDIARIES[modality]
      ?? (modality === 'siae_subcontracting' && !spec.reserved ? rng.pick(['ei', 'aci', 'eiti', 'ei2']) : null);
    const employerId = employerKey ? this.c.org(employerKey)
      : dc.parties.length && rng.chance(0.3) ? rng.pick(dc.parties).companyId : dc.holderId;
    const eligible = rng.weighted([['yes', 92], ['late', 5], ['expired', 3]] as const);
    const fac = this.c.facilitatorFor(spec.department, spec.reference.startsWith('L1') && rng.chance(0.4));
    const beneficiaryId = this.registration(p, fac, start, modality, eligible);
    // Eligibility is judged on this row's criteria at this start (a second job may fall after expiry).
    const isEligible = this.c.t.eligibility_criteria.some((k) => k.beneficiary_id === beneficiaryId
      && (k.validated_on as string) <= start && (k.valid_until === null || (k.valid_until as string) >= start));
    p.lastEnd = maxDate(p.lastEnd ?? start, end ?? to);

    const weekly = modality === 'provision_ai' ? rng.pick([20, 24, 26]) : modality === 'training' ? 30 : rng.pick([35, 35, 35, 30, 28]);
    const id = this.pushAssignment({ beneficiaryId, dc, employerId, modality, start, end, weekly });
    this.statements(p.key, id, dc, start, minDate(end ?? to, to), weekly, modality, isEligible, 'mixed');
  }

  pushAssignment(a: { beneficiaryId: string; dc: DemoContract; employerId: string; modality: Modality; start: string; end: string | null; weekly: number }): string {
    const { rng, t } = this.c;
    const id = rng.uuid();
    const ended = a.end !== null && a.end <= DATA_AS_OF;
    t.assignments.push({
      id, beneficiary_id: a.beneficiaryId, contract_id: a.dc.id, employer_id: a.employerId, modality: a.modality,
      start_date: a.start, end_date: a.end, rome_code: rng.pick(ROME_CODES), planned_weekly_hours_x100: a.weekly * 100,
      exit_outcome: ended ? rng.weighted(OUTCOME_WEIGHTS) : null,
      outcome_after_six_months: ended && addDays(a.end as string, 183) <= DATA_AS_OF ? rng.weighted(OUTCOME_WEIGHTS) : null,
    });
    return id;
  }

  /** Monthly statements of one assignment between `start` and `last` (both inside the contract). */
  statements(person: string, assignmentId: string, dc: DemoContract, start: string, last: string, weekly: number,
    modality: Modality, eligible: boolean, mode: 'mixed' | 'validated', fixedHours?: number[]): void {
    const { rng, t } = this.c;
    const source = INTERMEDIARIES[modality] ? 'intermediary_statement' : rng.chance(0.2) ? 'payslip' : 'company_statement';
    const full = Math.min(15167, Math.round((weekly * 52 * 100) / 12));
    monthsBetween(start, last).forEach((month, i) => {
      const cover = monthCoverage(month, start, last);
      const capKey = `${person}|${month}`;
      const used = this.monthTotals.get(capKey) ?? 0;
      let hours = fixedHours ? fixedHours[i] : Math.round(full * cover * (0.82 + 0.18 * rng.next()));
      hours = Math.min(hours, monthlyCapX100(month) - used);
      if (hours < 1000) return;
      this.monthTotals.set(capKey, used + hours);

      const base = { assignment_id: assignmentId, contract_id: dc.id, month, source, rejection_reason: null, supersedes_id: null };
      const roll = rng.next();
      let status: 'validated' | 'declared' = 'validated';
      if (mode === 'mixed') {
        if (month >= PENDING_FROM_MONTH ? roll < 0.85 : roll < 0.015) status = 'declared';
        else if (roll < 0.04) {
          // Refused once (too many hours), then declared again correctly and validated.
          t.hours_statements.push({ ...base, id: rng.uuid(), hours_x100: hours + rng.int(800, 3000), status: 'rejected', rejection_reason: rng.pick(REJECTION_REASONS), declared_at: afterMonth(month, 2), decided_at: afterMonth(month, 9) });
        } else if (roll < 0.055) {
          // Validated, then corrected: the old row stays as history, superseded by the correction.
          const old = rng.uuid();
          t.hours_statements.push({ ...base, id: old, hours_x100: Math.max(0, hours + rng.pick([-1, 1]) * rng.int(200, 1500)), status: 'superseded', declared_at: afterMonth(month, 2), decided_at: afterMonth(month, 10) });
          t.hours_statements.push({ ...base, id: rng.uuid(), hours_x100: hours, status: 'validated', supersedes_id: old, declared_at: afterMonth(month, 30), decided_at: afterMonth(month, 35) });
          if (eligible) dc.eligibleHoursByMonth.set(month, (dc.eligibleHoursByMonth.get(month) ?? 0) + hours);
          return;
        }
      }
      t.hours_statements.push({ ...base, id: rng.uuid(), hours_x100: hours, status, declared_at: afterMonth(month, rng.int(1, 7)), decided_at: status === 'validated' ? afterMonth(month, rng.int(8, 25)) : null });
      if (status === 'validated' && eligible) dc.eligibleHoursByMonth.set(month, (dc.eligibleHoursByMonth.get(month) ?? 0) + hours);
    });
  }
}
