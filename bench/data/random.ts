import { Prng } from '../../src/demo/prng';

/** A separate generator per part of the data, so that changing one part leaves the others' rows as they were. */
export function stream(seed: number, name: string): Prng {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return new Prng(h);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex32 = (x: number) => HEX[x >>> 24] + HEX[(x >>> 16) & 255] + HEX[(x >>> 8) & 255] + HEX[x & 255];
const u32 = (rng: Prng) => Math.floor(rng.next() * 4294967296) >>> 0;

/** A version-4-shaped UUID from four draws (Prng.uuid draws sixteen: too slow for millions of rows). */
export function uuid(rng: Prng): string {
  const a = hex32(u32(rng));
  const b = hex32(u32(rng));
  const c = hex32(((u32(rng) & 0x3fffffff) | 0x80000000) >>> 0);
  const d = hex32(u32(rng));
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${c.slice(0, 4)}-${c.slice(4)}${d}`;
}

/** Standard normal draw (Box-Muller). */
export function normal(rng: Prng): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

export const logNormal = (rng: Prng, median: number, sigma: number) => median * Math.exp(sigma * normal(rng));

/** Rounds x up or down at random so that the expected value is x (counts that add up across many draws). */
export function stochasticRound(rng: Prng, x: number): number {
  const f = Math.floor(x);
  return f + (rng.next() < x - f ? 1 : 0);
}

/** Splits `total` into integer parts proportional to weights, each at least `floor` (largest remainders). */
export function apportion(total: number, weights: number[], floor = 0): number[] {
  const rest = Math.max(0, total - floor * weights.length);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (rest * w) / sum);
  const parts = exact.map((x) => Math.floor(x));
  let left = rest - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((p, q) => q[0] - p[0] || p[1] - q[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i]++;
    left--;
  }
  return parts.map((p) => p + floor);
}

/** Draws indexes by weight in O(log n) (cumulative sums and a binary search). */
export class WeightedPicker {
  private readonly cumulative: Float64Array;

  constructor(weights: ArrayLike<number>) {
    this.cumulative = new Float64Array(weights.length);
    let s = 0;
    for (let i = 0; i < weights.length; i++) {
      s += weights[i];
      this.cumulative[i] = s;
    }
  }

  get size(): number {
    return this.cumulative.length;
  }

  pick(rng: Prng): number {
    const c = this.cumulative;
    const r = rng.next() * c[c.length - 1];
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/** Zipf-like weights 1/(i+1)^s: a few big ones and a long tail, as organisations are. */
export const zipf = (n: number, s = 0.9) => Array.from({ length: n }, (_, i) => 1 / Math.pow(i + 1, s));
