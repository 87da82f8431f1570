import { AppConfig } from '../../src/config/app-config';
import { IdentityCipher } from '../../src/beneficiaries/identity-cipher';
import { personCode, personKey } from '../../src/beneficiaries/person-key';
import type { Criterion, EducationLevel } from '../../src/beneficiaries/beneficiary.entity';
import type { Modality, Outcome } from '../../src/assignments/assignment.entity';
import { Prng } from '../../src/demo/prng';
import { FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES, OTHER_REASONS, REJECTION_REASONS, ROME_CODES, VALIDATORS } from './catalogue';
import { afterMonth, DATA_AS_OF_DAY, iso, LAST_DATA_MONTH, month, monthOfDay, PENDING_FROM_MONTH } from './calendar';
import { byteaCell, esc } from './copy-sink';
import { hasPeople, inclusionCompany } from './contracts';
import { Contract, Org } from './model';
import { Organisations } from './organisations';
import { stochasticRound, uuid } from './random';
import { Sinks } from './tables';
import { Territory } from './territory';

/** One registration of a person by a facilitator structure: a `beneficiaries` row. */
interface Registration {
  structure: Org;
  id: string;
  /** Criteria as day numbers: valid from `from` to `until` (null: no end). */
  criteria: { from: number; until: number | null }[];
}

/** One person (one identity, one person key), registered by one or more structures. */
interface Person {
  key: string;
  home: string;
  lastEnd: number;
  registrations: Registration[];
  identity: { lastName: string; firstName: string; birthDate: string };
  sex: 'F' | 'M';
  birthYear: number;
  commune: string;
  qpv: boolean;
  education: EducationLevel;
  /** Hundredths of hours already stated (validated or pending) per month, from month `usedBase` on: the legal cap. */
  usedBase: number;
  used: number[];
}

const MODALITIES: [Modality, number][] = [
  ['direct_hire_cdd', 25], ['direct_hire_cdi', 8], ['apprenticeship', 8], ['temp_work_etti', 20], ['temp_work_ett', 8],
  ['provision_ai', 7], ['provision_geiq', 8], ['siae_subcontracting', 10], ['training', 6],
];
const OUTCOMES: [Outcome, number][] = [['durable_employment', 35], ['transitional_employment', 25], ['positive_exit', 20], ['other', 20]];
const INTERMEDIARY: Partial<Record<Modality, string[]>> = {
  temp_work_etti: ['ETTI'], provision_ai: ['AI'], provision_geiq: ['GEIQ'], siae_subcontracting: ['EI', 'ACI', 'EITI'],
};

/** Share of assignments that go to someone never seen before (the others: people coming back). */
const NEW_PERSON = 0.73;
/** Of the people coming back, the share hired in another department. */
const OTHER_DEPARTMENT = 0.12;
/** Chance that a person placed on a contract also works on a second one at the same time. */
const CONCURRENT = 0.05;

/** A min-heap of people by the end of their last assignment: who becomes free for a new one. */
class BusyHeap {
  private items: Person[] = [];
  push(p: Person): void {
    const a = this.items;
    a.push(p);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (a[parent].lastEnd <= a[i].lastEnd) break;
      [a[parent], a[i]] = [a[i], a[parent]];
      i = parent;
    }
  }
  /** Removes and returns the people whose last assignment ended before `day`. */
  popEndedBefore(day: number, out: Person[]): void {
    const a = this.items;
    while (a.length && a[0].lastEnd < day) {
      out.push(a[0]);
      const last = a.pop() as Person;
      if (!a.length) break;
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l].lastEnd < a[m].lastEnd) m = l;
        if (r < a.length && a[r].lastEnd < a[m].lastEnd) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
  }
}

export interface PeopleStats {
  persons: number;
  assignments: number;
  concurrent: number;
  secondRegistrations: number;
}

/**
 * People, their registrations and criteria, their assignments and monthly statements. Assignments are
 * drawn per contract (as many as its size and duration call for), then filled in order of start date
 * with new people or people whose previous assignment has ended, so returning people move between
 * contracts, employers and sometimes departments. Every statement keeps the rules the API enforces:
 * inside the assignment's and the contract's dates, one validated and at most one pending per
 * assignment-month, and each person's monthly total within the legal cap.
 */
export class PeopleGenerator {
  private readonly cipher: IdentityCipher;
  private readonly secret: string;
  /** Person keys drawn so far: two people never share an identity (they would be one person to the service). */
  private readonly keys = new Set<string>();
  private readonly busy = new Map<string, BusyHeap>();
  private readonly free = new Map<string, Person[]>();
  private readonly contractsByDepartment = new Map<string, Contract[]>();
  private cursorMonth = 0;
  readonly stats: PeopleStats = { persons: 0, assignments: 0, concurrent: 0, secondRegistrations: 0 };

  constructor(
    private readonly rng: Prng,
    private readonly territory: Territory,
    private readonly orgs: Organisations,
    private readonly contracts: Contract[],
    private readonly sinks: Sinks,
  ) {
    const config = new AppConfig();
    this.cipher = new IdentityCipher(config.IDENTITY_ENCRYPTION_KEY);
    this.secret = config.PSEUDONYM_SECRET;
    for (const d of territory.departments) {
      this.busy.set(d.code, new BusyHeap());
      this.free.set(d.code, []);
      this.contractsByDepartment.set(d.code, []);
    }
    for (const c of contracts) if (hasPeople(c)) this.contractsByDepartment.get(c.department)!.push(c);
  }

  async generate(targetAssignments: number, progress: (done: number, total: number) => void): Promise<void> {
    const { rng } = this;
    // Slots: (contract, start, end), as many per contract as its size × months in the data window.
    const withPeople = this.contracts.filter(hasPeople);
    const weight = withPeople.map((c) => Math.pow(c.sizeEuros, 0.85) * Math.max(0, Math.min(c.end, DATA_AS_OF_DAY) - c.start) / 30);
    const total = weight.reduce((a, b) => a + b, 0);
    const base = targetAssignments / (1 + CONCURRENT);
    const slotContract: number[] = [];
    const slotStart: number[] = [];
    const slotEnd: number[] = [];
    withPeople.forEach((c, i) => {
      const window = Math.min(c.end, DATA_AS_OF_DAY) - c.start;
      const n = Math.min(3000, Math.max(window >= 60 ? 1 : 0, stochasticRound(rng, (base * weight[i]) / total)));
      for (let k = 0; k < n; k++) {
        // Most people are hired in the first part of the works.
        const start = c.start + Math.floor(Math.pow(rng.next(), 1.6) * Math.max(1, window - 20));
        slotContract.push(c.idx);
        slotStart.push(start);
        slotEnd.push(Math.min(c.end, start + Math.round(this.durationMonths() * 30.44) - 1));
      }
    });
    const order = Array.from(slotStart.keys()).sort((a, b) => slotStart[a] - slotStart[b] || a - b);
    let done = 0;
    for (const s of order) {
      const c = this.contracts[slotContract[s]];
      const start = slotStart[s];
      this.cursorMonth = monthOfDay(start);
      const p = this.choosePerson(c.department, start);
      await this.assign(p, c, start, slotEnd[s], false);
      if (rng.chance(CONCURRENT)) {
        const other = this.concurrentContract(c, start);
        if (other) {
          const start2 = Math.max(other.start, start + rng.int(0, 30));
          const end2 = Math.min(other.end, start2 + Math.round(this.durationMonths() * 30.44) - 1);
          if (start2 < DATA_AS_OF_DAY) {
            await this.assign(p, other, start2, end2, true);
            this.stats.concurrent++;
          }
        }
      }
      this.busy.get(p.home)!.push(p);
      if (++done % 20000 === 0) progress(done, order.length);
    }
    progress(done, order.length);
  }

  private durationMonths(): number {
    return this.rng.weighted([[this.rng.int(2, 6), 12], [this.rng.int(6, 12), 22], [this.rng.int(12, 24), 34], [this.rng.int(24, 48), 32]] as const);
  }

  private choosePerson(department: string, start: number): Person {
    const { rng } = this;
    let from = department;
    if (rng.chance(OTHER_DEPARTMENT)) {
      const region = this.territory.regions.find((r) => r.code === this.territory.byCode.get(department)!.region)!;
      from = region.departments.length > 1 && rng.chance(0.7) ? rng.pick(region.departments).code : rng.pick(this.territory.departments).code;
    }
    const free = this.free.get(from)!;
    this.busy.get(from)!.popEndedBefore(start, free);
    if (!rng.chance(NEW_PERSON) && free.length) {
      const i = rng.int(0, free.length - 1);
      const p = free[i];
      free[i] = free[free.length - 1];
      free.pop();
      return p;
    }
    return this.newPerson(department, start);
  }

  /** Another contract of the department running at `start`, for a second job held at the same time. */
  private concurrentContract(c: Contract, start: number): Contract | null {
    const list = this.contractsByDepartment.get(c.department)!;
    for (let tries = 0; tries < 20; tries++) {
      const o = this.rng.pick(list);
      if (o !== c && o.start <= start + 30 && o.end >= start + 60) return o;
    }
    return null;
  }

  private newPerson(department: string, start: number): Person {
    const { rng } = this;
    const d = this.territory.byCode.get(department)!;
    for (;;) {
      const sex = rng.chance(0.3) ? 'F' : 'M';
      const names = sex === 'F' ? FIRST_NAMES_F : FIRST_NAMES_M;
      const first = rng.int(0, names.length - 1);
      const last = rng.int(0, LAST_NAMES.length - 1);
      const age = rng.weighted([[rng.int(17, 25), 30], [rng.int(26, 49), 52], [rng.int(50, 62), 18]] as const);
      const birth = start - Math.round(age * 365.25) - rng.int(0, 364);
      const identity = { lastName: LAST_NAMES[last], firstName: names[first], birthDate: iso(birth) };
      const key = personKey(this.secret, identity);
      if (this.keys.has(key)) continue;
      this.keys.add(key);
      const birthYear = Number(identity.birthDate.slice(0, 4));
      const ageAtStart = Number(iso(start).slice(0, 4)) - birthYear;
      const commune = d.communes[d.communePicker.pick(rng)];
      const education: EducationLevel = ageAtStart < 26
        ? rng.weighted([['below_cap_bep', 6], ['cap_bep', 3], ['bac', 1]])
        : rng.weighted([['below_cap_bep', 4], ['cap_bep', 4], ['bac', 2], ['bac_plus_2', 1], ['bac_plus_3_or_more', 1]]);
      this.stats.persons++;
      return {
        key, home: department, lastEnd: start, registrations: [], identity, sex, birthYear,
        commune: commune.code, qpv: rng.chance(d.region === '11' ? 0.35 : 0.22), education, usedBase: 0, used: [],
      };
    }
  }

  /** The person's registration by a structure covering the department, or a new one (the same person key). */
  private registration(p: Person, department: string, start: number, modality: Modality): Registration {
    const { rng } = this;
    const covering = p.registrations.find((r) => r.structure.departments.includes(department));
    if (covering && !rng.chance(0.04)) return covering;
    // Structures follow the people they registered wherever they work; sometimes another one registers them again.
    if (!covering && p.registrations.length && rng.chance(0.5)) return p.registrations[p.registrations.length - 1];
    const structure = this.orgs.facilitators.get(department)!.pick(rng);
    const existing = p.registrations.find((r) => r.structure === structure);
    if (existing) return existing;
    if (p.registrations.length) this.stats.secondRegistrations++;
    const id = uuid(rng);
    const criteria = this.criteria(p, id, start, modality);
    const reg: Registration = { structure, id, criteria };
    p.registrations.push(reg);
    const created = iso(Math.min(...criteria.map((k) => k.from), start) + rng.int(0, 5));
    this.sinks.beneficiaries.write([
      id, structure.id, p.key, personCode(p.key), byteaCell(this.cipher.encrypt(id, p.identity)), p.sex, p.birthYear,
      p.commune, p.qpv, p.education, `${created} 11:00:00+00`,
    ]);
    return reg;
  }

  /** Criteria anchored on the first assignment's start; a few deliberately checked too late or expired (DOMAIN rule 5). */
  private criteria(p: Person, beneficiaryId: string, start: number, modality: Modality): Registration['criteria'] {
    const { rng } = this;
    const age = Number(iso(start).slice(0, 4)) - p.birthYear;
    const siae = modality === 'siae_subcontracting' || modality === 'provision_ai' || modality === 'temp_work_etti';
    const main: Criterion = age < 26 && p.education === 'below_cap_bep' ? 'YOUTH_LOW_QUALIFICATION'
      : age >= 50 ? 'SENIOR'
      : siae && rng.chance(0.4) ? 'SIAE_EMPLOYEE'
      : rng.weighted([['DELD', 30], ['RSA', 30], ['ASS', 8], ['AAH', 5], ['RQTH', 7], ['OTHER_VALIDATED', 3]]);
    const kinds: Criterion[] = [main];
    if (rng.chance(0.3)) kinds.push(p.qpv ? 'QPV_RESIDENT' : main === 'RSA' ? 'DELD' : 'RSA');
    const eligible = rng.weighted([['yes', 92], ['late', 5], ['expired', 3]] as const);
    const out: Registration['criteria'] = [];
    for (const criterion of kinds) {
      let from = start - rng.int(7, 90);
      let until: number | null = criterion === 'RQTH' && rng.chance(0.5) ? null : from + 730;
      if (eligible === 'late') {
        from = start + rng.int(10, 45);
        until = from + 730;
      } else if (eligible === 'expired') {
        from = start - rng.int(400, 700);
        until = start - rng.int(5, 60);
      }
      out.push({ from, until });
      this.writeCriterion(beneficiaryId, criterion, from, until);
    }
    return out;
  }

  private addCriterion(reg: Registration, criterion: Criterion, from: number, days: number): void {
    reg.criteria.push({ from, until: from + days });
    this.writeCriterion(reg.id, criterion, from, from + days);
  }

  private writeCriterion(beneficiaryId: string, criterion: Criterion, from: number, until: number | null): void {
    const { rng } = this;
    this.sinks.eligibility_criteria.write([
      uuid(rng), beneficiaryId, criterion, iso(from), esc(rng.pick(VALIDATORS)), until === null ? null : iso(until),
      criterion === 'OTHER_VALIDATED' ? esc(rng.pick(OTHER_REASONS)) : null, `${iso(from)} 15:00:00+00`,
    ]);
  }

  private async assign(p: Person, c: Contract, start: number, plannedEnd: number, concurrent: boolean): Promise<void> {
    const { rng } = this;
    const modality: Modality = c.kind === 'reserved_ea' ? rng.weighted([['direct_hire_cdd', 60], ['direct_hire_cdi', 40]] as const)
      : c.kind === 'reserved_siae' ? (c.holder.inclusion === 'ETTI' ? 'temp_work_etti' : c.holder.inclusion === 'AI' ? 'provision_ai' : rng.weighted([['direct_hire_cdd', 85], ['direct_hire_cdi', 15]] as const))
      : rng.weighted(MODALITIES);
    let end: number | null = plannedEnd;
    if (modality === 'direct_hire_cdi' && c.end > DATA_AS_OF_DAY && plannedEnd > DATA_AS_OF_DAY && rng.chance(0.6)) end = null;
    const types = c.kind === 'insertion' ? INTERMEDIARY[modality] : undefined;
    const employer = types ? inclusionCompany(rng, this.orgs, types, c.department)
      : modality === 'temp_work_ett' ? this.orgs.tempAgencies.pick(rng)
      : c.parties.length && rng.chance(0.3) ? rng.pick(c.parties).company
      : c.holder;
    const known = p.registrations.length;
    const reg = this.registration(p, c.department, start, modality);
    const fresh = p.registrations.length > known;
    let eligible = reg.criteria.some((k) => k.from <= start && (k.until === null || k.until >= start));
    // (A fresh registration keeps the deliberately late or expired criteria drawn for it.)
    if (!eligible && !fresh && reg.criteria.some((k) => k.from <= start) && rng.chance(0.8)) {
      // Coming back after the criteria expired: the structure checks eligibility again before the hiring.
      this.addCriterion(reg, rng.weighted([['DELD', 40], ['RSA', 40], ['ASS', 10], ['QPV_RESIDENT', 10]] as const), start - rng.int(7, 60), 730);
      eligible = true;
    }
    const weekly = concurrent ? rng.int(10, 20) : modality === 'provision_ai' ? rng.pick([20, 24, 26]) : modality === 'training' ? 30 : rng.pick([35, 35, 35, 35, 30, 28, 24, 20]);
    const ended = end !== null && end <= DATA_AS_OF_DAY;
    const id = uuid(rng);
    this.sinks.assignments.write([
      id, reg.id, c.id, employer.id, modality, iso(start), end === null ? null : iso(end), rng.pick(ROME_CODES), weekly * 100,
      ended ? rng.weighted(OUTCOMES) : null, ended && (end as number) + 183 <= DATA_AS_OF_DAY ? rng.weighted(OUTCOMES) : null,
      `${iso(start - rng.int(0, 20))} 14:00:00+00`,
    ]);
    this.stats.assignments++;
    p.lastEnd = Math.max(p.lastEnd, end ?? DATA_AS_OF_DAY);
    this.statements(p, id, c, start, Math.min(end ?? DATA_AS_OF_DAY, DATA_AS_OF_DAY), weekly, modality, eligible);
    await this.flush();
  }

  /** Monthly statements of one assignment from `start` to `last` (both inside the contract's dates). */
  private statements(p: Person, assignmentId: string, c: Contract, start: number, last: number, weekly: number, modality: Modality, eligible: boolean): void {
    const { rng } = this;
    const sink = this.sinks.hours_statements;
    const intermediary = (INTERMEDIARY[modality] && modality !== 'siae_subcontracting') || modality === 'temp_work_ett';
    const source = intermediary ? 'intermediary_statement' : rng.chance(0.2) ? 'payslip' : 'company_statement';
    const full = Math.min(15167, Math.round((weekly * 100 * 52) / 12));
    if (p.usedBase < this.cursorMonth) {
      p.used = p.used.slice(this.cursorMonth - p.usedBase);
      p.usedBase = this.cursorMonth;
    }
    const firstMonth = Math.max(0, monthOfDay(start));
    const lastMonth = Math.min(LAST_DATA_MONTH, monthOfDay(last));
    const limit = DATA_AS_OF_DAY + 10;
    const at = (m: number, days: number) => afterMonth(m, Math.min(days, limit - month(m).lastDay));
    for (let m = firstMonth; m <= lastMonth; m++) {
      if (rng.chance(0.02)) continue;
      const info = month(m);
      const cover = (Math.min(info.lastDay, last) - Math.max(info.firstDay, start) + 1) / info.days;
      const slot = m - p.usedBase;
      const used = p.used[slot] ?? 0;
      const hours = Math.min(Math.round(full * cover * (0.8 + 0.2 * rng.next())), info.capX100 - used);
      if (hours < 700) continue;
      const monthIso = info.first;
      const roll = rng.next();
      const pendingShare = m >= PENDING_FROM_MONTH ? 0.8 : 0.012;
      let status: 'validated' | 'declared' | 'none' = 'validated';
      if (roll < pendingShare) {
        status = 'declared';
        sink.write([uuid(rng), assignmentId, c.id, monthIso, hours, source, 'declared', null, null, at(m, rng.int(1, 7)), null]);
      } else if (roll < pendingShare + 0.02) {
        // Refused (too many hours, a missing payslip...), then stated again and validated.
        sink.write([uuid(rng), assignmentId, c.id, monthIso, hours + rng.int(800, 3000), source, 'rejected', esc(rng.pick(REJECTION_REASONS)), null, at(m, 2), at(m, 9)]);
        sink.write([uuid(rng), assignmentId, c.id, monthIso, hours, source, 'validated', null, null, at(m, 12), at(m, 20)]);
      } else if (roll < pendingShare + 0.023) {
        // Refused and never stated again: the month counts nothing.
        sink.write([uuid(rng), assignmentId, c.id, monthIso, hours, source, 'rejected', esc(rng.pick(REJECTION_REASONS)), null, at(m, 3), at(m, 10)]);
        status = 'none';
      } else if (roll < pendingShare + 0.038) {
        // Validated, then corrected: the old row stays as history, superseded by the correction.
        const old = uuid(rng);
        const before = Math.max(0, hours + rng.pick([-1, 1]) * rng.int(200, 1500));
        sink.write([old, assignmentId, c.id, monthIso, before, source, 'superseded', null, null, at(m, 2), at(m, 10)]);
        sink.write([uuid(rng), assignmentId, c.id, monthIso, hours, source, 'validated', null, old, at(m, 30), at(m, 35)]);
      } else {
        sink.write([uuid(rng), assignmentId, c.id, monthIso, hours, source, 'validated', null, null, at(m, rng.int(1, 7)), at(m, rng.int(8, 25))]);
      }
      if (status === 'none') continue;
      p.used[slot] = used + hours;
      if (status === 'validated' && eligible) c.eligibleHours[m - c.monthBase] += hours;
    }
  }

  private async flush(): Promise<void> {
    const s = this.sinks;
    await s.hours_statements.flushIfFull();
    await s.assignments.flushIfFull();
    await s.beneficiaries.flushIfFull();
    await s.eligibility_criteria.flushIfFull();
  }
}
