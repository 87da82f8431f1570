import { hashPassword } from '../../src/auth/passwords';
import type { Role } from '../../src/access/actor';
import { Prng } from '../../src/demo/prng';
import { esc } from './copy-sink';
import { Contract, Org } from './model';
import { Organisations } from './organisations';
import { uuid } from './random';
import { Sinks } from './tables';
import { IDF, Territory } from './territory';

/** The one password of every benchmark account (synthetic data on a local database only). */
export const BENCH_PASSWORD = 'bench-password-2026';

export interface BenchAccount {
  role: Role;
  email: string;
  displayName: string;
  organisationId: string | null;
  organisationName: string | null;
  /** What the organisation covers: a structure's departments, a mission's region. */
  departmentCodes: string[];
  regionCode: string | null;
  /** Contracts it holds (company) or awarded (buyer). */
  contracts?: number;
}

/**
 * The accounts the benchmark's HTTP scenarios sign in with, all active, all with BENCH_PASSWORD:
 * the admin; for Île-de-France the regional mission's staff, a facilitator of the biggest structure
 * of each department (facilitator.93@... covers Seine-Saint-Denis), the buyer of the big metro-works
 * authority, and the company holding the most Île-de-France contracts. Emails do not depend on the seed.
 */
export async function writeAccounts(rng: Prng, territory: Territory, orgs: Organisations, contracts: Contract[], sinks: Sinks): Promise<BenchAccount[]> {
  const idf = territory.regions.find((r) => r.code === IDF)!;
  const held = new Map<Org, number>();
  let awarded = 0;
  for (const c of contracts) {
    if (territory.byCode.get(c.department)!.region !== IDF) continue;
    held.set(c.holder, (held.get(c.holder) ?? 0) + 1);
    if (c.authority === orgs.bigIdfAuthority) awarded++;
  }
  const [company, companyContracts] = [...held].sort((a, b) => b[1] - a[1])[0];
  const of = (o: Org) => ({ organisationId: o.id, organisationName: o.name, departmentCodes: o.departments, regionCode: o.region });
  const mission = orgs.missions.get(IDF)!;
  const accounts: BenchAccount[] = [
    { role: 'admin', email: 'admin@bench.clausier.fr', displayName: 'Administratrice (benchmark)', organisationId: null, organisationName: null, departmentCodes: [], regionCode: null },
    { role: 'regional_staff', email: 'regional.11@bench.clausier.fr', displayName: 'Chargée de mission MACS (benchmark)', ...of(mission), departmentCodes: idf.departments.map((d) => d.code) },
    ...idf.departments.map((d): BenchAccount => {
      // The biggest structure based in the department (first drawn, the heaviest of its pool).
      const structure = orgs.facilitators.get(d.code)!.orgs.find((o) => o.departments[0] === d.code)!;
      return { role: 'facilitator', email: `facilitator.${d.code}@bench.clausier.fr`, displayName: `Facilitatrice ${d.code} (benchmark)`, ...of(structure) };
    }),
    { role: 'buyer', email: 'buyer.sgp@bench.clausier.fr', displayName: 'Acheteur SGP (benchmark)', ...of(orgs.bigIdfAuthority), contracts: awarded },
    { role: 'company', email: 'company@bench.clausier.fr', displayName: 'Conducteur de travaux (benchmark)', ...of(company), contracts: companyContracts },
  ];
  const hash = await hashPassword(BENCH_PASSWORD);
  for (const a of accounts) {
    sinks.users.write([uuid(rng), a.email, esc(a.displayName), a.role, a.organisationId, hash, '2026-10-31 08:00:00+00', '2026-10-31 08:00:00+00']);
  }
  return accounts;
}
