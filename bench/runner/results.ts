import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { round } from './stats';

/** One line of the benchmark table. */
export interface BenchRow {
  scale: number;
  scenario: string;
  /** What the service did, in `unit`. */
  figure: number;
  unit: 'ms' | 's' | 'rows/s' | 'req/s' | 'MB' | '×';
  /** The same work done directly in PostgreSQL, measured in the same run (same unit), when there is one. */
  reference: number | null;
  /** figure ÷ reference: for a time, how many times slower than the database alone; for a rate, the share of its rate. */
  ratio: number | null;
  target: string;
  /** null: no target at this scale (growth rows). */
  pass: boolean | null;
  /** What else was measured (p50, p99, counts, plan). */
  detail: string;
}

export function row(r: Omit<BenchRow, 'ratio'> & { ratio?: number | null }): BenchRow {
  const ratio = r.ratio !== undefined ? r.ratio : r.reference ? round(r.figure / r.reference, 2) : null;
  return { ...r, figure: round(r.figure), reference: r.reference === null ? null : round(r.reference), ratio };
}

export function printTable(rows: BenchRow[], out: (line: string) => void): void {
  const header = ['scale', 'scenario', 'figure', 'reference', 'ratio', 'target', 'result'];
  const cells = rows.map((r) => [
    String(r.scale),
    r.scenario,
    `${r.figure.toLocaleString('en-US')} ${r.unit}`,
    r.reference === null ? '-' : `${r.reference.toLocaleString('en-US')} ${r.unit}`,
    r.ratio === null ? '-' : `${r.ratio}`,
    r.target,
    r.pass === null ? '-' : r.pass ? 'pass' : 'MISSED',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i])).join(' | ')} |`;
  out(line(header));
  out(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) out(line(c));
  out('');
  for (const r of rows) if (r.detail) out(`- scale ${r.scale}, ${r.scenario}: ${r.detail}`);
}

/** bench/results/<date>.json: the table and where it was measured. */
export function writeResults(rows: BenchRow[], machine: object): string {
  const dir = join(__dirname, '..', '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify({ measuredAt: new Date().toISOString(), machine, rows }, null, 2)}\n`);
  return file;
}
