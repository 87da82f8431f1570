import { normaliseName, personCode, personKey } from './person-key';

const SECRET = 'a-test-secret-of-some-length';
const base = { lastName: 'Dupont', firstName: 'Élodie', birthDate: '1990-05-04' };

describe('person key', () => {
  it('ignores accents and case', () => {
    expect(personKey(SECRET, base)).toBe(personKey(SECRET, { ...base, firstName: 'ELODIE' }));
    expect(normaliseName('Élodie')).toBe('ELODIE');
  });

  it('treats hyphens, apostrophes and extra spaces as one space', () => {
    expect(personKey(SECRET, { ...base, lastName: 'Saint-Denis' })).toBe(personKey(SECRET, { ...base, lastName: 'saint denis' }));
    expect(personKey(SECRET, { ...base, lastName: "  N'Diaye   Ba " })).toBe(personKey(SECRET, { ...base, lastName: 'N’DIAYE BA' }));
    expect(normaliseName('  Jean--Pierre   ')).toBe('JEAN PIERRE');
  });

  it('spells ligatures out', () => {
    expect(normaliseName('Cœur')).toBe('COEUR');
  });

  it('differs when the birth date differs', () => {
    expect(personKey(SECRET, base)).not.toBe(personKey(SECRET, { ...base, birthDate: '1990-05-05' }));
  });

  it('does not confuse where the last name ends and the first name begins', () => {
    expect(personKey(SECRET, { ...base, lastName: 'AB', firstName: 'C' })).not.toBe(personKey(SECRET, { ...base, lastName: 'A', firstName: 'BC' }));
  });

  it('depends on the server secret', () => {
    expect(personKey(SECRET, base)).not.toBe(personKey('another-secret-of-some-length', base));
  });

  it('gives a 64-hex key and a short stable code', () => {
    const key = personKey(SECRET, base);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(personCode(key)).toBe(`B-${key.slice(0, 10).toUpperCase()}`);
    expect(personCode(key).length).toBeLessThanOrEqual(16);
  });
});
