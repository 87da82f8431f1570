import regionsRef from '@etalab/decoupage-administratif/data/regions.json';
import departmentsRef from '@etalab/decoupage-administratif/data/departements.json';
import communesRef from '@etalab/decoupage-administratif/data/communes.json';
import { WeightedPicker } from './random';

interface RefRegion { code: string; nom: string; zone: string }
interface RefDepartment { code: string; nom: string; region?: string; zone: string }
interface RefCommune { code: string; nom: string; departement?: string; type: string; population?: number }

export const IDF = '11';
/** Île-de-France's share of the national volume (its population share is ~18%; its works weigh more). */
export const IDF_SHARE = 0.25;

export interface Department {
  code: string;
  name: string;
  region: string;
  /** Share of the national volume (contracts, organisations, people), IdF scaled to IDF_SHARE. */
  weight: number;
  /** Communes by population, for where people live and what authorities are called. */
  communes: { code: string; name: string; population: number }[];
  communePicker: WeightedPicker;
}

export interface Region {
  code: string;
  name: string;
  departments: Department[];
}

export interface Territory {
  regions: Region[];
  departments: Department[];
  byCode: Map<string, Department>;
}

/**
 * The 101 departments (metropolitan and overseas departments) in their 18 regions, from the same
 * reference package the service's territory sync uses, weighted by population.
 */
export function loadTerritory(): Territory {
  const regionRows = (regionsRef as RefRegion[]).filter((r) => r.zone === 'metro' || r.zone === 'drom');
  const deptRows = (departmentsRef as RefDepartment[]).filter((d) => (d.zone === 'metro' || d.zone === 'drom') && d.region);
  const communes = new Map<string, { code: string; name: string; population: number }[]>();
  for (const c of communesRef as RefCommune[]) {
    if (c.type !== 'commune-actuelle' || !c.departement || !c.population) continue;
    const list = communes.get(c.departement) ?? [];
    list.push({ code: c.code, name: c.nom, population: c.population });
    communes.set(c.departement, list);
  }
  const departments: Department[] = deptRows.map((d) => {
    const list = (communes.get(d.code) ?? []).sort((a, b) => b.population - a.population || a.code.localeCompare(b.code));
    if (!list.length) throw new Error(`No commune with a population in department ${d.code}`);
    return {
      code: d.code, name: d.nom, region: d.region as string, weight: list.reduce((s, c) => s + c.population, 0),
      communes: list, communePicker: new WeightedPicker(list.map((c) => c.population)),
    };
  });
  const idf = departments.filter((d) => d.region === IDF).reduce((s, d) => s + d.weight, 0);
  const rest = departments.filter((d) => d.region !== IDF).reduce((s, d) => s + d.weight, 0);
  for (const d of departments) d.weight = d.region === IDF ? (IDF_SHARE * d.weight) / idf : ((1 - IDF_SHARE) * d.weight) / rest;
  const regions = regionRows.map((r) => ({ code: r.code, name: r.nom, departments: departments.filter((d) => d.region === r.code) }));
  if (departments.length !== 101 || regions.length !== 18) throw new Error(`Expected 101 departments in 18 regions, got ${departments.length} in ${regions.length}`);
  return { regions, departments, byCode: new Map(departments.map((d) => [d.code, d])) };
}
