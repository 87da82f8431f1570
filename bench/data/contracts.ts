import { Prng } from '../../src/demo/prng';
import { CPV_CODES } from './catalogue';
import { DATA_AS_OF_DAY, day, iso, LAST_DATA_MONTH, monthOfDay } from './calendar';
import { Contract, ContractKind, InsertionMode, Org, Party } from './model';
import { Organisations, Pool } from './organisations';
import { apportion, logNormal, uuid } from './random';
import { Territory } from './territory';

const KINDS: [ContractKind, number][] = [['insertion', 80], ['reserved_siae', 3.5], ['reserved_ea', 1.5], ['sme_only', 10], ['none', 5]];
const MODES: [InsertionMode, number][] = [['fixed', 35], ['formula', 30], ['percent_of_hours', 20], ['per_amount_invoiced', 15]];
const FIRST_START = day('2021-01-01');
const LAST_START = day('2026-09-30');
const CPV_WEIGHTS = CPV_CODES.map(([code, label, w]) => [[code, label], w] as [[string, string], number]);

/** A company of the department, else of the region's pools, else nationwide. */
export function inclusionCompany(rng: Prng, orgs: Organisations, types: string[], department: string): Org {
  const pools = types.map((t) => orgs.inclusion.get(t as never)!).filter(Boolean);
  const local = pools.map((p) => p.byDepartment.get(department)).filter((p): p is Pool => !!p && p.orgs.length > 0);
  if (local.length) return rng.pick(local).pick(rng);
  const national = pools.filter((p) => p.national.orgs.length > 0);
  if (!national.length) throw new Error(`No company of type ${types.join('/')}`);
  return rng.pick(national).national.pick(rng);
}

/**
 * The contracts, by department in proportion to its weight: dates over the history, a latent size,
 * authority, holder, co-contractors and subcontractors. Amounts and clauses come later (clauses.ts),
 * once the hours worked on each contract are known.
 */
export function generateContracts(rng: Prng, territory: Territory, orgs: Organisations, scale: number): Contract[] {
  const contracts: Contract[] = [];
  const deps = territory.departments;
  const counts = apportion(Math.round(60000 * scale), deps.map((d) => d.weight), 5);
  deps.forEach((d, di) => {
    for (let k = 0; k < counts[di]; k++) {
      const kind = rng.weighted(KINDS);
      const authority = orgs.authorities.get(d.code)!.pick(rng);
      const start = rng.int(FIRST_START, LAST_START);
      const months = rng.weighted([[rng.int(6, 12), 30], [rng.int(12, 24), 40], [rng.int(24, 48), 25], [rng.int(48, 72), 5]] as const);
      const end = start + Math.round(months * 30.44) - 1;
      let sizeEuros = Math.min(300e6, Math.max(20_000, logNormal(rng, 350_000, 1.2) * Math.sqrt(months / 18)));
      if (authority === orgs.bigIdfAuthority) sizeEuros = Math.min(300e6, sizeEuros * 2);
      const holder = kind === 'reserved_siae' ? inclusionCompany(rng, orgs, ['EI', 'ACI', 'AI', 'ETTI', 'EITI'], d.code)
        : kind === 'reserved_ea' ? inclusionCompany(rng, orgs, ['EA', 'ESAT'], d.code)
        : rng.chance(sizeEuros > 5e6 ? 0.7 : 0.25) ? orgs.majors.pick(rng)
        : orgs.companies.get(d.code)!.pick(rng);
      const smeShare = kind === 'sme_only' || (kind === 'insertion' && rng.chance(0.25));
      const parties: Party[] = [];
      if (smeShare || (kind !== 'reserved_ea' && kind !== 'reserved_siae' && rng.chance(0.25))) {
        const n = smeShare ? rng.int(1, 4) : rng.int(1, 3);
        for (let tries = 0; parties.length < n && tries < 20; tries++) {
          const company = orgs.companies.get(d.code)!.pick(rng);
          if (company === holder || parties.some((p) => p.company === company)) continue;
          if (company.size === 'large' && rng.chance(0.7)) continue;
          const declaredOn = Math.min(end, start + rng.int(10, 90));
          parties.push({ company, role: rng.chance(0.75) ? 'subcontractor' : 'co_contractor', share: rng.int(smeShare ? 5 : 3, smeShare ? 20 : 15) / 100, declaredOn });
        }
      }
      const operations = orgs.operations.get(authority);
      const operationId = operations && rng.chance(authority === orgs.bigIdfAuthority ? 0.8 : 0.3) ? rng.pick(operations) : null;
      const [cpv, label] = rng.weighted(CPV_WEIGHTS);
      const commune = d.communes[Math.min(d.communes.length - 1, Math.floor(Math.pow(rng.next(), 3) * 60))].name;
      const idx = contracts.length;
      const monthBase = Math.max(0, monthOfDay(start));
      const lastMonth = Math.min(monthOfDay(Math.min(end, DATA_AS_OF_DAY)), LAST_DATA_MONTH);
      contracts.push({
        idx, id: uuid(rng), department: d.code, authority, holder, operationId, start, end, sizeEuros, kind,
        mode: kind === 'insertion' ? rng.weighted(MODES) : null, smeShare, parties, cpv,
        title: `${label} – ${commune}${rng.chance(0.6) ? ` – lot ${rng.int(1, 12)}` : ''}`,
        reference: `${iso(start).slice(0, 4)}-${kind === 'insertion' ? 'CS' : kind.startsWith('reserved') ? 'MR' : 'MP'}-${String(idx + 1).padStart(7, '0')}`,
        monthBase, eligibleHours: new Float64Array(Math.max(0, lastMonth - monthBase + 1)),
      });
    }
  });
  return contracts;
}

/** Whether people work on it: an insertion clause or a reservation, and some days of it before the data's end. */
export const hasPeople = (c: Contract) => (c.kind === 'insertion' || c.kind === 'reserved_siae' || c.kind === 'reserved_ea') && c.start < DATA_AS_OF_DAY - 20;

