import type { CompanySize, InclusionType } from '../../src/organisations/organisation.entity';
import { demoSiret } from '../../src/demo/siret';
import { Prng } from '../../src/demo/prng';
import { COMPANY_FORMS, COMPANY_TRADES, LAST_NAMES, MAJOR_NAMES, MAJOR_PREFIXES } from './catalogue';
import { arrayCell, esc } from './copy-sink';
import { Org } from './model';
import { apportion, logNormal, uuid, WeightedPicker, zipf } from './random';
import { Sinks } from './tables';
import { Department, IDF, Territory } from './territory';

/** Organisations of one department to draw from, by weight. */
export class Pool {
  private picker: WeightedPicker | null = null;
  constructor(readonly orgs: Org[] = [], private readonly weights: number[] = []) {}

  add(org: Org, weight = org.weight): void {
    this.orgs.push(org);
    this.weights.push(weight);
    this.picker = null;
  }

  pick(rng: Prng): Org {
    if (!this.orgs.length) throw new Error('empty pool');
    this.picker ??= new WeightedPicker(this.weights);
    return this.orgs[this.picker.pick(rng)];
  }
}

export interface Organisations {
  all: Org[];
  missions: Map<string, Org>;
  /** Contracting authorities working in each department (local ones, the region, national bodies). */
  authorities: Map<string, Pool>;
  /** Companies of each department that may hold or take part in a contract (no inclusion type). */
  companies: Map<string, Pool>;
  /** Large companies working nationwide. */
  majors: Pool;
  /** Inclusion companies (SIAE, EA, ESAT, GEIQ) by type and department; `national` when a department has none. */
  inclusion: Map<InclusionType, { byDepartment: Map<string, Pool>; national: Pool }>;
  tempAgencies: Pool;
  /** Facilitator structures covering each department. */
  facilitators: Map<string, Pool>;
  /** Operations (programmes) of each authority that has some. */
  operations: Map<Org, string[]>;
  /** The big authority of the Île-de-France metro works (the buyer account's). */
  bigIdfAuthority: Org;
}

const SIZES: [CompanySize, number][] = [['micro', 45], ['small', 30], ['medium', 18], ['large', 7]];
const INCLUSION: [InclusionType, number][] = [
  ['none', 84], ['EI', 3.5], ['ACI', 3.5], ['AI', 2], ['ETTI', 2], ['EITI', 0.8], ['GEIQ', 1.2], ['EA', 1.8], ['ESAT', 1.2],
];
const SIZE_WEIGHT: Record<CompanySize, number> = { micro: 0.6, small: 2, medium: 6, large: 20 };

/**
 * Contracting authorities, companies, facilitator structures and regional missions, with the
 * national shape: per department in proportion to its weight, each kind with its own spread of sizes.
 */
export async function generateOrganisations(rng: Prng, territory: Territory, scale: number, sinks: Sinks): Promise<Organisations> {
  const all: Org[] = [];
  const created = (i: number) => `2020-${String(10 + (i % 3)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')} 09:00:00+00`;
  const add = (o: Omit<Org, 'id'>): Org => {
    const org: Org = { id: uuid(rng), ...o };
    all.push(org);
    return org;
  };
  const deps = territory.departments;
  const weights = deps.map((d) => d.weight);

  const missions = new Map<string, Org>();
  for (const r of territory.regions) {
    const name = r.code === IDF ? 'MACS Île-de-France (GIP Maximilien)' : `Mission régionale clauses sociales – ${r.name}`;
    missions.set(r.code, add({ kind: 'regional_mission', name, size: null, inclusion: 'none', departments: r.departments.map((d) => d.code), region: r.code, weight: 1 }));
  }

  // Contracting authorities: local bodies per department, one per region, a few national or metropolitan ones.
  const authorities = new Map<string, Pool>(deps.map((d) => [d.code, new Pool()]));
  const idfDepartments = territory.regions.find((r) => r.code === IDF)!.departments.map((d) => d.code);
  const special = (name: string, departments: string[], share: number) => {
    const org = add({ kind: 'contracting_authority', name, size: null, inclusion: 'none', departments, region: null, weight: share });
    for (const code of departments) authorities.get(code)!.add(org, share);
    return org;
  };
  const bigIdfAuthority = special('Société des grands projets', idfDepartments.filter((c) => c !== '78'), 0.06);
  special('Île-de-France Mobilités', idfDepartments, 0.03);
  special('SNCF Réseau', deps.map((d) => d.code), 0.015);
  special('Voies navigables de France', deps.filter((d) => d.region !== '01' && d.region !== '02' && d.region !== '03' && d.region !== '04' && d.region !== '06').map((d) => d.code), 0.005);
  for (const r of territory.regions) special(`Région ${r.name}`, r.departments.map((d) => d.code), 0.06);
  const localTotal = Math.max(deps.length * 3, Math.round(3600 * scale) - all.length + missions.size);
  apportion(localTotal, weights, 3).forEach((n, i) => {
    const d = deps[i];
    const z = zipf(n, 1.0);
    const zs = z.reduce((a, b) => a + b, 0);
    for (let k = 0; k < n; k++) {
      const org = add({ kind: 'contracting_authority', name: authorityName(d, k), size: null, inclusion: 'none', departments: [d.code], region: null, weight: (0.8 * z[k]) / zs });
      authorities.get(d.code)!.add(org);
    }
  });

  // Companies: nationwide majors and temp agencies, then each department's firms and inclusion structures.
  const companyTotal = Math.round(20000 * scale);
  const majors = new Pool();
  const tempAgencies = new Pool();
  const majorCount = Math.max(20, Math.round(companyTotal * 0.012));
  const mz = zipf(majorCount, 0.8);
  for (let k = 0; k < majorCount; k++) {
    const name = `${MAJOR_PREFIXES[k % MAJOR_PREFIXES.length]} ${MAJOR_NAMES[Math.floor(k / MAJOR_PREFIXES.length) % MAJOR_NAMES.length]}${k >= MAJOR_PREFIXES.length * MAJOR_NAMES.length ? ` ${Math.floor(k / (MAJOR_PREFIXES.length * MAJOR_NAMES.length)) + 1}` : ''} ${rng.pick(['SA', 'SAS'])}`;
    majors.add(add({ kind: 'company', name, size: 'large', inclusion: 'none', departments: [], region: null, weight: mz[k] }));
  }
  const agencyCount = Math.max(8, Math.round(companyTotal * 0.004));
  for (let k = 0; k < agencyCount; k++) {
    tempAgencies.add(add({ kind: 'company', name: `Intérim ${rng.pick(MAJOR_NAMES)} ${k + 1} SAS`, size: 'large', inclusion: 'none', departments: [], region: null, weight: 1 / (k + 1), tempAgency: true }));
  }
  const companies = new Map<string, Pool>(deps.map((d) => [d.code, new Pool()]));
  const inclusion = new Map<InclusionType, { byDepartment: Map<string, Pool>; national: Pool }>();
  for (const [t] of INCLUSION) if (t !== 'none') inclusion.set(t, { byDepartment: new Map(), national: new Pool() });
  apportion(companyTotal - majorCount - agencyCount, weights, 20).forEach((n, i) => {
    const d = deps[i];
    for (let k = 0; k < n; k++) {
      const type = rng.weighted(INCLUSION);
      let size = rng.weighted(SIZES);
      if (type !== 'none' && size === 'large') size = 'medium';
      const weight = SIZE_WEIGHT[size] * logNormal(rng, 1, 0.8);
      const org = add({ kind: 'company', name: companyName(rng, d, type), size, inclusion: type, departments: [d.code], region: null, weight });
      if (type === 'none') companies.get(d.code)!.add(org);
      else {
        const byType = inclusion.get(type)!;
        if (!byType.byDepartment.has(d.code)) byType.byDepartment.set(d.code, new Pool());
        byType.byDepartment.get(d.code)!.add(org);
        byType.national.add(org);
      }
    }
  });

  // Facilitator structures: several per department, some covering neighbouring departments of the region.
  const facilitators = new Map<string, Pool>(deps.map((d) => [d.code, new Pool()]));
  const facilitatorTotal = Math.max(deps.length * 2, Math.round(580 * scale));
  apportion(facilitatorTotal, weights, 2).forEach((n, i) => {
    const d = deps[i];
    const region = territory.regions.find((r) => r.code === d.region)!;
    const z = zipf(n, 0.8);
    for (let k = 0; k < n; k++) {
      const others = region.departments.filter((o) => o.code !== d.code);
      const covered = [d.code];
      if (others.length && k > 0 && rng.chance(0.25)) {
        for (let j = rng.int(1, Math.min(2, others.length)); j > 0; j--) {
          const o = rng.pick(others).code;
          if (!covered.includes(o)) covered.push(o);
        }
      }
      const org = add({ kind: 'facilitator_structure', name: facilitatorName(d, k, covered), size: null, inclusion: 'none', departments: covered, region: null, weight: z[k] });
      for (const code of covered) facilitators.get(code)!.add(org, code === d.code ? z[k] : z[k] * 0.5);
    }
  });

  // Operations: programmes of the bigger authorities (a metro line, an urban renewal district...).
  const operations = new Map<Org, string[]>();
  const operationTotal = Math.max(20, Math.round(600 * scale));
  const operators = all.filter((o) => o.kind === 'contracting_authority').sort((a, b) => b.weight - a.weight).slice(0, Math.ceil(operationTotal / 3));
  for (let k = 0; k < operationTotal; k++) {
    const owner = operators[k % operators.length];
    const id = uuid(rng);
    const list = operations.get(owner) ?? [];
    list.push(id);
    operations.set(owner, list);
    const place = territory.byCode.get(owner.departments[k % owner.departments.length])!;
    const commune = place.communes[Math.min(place.communes.length - 1, rng.int(0, 15))].name;
    const name = owner === bigIdfAuthority ? `Ligne ${15 + (k % 4)} – ${['Sud', 'Est', 'Ouest', 'Nord'][Math.floor(k / 4) % 4]} (tronçon ${k + 1})`
      : rng.pick([`Renouvellement urbain – quartiers ${ofPlace(commune)}`, `Pôle d’échanges ${ofPlace(commune)}`, `Groupe scolaire ${ofPlace(commune)}`, `Réhabilitation du parc social ${ofPlace(commune)}`, `Aménagement du centre-ville ${ofPlace(commune)}`]);
    sinks.operations.write([id, esc(name), esc(`Programme de ${owner.name}`), owner.id, `2020-12-${String(1 + (k % 28)).padStart(2, '0')} 09:00:00+00`]);
  }

  all.forEach((o, i) => {
    sinks.organisations.write([o.id, o.kind, esc(o.name), demoSiret(i + 1), o.size, o.inclusion, arrayCell(o.departments), o.region, created(i)]);
  });
  await sinks.organisations.flush();
  await sinks.operations.flush();
  return { all, missions, authorities, companies, majors, inclusion, tempAgencies, facilitators, operations, bigIdfAuthority };
}

/** "de Paris", "d’Évry", "du Havre", "des Abymes": French elision before a place name. */
export function ofPlace(name: string): string {
  if (name.startsWith('Le ')) return `du ${name.slice(3)}`;
  if (name.startsWith('Les ')) return `des ${name.slice(4)}`;
  return /^[AEIOUYÉÈÊÎÏÔH]/i.test(name) ? `d’${name}` : `de ${name}`;
}

function authorityName(d: Department, k: number): string {
  if (k === 0) return `Conseil départemental – ${d.name}`;
  const c = d.communes;
  const commune = c[(k - 1) % c.length].name;
  const round = Math.floor((k - 1) / c.length);
  const kinds = [`Ville ${ofPlace(commune)}`, `Communauté d’agglomération ${ofPlace(commune)}`, `Office public de l’habitat ${ofPlace(commune)}`, `Centre hospitalier ${ofPlace(commune)}`, `Syndicat intercommunal ${ofPlace(commune)}`];
  const tier = k <= 12 ? 0 : Math.floor((k - 13) / 12) % kinds.length;
  const base = kinds[(tier + round) % kinds.length];
  return round ? `${base} (${round + 1})` : base;
}

function companyName(rng: Prng, d: Department, type: InclusionType): string {
  const commune = d.communes[rng.int(0, Math.min(d.communes.length - 1, 40))].name;
  switch (type) {
    case 'none': return `${rng.pick(LAST_NAMES)} ${rng.pick(COMPANY_TRADES)} ${rng.pick(COMPANY_FORMS)}`;
    case 'EI': return `Tremplin ${rng.pick(COMPANY_TRADES)} ${commune}`;
    case 'ACI': return `Chantier d’insertion ${ofPlace(commune)}`;
    case 'AI': return `Association intermédiaire ${ofPlace(commune)}`;
    case 'ETTI': return `${commune} Intérim Insertion`;
    case 'EITI': return `Insertion Indépendants ${commune}`;
    case 'GEIQ': return `GEIQ ${rng.pick(['BTP', 'Propreté', 'Industrie'])} ${d.name}`;
    case 'EA': return `Entreprise adaptée ${ofPlace(commune)}`;
    case 'ESAT': return `ESAT ${ofPlace(commune)}`;
  }
}

function facilitatorName(d: Department, k: number, covered: string[]): string {
  const commune = d.communes[k % d.communes.length].name;
  const base = [`Maison de l’emploi ${ofPlace(commune)}`, `PLIE ${ofPlace(commune)}`, `Service clauses sociales – ${d.name}`, `Mission locale ${ofPlace(commune)}`, `Facilitateurs ${ofPlace(commune)} Agglomération`][k % 5];
  return covered.length > 1 ? `${base} (${covered.join('-')})` : base;
}
