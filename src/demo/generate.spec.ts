import { generateDemoData } from './generate';
import { luhnValid } from './siret';

describe('demo data generator', () => {
  const secret = 'development-only-pseudonym-secret';
  const data = generateDemoData(secret);

  it('is deterministic: the same rows, ids included, on every run', () => {
    expect(JSON.stringify(generateDemoData(secret))).toEqual(JSON.stringify(data));
  });

  it('only changes person keys and codes with another pseudonym secret', () => {
    const other = generateDemoData('another-secret-of-16-chars');
    expect(other.hours_statements).toEqual(data.hours_statements);
    expect(other.beneficiaries[0].person_key).not.toEqual(data.beneficiaries[0].person_key);
  });

  it('gives every organisation a distinct SIRET that passes the Luhn check', () => {
    const sirets = data.organisations.map((o) => o.siret as string);
    expect(new Set(sirets).size).toBe(sirets.length);
    expect(sirets.filter((s) => !/^\d{14}$/.test(s) || !luhnValid(s))).toEqual([]);
  });

  it('puts exactly 136,000.00 validated hours on the Arena 92 contract', () => {
    const arena = data.contracts.find((c) => c.reference === 'ARENA-92');
    const hours = data.hours_statements.filter((s) => s.contract_id === arena?.id && s.status === 'validated')
      .reduce((sum, s) => sum + (s.hours_x100 as number), 0);
    expect(hours).toBe(13_600_000);
  });

  it('only writes statements on the first day of a month, at most one validated per assignment and month', () => {
    expect(data.hours_statements.filter((s) => !(s.month as string).endsWith('-01'))).toEqual([]);
    const validated = data.hours_statements.filter((s) => s.status === 'validated').map((s) => `${s.assignment_id}|${s.month}`);
    expect(new Set(validated).size).toBe(validated.length);
  });
});
