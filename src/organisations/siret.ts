/** La Poste's establishments share SIREN 356000000 and follow their own check (digit sum % 5). */
const LA_POSTE_SIREN = '356000000';

/** DOMAIN "Organisation": 14 digits, Luhn-checked, with La Poste's known exception. */
export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  if (luhn(siret)) return true;
  return siret.startsWith(LA_POSTE_SIREN) && [...siret].reduce((s, d) => s + Number(d), 0) % 5 === 0;
}

function luhn(siret: string): boolean {
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let d = Number(siret[13 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
