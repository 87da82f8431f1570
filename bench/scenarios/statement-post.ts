import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { BenchRow, row } from '../runner/results';
import { postgresCpuSeconds, postgresCpuSince } from '../runner/service';
import { asSystem, withReferenceTable } from '../runner/writes';
import { round } from '../runner/stats';
import type { BenchContext } from './context';
import { IDF } from './scopes';

const CONNECTIONS = 16;
const DURATION_S = 30;
const REFERENCE_S = 10;

interface Slot {
  assignment_id: string;
  contract_id: string;
  month: string;
  department: string;
}

/**
 * Months without hours yet (the data stops in October 2026) of Île-de-France assignments, inside
 * their assignment's and contract's dates: each request declares a new one, 10 h (far under the legal
 * cap even for a person holding several assignments at once).
 */
async function freeSlots(ctx: BenchContext): Promise<Slot[]> {
  const { rows } = await ctx.pg.query<Slot>(`
    SELECT a.id AS assignment_id, a.contract_id, to_char(m.month, 'YYYY-MM') AS month, c.execution_department_code AS department
      FROM assignments a JOIN contracts c ON c.id = a.contract_id JOIN departments d ON d.code = c.execution_department_code
     CROSS JOIN generate_series('2026-11-01'::date, '2027-12-01', '1 month') AS m(month)
     WHERE d.region_code = $1 AND m.month >= date_trunc('month', a.start_date) AND (a.end_date IS NULL OR a.end_date >= m.month)
       AND m.month >= date_trunc('month', c.start_date) AND (c.end_date IS NULL OR c.end_date >= m.month)
       AND NOT EXISTS (SELECT 1 FROM hours_statements s WHERE s.assignment_id = a.id AND s.month = m.month)
     ORDER BY md5(a.id::text || m.month::text)`,
    [IDF],
  );
  return rows;
}

/**
 * Removes what the scenario wrote (as the system, so the pre-summed figures follow), leaving the data
 * set as generated: the statements, and the answers stored under their Idempotency-Keys (~20,000 a run).
 */
export async function removeFutureStatements(ctx: BenchContext): Promise<number> {
  return asSystem(ctx.ds, async (m) => {
    const [{ n }] = (await m.query(`WITH gone AS (DELETE FROM hours_statements WHERE month >= '2026-11-01' RETURNING 1) SELECT count(*)::int AS n FROM gone`)) as { n: number }[];
    await m.query(`DELETE FROM idempotency_keys WHERE scope LIKE 'POST /hours-statements as %' AND response_body->>'month' >= '2026-11'`);
    return n;
  });
}

/**
 * The reference: the same rows inserted by a prepared INSERT loop through pg, as many connections as
 * the load test, into a table of the same shape and indexes (no trigger, no check beyond the table's).
 */
async function referenceInsertRate(ctx: BenchContext, url: string, slots: Slot[]): Promise<number> {
  let next = 0;
  let inserted = 0;
  const until = Date.now() + REFERENCE_S * 1000;
  await withReferenceTable(ctx.pg, () => Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        while (Date.now() < until && next < slots.length) {
          const s = slots[next++];
          await client.query({
            name: 'reference-insert',
            text: `INSERT INTO bench_reference_statements (assignment_id, contract_id, month, hours_x100, source) VALUES ($1, $2, $3, $4, $5)`,
            values: [s.assignment_id, s.contract_id, `${s.month}-01`, 1000, 'company_statement'],
          });
          inserted++;
        }
      } finally {
        await client.end();
      }
    }),
  ));
  return inserted / REFERENCE_S;
}

/** CPU milliseconds per request of the API process and of PostgreSQL (all its processes, when on this machine). */
function cpuPerRequest(apiSeconds: number, postgresSeconds: number | null, requests: number): string {
  const ms = (seconds: number) => `${round((seconds * 1000) / Math.max(requests, 1), 2)} ms`;
  return `API ${ms(apiSeconds)}, PostgreSQL ${postgresSeconds === null ? 'not measured (server elsewhere)' : ms(postgresSeconds)}`;
}

/** POST /hours-statements sustained for 30 s by 16 connections, one facilitator per department. */
export async function statementPost(ctx: BenchContext, url: string): Promise<BenchRow> {
  await removeFutureStatements(ctx);
  const slots = await freeSlots(ctx);
  let next = 0;
  const tokens = new Map([...ctx.facilitators].map(([dep, user]) => [dep, user.authorization]));
  // What each request costs the two cores (the load generator takes the rest): where the rate's limit is.
  const cpuBefore = { api: ctx.api.cpuSeconds(), postgres: postgresCpuSeconds() };
  const result = await autocannon({
    url: ctx.baseUrl,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        method: 'POST',
        path: '/api/v1/hours-statements',
        setupRequest: (req) => {
          const s = slots[next++ % slots.length];
          return {
            ...req,
            headers: { 'content-type': 'application/json', authorization: tokens.get(s.department)!, 'idempotency-key': randomUUID() },
            body: JSON.stringify({ assignmentId: s.assignment_id, month: s.month, hours: 10, source: 'company_statement' }),
          };
        },
      },
    ],
  });
  const ok = result['2xx'];
  const cpu = cpuPerRequest(ctx.api.cpuSeconds() - cpuBefore.api, postgresCpuSince(cpuBefore.postgres, postgresCpuSeconds()), ok);
  const [{ n: written }] = (await ctx.pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM hours_statements WHERE month >= '2026-11-01'`)).rows;
  const [{ n: audited }] = (
    await ctx.pg.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log l JOIN hours_statements s ON l.entity_id = s.id::text WHERE l.entity = 'hours_statements' AND l.action = 'insert' AND s.month >= '2026-11-01'`,
    )
  ).rows;
  const removed = await removeFutureStatements(ctx);
  const rate = ok / DURATION_S;
  const reference = await referenceInsertRate(ctx, url, slots);
  return row({
    scale: ctx.scale,
    scenario: 'hours statement POST, 30 s sustained',
    figure: rate,
    unit: 'req/s',
    reference,
    target: '≥ 1,000/s, p99 ≤ 50 ms, ≥ 0.5 × reference',
    pass: rate >= 1000 && result.latency.p99 <= 50 && rate >= 0.5 * reference && result.non2xx === 0 && result.errors === 0,
    detail:
      `${ok} created (201), ${result.non2xx} other statuses, ${result.errors} errors, ${CONNECTIONS} connections; latency p50 ${result.latency.p50} ms, ` +
      `p99 ${result.latency.p99} ms, max ${result.latency.max} ms; CPU per request: ${cpu}; ${written} rows in the table, ${audited} audit entries; ${removed} removed after; ` +
      `reference: prepared INSERT loop, ${CONNECTIONS} connections, ${REFERENCE_S} s, ${round(reference)} rows/s`,
  });
}
