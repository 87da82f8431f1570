// Apart from the factories so the browser tests can use it without loading the entities.
/** A valid, unique SIRET: 13 random digits and the Luhn check digit. */
export function makeSiret(): string {
  const body = Array.from({ length: 13 }, () => Math.floor(Math.random() * 10)).join('');
  for (let c = 0; c < 10; c++) {
    const s = body + c;
    let sum = 0;
    for (let i = 0; i < 14; i++) {
      let d = Number(s[13 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 === 0) return s;
  }
  throw new Error('unreachable');
}
