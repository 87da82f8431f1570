import type { Modality } from '../assignments/assignment.entity';
import { monthEnd } from '../common/units/calendar';
import { ARENA } from './idf-catalogue';
import { addDays, addMonths, maxDate, minDate, monthsBetween } from './demo-dates';
import { DemoContract } from './demo-tables';
import { PeopleGenerator } from './people';
import { Prng } from './prng';

const MIN_X100 = 6000;
const MAX_X100 = 15167;

/**
 * The U-Arena case (DOMAIN "Scale"): 140 people, each on one assignment, whose validated eligible
 * hours add up to exactly 136,000.00 h. Hours are drawn, then nudged within 60–151.67 h a month
 * until the total is exact, so the figure is a fact of the data, not a rounding.
 */
export function generateArena(rng: Prng, people: PeopleGenerator, dc: DemoContract, facilitatorId: string,
  employers: Record<'holder' | 'etti' | 'geiq' | 'ai' | 'ett', string>): void {
  const allMonths = monthsBetween(ARENA.start, ARENA.end);
  const plans = Array.from({ length: ARENA.people }, () => {
    const length = rng.int(3, 14);
    const first = allMonths[rng.int(0, allMonths.length - length)];
    const start = maxDate(ARENA.start, addDays(first, rng.int(0, 9)));
    const last = minDate(ARENA.end, monthEnd(addMonths(first, length - 1)));
    const hours = Array.from({ length }, () => rng.int(9000, MAX_X100));
    return { start, last, hours };
  });

  let diff = ARENA.realisedHours * 100 - plans.reduce((s, p) => s + p.hours.reduce((a, b) => a + b, 0), 0);
  for (let pass = 0; pass < 3 && diff !== 0; pass++) {
    for (const plan of plans) {
      for (let i = 0; i < plan.hours.length && diff !== 0; i++) {
        const delta = Math.max(MIN_X100 - plan.hours[i], Math.min(MAX_X100 - plan.hours[i], diff));
        plan.hours[i] += delta;
        diff -= delta;
      }
    }
  }
  if (diff !== 0) throw new Error('Arena demo: cannot reach the exact total; change the seed or the ranges');

  for (const plan of plans) {
    const p = people.newPerson(ARENA.department, 1958, 1996);
    const modality: Modality = rng.weighted([['direct_hire_cdd', 35], ['temp_work_etti', 30], ['provision_geiq', 12], ['temp_work_ett', 10], ['provision_ai', 5], ['apprenticeship', 8]]);
    const employer = modality === 'temp_work_etti' ? employers.etti : modality === 'provision_geiq' ? employers.geiq
      : modality === 'temp_work_ett' ? employers.ett : modality === 'provision_ai' ? employers.ai : employers.holder;
    const beneficiaryId = people.registration(p, facilitatorId, plan.start, modality, 'yes');
    const id = people.pushAssignment({ beneficiaryId, dc, employerId: employer, modality, start: plan.start, end: plan.last, weekly: 35 });
    people.statements(p.key, id, dc, plan.start, plan.last, 35, modality, true, 'validated', plan.hours);
  }
}
