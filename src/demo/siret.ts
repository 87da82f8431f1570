/** Luhn sum of a digit string, the check SIRET numbers carry. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * A valid, made-up SIRET for the n-th demo organisation: a fixed prefix (9xx, no real SIREN starts
 * there in the demo's range), the number, and the Luhn check digit. Deterministic and unique per n.
 */
export function demoSiret(n: number): string {
  const body = `9${String(n).padStart(12, '0')}`;
  for (let c = 0; c < 10; c++) if (luhnValid(body + c)) return body + c;
  throw new Error('unreachable: one check digit always fits');
}
