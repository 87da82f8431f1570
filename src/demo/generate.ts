import { AUTHORITIES, ARENA, COMPANIES, CONTRACTS, ContractSpec, FACILITATORS, IDF_DEPARTMENTS, OPERATION_L15S } from './idf-catalogue';
import { addDays, DATA_AS_OF, minDate } from './demo-dates';
import { DemoContract, DemoTables, emptyTables } from './demo-tables';
import { generateArena } from './arena';
import { PeopleGenerator } from './people';
import { Prng } from './prng';
import { demoSiret } from './siret';
import { contractActivity, contractClauses } from './targets';

/** Changing the seed changes every figure of the demo (and the README's examples): don't. */
export const DEMO_SEED = 0x1de_f2026;

/**
 * Builds the whole Île-de-France demo in memory, deterministically for a given pseudonym secret
 * (person keys depend on it; nothing else does).
 */
export function generateDemoData(secret: string): DemoTables {
  const rng = new Prng(DEMO_SEED);
  const t = emptyTables();
  const ids = new Map<string, string>();
  const org = (key: string) => {
    const id = ids.get(key);
    if (!id) throw new Error(`Demo catalogue: unknown organisation ${key}`);
    return id;
  };
  let seq = 0;
  const addOrg = (key: string, row: Record<string, unknown>) => {
    const id = rng.uuid();
    ids.set(key, id);
    t.organisations.push({ id, siret: demoSiret(++seq), size: null, inclusion_type: 'none', department_codes: [], region_code: null, ...row } as DemoTables['organisations'][number]);
  };

  addOrg('macs', { kind: 'regional_mission', name: 'MACS Île-de-France (GIP Maximilien)', region_code: '11', department_codes: [...IDF_DEPARTMENTS] });
  for (const a of AUTHORITIES) addOrg(a.key, { kind: 'contracting_authority', name: a.name, department_codes: a.departments });
  for (const f of FACILITATORS) addOrg(f.key, { kind: 'facilitator_structure', name: f.name, department_codes: f.departments });
  for (const c of COMPANIES) addOrg(c.key, { kind: 'company', name: c.name, size: c.size, inclusion_type: c.inclusion, department_codes: c.departments });

  const operationId = rng.uuid();
  t.operations.push({ id: operationId, name: OPERATION_L15S.name, description: OPERATION_L15S.description, contracting_authority_id: org(OPERATION_L15S.authority) });

  const build = (spec: ContractSpec): DemoContract => {
    const dc: DemoContract = {
      id: rng.uuid(), spec, holderId: org(spec.holder), eligibleHoursByMonth: new Map(),
      parties: (spec.parties ?? []).map((p) => ({ companyId: org(p.company), companyKey: p.company, role: p.role, share: p.share })),
    };
    return dc;
  };
  const contracts = CONTRACTS.map(build);
  const arena = build(ARENA);

  const gpeFacilitator = org('fgpe');
  const people = new PeopleGenerator({
    rng, secret, t, org,
    facilitatorFor: (dep, gpe) => (gpe && ['92', '93', '94'].includes(dep) ? gpeFacilitator : org(`f${dep}`)),
  });
  // Interleave contracts so returning people move between departments and employers, as they do.
  const slots = contracts.flatMap((dc) => Array.from({ length: dc.spec.assignments }, (_, i) => ({ dc, i })));
  for (let i = slots.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [slots[i], slots[j]] = [slots[j], slots[i]];
  }
  slots.forEach(({ dc }, n) => people.assignForContract(dc, n < 20));
  generateArena(rng, people, arena, org('f92'), { holder: arena.holderId, etti: org('etti'), geiq: org('geiq'), ai: org('ai'), ett: org('ett') });

  for (const dc of [...contracts, arena]) {
    const { amountCents } = contractClauses(rng, t, dc);
    const s = dc.spec;
    t.contracts.push({
      id: dc.id, reference: s.reference, title: s.title, cpv_code: s.cpv, contracting_authority_id: org(s.authority),
      holder_id: dc.holderId, operation_id: s.operation ? operationId : null, amount_cents: amountCents,
      notification_date: addDays(s.start, -rng.int(20, 60)), start_date: s.start, end_date: s.end,
      execution_department_code: s.department, social_considerations: s.considerations,
    });
    for (const p of dc.parties) {
      t.contract_parties.push({
        id: rng.uuid(), contract_id: dc.id, company_id: p.companyId, role: p.role,
        subcontracted_amount_cents: Math.round((amountCents * p.share) / 100) * 100, declared_on: addDays(s.start, rng.int(10, 60)),
      });
    }
    contractActivity(rng, t, dc, amountCents, minDate(s.end, DATA_AS_OF));
  }
  return t;
}
