import { DataSource } from 'typeorm';
import regions from '@etalab/decoupage-administratif/data/regions.json';
import departments from '@etalab/decoupage-administratif/data/departements.json';

interface RefRegion { code: string; nom: string; zone: string }
interface RefDepartment { code: string; nom: string; region?: string; zone: string }

/**
 * Upserts every INSEE region and department from @etalab/decoupage-administratif (maintained by
 * the State's open-data team), so an update of the package updates the names on next start.
 * Codes are never deleted: contracts refer to them.
 */
export async function syncTerritories(ds: DataSource): Promise<void> {
  const r = regions as RefRegion[];
  const d = departments as RefDepartment[];
  await ds.transaction(async (m) => {
    await m.query(
      `INSERT INTO regions (code, name, zone)
       SELECT * FROM unnest($1::varchar[], $2::text[], $3::text[])
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, zone = EXCLUDED.zone`,
      [r.map((x) => x.code), r.map((x) => x.nom), r.map((x) => x.zone)],
    );
    await m.query(
      `INSERT INTO departments (code, name, region_code, zone)
       SELECT * FROM unnest($1::varchar[], $2::text[], $3::varchar[], $4::text[])
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, region_code = EXCLUDED.region_code, zone = EXCLUDED.zone`,
      [d.map((x) => x.code), d.map((x) => x.nom), d.map((x) => x.region ?? null), d.map((x) => x.zone)],
    );
  });
}
