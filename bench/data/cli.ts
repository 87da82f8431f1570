import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { BENCH_PASSWORD, writeAccounts } from './accounts';
import { CALIBRATION_DATE, DATA_AS_OF, HISTORY_START } from './calendar';
import { writeContracts } from './clauses';
import { generateContracts } from './contracts';
import { loaderClient, migrate, recreateDatabase } from './database';
import { generateOrganisations } from './organisations';
import { PeopleGenerator } from './people';
import { stream } from './random';
import { createSinks, TABLES } from './tables';
import { IDF, loadTerritory } from './territory';
import { verifyDatabase } from './verify';

const DEFAULT_DATABASE = 'clausier_bench';

interface Options {
  scale: number;
  seed: number;
  database: string;
  server: string;
  dryRun: boolean;
  verify: boolean;
  verifyOnly: boolean;
  vacuum: boolean;
}

const USAGE = `Usage: npm run bench:data -- --scale N [--seed S] [--database NAME] [--server postgres://user@host:port]
                          [--verify | --verify-only] [--no-vacuum] [--dry-run]
  --scale N        volume multiplier (1 = ~60,000 contracts, ~400,000 assignments, ~5 million statements)
  --seed S         integer seed (default 2026): the same seed and scale give the same rows
  --database NAME  database to DROP and recreate (default clausier_bench; its name must contain "bench")
  --server URL     PostgreSQL server (default $BENCH_PG_SERVER or postgres://postgres@127.0.0.1:5432)
  --verify         after loading, check every rule with SQL (slow at large scales)
  --verify-only    only check an already loaded database
  --no-vacuum      only ANALYZE after the load (default: VACUUM ANALYZE, so the benchmark starts from a settled table)
  --dry-run        generate without a database (counts and generation time only)`;

function parse(argv: string[]): Options {
  const o: Options = {
    scale: NaN, seed: 2026, database: DEFAULT_DATABASE, server: process.env.BENCH_PG_SERVER ?? 'postgres://postgres@127.0.0.1:5432',
    dryRun: false, verify: false, verifyOnly: false, vacuum: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--scale') o.scale = Number(value());
    else if (a === '--seed') o.seed = Number(value());
    else if (a === '--database') o.database = value();
    else if (a === '--server') o.server = value().replace(/\/+$/, '');
    else if (a === '--dry-run') o.dryRun = true;
    else if (a === '--verify') o.verify = true;
    else if (a === '--verify-only') o.verifyOnly = true;
    else if (a === '--no-vacuum') o.vacuum = false;
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (!o.verifyOnly && !(o.scale > 0 && o.scale <= 20)) throw new Error('--scale must be a number in (0, 20]');
  if (!Number.isSafeInteger(o.seed)) throw new Error('--seed must be an integer');
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(o.database) || !o.database.includes('bench')) {
    throw new Error('--database must be a lowercase identifier containing "bench" (it is dropped and recreated)');
  }
  return o;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const thousands = (n: number | string) => Number(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const o = parse(process.argv.slice(2));
  const url = `${o.server}/${o.database}`;
  if (o.verifyOnly) {
    const broken = await verifyDatabase(url, console.log);
    process.exitCode = broken ? 1 : 0;
    return;
  }
  const t0 = Date.now();
  const log = (m: string) => console.log(`[${seconds(Date.now() - t0).padStart(7)}] ${m}`);
  log(`Benchmark data: scale ${o.scale}, seed ${o.seed}, ${o.dryRun ? 'dry run (no database)' : `database ${o.database}`}; history ${HISTORY_START} to ${DATA_AS_OF}`);
  const territory = loadTerritory();

  let migrateMs = 0;
  const clients: Client[] = [];
  if (!o.dryRun) {
    await recreateDatabase(o.server, o.database);
    const m0 = Date.now();
    await migrate(url);
    migrateMs = Date.now() - m0;
    log(`Database ${o.database} created and migrated, territories synced (${seconds(migrateMs)})`);
    for (let i = 0; i < TABLES.length; i++) clients.push(await loaderClient(url));
  }
  const sinks = createSinks((t) => clients[TABLES.indexOf(t)] ?? null);
  const g0 = Date.now();

  const orgs = await generateOrganisations(stream(o.seed, 'organisations'), territory, o.scale, sinks);
  const contracts = generateContracts(stream(o.seed, 'contracts'), territory, orgs, o.scale);
  log(`${thousands(orgs.all.length)} organisations, ${thousands(contracts.length)} contracts drawn`);

  const people = new PeopleGenerator(stream(o.seed, 'people'), territory, orgs, contracts, sinks);
  await people.generate(Math.round(400000 * o.scale), (done, total) => {
    const mb = Math.round(process.memoryUsage().rss / 1e6);
    log(`  assignments ${thousands(done)} / ${thousands(total)} slots, ${thousands(sinks.hours_statements.rows)} statements (${mb} MB)`);
  });
  for (const t of ['beneficiaries', 'eligibility_criteria', 'assignments', 'hours_statements'] as const) await sinks[t].end();
  log(`People loaded: ${thousands(people.stats.persons)} people, ${thousands(people.stats.assignments)} assignments (${thousands(people.stats.concurrent)} held at the same time as another), ${thousands(people.stats.secondRegistrations)} registrations by a second structure`);

  const clauseStats = await writeContracts(stream(o.seed, 'clauses'), contracts, sinks);
  const accounts = await writeAccounts(stream(o.seed, 'accounts'), territory, orgs, contracts, sinks);
  for (const t of TABLES) await sinks[t].end();
  const loadMs = Date.now() - g0;
  log(`Contracts, clauses and activity loaded: insertion clauses ${JSON.stringify(clauseStats.insertion)}, ${clauseStats.amendments} amended, ${clauseStats.sme} SME share, ${clauseStats.reserved} reserved`);

  console.log(`\n${'table'.padEnd(28)}${'rows'.padStart(12)}${'MB sent'.padStart(10)}${'copy span'.padStart(12)}`);
  for (const t of TABLES) {
    const s = sinks[t];
    const span = s.startedAt ? seconds(s.endedAt - s.startedAt) : '-';
    console.log(`${t.padEnd(28)}${thousands(s.rows).padStart(12)}${(s.bytes / 1e6).toFixed(1).padStart(10)}${span.padStart(12)}`);
  }
  console.log('(tables load side by side, one connection each: a span runs from its first row to the end of its COPY)');

  if (o.dryRun) {
    log(`Generated in ${seconds(loadMs)} (dry run: nothing loaded)`);
    return;
  }
  for (const c of clients) await c.end();

  const admin = new Client({ connectionString: url });
  await admin.connect();
  // The load bypassed the triggers that keep the pre-summed figures: fill them from the raw rows, as a
  // restore would. Still as a replica session, so the assignments' flags are not written to the audit log.
  const r0 = Date.now();
  await admin.query(`SET session_replication_role = replica`);
  await admin.query(`SELECT rebuild_aggregates()`);
  await admin.query(`SET session_replication_role = DEFAULT`);
  log(`Pre-summed figures rebuilt in ${seconds(Date.now() - r0)}`);
  const a0 = Date.now();
  await admin.query(o.vacuum ? 'VACUUM (ANALYZE)' : 'ANALYZE');
  const analyzeMs = Date.now() - a0;
  log(`${o.vacuum ? 'VACUUM (ANALYZE)' : 'ANALYZE'} in ${seconds(analyzeMs)}`);

  const counts = (await admin.query<{ t: string; n: string }>(TABLES.map((t) => `SELECT '${t}' AS t, count(*)::text AS n FROM "${t}"`).join(' UNION ALL '))).rows;
  const [figures] = (await admin.query<Record<string, string>>(`
    SELECT SUM(s.hours_x100) FILTER (WHERE s.status = 'validated') AS validated,
      SUM(s.hours_x100) FILTER (WHERE s.status = 'declared') AS pending,
      count(*) AS statements, count(*) FILTER (WHERE d.region_code = $1) AS idf_statements,
      SUM(s.hours_x100) FILTER (WHERE s.status = 'validated' AND d.region_code = $1) AS idf_validated
    FROM hours_statements s JOIN contracts c ON c.id = s.contract_id JOIN departments d ON d.code = c.execution_department_code`, [IDF])).rows;
  const [size] = (await admin.query<{ size: string }>(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`)).rows;
  await admin.end();

  console.log(`\nRows in ${o.database}:`);
  for (const { t, n } of counts) console.log(`  ${t.padEnd(28)}${thousands(n).padStart(12)}`);
  const h = (x100: string) => thousands(Math.round(Number(x100) / 100));
  console.log(`Validated hours: ${h(figures.validated)} h (pending ${h(figures.pending)} h)`);
  console.log(`Île-de-France: ${(100 * Number(figures.idf_statements) / Number(figures.statements)).toFixed(1)} % of statements, ${(100 * Number(figures.idf_validated) / Number(figures.validated)).toFixed(1)} % of validated hours`);
  console.log(`Database size: ${size.size}`);
  console.log(`Times: migrations ${seconds(migrateMs)}, generation + COPY ${seconds(loadMs)}, ${o.vacuum ? 'VACUUM ANALYZE' : 'ANALYZE'} ${seconds(analyzeMs)}, total ${seconds(Date.now() - t0)}`);

  const accountsName = o.database === DEFAULT_DATABASE ? 'accounts.json' : `accounts.${o.database}.json`;
  const accountsFile = join(__dirname, '..', '..', '..', 'bench', 'data', accountsName);
  writeFileSync(accountsFile, `${JSON.stringify({
    database: o.database, url, scale: o.scale, seed: o.seed, dataAsOf: DATA_AS_OF, calibrationDate: CALIBRATION_DATE,
    password: BENCH_PASSWORD, accounts,
  }, null, 2)}\n`);
  console.log(`\nAccounts (password ${BENCH_PASSWORD}; also in bench/data/${accountsName}):`);
  for (const a of accounts) console.log(`  ${a.role.padEnd(15)} ${a.email.padEnd(36)} ${a.organisationName ?? ''}${a.contracts ? ` (${a.contracts} IdF contracts)` : ''}`);

  if (o.verify) {
    log('Verifying...');
    const broken = await verifyDatabase(url, console.log);
    log(broken ? `${broken} rule(s) broken` : 'Every rule holds');
    process.exitCode = broken ? 1 : 0;
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  if (e instanceof Error && !e.message.startsWith('--') && e.stack) console.error(e.stack);
  console.error(USAGE.split('\n')[0]);
  process.exit(1);
});
