import { isValidSiret } from './siret';

describe('SIRET check', () => {
  it('accepts a Luhn-valid SIRET', () => expect(isValidSiret('73282932000074')).toBe(true));
  it('refuses a wrong check digit', () => expect(isValidSiret('73282932000075')).toBe(false));
  it('refuses anything but 14 digits', () => {
    expect(isValidSiret('7328293200007')).toBe(false);
    expect(isValidSiret('7328293200007A')).toBe(false);
  });
  it("accepts La Poste's establishments by digit sum multiple of 5", () => {
    expect(isValidSiret('35600000000001')).toBe(true); // Luhn fails, digit sum 15
    expect(isValidSiret('35600000000002')).toBe(false); // digit sum 16
    expect(isValidSiret('35600000000048')).toBe(true); // the head office passes Luhn
  });
});
